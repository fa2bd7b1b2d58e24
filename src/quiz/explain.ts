/**
 * English for students, rendered from grade data. Widgets, lab checkers and exports call these
 * instead of writing their own sentences. Numbers are printed without exponent or NaN.
 */
import type { Grade, GradeReason, ResponseShape, ValueKind } from './grade-result';
import { plainDecimal } from './plain-number';
import type { MultipleAnswerScoring, OrderingScoring } from './types';

/** `0.6666…` → `67%` */
export function formatScore(score: number): string {
  return `${Number.isFinite(score) ? Math.round(score * 100) : 0}%`;
}

/** Up to 6 significant digits, no exponent, no trailing zeros: 8, 0.5, 2190, 0.000123. */
export function formatValue(value: number): string {
  return plainDecimal(value, 6);
}

/** Fractions people write with one glyph; the key is the reduced fraction. */
const FRACTION_GLYPHS: Record<string, string> = {
  '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘',
  '1/6': '⅙', '5/6': '⅚', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞',
};

/**
 * Points as people write them: whole numbers as they are, common fractions as one glyph (`⅓`,
 * `2½`), anything else to two decimals (`0.43`). Never `0.333333`.
 */
export function formatPoints(value: number): string {
  if (!Number.isFinite(value) || value < 1e-9) return '0';
  const whole = Math.floor(value + 1e-9);
  const rest = value - whole;
  if (rest < 1e-9) return String(whole);
  for (const d of [2, 3, 4, 5, 6, 8]) {
    const n = Math.round(rest * d);
    const glyph = FRACTION_GLYPHS[`${n}/${d}`];
    if (glyph && Math.abs(rest - n / d) < 1e-9) return whole > 0 ? `${whole}${glyph}` : glyph;
  }
  return plainDecimal(Number(value.toFixed(2)));
}

const KIND: Record<ValueKind, string> = {
  nothing: 'nothing',
  null: 'nothing',
  boolean: 'true or false',
  number: 'a number',
  string: 'text',
  list: 'a list',
  mapping: 'a mapping',
};

const SHAPE: Record<ResponseShape, string> = {
  'option id': 'one chosen option',
  'list of option ids': 'a list of chosen options',
  'true or false': 'true or false',
  'number or text': 'a number',
  text: 'text',
  'mapping of pair id to choice': 'a choice for each item',
  'list of item ids': 'an arrangement of the items',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `reveal: false` (SPEC T6) keeps the key out of the sentence: a numeric answer is only said to be
 * too high or too low, without the accepted range.
 */
export function explainReason(reason: GradeReason, reveal = true): string {
  switch (reason.code) {
    case 'no-response':
      return 'No answer was given.';
    case 'wrong-response-type':
      return `The answer could not be read: expected ${SHAPE[reason.expected]}, got ${KIND[reason.got]}.`;
    case 'unknown-option':
      return `The chosen option "${reason.optionId}" is not one of this question's options.`;
    case 'unknown-pair':
      return `"${reason.pairId}" is not one of this question's items to match.`;
    case 'unknown-choice':
      return `"${reason.choice}" is not one of the choices.`;
    case 'unknown-item':
      return `"${reason.itemId}" is not one of the items to arrange.`;
    case 'duplicate-item':
      return `An item was placed twice ("${reason.itemId}").`;
    case 'not-a-number':
      if (reason.text === '') return 'The answer is not a finite number.';
      return `"${reason.text}" is not a number. Write digits with a point for decimals, e.g. 2.5, optionally followed by the unit.`;
    case 'wrong-unit':
      return `The unit "${reason.given}" is not the one asked for: the answer is in ${reason.expected}.`;
    case 'unexpected-unit':
      return `This answer takes no unit, but "${reason.given}" was given.`;
    case 'within-tolerance':
      return reason.low === reason.high
        ? `${formatValue(reason.given)} is exactly right.`
        : `${formatValue(reason.given)} is within the accepted range ${formatValue(reason.low)} to ${formatValue(reason.high)}.`;
    case 'out-of-tolerance': {
      const verdict = `${formatValue(reason.given)} is too ${reason.direction === 'too-high' ? 'high' : 'low'}`;
      if (!reveal) return `${verdict}.`;
      return reason.low === reason.high
        ? `${verdict}: the answer is ${formatValue(reason.low)}.`
        : `${verdict}: the accepted range is ${formatValue(reason.low)} to ${formatValue(reason.high)}.`;
    }
    case 'known-wrong-answer':
      return 'This is a common mistake; see the feedback.';
    case 'no-accepted-match':
      return 'The answer does not match any accepted answer.';
    case 'choice-counts':
      return choiceCounts(reason);
    case 'pairs-matched':
      return `${reason.right} of ${plural(reason.total, 'pair')} matched correctly.`;
    case 'order-counts':
      return orderCounts(reason);
  }
}

function choiceCounts(r: Extract<GradeReason, { code: 'choice-counts' }>): string {
  const found = `${r.hits} of ${plural(r.correctTotal, 'correct option')} chosen`;
  const wrong = r.falsePicks === 0 ? 'no wrong options' : plural(r.falsePicks, 'wrong option');
  return `${found}, ${wrong} chosen. ${describeMultipleAnswerScoring(r.scoring)}`;
}

function orderCounts(r: Extract<GradeReason, { code: 'order-counts' }>): string {
  const placed = r.placed < r.total ? ` ${r.placed} of ${r.total} items placed.` : '';
  const detail =
    r.scoring === 'adjacent-pairs'
      ? `${r.adjacentRight} of ${plural(r.adjacentTotal, 'neighbouring pair')} in the right order.`
      : `${r.inOrder} of ${plural(r.total, 'item')} already in the right relative order.`;
  return `${detail}${placed} ${describeOrderingScoring(r.scoring)}`;
}

/** One sentence on how partial credit works, for help text next to the question. */
export function describeMultipleAnswerScoring(scoring: MultipleAnswerScoring): string {
  switch (scoring) {
    case 'all-or-nothing':
      return 'Full marks only for choosing exactly the correct options.';
    case 'net-correct':
      return 'Each correct option chosen adds an equal share, each wrong option chosen takes one away; the score never goes below zero.';
    case 'per-answer':
      return 'Every option counts as a true/false decision: credit for each correct option chosen and each wrong option left out.';
  }
}

export function describeOrderingScoring(scoring: OrderingScoring): string {
  switch (scoring) {
    case 'all-or-nothing':
      return 'Full marks only for the complete, correct order.';
    case 'lcs':
      return 'Credit goes down by one share for each item that has to be moved or added to reach the correct order.';
    case 'adjacent-pairs':
      return 'Credit for each neighbouring pair that is in the right order.';
  }
}

/** A one-line verdict for the question, e.g. "Partly correct (67%)." */
export function summarizeGrade(grade: Grade): string {
  switch (grade.status) {
    case 'correct':
      return 'Correct.';
    case 'partial':
      return `Partly correct (${formatScore(grade.score)}).`;
    case 'incorrect':
      return 'Not correct.';
    case 'unanswered':
      return 'Not answered.';
    case 'invalid':
      return 'The answer could not be graded.';
  }
}

/**
 * Every sentence a view shows under a graded question, in order: verdict, reasons, feedback,
 * explanation. With `reveal: false` (T6) the explanation, which usually states the answer, is left
 * out and numeric reasons give no range; feedback on what was chosen stays (it names the mistake).
 */
export function explainGrade(grade: Grade, options: { reveal?: boolean } = {}): string[] {
  const reveal = options.reveal ?? true;
  const lines = [summarizeGrade(grade)];
  for (const r of grade.reasons) if (r.code !== 'no-response') lines.push(explainReason(r, reveal));
  for (const p of grade.parts) if ('feedback' in p && p.feedback) lines.push(p.feedback);
  if (reveal && grade.explanation) lines.push(grade.explanation);
  return lines;
}
