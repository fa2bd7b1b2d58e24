import type { Catalog } from '../progress/summary';
import { loadContent } from './content';
import { labUrl, loadLabs } from './labs';
import { loadQuizzes, quizUrl } from './quizzes';
import { lessonUrl } from './urls';

/** What the progress summary counts, in course order: every lesson, site quiz and lab. */
export async function progressCatalog(): Promise<Catalog> {
  const { lessons } = await loadContent();
  const quizzes = await loadQuizzes();
  const labs = await loadLabs();
  return {
    lessons: lessons.map((l) => ({ id: l.id, title: l.data.title, href: lessonUrl(l.id) })),
    quizzes: quizzes.map(({ quiz }) => ({ id: quiz.id, title: quiz.title, href: quizUrl(quiz.id), pass: quiz.passingScore })),
    labs: labs.map(({ compiled: { lab } }) => ({ id: lab.id, title: lab.title, href: labUrl(lab.id) })),
  };
}
