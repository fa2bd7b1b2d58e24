/**
 * Author text (plain text with `code` spans and line breaks, as the site shows it) as the HTML an
 * LMS shows: special characters escaped, `code` as <code>, a blank line starts a new paragraph and
 * a single line break stays a <br> (the site keeps lines with `white-space: pre-line`). Nothing in
 * the text is ever read as markup. Apostrophes stay literal: `&apos;` is not an HTML 4 entity.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `code` spans as <code>, the rest escaped; a span never crosses a line, as on the site. */
export function inlineHtml(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return '<p></p>';
  return paragraphs.map((p) => `<p>${p.split('\n').map(inlineHtml).join('<br>')}</p>`).join('');
}

/** The text without the backticks, for fields an LMS shows as plain text (a drop-down choice). */
export const plainText = (text: string): string => text.replace(/`([^`\n]+)`/g, '$1');
