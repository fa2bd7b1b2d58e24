import { describe, expect, it } from 'vitest';
import { grade } from '../../../src/quiz';
import { matching, ordering } from './builders';

describe('matching', () => {
  const all = { a: 'Outbound only', b: 'On the physical LAN', c: 'Host and VMs', d: 'VMs only' };

  it('Q14: each right pair earns an equal share', () => {
    expect(grade(matching(), all).score).toBe(1);
    const g = grade(matching(), { ...all, a: 'VMs only', d: 'Outbound only' });
    expect(g.score).toBe(0.5);
    expect(g.status).toBe('partial');
    expect(g.reasons).toEqual([{ code: 'pairs-matched', right: 2, total: 4 }]);
    expect(g.parts[0]).toMatchObject({
      kind: 'pair',
      pairId: 'a',
      given: 'VMs only',
      expected: 'Outbound only',
      verdict: 'wrong',
      feedback: 'NAT hides the VM behind the host.',
    });
    expect(g.parts[1]).toMatchObject({ verdict: 'right', feedback: null });
  });

  it('Q14: an unanswered pair counts as wrong; nothing answered is unanswered', () => {
    const half = grade(matching(), { a: 'Outbound only', b: null });
    expect(half.score).toBe(0.25);
    expect(half.parts[1]).toMatchObject({ given: null, verdict: 'wrong', feedback: null });
    // Feedback explains a wrong match, not an empty slot.
    expect(grade(matching(), { b: 'On the physical LAN' }).parts[0]).toMatchObject({ given: null, feedback: null });
    expect(grade(matching(), {})).toMatchObject({ status: 'unanswered', score: 0 });
    expect(grade(matching(), { a: null, b: '' })).toMatchObject({ status: 'unanswered' });
  });

  it('Q14: choosing a distractor is simply wrong for that pair', () => {
    expect(grade(matching(), { ...all, b: 'GPU passthrough' }).score).toBe(0.75);
  });

  it('Q14: unknown pairs or choices and wrong shapes are invalid', () => {
    expect(grade(matching(), { zz: 'VMs only' }).reasons).toEqual([{ code: 'unknown-pair', pairId: 'zz' }]);
    expect(grade(matching(), { a: 'Made up' }).reasons).toEqual([{ code: 'unknown-choice', pairId: 'a', choice: 'Made up' }]);
    expect(grade(matching(), ['Outbound only'])).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'wrong-response-type', got: 'list' }],
    });
    expect(grade(matching(), { a: 3 })).toMatchObject({ status: 'invalid', reasons: [{ code: 'wrong-response-type', got: 'number' }] });
  });
});

describe('ordering (5 items a–e)', () => {
  const score = (scoring: Parameters<typeof ordering>[0], r: string[]) => grade(ordering(scoring), r).score;

  it('Q16: lcs follows PrairieLearn: max(0, (n − edit distance) / n)', () => {
    expect(score('lcs', ['a', 'b', 'c', 'd', 'e'])).toBe(1);
    // One item moved: LCS 4, one deletion + one insertion → (5 − 2) / 5.
    expect(score('lcs', ['b', 'a', 'c', 'd', 'e'])).toBeCloseTo(3 / 5, 12);
    expect(score('lcs', ['a', 'c', 'd', 'e', 'b'])).toBeCloseTo(3 / 5, 12);
    // Reversed: LCS 1, distance 8 → floored at 0.
    expect(score('lcs', ['e', 'd', 'c', 'b', 'a'])).toBe(0);
    // Incomplete but in order: only insertions are missing.
    expect(score('lcs', ['a', 'b', 'c'])).toBeCloseTo(3 / 5, 12);
    const g = grade(ordering('lcs'), ['b', 'a', 'c', 'd', 'e']);
    expect(g.reasons[0]).toMatchObject({ code: 'order-counts', inOrder: 4, placed: 5, total: 5, editDistance: 2 });
  });

  it('Q17: adjacent-pairs counts neighbouring pairs kept in order', () => {
    expect(score('adjacent-pairs', ['a', 'b', 'c', 'd', 'e'])).toBe(1);
    // a-b broken, b-c broken; c-d and d-e kept.
    expect(score('adjacent-pairs', ['b', 'a', 'c', 'd', 'e'])).toBeCloseTo(2 / 4, 12);
    expect(score('adjacent-pairs', ['e', 'd', 'c', 'b', 'a'])).toBe(0);
    // Two correct blocks swapped: a-b, c-d-e kept (3 of 4 pairs).
    expect(score('adjacent-pairs', ['c', 'd', 'e', 'a', 'b'])).toBeCloseTo(3 / 4, 12);
  });

  it('Q18: all-or-nothing needs the complete correct order', () => {
    expect(score('all-or-nothing', ['a', 'b', 'c', 'd', 'e'])).toBe(1);
    expect(score('all-or-nothing', ['a', 'b', 'c', 'd'])).toBe(0);
    expect(score('all-or-nothing', ['a', 'b', 'c', 'e', 'd'])).toBe(0);
  });

  it('Q19: items outside the longest in-order run are the ones marked wrong', () => {
    const g = grade(ordering('lcs'), ['a', 'c', 'd', 'e', 'b']);
    const marks = g.parts.map((p) => (p.kind === 'item' ? [p.itemId, p.givenPosition, p.expectedPosition, p.verdict] : null));
    expect(marks).toEqual([
      ['a', 1, 1, 'right'],
      ['b', 5, 2, 'wrong'],
      ['c', 2, 3, 'right'],
      ['d', 3, 4, 'right'],
      ['e', 4, 5, 'right'],
    ]);
    const partial = grade(ordering('lcs'), ['a', 'b']);
    expect(partial.parts[4]).toMatchObject({ itemId: 'e', givenPosition: null, verdict: 'wrong' });
  });

  it('Q15: unknown or repeated items are invalid; an empty arrangement is unanswered', () => {
    expect(grade(ordering('lcs'), ['a', 'a']).reasons).toEqual([{ code: 'duplicate-item', itemId: 'a' }]);
    expect(grade(ordering('lcs'), ['a', 'z']).reasons).toEqual([{ code: 'unknown-item', itemId: 'z' }]);
    expect(grade(ordering('lcs'), [])).toMatchObject({ status: 'unanswered', score: 0 });
    expect(grade(ordering('lcs'), 'a,b,c')).toMatchObject({ status: 'invalid', reasons: [{ code: 'wrong-response-type', got: 'string' }] });
  });
});
