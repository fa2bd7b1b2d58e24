/** Numeric answers with absolute or relative tolerance and an optional unit. SPEC Q8–Q11. */
import type { Grade, GradeReason, PartResult } from '../grade-result';
import type { NumericQuestion } from '../types';
import { parseNumberWithUnit, sameUnit } from './number-text';
import { isBlank, outcome, valueKind } from './outcome';
import { toleranceInterval, withinTolerance } from './tolerance';

export function gradeNumeric(q: NumericQuestion, response: unknown): Grade {
  const { low, high } = toleranceInterval(q.answer, q.tolerance);
  const part = (given: number | null, unit: string | null, right: boolean, feedback: string | null): PartResult => ({
    kind: 'number',
    given,
    unit,
    expected: q.answer,
    low,
    high,
    verdict: right ? 'right' : 'wrong',
    feedback,
  });

  if (isBlank(response)) return outcome(q, 0, [{ code: 'no-response' }], [part(null, null, false, null)]);

  let value: number;
  let unit: string | null = null;
  if (typeof response === 'number') {
    if (!Number.isFinite(response)) {
      // Nobody types NaN or Infinity; an empty text keeps those words out of student-facing sentences.
      return outcome(q, 0, [{ code: 'not-a-number', text: '' }], [part(null, null, false, null)]);
    }
    value = response;
  } else if (typeof response === 'string') {
    const parsed = parseNumberWithUnit(response);
    if (!parsed.ok) {
      return outcome(q, 0, [{ code: 'not-a-number', text: response.trim() }], [part(null, null, false, null)]);
    }
    value = parsed.value;
    unit = parsed.unit;
  } else {
    return outcome(
      q,
      0,
      [{ code: 'wrong-response-type', expected: 'number or text', got: valueKind(response) }],
      [part(null, null, false, null)],
    );
  }

  if (unit !== null) {
    if (q.unit === undefined) {
      return outcome(q, 0, [{ code: 'unexpected-unit', given: unit }], [part(value, unit, false, null)]);
    }
    const accepted = [q.unit, ...q.unitAliases];
    if (!accepted.some((u) => sameUnit(u, unit!))) {
      return outcome(q, 0, [{ code: 'wrong-unit', given: unit, expected: q.unit }], [part(value, unit, false, null)]);
    }
  }

  if (withinTolerance(value, q.answer, q.tolerance)) {
    return outcome(q, 1, [{ code: 'within-tolerance', given: value, expected: q.answer, low, high }], [
      part(value, unit, true, null),
    ]);
  }
  const known = q.wrongAnswers.find((w) => withinTolerance(value, w.value, q.tolerance));
  const reasons: GradeReason[] = [
    {
      code: 'out-of-tolerance',
      given: value,
      expected: q.answer,
      low,
      high,
      direction: value > q.answer ? 'too-high' : 'too-low',
    },
  ];
  if (known) reasons.push({ code: 'known-wrong-answer' });
  return outcome(q, 0, reasons, [part(value, unit, false, known?.feedback ?? null)]);
}
