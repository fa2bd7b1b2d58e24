import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/**
 * `astro build` does not pre-bundle browser dependencies that nothing serves (issue 16).
 *
 * Before it builds, Astro starts a temporary Vite dev server to sync the content collections
 * (astro/dist/core/sync, `createTempViteServer`). That server passes `optimizeDeps.noDiscovery`, but
 * Astro's own environment plugin gives its client environment an `include` list (the dev toolbar and
 * its aria-query and axobject-query) and @astrojs/svelte adds Svelte's runtime, so Vite's dependency
 * optimizer bundles all of them into node_modules/.vite/deps on every build that finds no such folder
 * (a fresh clone, CI, a deployment), and again whenever the config changes. No page is ever served
 * from that server and a build never reads those files. Measured on a 200-lesson first build: the
 * sync started 0.2-0.8 s sooner without it.
 *
 * The plugin runs last among the config hooks and leaves every environment with nothing to discover
 * and nothing to include, which is Vite's documented way to switch the optimizer off (Vite reports
 * `optimizeDeps.noDiscovery` true with an empty `include` as disabled). `astro dev` keeps the
 * optimizer: the integration adds the plugin only when Astro builds.
 */
export function noDepOptimizer(): Plugin {
  return {
    name: 'course:no-dep-optimizer',
    enforce: 'post',
    configEnvironment(_name, config) {
      config.optimizeDeps = { ...config.optimizeDeps, noDiscovery: true, include: [] };
    },
  };
}

export function noDepOptimizerInBuild(): AstroIntegration {
  return {
    name: 'course:no-dep-optimizer-in-build',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') updateConfig({ vite: { plugins: [noDepOptimizer()] } });
      },
    },
  };
}
