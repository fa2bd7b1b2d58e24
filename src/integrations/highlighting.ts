import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LanguageRegistration } from 'shiki';

/**
 * Languages loaded with only some of the grammars Shiki's bundle embeds in them: for each, the
 * embedded languages kept. Shiki loads a language with every grammar it embeds, and theirs in turn.
 * Its Ruby embeds 12 (a heredoc such as `<<-SQL` or `<<~HTML` is highlighted in its language); with
 * the languages those embed, and those Expressive Code loads for them too (HAML's Markdown, and every
 * language Markdown can fence), a first build loaded 64 more grammar files, 3.3 MB of JavaScript, for
 * the one Ruby block of the course: a Vagrantfile, whose `<<-SHELL` heredoc is the only one it has.
 * Measured (issue 16): highlighting that block in a new process, as Expressive Code does for the
 * site, took 183–222 ms and kept 4.2 MB of heap, against 457–506 ms and 35 MB with Shiki's whole
 * Ruby (3 runs each); the highlighter keeps its grammars for the whole build. First builds of 200
 * lessons peaked at 652–692 MB against 686–712 MB (4 alternating pairs; times within this machine's
 * noise). The built site is the same, byte for byte.
 *
 * tests/unit/site/highlighting-languages.test.ts renders every block of the course in these
 * languages with Shiki's full grammar and with this one and fails on any difference, naming the
 * block; keep the embedded language it needs here when that happens.
 */
export const slimLanguages: Readonly<Record<string, readonly string[]>> = {
  ruby: ['shellscript'],
};

/**
 * The grammar in one of Shiki's language modules (`@shikijs/langs/dist/<name>.mjs`), read from its
 * text so that the modules it imports (the embedded languages) are not loaded; undefined if the
 * module is not in the form Shiki generates.
 */
export function grammarOf(moduleText: string): LanguageRegistration | undefined {
  const literal = /\bconst lang = Object\.freeze\(JSON\.parse\(("(?:[^"\\]|\\.)*")\)\)/.exec(moduleText)?.[1];
  if (!literal) return undefined;
  try {
    const grammar: unknown = JSON.parse(JSON.parse(literal) as string);
    if (typeof grammar !== 'object' || grammar === null) return undefined;
    const { name, scopeName } = grammar as { name?: unknown; scopeName?: unknown };
    return typeof name === 'string' && typeof scopeName === 'string' ? (grammar as LanguageRegistration) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A language with only the embedded languages `keep` (Shiki's own grammars for those), for
 * Expressive Code's `langs`. If its module cannot be read that way, Shiki's whole language is
 * returned, with a warning: the same colours, only slower to load.
 */
export async function slimLanguage(
  name: string,
  keep: readonly string[],
  { read = shikiLanguageModule, warn = console.warn }: { read?: (name: string) => string; warn?: (message: string) => void } = {},
): Promise<LanguageRegistration[]> {
  const { bundledLanguages } = await import('shiki/langs');
  const bundled = async (lang: string): Promise<LanguageRegistration[]> => {
    const load = Object.hasOwn(bundledLanguages, lang) ? bundledLanguages[lang as keyof typeof bundledLanguages] : undefined;
    if (!load) throw new Error(`Shiki has no language "${lang}"`);
    return (await load()).default;
  };
  let grammar: LanguageRegistration | undefined;
  let why = `its module is not in the form Shiki generates`;
  try {
    grammar = grammarOf(read(name));
  } catch (error) {
    why = (error as Error).message;
  }
  if (!grammar || grammar.name !== name) {
    warn(`[course:highlighting] ${name} is highlighted with all the languages Shiki embeds in it (${why})`);
    return bundled(name);
  }
  const embedded = (grammar.embeddedLangs ?? []).filter((lang) => keep.includes(lang));
  const kept = await Promise.all(embedded.map(bundled));
  // Expressive Code loads a language's lazily embedded languages too: the same choice applies.
  const lazy = (grammar.embeddedLangsLazy ?? []).filter((lang) => keep.includes(lang));
  return [...kept.flat(), { ...grammar, embeddedLangs: embedded, embeddedLangsLazy: lazy }];
}

/** The text of Shiki's module for a language, from the Shiki the site highlights with (its shiki/langs imports them from there). */
export function shikiLanguageModule(name: string): string {
  const shiki = createRequire(createRequire(import.meta.url).resolve('shiki/package.json'));
  return readFileSync(shiki.resolve(`@shikijs/langs/${name}`), 'utf8');
}

/**
 * How code blocks are highlighted: the part of the Expressive Code options (astro.config.mjs) that
 * decides the colours, shared with the tests that check the regular-expression engine
 * (tests/unit/site/highlighting-engine.test.ts) and the languages above
 * (tests/unit/site/highlighting-languages.test.ts).
 *
 * Shiki reads TextMate grammars, whose regular expressions are written for Oniguruma. By default it
 * runs Oniguruma compiled to WebAssembly. Its JavaScript engine translates the same patterns to
 * native `RegExp`s instead (oniguruma-to-es). For issue 16 a first build with empty caches was
 * measured with each engine, 4 alternating builds each with 200 generated lessons: with the
 * JavaScript engine the median build took 9.0 s against 9.5 s and peaked at 892 MB against 959 MB
 * (no WebAssembly to compile, no Oniguruma memory), and the built site was the same, byte for byte.
 *
 * Expressive Code runs that engine "forgiving": a pattern it cannot translate is skipped, which
 * would change colours without an error. Of Shiki's 242 bundled languages, one (ahk2) has such a
 * pattern, and that pattern is invalid for Oniguruma too. The test highlights every code block in
 * the course with both engines and fails on any difference, so a block in a new language that the
 * JavaScript engine colours differently is caught before it ships; set `engine` back to
 * 'oniguruma' here if that happens.
 */
export const highlighting = {
  themes: ['github-light', 'github-dark'],
  shiki: {
    engine: 'javascript',
    // Loaded with the highlighter, when the first code block is highlighted (none is in a rebuild
    // that takes every block from the code block cache).
    langs: Object.entries(slimLanguages).map(([name, keep]) => () => slimLanguage(name, keep)),
  },
} as const satisfies { themes: string[]; shiki: { engine: 'javascript' | 'oniguruma'; langs: (() => Promise<LanguageRegistration[]>)[] } };
