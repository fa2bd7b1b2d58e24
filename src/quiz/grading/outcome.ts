/** Shared by the graders: classify a response value, and turn a raw score and reasons into a Grade. */
import type { Grade, GradeReason, GradeStatus, PartResult, ValueKind } from '../grade-result';
import type { Question } from '../types';

export function valueKind(value: unknown): ValueKind {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'mapping';
  }
}

/** Reasons that mean the response could not be graded as an answer at all. */
const INVALID: ReadonlySet<GradeReason['code']> = new Set([
  'wrong-response-type',
  'unknown-option',
  'unknown-pair',
  'unknown-choice',
  'unknown-item',
  'duplicate-item',
  'not-a-number',
]);

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Clamp to [0, 1]; anything that is not a finite number scores 0 rather than leaking NaN. */
export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(1, Math.max(0, score));
}

export function outcome(question: Question, rawScore: number, reasons: GradeReason[], parts: PartResult[]): Grade {
  const score = clampScore(rawScore);
  let status: GradeStatus;
  if (reasons.some((r) => r.code === 'no-response')) status = 'unanswered';
  else if (reasons.some((r) => INVALID.has(r.code))) status = 'invalid';
  else status = score === 1 ? 'correct' : score > 0 ? 'partial' : 'incorrect';
  const final = status === 'unanswered' || status === 'invalid' ? 0 : score;
  return {
    questionId: question.id,
    type: question.type,
    score: final,
    correct: final === 1,
    status,
    reasons,
    parts,
    explanation: question.explanation ?? null,
    lesson: question.lesson ?? null,
  };
}
