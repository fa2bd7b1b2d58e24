import { instantiate } from '../attempt';
import type { GeneratorRegistry } from '../generators/registry';
import { normalizeAnswer } from '../grading/text-normalize';
import { plainDecimal } from '../plain-number';
import type { GeneratedEntry, Question } from '../types';

/**
 * A question's right answer as text, so two variants can be compared by what a student would
 * tell a classmate ("the answer is RAM"), not by their wording: the correct option texts, the
 * value, the accepted text, the pairs, the order.
 */
export function answerKey(q: Question): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-answer':
      return q.options
        .filter((o) => o.correct)
        .map((o) => o.text)
        .sort()
        .join('\u0000');
    case 'true-false':
      return String(q.answer);
    case 'numeric':
      return plainDecimal(q.answer);
    case 'short-text':
      return normalizeAnswer(q.answers[0] ?? '', { caseSensitive: q.caseSensitive, keepPunctuation: q.keepPunctuation });
    case 'matching':
      return q.pairs
        .map((p) => `${p.left}\u0001${p.right}`)
        .sort()
        .join('\u0000');
    case 'ordering': {
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      return q.correctOrder.map((id) => text.get(id) ?? id).join('\u0000');
    }
  }
}

export interface VariantSet {
  variants: Question[];
  /** How many different right answers the variants have (equal to `variants.length` when all differ). */
  distinctAnswers: number;
}

/** Seeds tried per variant asked for: enough for a generator with a few dozen possible answers. */
const TRIES_PER_VARIANT = 40;

/**
 * Up to `count` variants of a generated entry from seeds `gift/1`, `gift/2`, … (SPEC E9, E14):
 * every variant has an answer no earlier one has while the generator offers new ones; only when
 * it has fewer possible answers than `count` are answers repeated, each as rarely as possible.
 * Variants with identical content are never repeated. Deterministic.
 */
export function distinctVariants(entry: GeneratedEntry, count: number, generators: GeneratorRegistry): VariantSet {
  const want = Math.max(1, Math.floor(count));
  const byRegistry = cache.get(generators) ?? new WeakMap<GeneratedEntry, Map<number, VariantSet>>();
  cache.set(generators, byRegistry);
  const byCount = byRegistry.get(entry) ?? new Map<number, VariantSet>();
  byRegistry.set(entry, byCount);
  const known = byCount.get(want);
  if (known) return known;
  const pool: { q: Question; key: string }[] = [];
  const seenContent = new Set<string>();
  const keys = new Set<string>();
  // Once `want` different answers are in the pool the choice below is fixed: the first variant of each.
  for (let k = 1; k <= want * TRIES_PER_VARIANT && keys.size < want; k++) {
    const q = instantiate(entry, `gift/${k}`, generators);
    const { source: _source, ...content } = q;
    const text = JSON.stringify(content);
    if (seenContent.has(text)) continue;
    seenContent.add(text);
    const key = answerKey(q);
    keys.add(key);
    pool.push({ q, key });
  }
  const picked: typeof pool = [];
  const uses = new Map<string, number>();
  // Each round takes, in seed order, the first unused variant of every answer used least so far.
  while (picked.length < want && picked.length < pool.length) {
    const least = Math.min(...pool.filter((p) => !picked.includes(p)).map((p) => uses.get(p.key) ?? 0));
    const next = pool.find((p) => !picked.includes(p) && (uses.get(p.key) ?? 0) === least)!;
    picked.push(next);
    uses.set(next.key, (uses.get(next.key) ?? 0) + 1);
  }
  // In seed order, as numbered in the files.
  const ordered = pool.filter((p) => picked.includes(p));
  const set = { variants: ordered.map((p) => p.q), distinctAnswers: uses.size };
  byCount.set(want, set);
  return set;
}

/** The exports of one quiz ask for the same variants several times (each format, the caveats). */
const cache = new WeakMap<GeneratorRegistry, WeakMap<GeneratedEntry, Map<number, VariantSet>>>();
