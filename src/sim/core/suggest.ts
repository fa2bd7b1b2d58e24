/** Levenshtein distance, used to suggest the closest known name for a typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input` (case-insensitive), or undefined when nothing is close enough
 * to be a plausible typo (more than a third of the word would have to change).
 */
export function closest(input: unknown, candidates: readonly string[]): string | undefined {
  if (typeof input !== 'string') return undefined;
  const needle = input.toLowerCase();
  if (needle.length >= 3) {
    const prefixed = candidates.find((c) => c.toLowerCase().startsWith(needle));
    if (prefixed) return prefixed;
  }
  const limit = Math.max(2, Math.ceil(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length: skip the quadratic work (a pasted 100,000-character name).
    if (Math.abs(c.length - needle.length) > limit) continue;
    const d = editDistance(needle, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `(known: "dmz-net", "lan")`, shortened when the list is long. */
export function knownList(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n));
  const more = names.length > max ? `, … ${names.length - max} more` : '';
  return `(known: ${shown.join(', ')}${more})`;
}
