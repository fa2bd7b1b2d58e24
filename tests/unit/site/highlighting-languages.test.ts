import { ExpressiveCode, loadShikiTheme } from 'astro-expressive-code';
import { describe, expect, it } from 'vitest';
import { bundledLanguages } from 'shiki/langs';
import { grammarOf, highlighting, shikiLanguageModule, slimLanguage, slimLanguages } from '../../../src/integrations/highlighting';
import { courseCodeBlocks, type Block } from './course-code-blocks';

/**
 * Some languages are loaded with fewer of the grammars Shiki embeds in them
 * (src/integrations/highlighting.ts, `slimLanguages`). Every code block of the course in such a
 * language must be coloured exactly as Shiki's whole language colours it.
 */
const themes = await Promise.all(highlighting.themes.map((t) => loadShikiTheme(t)));

/** Renders a block as Expressive Code does for the site, with the site's languages or with Shiki's own. */
const render = (langs: 'site' | 'shiki') => {
  const ec = new ExpressiveCode({ themes, shiki: { engine: highlighting.shiki.engine, ...(langs === 'site' ? { langs: highlighting.shiki.langs } : {}) } });
  return async (b: Block) => JSON.stringify((await ec.render({ code: b.code, language: b.lang })).renderedGroupAst);
};

const slim = courseCodeBlocks.filter((b) => Object.hasOwn(slimLanguages, b.lang));

describe('languages loaded with fewer embedded grammars (src/integrations/highlighting.ts)', () => {
  it('reads a language from the text of Shiki\'s module: the same grammar the module exports', async () => {
    const exported = (await bundledLanguages.ruby()).default;
    expect(grammarOf(shikiLanguageModule('ruby'))).toEqual(exported.at(-1));
    expect(exported.length).toBeGreaterThan(10);
  });

  it('finds no grammar in text of another form', () => {
    for (const text of ['', 'export default []', 'const lang = Object.freeze(JSON.parse("[1]"))', 'const lang = Object.freeze(JSON.parse("{\\"name\\":\\"x\\"}"))', 'const lang = Object.freeze(JSON.parse("{oops"))']) {
      expect(grammarOf(text), text).toBeUndefined();
    }
  });

  it('loads Ruby with only the shell grammar its heredocs use', async () => {
    const said: string[] = [];
    const registrations = await slimLanguage('ruby', slimLanguages['ruby']!, { warn: (m) => said.push(m) });
    expect(registrations.map((r) => r.name)).toEqual(['shellscript', 'ruby']);
    expect(registrations.at(-1)?.embeddedLangs).toEqual(['shellscript']);
    expect(said).toEqual([]);
  });

  it('falls back to Shiki\'s whole language, saying why, when the module cannot be read', async () => {
    const said: string[] = [];
    const unreadable = await slimLanguage('ruby', ['shellscript'], { read: () => 'export default []', warn: (m) => said.push(m) });
    expect(unreadable.map((r) => r.name)).toEqual((await bundledLanguages.ruby()).default.map((r) => r.name));
    const missing = await slimLanguage('ruby', ['shellscript'], {
      read: () => {
        throw new Error('ENOENT: no such file');
      },
      warn: (m) => said.push(m),
    });
    expect(missing.length).toBe(unreadable.length);
    expect(said).toEqual([
      '[course:highlighting] ruby is highlighted with all the languages Shiki embeds in it (its module is not in the form Shiki generates)',
      '[course:highlighting] ruby is highlighted with all the languages Shiki embeds in it (ENOENT: no such file)',
    ]);
  });

  it('the course has blocks in these languages', () => {
    expect(slim.map((b) => b.lang)).toContain('ruby');
  });

  it('every course block in these languages is coloured as by Shiki\'s whole language', async () => {
    const [site, shiki] = [render('site'), render('shiki')];
    const differ: string[] = [];
    for (const b of slim) {
      if ((await site(b)) !== (await shiki(b))) differ.push(`${b.file}: the ${b.lang} block starting "${b.code.split('\n')[0]}"`);
    }
    expect(differ, `coloured differently with fewer embedded grammars (keep the language it needs in slimLanguages):\n${differ.join('\n')}`).toEqual([]);
  }, 60_000);

  it('sees a difference where there is one: a Ruby heredoc of SQL', async () => {
    const [site, shiki] = [render('site'), render('shiki')];
    const heredoc: Block = { file: 'example.rb', lang: 'ruby', code: 'rows = db.exec(<<~SQL)\n  SELECT name FROM vms WHERE state = 1\nSQL' };
    expect(await site(heredoc)).not.toBe(await shiki(heredoc));
  });
});
