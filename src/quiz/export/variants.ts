import { instantiate } from '../attempt';
import type { GeneratorRegistry } from '../generators/registry';
import type { GeneratedEntry, Question } from '../types';

/** Up to `count` distinct variants of a generated entry, from seeds `gift/1`, `gift/2`, … (duplicates skipped). */
export function distinctVariants(entry: GeneratedEntry, count: number, generators: GeneratorRegistry): Question[] {
  const out: Question[] = [];
  const seen = new Set<string>();
  for (let k = 1; out.length < count && k <= count * 10; k++) {
    const q = instantiate(entry, `gift/${k}`, generators);
    const { source: _source, ...content } = q;
    const key = JSON.stringify(content);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(q);
    }
  }
  return out;
}
