import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { noDepOptimizer, noDepOptimizerInBuild } from '../../../src/integrations/no-dep-optimizer';

const root = mkdtempSync(join(tmpdir(), 'no-dep-optimizer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Like Astro's environment plugin: gives the client environment dependencies to pre-bundle. */
const includesDeps: Plugin = {
  name: 'test:includes-deps',
  configEnvironment: (name) => (name === 'client' ? { optimizeDeps: { include: ['astro > html-escaper'] } } : undefined),
};

/** A dev server set up as Astro's content sync sets up its temporary one. */
async function syncServer(plugins: Plugin[]) {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    cacheDir: join(root, '.vite'),
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
    optimizeDeps: { noDiscovery: true, include: ['svelte'] },
    plugins,
  });
  try {
    return Object.fromEntries(Object.entries(server.environments).map(([name, env]) => [name, { optimizer: 'depsOptimizer' in env && env.depsOptimizer !== undefined, include: env.config.optimizeDeps.include ?? [] }]));
  } finally {
    await server.close();
  }
}

describe('no dependency pre-bundling during astro build', () => {
  it('leaves no environment of the sync server with an optimizer, where one would otherwise run', async () => {
    const without = await syncServer([includesDeps]);
    expect(without.client).toEqual({ optimizer: true, include: expect.arrayContaining(['svelte', 'astro > html-escaper']) });
    // Listed first, as Astro adds integration plugins before others: it must still have the last word.
    const withPlugin = await syncServer([noDepOptimizer(), includesDeps]);
    expect(Object.keys(withPlugin).length).toBeGreaterThanOrEqual(2);
    for (const env of Object.values(withPlugin)) expect(env).toEqual({ optimizer: false, include: [] });
  });

  it('is added to the Vite config for astro build only, never for astro dev', () => {
    const added = (command: string) => {
      const updates: unknown[] = [];
      const setup = noDepOptimizerInBuild().hooks['astro:config:setup'] as (o: unknown) => void;
      setup({ command, updateConfig: (u: unknown) => updates.push(u) });
      return updates as { vite: { plugins: Plugin[] } }[];
    };
    expect(added('dev')).toEqual([]);
    expect(added('preview')).toEqual([]);
    const build = added('build');
    expect(build).toHaveLength(1);
    expect(build[0]!.vite.plugins.map((p) => p.name)).toEqual(['course:no-dep-optimizer']);
  });
});
