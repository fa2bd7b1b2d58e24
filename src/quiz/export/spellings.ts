import { grade } from '../grade';
import type { ShortTextQuestion } from '../types';

/**
 * The accepted answers of a short-text question as an LMS compares them (whole text, at most
 * case-insensitive), SPEC E15: each listed answer, followed by its spelling with the punctuation
 * between two letters written as a space ("host-only" → "host only", "copy-on-write" → "copy on
 * write") when the site accepts that spelling too (it ignores punctuation unless `keepPunctuation`).
 * Every added spelling is checked with the site's own grader; duplicates are left out.
 */
export function acceptedSpellings(q: ShortTextQuestion): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (text: string) => {
    const key = q.caseSensitive ? text : text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(text);
  };
  for (const answer of q.answers) {
    add(answer);
    const spaced = answer.replace(/(?<=\p{L})\p{P}+(?=\p{L})/gu, ' ');
    if (spaced !== answer && grade(q, spaced).score === 1) add(spaced);
  }
  return out;
}
