import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainGrade,
  explainReason,
  formatScore,
  formatValue,
  grade,
  summarizeGrade,
  type GradeReason,
} from '../../../src/quiz';
import { plainDecimal } from '../../../src/quiz/plain-number';
import { questionAndResponse } from './arbitraries';
import { matching, multipleAnswer, numeric, ordering, shortText } from './builders';

describe('numbers for people', () => {
  it('X1: plain decimals, never exponent notation, no binary noise', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(plainDecimal(-2.5e-9)).toBe('-0.0000000025');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(21.900000000000002)).toBe('21.9');
    expect(plainDecimal(0.1 + 0.2)).toBe('0.3');
    expect(plainDecimal(Number.NaN)).toBe('?');
    expect(formatValue(2190.123456)).toBe('2190.12');
    expect(formatValue(0.000123456789)).toBe('0.000123457');
    expect(formatScore(2 / 3)).toBe('67%');
    expect(formatScore(Number.NaN)).toBe('0%');
  });

  it('X1: plainDecimal reads back as the same number (to its precision)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = plainDecimal(x);
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(Number(x.toPrecision(12)));
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});

describe('sentences from reasons', () => {
  it('X2: reasons render as sentences with their parameters', () => {
    const cases: Array<[GradeReason, string]> = [
      [{ code: 'no-response' }, 'No answer was given.'],
      [
        { code: 'wrong-response-type', expected: 'true or false', got: 'string' },
        'The answer could not be read: expected true or false, got text.',
      ],
      [{ code: 'wrong-unit', given: 'MB', expected: 'GB' }, 'The unit "MB" is not the one asked for: the answer is in GB.'],
      [
        { code: 'out-of-tolerance', given: 9, expected: 8, low: 7.5, high: 8.5, direction: 'too-high' },
        '9 is too high: the accepted range is 7.5 to 8.5.',
      ],
      [
        { code: 'out-of-tolerance', given: 3, expected: 4, low: 4, high: 4, direction: 'too-low' },
        '3 is too low: the answer is 4.',
      ],
      [{ code: 'pairs-matched', right: 1, total: 1 }, '1 of 1 pair matched correctly.'],
      [
        { code: 'not-a-number', text: '8,5' },
        '"8,5" is not a number. Write digits with a point for decimals, e.g. 2.5, optionally followed by the unit.',
      ],
    ];
    for (const [reason, text] of cases) expect(explainReason(reason)).toBe(text);
  });

  it('X2: partial credit explains the counts and the scoring rule', () => {
    const g = grade(multipleAnswer('net-correct'), ['a', 'b', 'd']);
    expect(summarizeGrade(g)).toBe('Partly correct (33%).');
    expect(explainGrade(g)).toEqual([
      'Partly correct (33%).',
      '2 of 3 correct options chosen, 1 wrong option chosen. Each correct option chosen adds an equal share, each wrong option chosen takes one away; the score never goes below zero.',
      'ESXi is bare-metal.',
    ]);
    expect(explainGrade(grade(ordering('lcs'), ['b', 'a', 'c', 'd', 'e']))[1]).toBe(
      '4 of 5 items already in the right relative order. Credit goes down by one share for each item that has to be moved or added to reach the correct order.',
    );
    expect(explainGrade(grade(ordering('adjacent-pairs'), ['a', 'b']))[1]).toBe(
      '1 of 4 neighbouring pairs in the right order. 2 of 5 items placed. Credit for each neighbouring pair that is in the right order.',
    );
  });

  it('X2: numeric and text grades explain the range, the unit and the known mistake', () => {
    expect(explainGrade(grade(numeric({ explanation: 'r8 is 8 GB.' }), '4'))).toEqual([
      'Not correct.',
      '4 is too low: the accepted range is 7.5 to 8.5.',
      'This is a common mistake; see the feedback.',
      'That is the number of cores.',
      'r8 is 8 GB.',
    ]);
    expect(explainGrade(grade(numeric(), '8 GB'))).toEqual(['Correct.', '8 is within the accepted range 7.5 to 8.5.']);
    expect(explainGrade(grade(shortText(), 'bridged'))).toEqual([
      'Not correct.',
      'The answer does not match any accepted answer.',
    ]);
    expect(explainGrade(grade(matching(), null))).toEqual(['Not answered.']);
  });

  it('X3 regression (fast-check seed 99, path 108): -Infinity as a numeric response renders without "Infinity"', () => {
    const g = grade(numeric(), Number.NEGATIVE_INFINITY);
    expect(g).toMatchObject({ status: 'invalid', reasons: [{ code: 'not-a-number', text: '' }] });
    expect(explainGrade(g)).toEqual(['The answer could not be graded.', 'The answer is not a finite number.']);
  });

  it('X3: no rendered text ever contains NaN, undefined or Infinity', () => {
    fc.assert(
      fc.property(questionAndResponse, ({ q, r }) => {
        for (const line of explainGrade(grade(q, r))) expect(line).not.toMatch(/NaN|undefined|Infinity|\[object/);
      }),
      { seed: 99, numRuns: 400 },
    );
  });
});

describe('points as people write them', () => {
  it('X3: whole points, common fractions as one glyph, anything else to two decimals', async () => {
    const { formatPoints } = await import('../../../src/quiz');
    expect(formatPoints(1 / 3)).toBe('⅓');
    expect(formatPoints(2 / 3)).toBe('⅔');
    expect(formatPoints(0.5)).toBe('½');
    expect(formatPoints(2.5)).toBe('2½');
    expect(formatPoints(3)).toBe('3');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(2 * (1 / 3) + 1)).toBe('1⅔');
    expect(formatPoints(3 / 7)).toBe('0.43');
    expect(formatPoints(0.1 + 0.2)).toBe('0.3');
    expect(formatPoints(Number.NaN)).toBe('0');
    for (let i = 1; i < 300; i++) expect(formatPoints(i / 97)).not.toMatch(/\d\.\d{3}/);
  });
});

describe('prompt blocks', () => {
  it('X4: "- " lines are a bulleted list, "1. " lines a numbered one, other lines text; a list never swallows text', async () => {
    const { promptBlocks, hasList } = await import('../../../src/widgets/quiz/text');
    expect(promptBlocks('Intro line\nsecond line\n- a\n- b\n3. x\n4. y\nQuestion?')).toEqual([
      { kind: 'text', text: 'Intro line\nsecond line' },
      { kind: 'list', ordered: false, start: 1, items: ['a', 'b'] },
      { kind: 'list', ordered: true, start: 3, items: ['x', 'y'] },
      { kind: 'text', text: 'Question?' },
    ]);
    expect(hasList('A plain question with - a dash and 1. a number inside.')).toBe(false);
    expect(promptBlocks('')).toEqual([]);
    expect(promptBlocks('-not a list\n1.5 GB is not a list either')).toEqual([{ kind: 'text', text: '-not a list\n1.5 GB is not a list either' }]);
  });
});
