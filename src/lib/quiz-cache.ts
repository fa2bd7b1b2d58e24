/**
 * Keeps the quizzes as loaded (src/quiz/load.ts: YAML, schema, cross-checks, samples of every
 * generated question) and the instructors page's notes on each quiz (src/lib/quizzes.ts) between
 * builds, like the labs as read (src/lab/reads-cache.ts, src/lib/kept-between-builds.ts): in a rebuild
 * the content check keeps its verdict on an unchanged quiz and does not load it, so the pages were
 * the first to, and the instructors page drew every parametric question's variants again. Kept in
 * `<cacheDir>/course-quizzes.json` and `course-quiz-caveats.json`, stamped with the code
 * fingerprint. Node only.
 */
import type { Caveat } from '../quiz/export/caveats';
import type { QuizLoadResult } from '../quiz/load';
import { loadedQuizzes, loadedQuizzesUsed, quizCaveatsKept, quizCaveatsUsed } from '../quiz/loaded-store';
import { keepBetweenBuilds } from './kept-between-builds';

const parsed = (key: string): unknown => {
  try {
    return JSON.parse(key);
  } catch {
    return undefined;
  }
};
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A loaded quiz the store can hold for `key` (`JSON.stringify([file, text, known lessons or null])`): only one that loaded. */
function isLoadedQuiz(key: string, value: unknown): value is QuizLoadResult {
  const k = parsed(key);
  if (!Array.isArray(k) || k.length !== 3 || typeof k[0] !== 'string' || typeof k[1] !== 'string' || !(k[2] === null || (Array.isArray(k[2]) && k[2].every((l) => typeof l === 'string')))) return false;
  const quiz = isObject(value) && value['ok'] === true ? value['value'] : undefined;
  return isObject(quiz) && typeof quiz['id'] === 'string' && Array.isArray(quiz['questions']);
}

/** Notes the store can hold for `key` (`JSON.stringify([format, variants, quiz])`). */
function isCaveats(key: string, value: unknown): value is Caveat[] {
  const k = parsed(key);
  if (!Array.isArray(k) || k.length !== 3 || typeof k[0] !== 'string' || typeof k[1] !== 'number' || !isObject(k[2])) return false;
  return Array.isArray(value) && value.every((c) => isObject(c) && typeof c['text'] === 'string' && (c['questionId'] === null || typeof c['questionId'] === 'string'));
}

/** Puts what `files` keep (when made by the same code) into this process's stores; `save` writes back what this build used. */
export function keepQuizzes(files: { quizzes: string; caveats: string }, fingerprint: string, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  const quizzes = keepBetweenBuilds(files.quizzes, `course-quizzes/1 ${fingerprint}`, { kind: 'a quiz cache', without: 'loading every quiz' }, { store: loadedQuizzes(), used: loadedQuizzesUsed() }, isLoadedQuiz, say);
  const caveats = keepBetweenBuilds(files.caveats, `course-quiz-caveats/1 ${fingerprint}`, { kind: 'a quiz notes cache', without: 'working out every quiz note' }, { store: quizCaveatsKept(), used: quizCaveatsUsed() }, isCaveats, say);
  return {
    loaded: quizzes.loaded,
    save() {
      quizzes.save();
      caveats.save();
    },
  };
}
