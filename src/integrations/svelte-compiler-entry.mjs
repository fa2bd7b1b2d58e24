// @ts-check
// `svelte/compiler` for a build's ESM imports (./svelte-compiler.mjs): the compiler Svelte bundles
// for `require`, with the names its ESM entry exports (tests/unit/site/svelte-compiler.test.ts checks
// that the two lists match, so a Svelte release that adds a name fails the tests, not a build).
import { createRequire } from 'node:module';
import { takeCompiledAhead } from './svelte-compile-ahead.mjs';

/** @type {typeof import('svelte/compiler')} */
const compiler = createRequire(import.meta.url)('svelte/compiler');

/**
 * The compiler's `compile`, except that a compile done ahead by a second process for the same text and
 * options (svelte-compile-ahead.mjs) is handed out instead of being done again.
 * @type {typeof compiler.compile}
 */
export function compile(source, options) {
  return takeCompiledAhead(source, options, compiler.compile) ?? compiler.compile(source, options);
}

export const { VERSION, compileModule, migrate, parse, parseCss, preprocess, print, walk } = compiler;
