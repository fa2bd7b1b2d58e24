/** Matching: each left-hand prompt is matched to one right-hand choice; credit per pair. SPEC Q15–Q16. */
import type { Grade, PartResult } from '../grade-result';
import type { MatchingQuestion } from '../types';
import { outcome, valueKind } from './outcome';

export function gradeMatching(q: MatchingQuestion, response: unknown): Grade {
  const parts = (given: ReadonlyMap<string, string>): PartResult[] =>
    q.pairs.map((p) => {
      const g = given.get(p.id) ?? null;
      const right = g === p.right;
      return {
        kind: 'pair',
        pairId: p.id,
        given: g,
        expected: p.right,
        verdict: right ? 'right' : 'wrong',
        // Pair feedback explains a wrong match; an empty slot has nothing to explain.
        feedback: g !== null && !right ? (p.feedback ?? null) : null,
      };
    });
  const empty = new Map<string, string>();

  if (response === undefined || response === null) return outcome(q, 0, [{ code: 'no-response' }], parts(empty));
  if (typeof response !== 'object' || Array.isArray(response)) {
    return outcome(
      q,
      0,
      [{ code: 'wrong-response-type', expected: 'mapping of pair id to choice', got: valueKind(response) }],
      parts(empty),
    );
  }

  const given = new Map<string, string>();
  for (const [pairId, choice] of Object.entries(response as Record<string, unknown>)) {
    if (!q.pairs.some((p) => p.id === pairId)) return outcome(q, 0, [{ code: 'unknown-pair', pairId }], parts(empty));
    if (choice === null || choice === undefined || choice === '') continue;
    if (typeof choice !== 'string') {
      return outcome(
        q,
        0,
        [{ code: 'wrong-response-type', expected: 'mapping of pair id to choice', got: valueKind(choice) }],
        parts(empty),
      );
    }
    if (!q.choices.includes(choice)) return outcome(q, 0, [{ code: 'unknown-choice', pairId, choice }], parts(empty));
    given.set(pairId, choice);
  }
  if (given.size === 0) return outcome(q, 0, [{ code: 'no-response' }], parts(empty));

  const right = q.pairs.filter((p) => given.get(p.id) === p.right).length;
  return outcome(q, right / q.pairs.length, [{ code: 'pairs-matched', right, total: q.pairs.length }], parts(given));
}
