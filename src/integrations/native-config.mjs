// @ts-check
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Lets Node load astro.config.mjs and the TypeScript it imports (src/integrations, the content check
 * and the engines it uses) by itself, with its built-in type stripping, instead of Astro falling back
 * to a Vite dev server that transforms every file one by one. Astro tries a plain `import()` of the
 * config first; it failed only because this project writes relative imports without an extension
 * (`'../lib/content-check'`), as Vite and TypeScript's bundler resolution allow. This hook resolves
 * such an import from a file under `src/` to `<name>.ts` or `<name>/index.ts`, as Vite does.
 *
 * Measured (tests/bench/build.bench.ts): loading the config this way saves about 0.6–0.9 s and
 * 70–130 MB of peak memory per build. Where Node cannot strip types, Astro's Vite fallback still
 * loads the config, so nothing depends on it.
 */
let registered = false;

/** @param {URL} src the project's `src/` folder */
export function resolveExtensionlessTypeScript(src) {
  if (registered) return;
  registered = true;
  const under = src.href;
  registerHooks({
    resolve(specifier, context, next) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (relative && context.parentURL?.startsWith(under) && !/\.(?:[cm]?[jt]s|json|svelte|astro)$/.test(specifier)) {
        const file = extensionlessTypeScript(fileURLToPath(new URL(specifier, context.parentURL)));
        if (file) return next(pathToFileURL(file).href, context);
      }
      return next(specifier, context);
    },
  });
}

/**
 * The TypeScript file an import without an extension names, as Vite resolves it: `<path>.ts`, else
 * `<path>/index.ts`; null if neither exists. (node-loaded-modules.ts resolves with it too.)
 * @param {string} path the import's path, without an extension
 * @returns {string | null}
 */
export function extensionlessTypeScript(path) {
  for (const candidate of [`${path}.ts`, join(path, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}
