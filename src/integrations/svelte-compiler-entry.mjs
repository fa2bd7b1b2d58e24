// @ts-check
// `svelte/compiler` for a build's ESM imports (./svelte-compiler.mjs): the compiler Svelte bundles
// for `require`, with the names its ESM entry exports (tests/unit/site/svelte-compiler.test.ts checks
// that the two lists match, so a Svelte release that adds a name fails the tests, not a build).
import { createRequire } from 'node:module';

/** @type {typeof import('svelte/compiler')} */
const compiler = createRequire(import.meta.url)('svelte/compiler');

export const { VERSION, compile, compileModule, migrate, parse, parseCss, preprocess, print, walk } = compiler;
