/** Single choice, multiple answer (three scoring modes) and true/false. SPEC Q1–Q7. */
import type { Grade, GradeReason, PartResult } from '../grade-result';
import type { ChoiceOption, MultipleAnswerQuestion, SingleChoiceQuestion, TrueFalseQuestion } from '../types';
import { outcome, valueKind } from './outcome';

function optionParts(options: readonly ChoiceOption[], chosen: ReadonlySet<string>): PartResult[] {
  return options.map((o) => {
    const isChosen = chosen.has(o.id);
    return {
      kind: 'option',
      optionId: o.id,
      chosen: isChosen,
      correct: o.correct,
      verdict: isChosen === o.correct ? 'right' : 'wrong',
      feedback: isChosen ? (o.feedback ?? null) : null,
    };
  });
}

export function gradeSingleChoice(q: SingleChoiceQuestion, response: unknown): Grade {
  const none = new Set<string>();
  if (response === undefined || response === null || response === '') {
    return outcome(q, 0, [{ code: 'no-response' }], optionParts(q.options, none));
  }
  if (typeof response !== 'string') {
    return outcome(
      q,
      0,
      [{ code: 'wrong-response-type', expected: 'option id', got: valueKind(response) }],
      optionParts(q.options, none),
    );
  }
  const option = q.options.find((o) => o.id === response);
  if (!option) return outcome(q, 0, [{ code: 'unknown-option', optionId: response }], optionParts(q.options, none));
  return outcome(q, option.correct ? 1 : 0, [], optionParts(q.options, new Set([response])));
}

/** The score of a selection under each mode; exported for the property tests and the GIFT weights. */
export function multipleAnswerScore(
  scoring: MultipleAnswerQuestion['scoring'],
  counts: { hits: number; falsePicks: number; correctTotal: number; optionTotal: number },
): number {
  const { hits, falsePicks, correctTotal, optionTotal } = counts;
  switch (scoring) {
    case 'all-or-nothing':
      return hits === correctTotal && falsePicks === 0 ? 1 : 0;
    case 'net-correct':
      return Math.max(0, (hits - falsePicks) / correctTotal);
    case 'per-answer': {
      const wrongTotal = optionTotal - correctTotal;
      return (hits + (wrongTotal - falsePicks)) / optionTotal;
    }
  }
}

export function gradeMultipleAnswer(q: MultipleAnswerQuestion, response: unknown): Grade {
  const none = new Set<string>();
  if (response === undefined || response === null) {
    return outcome(q, 0, [{ code: 'no-response' }], optionParts(q.options, none));
  }
  if (!Array.isArray(response)) {
    return outcome(
      q,
      0,
      [{ code: 'wrong-response-type', expected: 'list of option ids', got: valueKind(response) }],
      optionParts(q.options, none),
    );
  }
  const chosen = new Set<string>();
  for (const id of response as unknown[]) {
    if (typeof id !== 'string') {
      return outcome(
        q,
        0,
        [{ code: 'wrong-response-type', expected: 'list of option ids', got: valueKind(id) }],
        optionParts(q.options, none),
      );
    }
    if (!q.options.some((o) => o.id === id)) {
      return outcome(q, 0, [{ code: 'unknown-option', optionId: id }], optionParts(q.options, none));
    }
    chosen.add(id);
  }
  const correctTotal = q.options.filter((o) => o.correct).length;
  const hits = q.options.filter((o) => o.correct && chosen.has(o.id)).length;
  const falsePicks = q.options.filter((o) => !o.correct && chosen.has(o.id)).length;
  const counts = { hits, falsePicks, correctTotal, optionTotal: q.options.length };
  const reason: GradeReason = { code: 'choice-counts', scoring: q.scoring, ...counts, misses: correctTotal - hits };
  return outcome(q, multipleAnswerScore(q.scoring, counts), [reason], optionParts(q.options, chosen));
}

export function gradeTrueFalse(q: TrueFalseQuestion, response: unknown): Grade {
  if (response === undefined || response === null) {
    return outcome(q, 0, [{ code: 'no-response' }], [
      { kind: 'boolean', given: null, answer: q.answer, verdict: 'wrong', feedback: null },
    ]);
  }
  if (typeof response !== 'boolean') {
    return outcome(q, 0, [{ code: 'wrong-response-type', expected: 'true or false', got: valueKind(response) }], [
      { kind: 'boolean', given: null, answer: q.answer, verdict: 'wrong', feedback: null },
    ]);
  }
  const feedback = (response ? q.feedbackTrue : q.feedbackFalse) ?? null;
  const right = response === q.answer;
  return outcome(q, right ? 1 : 0, [], [
    { kind: 'boolean', given: response, answer: q.answer, verdict: right ? 'right' : 'wrong', feedback },
  ]);
}
