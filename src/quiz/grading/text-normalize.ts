/**
 * Normalising typed text before comparing it with accepted answers (SPEC Q12–Q13).
 * NFKC folds compatibility forms (full-width letters, ligatures, non-breaking spaces); invisible
 * format characters (zero-width space, soft hyphen) are dropped; runs of whitespace become one space.
 * Punctuation becomes a space rather than vanishing, so "host-only" equals "host only" but
 * "10.0.2.2" never collapses into "10.0.22".
 */
export interface TextMatching {
  caseSensitive: boolean;
  keepPunctuation: boolean;
}

/** Unicode and whitespace folding only: what a regular expression pattern is matched against. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function normalizeAnswer(text: string, how: TextMatching): string {
  let s = foldText(text);
  if (!how.caseSensitive) s = s.toLowerCase();
  if (!how.keepPunctuation) s = s.replace(/\p{P}+/gu, ' ').replace(/\s+/gu, ' ').trim();
  return s;
}

/**
 * The pattern must match the whole answer (it is anchored), is Unicode-aware, and ignores case
 * unless the question is case-sensitive. Returns null for a pattern that does not compile.
 */
export function compilePattern(pattern: string, caseSensitive: boolean): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, caseSensitive ? 'u' : 'iu');
  } catch {
    return null;
  }
}
