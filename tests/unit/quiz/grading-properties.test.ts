import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctResponse, drawAttempt, grade, gradeAttempt, shuffleQuestion, type Attempt, type Quiz } from '../../../src/quiz';
import { createRng, findNonJson, roundTrip } from '../../../src/sim/core';
import { anyQuestion, questionAndResponse } from './arbitraries';
import { multipleAnswer, numeric, ordering, singleChoice, trueFalse } from './builders';

const runs = { seed: 20260101, numRuns: 400 };

describe('grading invariants (fast-check)', () => {
  it('Q20: any response scores within [0, 1], never throws, and correct means score 1', () => {
    fc.assert(
      fc.property(questionAndResponse, ({ q, r }) => {
        const g = grade(q, r);
        expect(Number.isFinite(g.score)).toBe(true);
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(1);
        expect(g.correct).toBe(g.score === 1);
        if (g.status === 'unanswered' || g.status === 'invalid') expect(g.score).toBe(0);
      }),
      runs,
    );
  });

  it('Q20: the key response always scores 1', () => {
    fc.assert(
      fc.property(anyQuestion, (q) => {
        expect(grade(q, correctResponse(q))).toMatchObject({ score: 1, correct: true, status: 'correct' });
      }),
      runs,
    );
  });

  it('Q20: grades are plain JSON and the same after a JSON round trip of question and response', () => {
    fc.assert(
      fc.property(questionAndResponse, ({ q, r }) => {
        const g = grade(q, r);
        expect(findNonJson(g)).toBeNull();
        const json = JSON.stringify(r);
        if (json === undefined) return;
        expect(grade(roundTrip(q), JSON.parse(json))).toEqual(grade(q, JSON.parse(json)));
      }),
      runs,
    );
  });

  it('G6: shuffling the presentation never changes a grade', () => {
    fc.assert(
      fc.property(questionAndResponse, fc.integer(), ({ q, r }, seed) => {
        const shown = shuffleQuestion(q, createRng(seed));
        expect(grade(shown, r).score).toBe(grade(q, r).score);
      }),
      runs,
    );
  });

  it('Q3–Q5: choosing one more correct option never lowers the score; one more wrong option never raises it', () => {
    const modes = ['all-or-nothing', 'net-correct', 'per-answer'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...modes), fc.subarray(['a', 'b', 'c', 'd', 'e']), fc.constantFrom('a', 'b', 'c', 'd', 'e'), (mode, picks, extra) => {
        const q = multipleAnswer(mode);
        const before = grade(q, picks).score;
        const after = grade(q, [...picks, extra]).score;
        const isCorrect = q.options.find((o) => o.id === extra)!.correct;
        if (isCorrect) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
      runs,
    );
  });

  it('Q8: a plain number scores 1 exactly when it lies in the tolerance interval', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, width) => {
        const q = numeric({ answer: 3, tolerance: { kind: 'absolute', value: width }, wrongAnswers: [] });
        const clearlyIn = Math.abs(x - 3) < width - 1e-9;
        const clearlyOut = Math.abs(x - 3) > width + 1e-9;
        if (clearlyIn) expect(grade(q, x).score).toBe(1);
        if (clearlyOut) expect(grade(q, x).score).toBe(0);
      }),
      runs,
    );
  });

  it('Q16–Q18: an arrangement scores 1 in any ordering mode exactly when it is the key', () => {
    fc.assert(
      fc.property(fc.constantFrom('lcs', 'adjacent-pairs', 'all-or-nothing' as const), fc.integer({ min: 2, max: 7 }), fc.integer(), (mode, n, seed) => {
        const q = ordering(mode, n);
        const r = createRng(seed).shuffle(q.correctOrder).slice(0, 1 + (Math.abs(seed) % n));
        const same = r.length === n && r.every((id, i) => id === q.correctOrder[i]);
        expect(grade(q, r).score === 1).toBe(same);
      }),
      runs,
    );
  });
});

describe('grading an attempt', () => {
  const quiz: Quiz = {
    id: 'w1',
    title: 'Week 1',
    lesson: 'week1',
    mode: 'all-on-one-page',
    passingScore: 0.6,
    questions: [singleChoice({ points: 2 }), trueFalse(), multipleAnswer('net-correct')],
  };

  it('Q21: scores are weighted by points and compared with the passing score', () => {
    const attempt: Attempt = drawAttempt(quiz, 1);
    const all = gradeAttempt(attempt, { 'hv-types': 'a', 'snap-backup': false, type2: ['a', 'b', 'c'] });
    expect(all).toMatchObject({ score: 1, earned: 4, possible: 4, passed: true });
    // 2 points from the first, 0 from true/false, 1/3 of a point from net-correct (1 right of 3).
    const some = gradeAttempt(attempt, { 'hv-types': 'a', type2: ['a'] });
    expect(some.earned).toBeCloseTo(2 + 1 / 3, 12);
    expect(some.score).toBeCloseTo((2 + 1 / 3) / 4, 12);
    expect(some.passed).toBe(false);
    expect(some.grades[1]!.status).toBe('unanswered');
    expect(gradeAttempt(attempt, { 'hv-types': 'a', 'snap-backup': false }).passed).toBe(true);
  });

  it('Q21: responses that are not a mapping leave everything unanswered', () => {
    const g = gradeAttempt(drawAttempt(quiz, 1), 'nonsense');
    expect(g.score).toBe(0);
    expect(g.grades.every((x) => x.status === 'unanswered')).toBe(true);
  });
});
