// @ts-check
import mdx from '@astrojs/mdx';
import expressiveCode from 'astro-expressive-code';
import { resolveExtensionlessTypeScript } from './src/integrations/native-config.mjs';
import { loadSvelteCompilerAsOneFile } from './src/integrations/svelte-compiler.mjs';
import { svelteCompileAhead } from './src/integrations/svelte-compile-ahead.mjs';

// Node loads this config and the TypeScript below by itself (see native-config.mjs), and Svelte's
// compiler as one file (svelte-compiler.mjs); the imports are dynamic so that they resolve after
// the hooks are in place.
resolveExtensionlessTypeScript(new URL('./src/', import.meta.url));
loadSvelteCompilerAsOneFile();
const { default: svelte } = await import('@astrojs/svelte');
const { contentCheck } = await import('./src/integrations/content-check.ts');
const { pagefindIndex } = await import('./src/integrations/pagefind-index.ts');
const { previewBase } = await import('./src/integrations/preview-base.ts');
const { noPreloadHelper } = await import('./src/integrations/no-preload-helper.ts');
const { lessonWidgetImports } = await import('./src/integrations/lesson-widgets.ts');
const { prebuiltModules } = await import('./src/integrations/prebuilt-modules.ts');
const { svelteCompileCache, keptCompiles } = await import('./src/integrations/svelte-compile-cache.ts');
const { codeBlockCache } = await import('./src/integrations/code-block-cache.ts');
const { highlighting } = await import('./src/integrations/highlighting.ts');
const { pageCache } = await import('./src/integrations/page-cache.ts');
const { packageBuilds } = await import('./src/integrations/package-builds.ts');
const { noBuildPrebundle } = await import('./src/integrations/no-build-prebundle.ts');
const { collectAfterBundling } = await import('./src/integrations/collect-after-bundling.ts');
const { nodeLoadedModules } = await import('./src/integrations/node-loaded-modules.ts');
const networkQuizInputs = await import('./src/quiz/generators/network-inputs.ts');
const snapshotQuizInputs = await import('./src/quiz/generators/snapshot-inputs.ts');

/**
 * BASE_PATH publishes the site under a sub-path (e.g. "/virt-course/" for a GitHub Pages project
 * site); every internal link goes through `url()` in src/lib/urls.ts, which respects it. `astro
 * preview` serves a build under the base it was built with (src/integrations/preview-base.ts).
 */
const base = process.env.BASE_PATH ?? '/';

/**
 * Svelte's compiles, kept between builds (src/integrations/svelte-compile-cache.ts); how many this
 * build did decides whether collecting garbage after the bundling pays (collect-after-bundling.ts).
 */
const compiles = svelteCompileCache();

/** The search index, started when Astro is done and waited for last (src/integrations/pagefind-index.ts). */
const search = pagefindIndex();

/** What Expressive Code made of each code block, kept between builds (src/integrations/code-block-cache.ts). */
const codeBlocks = codeBlockCache(new URL('./', import.meta.url));

/**
 * Every code block can be scrolled from the keyboard (WCAG 2.1.1, axe "scrollable-region-focusable")
 * from the first paint: each `<pre>` starts as a tab stop. Expressive Code's own small script then
 * removes the tab stop from blocks that do not overflow, but it runs 250 ms after layout settles,
 * and until then an overflowing block was unreachable (axe caught that in CI now and then).
 */
function focusableCode() {
  /** @param {any} node */
  const visit = (node) => {
    if (node.type === 'element' && node.tagName === 'pre') node.properties = { ...node.properties, tabindex: 0 };
    for (const child of node.children ?? []) visit(child);
  };
  return {
    name: 'course:focusable-code',
    hooks: {
      /** @param {{ renderData: { blockAst: any } }} context */
      postprocessRenderedBlock: ({ renderData }) => visit(renderData.blockAst),
    },
  };
}

/**
 * Rolldown warns MODULE_LEVEL_DIRECTIVE for the `"use astro:head-inject"` line that Astro's own
 * content plugin writes at the top of every MDX entry it wraps (`content/lessons/*.mdx?astroPropagatedAssets`).
 * Nothing reads that directive after the transform (head propagation uses module metadata), so dropping
 * it when bundling changes nothing, and an author can do nothing about it: withastro/astro#18087.
 * Only that warning is hidden; every other one still prints.
 * @type {NonNullable<import('vite').Rolldown.InputOptions['onLog']>}
 */
const hideAstroHeadInjectDirective = (level, log, handler) => {
  const astroOwn = log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"') && log.message.includes('?astroPropagatedAssets');
  if (!astroOwn) handler(level, log);
};

// A plain object with Astro's config type rather than `defineConfig` from 'astro/config', which only
// returns its argument: that module also exports an SVG optimizer, so importing it loads SVGO and the
// CSS parsers under it, which this site never uses (issue 16). Measured on first builds of 200
// lessons, alternating (6 pairs): 11.8–15.4 s (median 13.4 s) against 12.3–16.7 s (14.6 s) with the
// import, faster in every pair; user CPU lower in 5 of 6.
/** @type {import('astro').AstroUserConfig} */
const config = {
  site: process.env.SITE_URL ?? 'https://example.edu',
  base,
  trailingSlash: 'always',
  // Stylesheets stay linked (cached across pages). Inlining them all (build.inlineStylesheets 'always'
  // and Expressive Code's emitExternalStylesheet false) was measured for issue 16: a text lesson's
  // Lighthouse mobile first paint stayed at the same ~960 ms as Starlight's (both at the simulated
  // network's floor), while each page grew by about 7 KB gzipped and a 200-lesson build took 0.5 s and
  // 175 MB more. Widget stylesheets are linked by WidgetStyles.astro, only where the widget is.
  build: { format: 'directory' },
  // Lesson pages whose key and code are unchanged are copied from the last build instead of being
  // rendered again (src/integrations/page-cache.ts gives them their keys).
  experimental: { incrementalBuild: process.env.COURSE_BUILD_CACHE !== 'off' },
  vite: {
    build: { rolldownOptions: { onLog: hideAstroHeadInjectDirective } },
    // Lessons import the widgets they use, so widget styles go only to their pages.
    // Quiz generators' inputs arrive in the browser parsed and validated: no zod on quiz pages.
    // The prerender bundle imports the course's plain TypeScript from Node (node-loaded-modules.ts).
    // What the bundles left behind is collected before the browser bundle and before the pages, when they compiled components (collect-after-bundling.ts).
    plugins: [nodeLoadedModules(new URL('./src/', import.meta.url)), compiles, noPreloadHelper(), lessonWidgetImports(), prebuiltModules({ 'src/quiz/generators/network-inputs.ts': networkQuizInputs, 'src/quiz/generators/snapshot-inputs.ts': snapshotQuizInputs }), collectAfterBundling(undefined, () => compiles.api.stats.compiled > 0)],
  },
  integrations: [
    svelteCompileAhead({ kept: keptCompiles }),
    search.start,
    codeBlocks.integration,
    contentCheck(),
    pageCache(),
    expressiveCode({
      // The themes, and Shiki's JavaScript regular-expression engine (src/integrations/highlighting.ts).
      themes: [...highlighting.themes],
      shiki: { ...highlighting.shiki },
      // Follow the site's theme attribute rather than only the OS preference.
      themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
      useDarkModeMediaQuery: false,
      styleOverrides: { codeFontSize: '0.9rem', borderRadius: '0.5rem' },
      defaultProps: { frame: 'auto' },
      // The copy button comes from src/scripts/site.ts, sharing the page's one small script.
      frames: { showCopyToClipboardButton: false },
      plugins: [focusableCode()],
      customCreateRenderer: codeBlocks.createRenderer,
    }),
    mdx(),
    svelte(),
    // cytoscape's own minified build goes to the browser as it is, not bundled again every build.
    packageBuilds({ cytoscape: 'cytoscape/dist/cytoscape.esm.min.mjs' }),
    previewBase(),
    // The dev server that syncs content during a build pre-bundles nothing for a browser.
    noBuildPrebundle(),
    search.finish,
  ],
};

export default config;
