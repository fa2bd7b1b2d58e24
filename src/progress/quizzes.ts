import { isRecord, readSlice, type KeyValueStore, type Slice } from './store';

/**
 * Quiz progress per quiz id: the attempt in progress (its seed, so a reload shows the same variant,
 * and the answers so far) and the history of submitted attempts (best and last are read from it).
 * Kept small on purpose: the course home and the quizzes page read it on load. How the quiz view
 * changes a record (new attempt, answers, result) is in src/widgets/quiz/record.ts.
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
  /**
   * Per-question quizzes: question id → every response the student checked, oldest first. The score
   * is recomputed from these (src/quiz/tries.ts), never stored.
   */
  tries?: Record<string, StoredResponse[]>;
  /** ISO date-time of the last change, for "continue where you left off". */
  at?: string;
}

export interface QuizRecord {
  current: CurrentAttempt | null;
  /** Oldest first. */
  history: AttemptResult[];
}

export type QuizzesProgress = Record<string, QuizRecord>;

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 2000;
const isNumber = (v: unknown, max = Infinity): v is number => Number.isFinite(v) && (v as number) >= 0 && (v as number) <= max;
const isResponse = (v: unknown) =>
  typeof v === 'boolean' ||
  isText(v) ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (Array.isArray(v) ? v.length <= 100 && v.every(isText) : isRecord(v) && Object.values(v).every((x) => x === null || isText(x)));
const isResult = (a: unknown) =>
  isRecord(a) &&
  isText(a.seed) &&
  a.seed !== '' &&
  isText(a.at) &&
  !Number.isNaN(Date.parse(a.at)) &&
  isNumber(a.score, 1) &&
  isNumber(a.earned) &&
  isNumber(a.possible) &&
  typeof a.passed === 'boolean';
const isCurrent = (c: unknown) =>
  c === null ||
  (isRecord(c) &&
    isText(c.seed) &&
    c.seed !== '' &&
    Number.isInteger(c.position) &&
    isNumber(c.position) &&
    typeof c.submitted === 'boolean' &&
    isRecord(c.responses) &&
    Object.entries(c.responses).every(([id, r]) => ID.test(id) && isResponse(r)) &&
    (c.tries === undefined ||
      (isRecord(c.tries) && Object.entries(c.tries).every(([id, list]) => ID.test(id) && Array.isArray(list) && list.length <= 10 && list.every(isResponse)))) &&
    (c.at === undefined || (isText(c.at) && !Number.isNaN(Date.parse(c.at)))));

export const quizzesSlice: Slice<QuizzesProgress> = {
  key: 'quizzes',
  version: 1,
  empty: () => ({}),
  check: (data) => {
    if (!isRecord(data)) return 'expected a mapping of quiz ids';
    for (const [id, rec] of Object.entries(data)) {
      if (!ID.test(id)) return `"${id.slice(0, 40)}" is not a quiz id`;
      if (!isRecord(rec) || !isCurrent(rec.current)) return `the attempt in progress of quiz "${id}" cannot be read`;
      if (!Array.isArray(rec.history) || !rec.history.every(isResult)) return `the history of quiz "${id}" cannot be read`;
    }
    // Trimmed on read as well as on submit: a history grown elsewhere (an import, an old version) stays cheap to show.
    const out: QuizzesProgress = {};
    for (const [id, rec] of Object.entries(data as QuizzesProgress)) out[id] = { ...rec, history: trimHistory(rec.history) };
    return out;
  },
};

/** History beyond this is trimmed, oldest first, always keeping the best attempt. */
export const MAX_HISTORY = 50;

/** The last `max` attempts in order, plus the best one if it is older (the earliest of equal bests). In one pass. */
export function trimHistory(history: readonly AttemptResult[], max = MAX_HISTORY): AttemptResult[] {
  if (history.length <= max) return history.slice();
  let best = 0;
  history.forEach((a, i) => {
    if (a.score > history[best]!.score) best = i;
  });
  const tail = history.slice(history.length - max);
  return best >= history.length - max ? tail : [history[best]!, ...tail.slice(1)];
}

const EMPTY: QuizRecord = { current: null, history: [] };

export const quizRecord = (all: QuizzesProgress, id: string): QuizRecord => all[id] ?? EMPTY;

/** The highest score; the earliest of equal scores (when it was first reached). */
export function bestAttempt(record: QuizRecord): AttemptResult | null {
  return record.history.reduce<AttemptResult | null>((best, a) => (best === null || a.score > best.score ? a : best), null);
}

/**
 * Whether an attempt passed, judged against the quiz's pass mark rather than the stored flag: saved
 * data can be edited or damaged, and a stored "passed" beside a 5 % score must not show as a pass.
 */
export const passed = (attempt: Pick<AttemptResult, 'score' | 'passed'>, passingScore: number | undefined): boolean =>
  passingScore === undefined || !Number.isFinite(passingScore) ? attempt.passed : attempt.score >= passingScore - 1e-9;

export const lastAttempt = (record: QuizRecord): AttemptResult | null => record.history.at(-1) ?? null;

export const readQuizzes = (store?: KeyValueStore): QuizzesProgress => readSlice(quizzesSlice, store);
