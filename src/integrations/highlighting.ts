/**
 * How code blocks are highlighted: the part of the Expressive Code options (astro.config.mjs) that
 * decides the colours, shared with the test that checks the regular-expression engine
 * (tests/unit/site/highlighting-engine.test.ts).
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
  shiki: { engine: 'javascript' },
} as const satisfies { themes: string[]; shiki: { engine: 'javascript' | 'oniguruma' } };
