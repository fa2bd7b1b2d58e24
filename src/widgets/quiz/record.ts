/**
 * How taking a quiz changes its saved record (src/progress/quizzes.ts): a new attempt, the answers
 * so far, a graded result. Pure functions on the slice value, plus `updateQuizzes` which reads,
 * applies one of them and writes back. Kept apart from the slice so pages that only show scores
 * do not load them.
 */
import { writeSlice, type KeyValueStore } from '../../progress/store';
import {
  trimHistory,
  quizRecord,
  quizzesSlice,
  readQuizzes,
  type AttemptResult,
  type QuizzesProgress,
  type StoredResponse,
} from '../../progress/quizzes';

export { MAX_HISTORY } from '../../progress/quizzes';

/** A new attempt with this seed and no answers; the history stays. `at` (ISO) is when, for "continue where you left off". */
export function withNewAttempt(all: QuizzesProgress, id: string, seed: string, at?: string): QuizzesProgress {
  const rec = quizRecord(all, id);
  return { ...all, [id]: { ...rec, current: { seed, responses: {}, position: 0, submitted: false, ...(at ? { at } : {}) } } };
}

/** The answers so far and the question on screen, for the attempt in progress (ignored when there is none). */
export function withAnswers(all: QuizzesProgress, id: string, responses: Record<string, StoredResponse>, position: number, at?: string): QuizzesProgress {
  const rec = quizRecord(all, id);
  if (!rec.current || rec.current.submitted) return all;
  return { ...all, [id]: { ...rec, current: { ...rec.current, responses, position, ...(at ? { at } : {}) } } };
}

/**
 * One more checked try of question `questionId` (per-question quizzes), with the answers as they are
 * now. Ignored when there is no attempt in progress or the question already has `maxTries` tries.
 */
export function withTry(
  all: QuizzesProgress,
  id: string,
  questionId: string,
  response: StoredResponse,
  responses: Record<string, StoredResponse>,
  maxTries: number,
  at?: string,
): QuizzesProgress {
  const rec = quizRecord(all, id);
  if (!rec.current || rec.current.submitted) return all;
  const tries = rec.current.tries ?? {};
  const before = Object.hasOwn(tries, questionId) ? tries[questionId]! : [];
  if (before.length >= maxTries) return all;
  return {
    ...all,
    [id]: { ...rec, current: { ...rec.current, responses, tries: { ...tries, [questionId]: [...before, response] }, ...(at ? { at } : {}) } },
  };
}

/** Marks the attempt in progress submitted and adds its result to the history (trimmed, keeping the best). */
export function withResult(all: QuizzesProgress, id: string, result: AttemptResult): QuizzesProgress {
  const rec = quizRecord(all, id);
  const history = trimHistory([...rec.history, result]);
  const current = rec.current && rec.current.seed === result.seed ? { ...rec.current, submitted: true, at: result.at } : rec.current;
  return { ...all, [id]: { current, history } };
}

/**
 * What could not be stored, per store: once a write fails, later changes build on this in-memory
 * value, not on the older stored one, so nothing answered is dropped; the next write that succeeds
 * stores all of it. Until then the view warns and offers to download it (`unsavedQuizzes`).
 */
const unsaved = new WeakMap<object, QuizzesProgress>();
const DEFAULT_STORE = {};

/** Reads (or takes the unsaved value), changes and writes back; returns the new value and whether the browser stored it. */
export function updateQuizzes(change: (all: QuizzesProgress) => QuizzesProgress, store?: KeyValueStore): { value: QuizzesProgress; saved: boolean } {
  const key = store ?? DEFAULT_STORE;
  const value = change(unsaved.get(key) ?? readQuizzes(store));
  const saved = writeSlice(quizzesSlice, value, store);
  if (saved) unsaved.delete(key);
  else unsaved.set(key, value);
  return { value, saved };
}

/** The quiz progress this page holds but could not store, if any. */
export const unsavedQuizzes = (store?: KeyValueStore): QuizzesProgress | undefined => unsaved.get(store ?? DEFAULT_STORE);
