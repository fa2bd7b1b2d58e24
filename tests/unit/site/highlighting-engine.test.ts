import { ExpressiveCode, loadShikiTheme } from 'astro-expressive-code';
import { marked, type Token } from 'marked';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { highlighting } from '../../../src/integrations/highlighting';

/**
 * The site highlights code with Shiki's JavaScript regular-expression engine, run "forgiving" by
 * Expressive Code: a grammar pattern it cannot translate is skipped without an error
 * (src/integrations/highlighting.ts). Every code block of the course is rendered here with the
 * site's engine and with Oniguruma, Shiki's default, by Expressive Code itself; the two must agree
 * exactly. A block in a language the JavaScript engine colours differently fails here, naming the
 * file and the language; set the engine back to 'oniguruma' in highlighting.ts if that happens.
 */
const contentDir = join(process.cwd(), 'content');

interface Block {
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

const blocks = mdxFiles(contentDir).flatMap(codeBlocks);

const themes = await Promise.all(highlighting.themes.map((t) => loadShikiTheme(t)));

/** Renders a block as Expressive Code does for the site (both themes), with the given engine. */
const render = (engine: 'javascript' | 'oniguruma') => {
  const ec = new ExpressiveCode({ themes, shiki: { engine } });
  return async (b: Block) => {
    const { renderedGroupAst } = await ec.render({ code: b.code, language: b.lang });
    return JSON.stringify(renderedGroupAst);
  };
};

describe('code highlighting engine (src/integrations/highlighting.ts)', () => {
  it('the site uses the JavaScript engine this test checks', () => {
    expect(highlighting.shiki.engine).toBe('javascript');
  });

  it('finds the course code blocks, in several languages', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(new Set(blocks.map((b) => b.lang)).size).toBeGreaterThan(3);
  });

  it('every code block of the course is coloured the same by the JavaScript engine as by Oniguruma', async () => {
    const [site, reference] = [render(highlighting.shiki.engine), render('oniguruma')];
    const differ: string[] = [];
    for (const b of blocks) {
      if ((await site(b)) !== (await reference(b))) differ.push(`${b.file}: the ${b.lang} block starting "${b.code.split('\n')[0]}"`);
    }
    expect(differ, `highlighted differently by the JavaScript engine:\n${differ.join('\n')}`).toEqual([]);
  }, 60_000);

  it('sees a difference where there is one: an AutoHotkey v2 hotkey, which the two engines colour differently', async () => {
    const [site, reference] = [render(highlighting.shiki.engine), render('oniguruma')];
    const hotkey: Block = { file: 'example.ahk', lang: 'ahk2', code: 'LShift & a::Send "b"' };
    expect(await site(hotkey)).not.toBe(await reference(hotkey));
  });
});
