/** Words per minute for technical prose; code and tables read slower, so they count at half speed. */
const PROSE_WPM = 220;
const CODE_WPM = 110;

/**
 * Estimated minutes to read an MDX lesson body: counts the words a reader sees (not imports, JSX tag
 * names, attributes or markup) and rounds up to a whole minute, at least 1.
 */
export function readingMinutes(mdxBody: string): number {
  const { prose, code } = wordsIn(mdxBody);
  return Math.max(1, Math.ceil(prose / PROSE_WPM + code / CODE_WPM));
}

export function wordsIn(mdxBody: string): { prose: number; code: number } {
  let code = 0;
  const withoutCode = mdxBody.replace(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1\s*$/gm, (_m, _fence, inner: string) => {
    code += countWords(inner);
    return ' ';
  });
  const text = withoutCode
    .replace(/^---\n[\s\S]*?\n---\n/, ' ')
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~-]+/g, ' ');
  return { prose: countWords(text), code };
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
