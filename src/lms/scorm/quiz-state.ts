/**
 * A quiz package's `cmi.suspend_data` (SPEC S5): the attempt's seed (so a relaunch shows the
 * same variant), the answers so far, the question on screen, and the result once submitted.
 * Checked on read with the site's own progress rules (src/progress/quizzes.ts). When the answers
 * do not fit in 4,096 characters even deflated, they are left out and the resumed attempt says
 * so; the seed, the position and the result always fit.
 */
import { quizzesSlice, type AttemptResult, type QuizRecord, type StoredResponse } from '../../progress/quizzes';
import { fits, pack, unpack } from './suspend-data';

export interface QuizSaved {
  record: QuizRecord;
  /** Set when earlier answers could not be kept (they did not fit). */
  lost: boolean;
}

interface Payload {
  v: 1;
  seed: string;
  responses: Record<string, StoredResponse>;
  position: number;
  submitted: boolean;
  result: AttemptResult | null;
  /** Per-question quizzes: the responses checked, per question (the score is recomputed from them). */
  tries?: Record<string, StoredResponse[]>;
  lost?: true;
}

export function encodeQuiz(record: QuizRecord, lostBefore = false): string {
  const current = record.current;
  if (!current) return '';
  const result = record.history.findLast((a) => a.seed === current.seed) ?? null;
  const payload: Payload = {
    v: 1,
    seed: current.seed,
    responses: current.responses,
    position: current.position,
    submitted: current.submitted,
    result,
    ...(current.tries ? { tries: current.tries } : {}),
    ...(lostBefore ? { lost: true } : {}),
  };
  const full = pack(JSON.stringify(payload));
  if (fits(full)) return full;
  // The tries decide the score, so they go last: first the answers in progress, then the tries.
  const lighter = pack(JSON.stringify({ ...payload, responses: {}, lost: true }));
  if (fits(lighter)) return lighter;
  return pack(JSON.stringify({ ...payload, responses: {}, tries: {}, lost: true }));
}

export type QuizRead = { saved: QuizSaved | null; problem: string | null };

/** The saved attempt of quiz `quizId`, or why there is none ("" → a first launch, no problem). */
export function decodeQuiz(text: string, quizId: string): QuizRead {
  const u = unpack(text);
  if (!u.ok) return { saved: null, problem: u.reason === 'empty' ? null : 'Your saved answers could not be read, so the quiz starts again.' };
  const p = u.value as Partial<Payload> | null;
  if (!p || typeof p !== 'object' || p.v !== 1) return { saved: null, problem: 'Your saved answers could not be read, so the quiz starts again.' };
  const record = {
    current: { seed: p.seed, responses: p.responses, position: p.position, submitted: p.submitted, ...(p.tries !== undefined ? { tries: p.tries } : {}) },
    history: p.result ? [p.result] : [],
  };
  const checked = quizzesSlice.check({ [quizId]: record });
  if (typeof checked === 'string') return { saved: null, problem: 'Your saved answers could not be read, so the quiz starts again.' };
  return { saved: { record: checked[quizId]!, lost: p.lost === true }, problem: null };
}
