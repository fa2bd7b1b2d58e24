import type { Plugin } from 'vite';
import { escapeRegExp } from '../lib/regexp';

/**
 * Lazy imports stay plain `import()` in the browser: no `__vitePreload` wrapper, no preload-helper
 * chunk (about 1 KB and one request on every page, 38 % of a text page's JavaScript).
 *
 * Why `build.modulePreload: false` alone did not do it: Vite wraps every dynamic import of a client
 * build in `__vitePreload(() => import(…), deps)` whatever that option says, because the same helper
 * also loads the CSS of a lazily imported chunk (vitejs/vite#13973, "we still need the preload
 * import helper"; still open as vitejs/vite#18551). With `modulePreload: false` the deps are CSS
 * files only, and with `cssCodeSplit: false` in the client build no chunk has CSS of its own, so
 * every call gets `[]` and the wrapper does nothing but call the import. That is safe on this site
 * because pages get their styles from Astro's server build, which links (or inlines) the styles of
 * every module an island may import, lazily imported ones included; the client build's CSS is not
 * used. This plugin then replaces the helper's import in each chunk by that one-line call and drops
 * the helper chunk. A chunk that still hands CSS to the helper (`__vite__mapDeps`) keeps it, so no
 * style is ever lost; the page-weight e2e test fails on any page that fetches the helper.
 */
export function noPreloadHelper(): Plugin {
  return {
    name: 'course:no-preload-helper',
    applyToEnvironment: (environment) => environment.name === 'client',
    configEnvironment(name, config) {
      // No modulepreload of JS chunks; no per-chunk CSS for the helper to load (see above).
      if (name === 'client') config.build = { ...config.build, modulePreload: false, cssCodeSplit: false };
    },
    generateBundle: {
      // After vite:build-import-analysis has filled in each call's deps.
      order: 'post',
      handler(_options, bundle) {
        // Only a chunk that holds the helper alone: were it merged with other code, that code would go too.
        const helper = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.length === 1 && c.moduleIds[0]!.includes('vite/preload-helper'));
        if (!helper || helper.type !== 'chunk') return;
        const base = escapeRegExp(helper.fileName.split('/').pop()!);
        const importOf = new RegExp(`import\\s*\\{\\s*([\\w$]+)\\s+as\\s+([\\w$]+)\\s*\\}\\s*from\\s*(["'\`])[./\\w-]*${base}\\3;?`);
        let stillUsed = false;
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || chunk === helper || !chunk.imports.includes(helper.fileName)) continue;
          const match = importOf.exec(chunk.code);
          if (chunk.code.includes('__vite__mapDeps') || !match) {
            stillUsed = true;
            continue;
          }
          chunk.code = chunk.code.replace(match[0], `var ${match[2]}=f=>f();`);
          chunk.imports = chunk.imports.filter((f) => f !== helper.fileName);
        }
        if (!stillUsed) delete bundle[helper.fileName];
      },
    },
  };
}
