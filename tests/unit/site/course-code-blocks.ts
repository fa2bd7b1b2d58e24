import { marked, type Token } from 'marked';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of the course's content, with the file it is in. */
export interface Block {
  file: string;
  lang: string;
  code: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? mdxFiles(join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Fenced code blocks, also inside lists and quotes. */
function codeBlocks(file: string): Block[] {
  const found: Block[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'code' && (t as Token & { codeBlockStyle?: string }).codeBlockStyle !== 'indented') {
        found.push({ file: relative(process.cwd(), file), lang: (t.lang ?? '').split(/\s/)[0] || 'plaintext', code: t.text });
      }
      const nested = [...((t as { tokens?: Token[] }).tokens ?? []), ...((t as { items?: Token[] }).items ?? [])];
      if (nested.length > 0) visit(nested);
    }
  };
  visit(marked.lexer(readFileSync(file, 'utf8')));
  return found;
}

/** Every fenced code block under content/. */
export const courseCodeBlocks: readonly Block[] = mdxFiles(join(process.cwd(), 'content')).flatMap(codeBlocks);
