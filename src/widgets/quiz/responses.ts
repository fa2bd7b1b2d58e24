/**
 * What the quiz view keeps per question, and how it becomes a response for the grader. Grading
 * itself is the engine's (`gradeAttempt`); this only says what counts as answered and repairs saved
 * answers that no longer fit a question (the quiz file may have changed since they were saved).
 */
import { explainReason, parseNumberWithUnit, type Question } from '../../quiz/client';
import type { StoredResponse } from '../../progress/quizzes';

export type Responses = Record<string, StoredResponse>;

/** none: nothing given; partial: a matching question with some pairs still empty; complete. */
export type AnswerState = 'none' | 'partial' | 'complete';

const isStringList = (r: unknown): r is string[] => Array.isArray(r) && r.every((x) => typeof x === 'string');
const isMapping = (r: unknown): r is Record<string, string | null> => typeof r === 'object' && r !== null && !Array.isArray(r);

/** The saved answer if it still fits the question, else undefined (the question shows as not answered). */
export function fitResponse(q: Question, r: StoredResponse | undefined): StoredResponse | undefined {
  if (r === undefined) return undefined;
  switch (q.type) {
    case 'single-choice':
      return typeof r === 'string' && q.options.some((o) => o.id === r) ? r : undefined;
    case 'multiple-answer': {
      if (!isStringList(r)) return undefined;
      const known = r.filter((id) => q.options.some((o) => o.id === id));
      return known.length > 0 ? known : undefined;
    }
    case 'true-false':
      return typeof r === 'boolean' ? r : undefined;
    case 'numeric':
    case 'short-text':
      return typeof r === 'string' ? r : typeof r === 'number' ? String(r) : undefined;
    case 'matching': {
      if (!isMapping(r)) return undefined;
      const out: Record<string, string | null> = {};
      for (const p of q.pairs) {
        const choice = r[p.id];
        if (typeof choice === 'string' && q.choices.includes(choice)) out[p.id] = choice;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case 'ordering': {
      if (!isStringList(r) || r.length !== q.items.length) return undefined;
      const ids = new Set(q.items.map((i) => i.id));
      return r.every((id) => ids.has(id)) && new Set(r).size === r.length ? r : undefined;
    }
  }
}

export function fitResponses(questions: readonly Question[], saved: Responses): Responses {
  const out: Responses = {};
  for (const q of questions) {
    const r = fitResponse(q, saved[q.id]);
    if (r !== undefined) out[q.id] = r;
  }
  return out;
}

export function answerState(q: Question, r: StoredResponse | undefined): AnswerState {
  if (r === undefined) return 'none';
  if (typeof r === 'string') return r.trim() === '' ? 'none' : 'complete';
  if (q.type === 'matching' && isMapping(r)) {
    const chosen = q.pairs.filter((p) => typeof r[p.id] === 'string').length;
    return chosen === 0 ? 'none' : chosen < q.pairs.length ? 'partial' : 'complete';
  }
  return 'complete';
}

/** Item ids in the order shown: the student's arrangement, or the shuffled start. */
export function arrangement(q: Extract<Question, { type: 'ordering' }>, r: StoredResponse | undefined): string[] {
  return isStringList(r) && r.length === q.items.length ? r : q.items.map((i) => i.id);
}

/**
 * The response the grader sees. An ordering question nobody rearranged is not answered (score 0),
 * as the submit check says: the shuffled start is never the key, so every right answer needs a move,
 * and leaving it untouched earns no partial credit for the accidental order of the shuffle.
 */
export function responseToGrade(q: Question, r: StoredResponse | undefined): unknown {
  if (q.type === 'ordering') return r === undefined ? null : arrangement(q, r);
  if (q.type === 'matching' && isMapping(r)) {
    return Object.fromEntries(q.pairs.map((p) => [p.id, typeof r[p.id] === 'string' ? r[p.id] : null]));
  }
  return r ?? null;
}

export function gradingResponses(questions: readonly Question[], responses: Responses): Record<string, unknown> {
  return Object.fromEntries(questions.map((q) => [q.id, responseToGrade(q, responses[q.id])]));
}

/**
 * A message when typed text cannot be read as an answer at all (not when it is merely wrong): a
 * numeric answer that is not a number, e.g. "eight" or "8,5". The sentence is the engine's.
 */
export function inputProblem(q: Question, r: StoredResponse | undefined): string | null {
  if (q.type !== 'numeric' || typeof r !== 'string' || r.trim() === '') return null;
  return parseNumberWithUnit(r).ok ? null : explainReason({ code: 'not-a-number', text: r.trim() });
}

/** A fresh attempt seed from the browser's random source (the engine itself never draws randomness). */
export function newSeed(): string {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return Array.from(words, (w) => w.toString(36)).join('');
}
