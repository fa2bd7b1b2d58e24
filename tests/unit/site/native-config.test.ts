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
});
