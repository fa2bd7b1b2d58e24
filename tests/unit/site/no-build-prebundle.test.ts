import { resolveConfig, type Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { noBuildPrebundle, noPrebundle } from '../../../src/integrations/no-build-prebundle';

/** Lists a dependency to pre-bundle the way vite-plugin-svelte does (in the environment's config). */
const listsSvelte: Plugin = {
  name: 'lists-svelte',
  configEnvironment: (name) => (name === 'client' ? { optimizeDeps: { include: ['svelte', 'svelte/internal/client'] } } : undefined),
};

/** The browser environment's pre-bundling settings of a dev server (resolved only: no server starts, nothing is bundled). */
async function clientOptimizeDeps(plugins: Plugin[]) {
  const config = await resolveConfig({ configFile: false, logLevel: 'silent', root: process.cwd(), optimizeDeps: { include: ['astro > html-escaper'] }, plugins }, 'serve');
  return config.environments['client']!.optimizeDeps;
}

describe('astro build pre-bundles nothing for the browser', () => {
  it('a dev server lists dependencies to pre-bundle; with the plugin it lists none and discovers none', async () => {
    const before = await clientOptimizeDeps([listsSvelte]);
    expect(before.include).toEqual(expect.arrayContaining(['svelte', 'astro > html-escaper']));
    const after = await clientOptimizeDeps([listsSvelte, noPrebundle()]);
    expect(after.include).toEqual([]);
    expect(after.noDiscovery).toBe(true);
  });

  it('leaves what Vite builds alone', async () => {
    const config = await resolveConfig({ configFile: false, logLevel: 'silent', root: process.cwd(), optimizeDeps: { include: ['x'] }, plugins: [listsSvelte, noPrebundle()] }, 'build');
    expect(config.environments['client']!.optimizeDeps.include).toEqual(expect.arrayContaining(['x', 'svelte']));
  });

  it('is added for astro build and astro sync, never for astro dev or preview', () => {
    const added = (command: string) => {
      const updates: unknown[] = [];
      const setup = noBuildPrebundle().hooks['astro:config:setup'] as (options: { command: string; updateConfig: (c: unknown) => void }) => void;
      setup({ command, updateConfig: (c) => updates.push(c) });
      return updates as { vite: { plugins: Plugin[] } }[];
    };
    expect(added('dev')).toEqual([]);
    expect(added('preview')).toEqual([]);
    for (const command of ['build', 'sync']) expect(added(command).map((u) => u.vite.plugins.map((p) => p.name))).toEqual([['course:no-build-prebundle']]);
  });
});
