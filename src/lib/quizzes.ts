import { getCollection, render } from 'astro:content';
import { closest, knownList } from '../sim/core';
import { loadQuiz, type Quiz } from '../quiz';
import { loadContent, type Lesson } from './content';
import { ContentError } from './content-error';
import { lessonUrl, url } from './urls';

/** Every quiz file, as text, at build time. */
const files = import.meta.glob<string>('/content/quizzes/*.yaml', { query: '?raw', import: 'default', eager: true });

export interface CourseQuiz {
  quiz: Quiz;
  /** `content/quizzes/<name>.yaml`, for messages. */
  file: string;
  lesson: Lesson;
}

/**
 * Where a question's "review this" link goes: lesson id → title, page URL (the view adds `#anchor`)
 * and the titles of the sections the quiz links to (anchor → heading text).
 */
export type LessonLinks = Record<string, { title: string; href: string; sections: Record<string, string> }>;

/** Ids every lesson page has besides its headings (src/pages/lessons/[id].astro). */
const PAGE_IDS = ['objectives', 'key-takeaways', 'reflection', 'quiz'];

let cache: Promise<CourseQuiz[]> | undefined;
/** How many LMS-only quizzes the files hold (the instructors page says how many, never which). */
let lmsOnly = 0;
/** Lesson id → heading id → heading text, filled by loadQuizzes. */
const headingTexts = new Map<string, Map<string, string>>();

/**
 * Every quiz the site shows, from `content/quizzes/*.yaml`, validated by `loadQuiz` (the build
 * fails with file and question id), in lesson order. Also checked here, because only the site knows
 * them: each quiz names a lesson that exists, no two quizzes share an id, no two site quizzes share a
 * lesson, and every `lesson: "#anchor"` a question links to is a heading (or other id) of that
 * lesson. Quizzes of draft lessons are left out of a production build, like the lessons. LMS-only
 * quizzes (`lmsOnly: true`) are checked the same way and then left out: no page shows them, their
 * questions or their keys (`npm run export` reads the files itself).
 */
export function loadQuizzes(): Promise<CourseQuiz[]> {
  cache ??= (async () => {
    const { lessons } = await loadContent();
    const all = await getCollection('lessons');
    const knownLessons = all.map((l) => l.id);
    const loaded = Object.entries(files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text]) => {
        const file = path.slice(1);
        const result = loadQuiz(text, file, { knownLessons });
        if (!result.ok) throw new ContentError(result.messages);
        return { file, quiz: result.value };
      });
    // Only the lessons a question links into by "#anchor" are rendered here for their headings: a
    // render loads the lesson's compiled module, and doing it for every lesson cost the build time
    // and memory for each lesson added (tests/bench/build.bench.ts).
    const linked = new Set(loaded.flatMap(({ quiz }) => quiz.questions.flatMap((q) => (q.lesson?.anchor ? [q.lesson.lesson] : []))));
    const anchors = new Map<string, string[]>();
    for (const entry of all.filter((e) => linked.has(e.id))) {
      const { headings } = await render(entry);
      headingTexts.set(entry.id, new Map(headings.map((h) => [h.slug, h.text])));
      const bodyIds = [...(entry.body ?? '').matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
      anchors.set(entry.id, [...PAGE_IDS, ...headings.map((h) => h.slug), ...bodyIds]);
    }
    const byId = new Map<string, string>();
    const byLesson = new Map<string, string>();
    const out: CourseQuiz[] = [];
    for (const { file, quiz } of loaded) {
      const fail = (where: (string | number)[], message: string, hint?: string) => {
        throw ContentError.of([{ path: where, message, ...(hint ? { hint } : {}) }], file);
      };
      if (byId.has(quiz.id)) fail(['id'], `quiz id "${quiz.id}" is also used by ${byId.get(quiz.id)}`, 'Give each quiz its own id: it names the quiz page and the export files');
      if (!quiz.lmsOnly && byLesson.has(quiz.lesson)) fail(['lesson'], `lesson "${quiz.lesson}" already has a quiz (${byLesson.get(quiz.lesson)})`, 'A lesson ends with one quiz; merge the two files, or mark one lmsOnly: true');
      byId.set(quiz.id, file);
      if (!quiz.lmsOnly) byLesson.set(quiz.lesson, file);
      quiz.questions.forEach((q, i) => {
        const link = q.lesson;
        if (!link?.anchor) return;
        const known = anchors.get(link.lesson) ?? [];
        if (!known.includes(link.anchor)) {
          const guess = closest(link.anchor, known);
          fail(
            ['questions', i, 'lesson'],
            `question "${q.id}" links to "#${link.anchor}", which is not a section of lesson "${link.lesson}"`,
            guess ? `Did you mean "#${guess}"?` : `Use a heading's id ${knownList(known, 8)}`,
          );
        }
      });
      const lesson = lessons.find((l) => l.id === quiz.lesson);
      if (quiz.lmsOnly) lmsOnly++;
      else if (lesson) out.push({ quiz, file, lesson });
    }
    return out.sort((a, b) => lessons.indexOf(a.lesson) - lessons.indexOf(b.lesson));
  })();
  return cache;
}

export async function lmsOnlyQuizCount(): Promise<number> {
  await loadQuizzes();
  return lmsOnly;
}

export async function quizForLesson(lessonId: string): Promise<CourseQuiz | undefined> {
  return (await loadQuizzes()).find((q) => q.lesson.id === lessonId);
}

/** Title and URL of every lesson a quiz's questions link back to. */
export async function lessonLinksFor(quiz: Quiz): Promise<LessonLinks> {
  const { lessons } = await loadContent();
  await loadQuizzes();
  const links: LessonLinks = {};
  const targets = [{ lesson: quiz.lesson, anchor: undefined as string | undefined }, ...quiz.questions.flatMap((q) => (q.lesson ? [q.lesson] : []))];
  for (const t of targets) {
    const l = lessons.find((x) => x.id === t.lesson);
    if (!l) continue;
    const entry = (links[l.id] ??= { title: l.data.title, href: lessonUrl(l.id), sections: {} });
    const text = t.anchor ? headingTexts.get(l.id)?.get(t.anchor) : undefined;
    if (t.anchor && text) entry.sections[t.anchor] = text;
  }
  return links;
}

/** Number of questions a student answers (a parametric entry is one question). */
export const questionCount = (quiz: Quiz): number => quiz.questions.length;

export const quizUrl = (id: string): string => url(`quizzes/${id}/`);
