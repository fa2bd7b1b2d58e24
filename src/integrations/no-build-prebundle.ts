import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/**
 * `astro build` pre-bundles no dependencies for a browser that is never there.
 *
 * To sync content, `astro build` starts a temporary Vite dev server. Vite's dependency optimizer then
 * pre-bundles for the browser every dependency the config lists for development: Astro's dev toolbar
 * and its audits, and (added by vite-plugin-svelte) the whole Svelte runtime. On a first build that
 * was 2.5 MB of bundles with source maps, written to `node_modules/.vite/deps`, bundled by Rolldown
 * beside the build's own work, and read by nothing: the build bundles the browser code itself, and
 * the temporary server only runs the content config in Node. Measured on a first 200-lesson build
 * (issue 16): 0.4 s less CPU (11.8 s against 12.2 s of user time, 3 pairs), about 24 MB less peak
 * memory on average over 8 pairs; wall time changed by less than the machine's noise.
 *
 * Only dev servers started by `astro build` and `astro sync` (which `astro check` runs first) are
 * changed: the plugin is added for those commands, and does nothing where Vite itself builds.
 * `astro dev` pre-bundles as before.
 */
export function noBuildPrebundle(): AstroIntegration {
  return {
    name: 'course:no-build-prebundle',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build' || command === 'sync') updateConfig({ vite: { plugins: [noPrebundle()] } });
      },
    },
  };
}

/** A Vite plugin: no dependency pre-bundling in a dev server (what Vite builds is left alone). */
export function noPrebundle(): Plugin {
  return {
    name: 'course:no-build-prebundle',
    // After the plugins that list dependencies to pre-bundle (vite-plugin-svelte's optimizer setup).
    enforce: 'post',
    configEnvironment(_name, config, env) {
      if (env.command !== 'serve') return;
      config.optimizeDeps ??= {};
      config.optimizeDeps.include = [];
      config.optimizeDeps.noDiscovery = true;
    },
  };
}
