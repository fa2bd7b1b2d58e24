import { describe, expect, it } from 'vitest';
import { grade } from '../../../src/quiz';
import { multipleAnswer, singleChoice, trueFalse } from './builders';

describe('single choice', () => {
  it('Q1: the correct option scores 1 and shows its feedback; a wrong one scores 0', () => {
    const q = singleChoice();
    const right = grade(q, 'a');
    expect(right.score).toBe(1);
    expect(right.correct).toBe(true);
    expect(right.status).toBe('correct');
    expect(right.parts.find((p) => p.kind === 'option' && p.optionId === 'a')).toMatchObject({
      chosen: true,
      verdict: 'right',
      feedback: 'Yes: no host OS underneath.',
    });
    const wrong = grade(q, 'b');
    expect(wrong.score).toBe(0);
    expect(wrong.status).toBe('incorrect');
    const parts = wrong.parts.filter((p) => p.kind === 'option');
    expect(parts.map((p) => [p.optionId, p.chosen, p.verdict, p.feedback])).toEqual([
      ['a', false, 'wrong', null],
      ['b', true, 'wrong', 'Type 2 runs on a host OS.'],
      ['c', false, 'right', null],
    ]);
  });

  it('Q1: an unknown option id is invalid, not a crash', () => {
    const g = grade(singleChoice(), 'zz');
    expect(g).toMatchObject({ score: 0, status: 'invalid', reasons: [{ code: 'unknown-option', optionId: 'zz' }] });
  });

  it('Q20: nothing chosen or a wrong type scores 0 with a reason', () => {
    expect(grade(singleChoice(), undefined)).toMatchObject({ score: 0, status: 'unanswered', reasons: [{ code: 'no-response' }] });
    expect(grade(singleChoice(), ['a'])).toMatchObject({
      score: 0,
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', expected: 'option id', got: 'list' }],
    });
  });
});

describe('multiple answer (3 correct of 5)', () => {
  const score = (scoring: Parameters<typeof multipleAnswer>[0], picks: string[]) => grade(multipleAnswer(scoring), picks).score;

  it('Q2: duplicate picks count once; unknown ids are invalid', () => {
    expect(score('net-correct', ['a', 'a', 'a'])).toBeCloseTo(1 / 3, 12);
    const g = grade(multipleAnswer('net-correct'), ['a', 'x']);
    expect(g).toMatchObject({ status: 'invalid', score: 0, reasons: [{ code: 'unknown-option', optionId: 'x' }] });
    expect(grade(multipleAnswer('net-correct'), ['a', 3])).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', expected: 'list of option ids', got: 'number' }],
    });
  });

  it('Q3: all-or-nothing gives 1 only for exactly the correct set', () => {
    expect(score('all-or-nothing', ['a', 'b', 'c'])).toBe(1);
    expect(score('all-or-nothing', ['c', 'b', 'a'])).toBe(1);
    expect(score('all-or-nothing', ['a', 'b'])).toBe(0);
    expect(score('all-or-nothing', ['a', 'b', 'c', 'd'])).toBe(0);
    expect(score('all-or-nothing', [])).toBe(0);
    expect(score('all-or-nothing', ['a', 'b', 'c', 'd', 'e'])).toBe(0);
  });

  it('Q4: net-correct is (right picks − wrong picks) / correct options, floored at 0', () => {
    expect(score('net-correct', ['a', 'b', 'c'])).toBe(1);
    expect(score('net-correct', ['a', 'b'])).toBeCloseTo(2 / 3, 12);
    expect(score('net-correct', ['a', 'b', 'd'])).toBeCloseTo(1 / 3, 12);
    expect(score('net-correct', ['a', 'd', 'e'])).toBe(0);
    // Everything chosen: 3 right − 2 wrong = 1 of 3.
    expect(score('net-correct', ['a', 'b', 'c', 'd', 'e'])).toBeCloseTo(1 / 3, 12);
    // Nothing chosen.
    expect(score('net-correct', [])).toBe(0);
  });

  it('Q5: per-answer credits every option decided like the key', () => {
    expect(score('per-answer', ['a', 'b', 'c'])).toBe(1);
    expect(score('per-answer', ['a', 'b'])).toBeCloseTo(4 / 5, 12);
    expect(score('per-answer', ['a', 'b', 'c', 'd'])).toBeCloseTo(4 / 5, 12);
    // Nothing chosen: the two wrong options were rightly left out.
    expect(score('per-answer', [])).toBeCloseTo(2 / 5, 12);
    // Everything chosen: the three correct ones were rightly chosen.
    expect(score('per-answer', ['a', 'b', 'c', 'd', 'e'])).toBeCloseTo(3 / 5, 12);
  });

  it('Q4: the grade reports the counts behind the score and feedback of chosen options', () => {
    const g = grade(multipleAnswer('net-correct'), ['a', 'd']);
    expect(g.status).toBe('incorrect');
    expect(g.reasons).toEqual([
      { code: 'choice-counts', scoring: 'net-correct', hits: 1, falsePicks: 1, misses: 2, correctTotal: 3, optionTotal: 5 },
    ]);
    const d = g.parts.find((p) => p.kind === 'option' && p.optionId === 'd');
    expect(d).toMatchObject({ chosen: true, correct: false, verdict: 'wrong', feedback: 'ESXi is bare-metal.' });
    const e = g.parts.find((p) => p.kind === 'option' && p.optionId === 'e');
    expect(e).toMatchObject({ chosen: false, verdict: 'right' });
  });

  it('Q2: an empty list is a (wrong) answer, null is no answer', () => {
    expect(grade(multipleAnswer('per-answer'), []).status).toBe('partial');
    expect(grade(multipleAnswer('per-answer'), null)).toMatchObject({ status: 'unanswered', score: 0 });
  });
});

describe('true/false', () => {
  it('Q6: matching the key scores 1; the feedback is the one for the given answer', () => {
    const q = trueFalse();
    expect(grade(q, false)).toMatchObject({ score: 1, parts: [{ given: false, feedback: 'Right: keep backups elsewhere.' }] });
    expect(grade(q, true)).toMatchObject({ score: 0, parts: [{ given: true, verdict: 'wrong', feedback: 'Snapshots live on the same storage.' }] });
    expect(grade(trueFalse({ answer: true }), true).score).toBe(1);
  });

  it('Q6: strings are not booleans', () => {
    expect(grade(trueFalse(), 'false')).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', expected: 'true or false', got: 'string' }],
    });
  });
});
