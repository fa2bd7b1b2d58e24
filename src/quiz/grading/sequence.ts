/**
 * Longest common subsequence of an arrangement and the key, with which arranged positions belong
 * to it. Both lists hold distinct ids, so this is the longest run of items already in correct
 * relative order; everything else has to move.
 */
export function longestCommonSubsequence(given: readonly string[], key: readonly string[]): Set<string> {
  const n = given.length;
  const m = key.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] =
        given[i] === key[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (given[i] === key[j]) {
      kept.add(given[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** How many consecutive pairs of the key also appear consecutively, in that order, in `given`. */
export function adjacentPairsKept(given: readonly string[], key: readonly string[]): number {
  const position = new Map(key.map((id, i) => [id, i]));
  let count = 0;
  for (let i = 0; i + 1 < given.length; i++) {
    const a = position.get(given[i]!);
    const b = position.get(given[i + 1]!);
    if (a !== undefined && b === a + 1) count++;
  }
  return count;
}
