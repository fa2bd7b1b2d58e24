/** Ordering: arrange items; partial credit by LCS edit distance, adjacent pairs, or none. SPEC Q17–Q20. */
import type { Grade, GradeReason, PartResult } from '../grade-result';
import type { OrderingQuestion, OrderingScoring } from '../types';
import { outcome, valueKind } from './outcome';
import { adjacentPairsKept, longestCommonSubsequence } from './sequence';

export function orderingScore(
  scoring: OrderingScoring,
  c: { inOrder: number; placed: number; total: number; adjacentRight: number; editDistance: number },
): number {
  switch (scoring) {
    case 'all-or-nothing':
      return c.inOrder === c.total && c.placed === c.total ? 1 : 0;
    case 'lcs':
      return Math.max(0, (c.total - c.editDistance) / c.total);
    case 'adjacent-pairs':
      return c.total < 2 ? (c.inOrder === c.total ? 1 : 0) : c.adjacentRight / (c.total - 1);
  }
}

export function gradeOrdering(q: OrderingQuestion, response: unknown): Grade {
  const key = q.correctOrder;
  const parts = (given: readonly string[], kept: ReadonlySet<string>): PartResult[] =>
    key.map((itemId, index) => {
      const at = given.indexOf(itemId);
      return {
        kind: 'item',
        itemId,
        givenPosition: at < 0 ? null : at + 1,
        expectedPosition: index + 1,
        verdict: kept.has(itemId) ? 'right' : 'wrong',
      };
    });
  const none = parts([], new Set());

  if (response === undefined || response === null) return outcome(q, 0, [{ code: 'no-response' }], none);
  if (!Array.isArray(response)) {
    return outcome(q, 0, [{ code: 'wrong-response-type', expected: 'list of item ids', got: valueKind(response) }], none);
  }
  const given: string[] = [];
  for (const id of response as unknown[]) {
    if (typeof id !== 'string') {
      return outcome(q, 0, [{ code: 'wrong-response-type', expected: 'list of item ids', got: valueKind(id) }], none);
    }
    if (!key.includes(id)) return outcome(q, 0, [{ code: 'unknown-item', itemId: id }], none);
    if (given.includes(id)) return outcome(q, 0, [{ code: 'duplicate-item', itemId: id }], none);
    given.push(id);
  }
  if (given.length === 0) return outcome(q, 0, [{ code: 'no-response' }], none);

  const kept = longestCommonSubsequence(given, key);
  const counts = {
    inOrder: kept.size,
    placed: given.length,
    total: key.length,
    editDistance: given.length - kept.size + (key.length - kept.size),
    adjacentRight: adjacentPairsKept(given, key),
  };
  const reason: GradeReason = {
    code: 'order-counts',
    scoring: q.scoring,
    ...counts,
    adjacentTotal: Math.max(0, key.length - 1),
  };
  return outcome(q, orderingScore(q.scoring, counts), [reason], parts(given, kept));
}
