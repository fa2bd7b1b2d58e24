// @ts-check
import { registerHooks } from 'node:module';

/**
 * Makes a build's `import … from 'svelte/compiler'` (vite-plugin-svelte's, and
 * svelte-compile-cache.ts's) load Svelte's compiler as the one file Svelte publishes for `require`
 * (`svelte/compiler/index.js`), instead of its ESM sources: 509 modules (the compiler's own files
 * and the aria-query and axobject-query packages it reads), each resolved, read and compiled by Node,
 * and each written to Node's compile cache when the build exits.
 * It is the same compiler at the same version, built by Svelte from the same sources: a build with it
 * wrote the same files, byte for byte, as one with the ESM sources.
 *
 * Measured (issue 16, first builds of 200 lessons, 4 alternating pairs): 11.4–11.8 s against
 * 11.7–12.6 s, with about 0.4 s less user and 0.3 s less system CPU. Loading the compiler alone
 * takes about 40 ms against 200 ms.
 *
 * Only ESM imports are sent to svelte-compiler-entry.mjs; its own `require('svelte/compiler')`
 * gets Node's usual answer, the bundled file. Call it before anything that imports the compiler
 * is loaded (astro.config.mjs imports @astrojs/svelte after it).
 */
let registered = false;

export function loadSvelteCompilerAsOneFile() {
  if (registered) return;
  registered = true;
  const entry = new URL('./svelte-compiler-entry.mjs', import.meta.url).href;
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === 'svelte/compiler' && context.conditions?.includes('import')) return { url: entry, shortCircuit: true };
      return next(specifier, context);
    },
  });
}
