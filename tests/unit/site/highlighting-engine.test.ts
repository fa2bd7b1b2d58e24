import { ExpressiveCode, loadShikiTheme } from 'astro-expressive-code';
import { describe, expect, it } from 'vitest';
import { highlighting } from '../../../src/integrations/highlighting';
import { courseCodeBlocks, type Block } from './course-code-blocks';

/**
 * The site highlights code with Shiki's JavaScript regular-expression engine, run "forgiving" by
 * Expressive Code: a grammar pattern it cannot translate is skipped without an error
 * (src/integrations/highlighting.ts). Every code block of the course is rendered here with the
 * site's engine and with Oniguruma, Shiki's default, by Expressive Code itself; the two must agree
 * exactly. A block in a language the JavaScript engine colours differently fails here, naming the
 * file and the language; set the engine back to 'oniguruma' in highlighting.ts if that happens.
 */
const themes = await Promise.all(highlighting.themes.map((t) => loadShikiTheme(t)));

/** Renders a block as Expressive Code does for the site (both themes and its languages), with the given engine. */
const render = (engine: 'javascript' | 'oniguruma') => {
  const ec = new ExpressiveCode({ themes, shiki: { engine, langs: highlighting.shiki.langs } });
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
    expect(courseCodeBlocks.length).toBeGreaterThan(10);
    expect(new Set(courseCodeBlocks.map((b) => b.lang)).size).toBeGreaterThan(3);
  });

  it('every code block of the course is coloured the same by the JavaScript engine as by Oniguruma', async () => {
    const [site, reference] = [render(highlighting.shiki.engine), render('oniguruma')];
    const differ: string[] = [];
    for (const b of courseCodeBlocks) {
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
