import { quizCaveats, type Caveat, type LmsFormat } from '../quiz/export/caveats';
import { quizCaveatsKept, quizCaveatsUsed } from '../quiz/loaded-store';
import { defaultGenerators } from '../quiz/generators/registry';
import type { Quiz } from '../quiz/types';

/**
 * What the instructors page says about a quiz in one LMS format, with `variants` variants of each
 * parametric question and the course's own generators (src/quiz/export/caveats.ts). Drawing those
 * variants is most of that page's work, and the answer depends only on the quiz and the code, so it
 * is worked out once per build and kept between builds (src/lib/quiz-cache.ts). Each caller gets its
 * own copy.
 */
export function courseQuizCaveats(quiz: Quiz, format: LmsFormat, variants: number): Caveat[] {
  const key = JSON.stringify([format, variants, quiz]);
  const store = quizCaveatsKept();
  let caveats = store.get(key);
  if (!caveats) store.set(key, (caveats = quizCaveats(quiz, format, { variants, generators: defaultGenerators })));
  quizCaveatsUsed().add(key);
  return structuredClone(caveats);
}
