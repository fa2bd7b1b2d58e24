import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Astro imports astro.config.mjs with Node first and only falls back to a (slower, heavier) Vite dev
 * server when that fails, silently. The config and the TypeScript it imports must therefore stay
 * loadable by Node itself: erasable TypeScript only (no enum, namespace or parameter properties),
 * no Vite-only imports (`?raw`, `import.meta.glob`) in what src/integrations pulls in.
 */
describe('astro.config.mjs loads in plain Node (src/integrations/native-config.mjs)', () => {
  it('imports without Vite and yields the integrations and plugins', () => {
    const config = pathToFileURL(resolve('astro.config.mjs')).href;
    const script = `const c = (await import(${JSON.stringify(config)})).default;
      console.log(JSON.stringify({ integrations: c.integrations.flat().map((i) => i.name), plugins: c.vite.plugins.flat().map((p) => p.name) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr.replace(/\(node:\d+\) ExperimentalWarning[^\n]*\n(\(Use `node --trace-warnings[^\n]*\n)?/g, ''), 'Node could not load the config').toBe('');
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stdout.trim().split('\n').pop()!) as { integrations: string[]; plugins: string[] };
    expect(loaded.integrations).toEqual(expect.arrayContaining(['course:content-check', 'course:pagefind-index', '@astrojs/mdx', '@astrojs/svelte']));
    expect(loaded.plugins).toEqual(expect.arrayContaining(['course:no-preload-helper', 'course:lesson-widget-imports', 'course:collect-after-bundling', 'course:node-loaded-modules']));
  });

  it('loads no SVG optimizer: the config does not import astro/config, whose entry point loads SVGO', () => {
    // Every package Node resolves while it loads the config, by its folder under node_modules.
    const config = pathToFileURL(resolve('astro.config.mjs')).href;
    const script = `const { registerHooks } = await import('node:module');
      const seen = new Set();
      registerHooks({ resolve(specifier, context, next) {
        const r = next(specifier, context);
        const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(r.url);
        if (m) seen.add(m[1]);
        return r;
      } });
      await import(${JSON.stringify(config)});
      console.log(JSON.stringify([...seen]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.status, r.stderr).toBe(0);
    const packages = JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
    // The config's own integrations are there (the hook saw the loading), SVGO is not.
    expect(packages).toEqual(expect.arrayContaining(['@astrojs/mdx', '@astrojs/svelte', 'astro-expressive-code']));
    expect(packages).not.toContain('svgo');
  });
});
