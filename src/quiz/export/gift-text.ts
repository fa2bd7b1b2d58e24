import { plainDecimal } from '../plain-number';

/**
 * Escaping for Moodle GIFT, as Moodle's own exporter does (qformat_gift::repchar): a backslash
 * before ~ = # { } : and the backslash itself; newlines become \n so a blank line never ends a
 * question early.
 */
export function escapeGift(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, '\\n');
}

/** Moodle short answers treat * as a wildcard; a literal asterisk is written \*. */
export function escapeShortAnswer(text: string): string {
  return escapeGift(text.replace(/\*/g, '\\*'));
}

/** The left side of a matching pair cannot contain "->" (it separates the sides). */
export function escapeMatchLeft(text: string): string {
  return escapeGift(text.replace(/->/g, '→'));
}

/**
 * GIFT numbers have no exponent (0.0000001, never 1e-7), and are rounded to 12 significant digits
 * so floating-point noise (2190 × 0.01 = 21.900000000000002) does not reach the file.
 */
export function giftNumber(value: number): string {
  return plainDecimal(value, 12);
}

/**
 * A weight as Moodle accepts it: Moodle's grade list holds fractions to 7 decimals (1/3 is
 * 0.3333333), i.e. percentages to 5 decimals, so 100/3 is written 33.33333.
 */
export function giftPercent(percent: number): string {
  return String(Number(percent.toFixed(5)));
}

/** Comment lines cannot contain newlines. */
export function giftComment(text: string): string {
  return `// ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}

/**
 * GIFT questions are written in Moodle's Markdown, which joins the lines of a paragraph; two
 * trailing spaces make a line break, so multi-line prompts (command lists, one VM per line) keep
 * their lines (SPEC E2). A blank line still separates paragraphs.
 */
export function markdownLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n(?![ \t]*\n)/g, '  \n');
}
