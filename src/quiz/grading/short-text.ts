/** Short text answers: several accepted answers, normalisation, optional pattern. SPEC Q12–Q14. */
import type { Grade, PartResult } from '../grade-result';
import type { ShortTextQuestion } from '../types';
import { isBlank, outcome, valueKind } from './outcome';
import { compilePattern, foldText, normalizeAnswer } from './text-normalize';

export function gradeShortText(q: ShortTextQuestion, response: unknown): Grade {
  const modelAnswer = q.answers[0] ?? '';
  const blankPart = (given: string): PartResult => ({
    kind: 'text',
    given,
    normalized: '',
    matched: null,
    modelAnswer,
    verdict: 'wrong',
    feedback: null,
  });
  if (isBlank(response)) return outcome(q, 0, [{ code: 'no-response' }], [blankPart('')]);
  if (typeof response !== 'string') {
    return outcome(q, 0, [{ code: 'wrong-response-type', expected: 'text', got: valueKind(response) }], [
      blankPart(''),
    ]);
  }

  const how = { caseSensitive: q.caseSensitive, keepPunctuation: q.keepPunctuation };
  const normalized = normalizeAnswer(response, how);
  const part = (matched: Extract<PartResult, { kind: 'text' }>['matched'], right: boolean, feedback?: string) =>
    ({
      kind: 'text',
      given: response,
      normalized,
      matched,
      modelAnswer,
      verdict: right ? 'right' : 'wrong',
      feedback: feedback ?? null,
    }) satisfies PartResult;

  const index = q.answers.findIndex((a) => normalizeAnswer(a, how) === normalized);
  if (index >= 0) return outcome(q, 1, [], [part({ by: 'answer', index }, true)]);

  if (q.pattern !== undefined && compilePattern(q.pattern, q.caseSensitive)?.test(foldText(response))) {
    return outcome(q, 1, [], [part({ by: 'pattern' }, true)]);
  }

  const wrong = q.wrongAnswers.findIndex((w) => normalizeAnswer(w.text, how) === normalized);
  if (wrong >= 0) {
    return outcome(q, 0, [{ code: 'known-wrong-answer' }], [
      part({ by: 'wrong-answer', index: wrong }, false, q.wrongAnswers[wrong]!.feedback),
    ]);
  }
  return outcome(q, 0, [{ code: 'no-accepted-match' }], [part(null, false)]);
}
