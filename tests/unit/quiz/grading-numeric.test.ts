import { describe, expect, it } from 'vitest';
import { grade, parseNumberWithUnit } from '../../../src/quiz';
import { numeric } from './builders';

describe('reading a typed number', () => {
  it('Q7: accepts "8", "8 GB", "8GB", signs, decimals, exponents and full-width digits', () => {
    expect(parseNumberWithUnit('8')).toEqual({ ok: true, value: 8, unit: null });
    expect(parseNumberWithUnit(' 8 GB ')).toEqual({ ok: true, value: 8, unit: 'GB' });
    expect(parseNumberWithUnit('8GB')).toEqual({ ok: true, value: 8, unit: 'GB' });
    expect(parseNumberWithUnit('-2.5e3 W')).toEqual({ ok: true, value: -2500, unit: 'W' });
    expect(parseNumberWithUnit('.5')).toEqual({ ok: true, value: 0.5, unit: null });
    expect(parseNumberWithUnit('８ ＧＢ')).toEqual({ ok: true, value: 8, unit: 'GB' });
    expect(parseNumberWithUnit('\u22122')).toEqual({ ok: true, value: -2, unit: null });
    expect(parseNumberWithUnit('2190 kWh')).toEqual({ ok: true, value: 2190, unit: 'kWh' });
  });

  it('Q7: rejects text that is not a number with an optional unit', () => {
    for (const bad of ['eight', '8,5', '1.2.3', '8 G B', 'GB 8', '', '1e999', '--8']) {
      expect(parseNumberWithUnit(bad), bad).toEqual({ ok: false });
    }
  });
});

describe('numeric grading (8 ± 0.5 GB)', () => {
  it('Q8: exactly at the tolerance edge is right; just beyond is wrong', () => {
    const q = numeric();
    expect(grade(q, 8.5).score).toBe(1);
    expect(grade(q, 7.5).score).toBe(1);
    expect(grade(q, '8.5 GB').score).toBe(1);
    expect(grade(q, 8.500001)).toMatchObject({
      score: 0,
      reasons: [{ code: 'out-of-tolerance', direction: 'too-high', low: 7.5, high: 8.5, expected: 8 }],
    });
    expect(grade(q, 7.4999)).toMatchObject({ score: 0, reasons: [{ code: 'out-of-tolerance', direction: 'too-low' }] });
  });

  it('Q8: the edge survives floating-point rounding (0.3 ± 0.1 accepts 0.4 and 0.2)', () => {
    const q = numeric({ answer: 0.3, tolerance: { kind: 'absolute', value: 0.1 }, wrongAnswers: [] });
    expect(0.4 - 0.3).toBeGreaterThan(0.1);
    expect(grade(q, 0.4).score).toBe(1);
    expect(grade(q, 0.2).score).toBe(1);
    expect(grade(q, 0.4000001).score).toBe(0);
  });

  it('Q8: a relative tolerance scales with the answer', () => {
    const q = numeric({ answer: 2000, tolerance: { kind: 'relative', value: 0.01 }, unit: 'kWh', unitAliases: [], wrongAnswers: [] });
    expect(grade(q, 2020).score).toBe(1);
    expect(grade(q, 1980).score).toBe(1);
    expect(grade(q, 2020.5).score).toBe(0);
    expect(grade(q, 2020.5).reasons[0]).toMatchObject({ low: 1980, high: 2020 });
    const negative = numeric({ answer: -50, tolerance: { kind: 'relative', value: 0.1 }, wrongAnswers: [] });
    expect(grade(negative, -55).score).toBe(1);
    expect(grade(negative, -45).score).toBe(1);
    expect(grade(negative, -44.9).score).toBe(0);
  });

  it('Q8: an exact answer (tolerance 0) accepts only that value', () => {
    const q = numeric({ answer: 2007, tolerance: { kind: 'absolute', value: 0 }, unit: undefined, unitAliases: [], wrongAnswers: [] });
    expect(grade(q, '2007').score).toBe(1);
    expect(grade(q, 2007.0001).score).toBe(0);
  });

  it('Q9: the unit is optional, case-insensitive, and may be an alias', () => {
    const q = numeric();
    for (const r of ['8', '8 GB', '8GB', '8 gb', '8 Gb', '8 GiB', 8]) expect(grade(q, r).score, String(r)).toBe(1);
  });

  it('Q9: a different unit is wrong even when the number is right, and says so', () => {
    const g = grade(numeric(), '8 MB');
    expect(g).toMatchObject({
      score: 0,
      status: 'incorrect',
      reasons: [{ code: 'wrong-unit', given: 'MB', expected: 'GB' }],
      parts: [{ kind: 'number', given: 8, unit: 'MB', verdict: 'wrong' }],
    });
    const unitless = numeric({ unit: undefined, unitAliases: [] });
    expect(grade(unitless, '8 GB').reasons).toEqual([{ code: 'unexpected-unit', given: 'GB' }]);
  });

  it('Q10: a known wrong value gets its feedback', () => {
    const g = grade(numeric(), '4 GB');
    expect(g.reasons.map((r) => r.code)).toEqual(['out-of-tolerance', 'known-wrong-answer']);
    expect(g.parts[0]).toMatchObject({ feedback: 'That is the number of cores.' });
    expect(grade(numeric(), 5).parts[0]).toMatchObject({ feedback: null });
  });

  it('Q20: blank, unreadable and wrongly typed responses score 0 with a reason', () => {
    expect(grade(numeric(), '   ')).toMatchObject({ status: 'unanswered', score: 0 });
    expect(grade(numeric(), 'eight')).toMatchObject({ status: 'invalid', reasons: [{ code: 'not-a-number', text: 'eight' }] });
    expect(grade(numeric(), Number.NaN)).toMatchObject({ status: 'invalid', reasons: [{ code: 'not-a-number', text: '' }] });
    expect(grade(numeric(), { value: 8 })).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', expected: 'number or text', got: 'mapping' }],
    });
  });
});
