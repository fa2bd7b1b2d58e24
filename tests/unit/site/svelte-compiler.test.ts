import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esm from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import * as entry from '../../../src/integrations/svelte-compiler-entry.mjs';

/**
 * A build loads Svelte's compiler as the one file Svelte publishes for `require`
 * (src/integrations/svelte-compiler.mjs). It must be the same compiler, with every name the ESM entry
 * has, and the hook must send vite-plugin-svelte's import there.
 */
describe("a build's svelte/compiler (src/integrations/svelte-compiler.mjs)", () => {
  it('exports every name the ESM entry exports, and only those', () => {
    expect(Object.keys(entry).sort()).toEqual(Object.keys(esm).sort());
    expect(entry.VERSION).toBe(esm.VERSION);
  });

  it('compiles a widget to the same code as the ESM sources, for the browser and for the server', () => {
    const file = 'src/widgets/sizing/SizingCalculator.svelte';
    const source = readFileSync(file, 'utf8');
    for (const generate of ['client', 'server'] as const) {
      const a = entry.compile(source, { filename: file, generate, dev: false });
      const b = esm.compile(source, { filename: file, generate, dev: false });
      expect(a.js.code.length).toBeGreaterThan(1000);
      expect(a.js.code).toBe(b.js.code);
      expect(a.css?.code).toBe(b.css?.code);
      expect(a.warnings.map((w) => w.code)).toEqual(b.warnings.map((w) => w.code));
    }
  });

  /** In a fresh Node: which compiler vite-plugin-svelte gets, with or without the hook. */
  const load = (withHook: boolean) => {
    const hook = pathToFileURL(resolve('src/integrations/svelte-compiler.mjs')).href;
    const script = `import { registerHooks } from 'node:module';
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      ${withHook ? `(await import(${JSON.stringify(hook)})).loadSvelteCompilerAsOneFile();` : ''}
      await import('@sveltejs/vite-plugin-svelte');
      const { VERSION } = await import('svelte/compiler');
      console.log(JSON.stringify({ VERSION, sources: loaded.filter((u) => u.includes('/svelte/src/compiler/')).length, bundle: loaded.some((u) => u.endsWith('/svelte/compiler/index.js')) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { VERSION: string; sources: number; bundle: boolean };
  };

  it("sends vite-plugin-svelte's import to the bundled compiler, none of the ESM sources loaded", () => {
    const without = load(false);
    expect(without.sources).toBeGreaterThan(100);
    expect(without.bundle).toBe(false);
    const withHook = load(true);
    expect(withHook).toEqual({ VERSION: esm.VERSION, sources: 0, bundle: true });
  });
});
