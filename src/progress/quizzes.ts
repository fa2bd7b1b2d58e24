import { isRecord, readSlice, writeSlice, type KeyValueStore, type Slice } from './store';

/**
 * Quiz progress per quiz id: the attempt in progress (its seed, so a reload shows the same variant,
 * and the answers so far) and the history of submitted attempts (best and last are read from it).
 * Kept small on purpose: the course home and the quizzes page read it on load.
 */

/** What a student answered, as the quiz engine takes it (src/quiz: option id, ids, boolean, typed text, pair → choice). */
export type StoredResponse = string | number | boolean | string[] | Record<string, string | null>;

export interface AttemptResult {
  seed: string;
  /** ISO date-time of submission. */
  at: string;
  /** Weighted score 0..1. */
  score: number;
  earned: number;
  possible: number;
  passed: boolean;
}

export interface CurrentAttempt {
  seed: string;
  /** Question id → response; questions not answered yet are absent. */
  responses: Record<string, StoredResponse>;
  /** Question shown in one-at-a-time mode (0-based). */
  position: number;
  /** Set once the attempt is graded: a reload then shows its feedback, "Retry" starts a new one. */
  submitted: boolean;
}

export interface QuizRecord {
  current: CurrentAttempt | null;
  /** Oldest first. */
  history: AttemptResult[];
}

export type QuizzesProgress = Record<string, QuizRecord>;

/** History beyond this is trimmed, oldest first, always keeping the best attempt. */
export const MAX_HISTORY = 50;
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_TEXT = 2000;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isDate = (v: unknown) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const isFraction = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const isAmount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isResponse(v: unknown): v is StoredResponse {
  if (typeof v === 'boolean' || isText(v)) return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.length <= 100 && v.every(isText);
  return isRecord(v) && Object.keys(v).length <= 100 && Object.values(v).every((x) => x === null || isText(x));
}

function checkAttempt(a: unknown): string | undefined {
  if (!isRecord(a)) return 'an attempt is not a mapping';
  if (!isText(a.seed) || a.seed === '') return 'an attempt has no seed';
  if (!isDate(a.at)) return 'an attempt has no valid date';
  if (!isFraction(a.score) || !isAmount(a.earned) || !isAmount(a.possible) || typeof a.passed !== 'boolean') return 'an attempt has an invalid score';
  return undefined;
}

function checkCurrent(c: unknown): string | undefined {
  if (c === null) return undefined;
  if (!isRecord(c) || !isText(c.seed) || c.seed === '') return 'the attempt in progress has no seed';
  if (!Number.isInteger(c.position) || (c.position as number) < 0) return 'the attempt in progress has no valid position';
  if (typeof c.submitted !== 'boolean') return 'the attempt in progress has no submitted flag';
  if (!isRecord(c.responses)) return 'the answers so far are not a mapping';
  for (const [id, r] of Object.entries(c.responses)) if (!ID.test(id) || !isResponse(r)) return `the answer to "${id.slice(0, 40)}" cannot be read`;
  return undefined;
}

export const quizzesSlice: Slice<QuizzesProgress> = {
  key: 'quizzes',
  version: 1,
  empty: () => ({}),
  check: (data) => {
    if (!isRecord(data)) return 'expected a mapping of quiz ids';
    for (const [id, rec] of Object.entries(data)) {
      if (!ID.test(id)) return `"${id.slice(0, 40)}" is not a quiz id`;
      if (!isRecord(rec) || !Array.isArray(rec.history) || !('current' in rec)) return `quiz "${id}" has no history`;
      const problem = checkCurrent(rec.current) ?? rec.history.map(checkAttempt).find(Boolean);
      if (problem) return `quiz "${id}": ${problem}`;
    }
    return data as QuizzesProgress;
  },
};

const EMPTY: QuizRecord = { current: null, history: [] };

export const quizRecord = (all: QuizzesProgress, id: string): QuizRecord => all[id] ?? EMPTY;

/** The highest score; the earliest of equal scores (when it was first reached). */
export function bestAttempt(record: QuizRecord): AttemptResult | null {
  return record.history.reduce<AttemptResult | null>((best, a) => (best === null || a.score > best.score ? a : best), null);
}

export const lastAttempt = (record: QuizRecord): AttemptResult | null => record.history.at(-1) ?? null;

/** A new attempt with this seed and no answers; the history stays. */
export function withNewAttempt(all: QuizzesProgress, id: string, seed: string): QuizzesProgress {
  const rec = quizRecord(all, id);
  return { ...all, [id]: { ...rec, current: { seed, responses: {}, position: 0, submitted: false } } };
}

/** The answers so far and the question on screen, for the attempt in progress (ignored when there is none). */
export function withAnswers(all: QuizzesProgress, id: string, responses: Record<string, StoredResponse>, position: number): QuizzesProgress {
  const rec = quizRecord(all, id);
  if (!rec.current || rec.current.submitted) return all;
  return { ...all, [id]: { ...rec, current: { ...rec.current, responses, position } } };
}

/** Marks the attempt in progress submitted and adds its result to the history (trimmed, keeping the best). */
export function withResult(all: QuizzesProgress, id: string, result: AttemptResult): QuizzesProgress {
  const rec = quizRecord(all, id);
  let history = [...rec.history, result];
  while (history.length > MAX_HISTORY) {
    const keep = bestAttempt({ current: null, history });
    const drop = history.findIndex((a) => a !== keep);
    history = history.filter((_, i) => i !== drop);
  }
  const current = rec.current && rec.current.seed === result.seed ? { ...rec.current, submitted: true } : rec.current;
  return { ...all, [id]: { current, history } };
}

export const readQuizzes = (store?: KeyValueStore): QuizzesProgress => readSlice(quizzesSlice, store);

/** Reads, changes and writes back; returns the new value and whether the browser stored it. */
export function updateQuizzes(change: (all: QuizzesProgress) => QuizzesProgress, store?: KeyValueStore): { value: QuizzesProgress; saved: boolean } {
  const value = change(readQuizzes(store));
  return { value, saved: writeSlice(quizzesSlice, value, store) };
}
