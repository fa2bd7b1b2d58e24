import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Plugin, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { svelteCompileCache } from '../../../src/integrations/svelte-compile-cache';

/**
 * Real Vite builds (browser and server) of a tiny app with vite-plugin-svelte and the cache: what a
 * rebuild takes from the cache must be byte for byte what compiling gives, a changed component
 * must compile again, and a broken cache file must only cost a compile.
 */
const root = mkdtempSync(join(tmpdir(), 'svelte-cache-'));
const cacheDir = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'main.js': "import Counter from './Counter.svelte';\nimport Badge from './Badge.svelte';\nexport { Counter, Badge };\n",
  'Counter.svelte': '<script lang="ts">\n  let { step = 1 }: { step?: number } = $props();\n  let n = $state(0);\n</script>\n\n<button onclick={() => (n += step)}>Clicked {n}</button>\n\n<style>\n  button { color: rebeccapurple; }\n</style>\n',
  'Badge.svelte': '<script lang="ts">\n  let { label }: { label: string } = $props();\n</script>\n\n<span class="badge">{label}</span>\n\n<style>\n  .badge { font-weight: bold; }\n</style>\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);

interface Built {
  hits: number;
  misses: number;
  /** Components the build compiled (with the cache or without). */
  compiled: number;
  output: string;
  logs: string[];
  /** Codes of the compiler warnings that reached the config's onwarn. */
  warnings: string[];
}

async function buildOnce(opts: { ssr?: boolean; enabled?: boolean; sourcemap?: boolean; withoutCache?: boolean; plugins?: { svelte: Plugin[]; cache: Plugin; warnings: string[] } } = {}): Promise<Built> {
  const warnings = opts.plugins?.warnings ?? [];
  const cache = opts.plugins?.cache ?? svelteCompileCache({ enabled: opts.enabled ?? true });
  const withCache = opts.withoutCache ? [] : [cache];
  const logs: string[] = [];
  const result = await build({
    root,
    cacheDir,
    configFile: false,
    logLevel: 'silent',
    customLogger: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), warnOnce: (m: string) => logs.push(m), error: (m: string) => logs.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
    plugins: [opts.plugins?.svelte ?? svelte({ onwarn: (w) => warnings.push(w.code) }), ...withCache],
    build: { write: false, minify: false, sourcemap: opts.sourcemap ?? false, ssr: opts.ssr ? 'main.js' : undefined, lib: opts.ssr ? undefined : { entry: 'main.js', formats: ['es'], fileName: 'main' }, rollupOptions: { external: [/^svelte/] } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const output = outputs
    .flatMap((o) => o.output)
    .map((o) => `${o.fileName}\n${o.type === 'chunk' ? o.code : String(o.source)}`)
    .sort()
    .join('\n---\n');
  const { stats } = (cache as Plugin & { api: { stats: { hits: number; misses: number; compiled: number } } }).api;
  return { hits: stats.hits, misses: stats.misses, compiled: stats.compiled, output, logs, warnings };
}

describe('Svelte compile cache (src/integrations/svelte-compile-cache.ts)', () => {
  let reference = '';

  it('compiles on the first build and keeps the results', async () => {
    reference = (await buildOnce({ withoutCache: true })).output;
    expect(await buildOnce({ enabled: false })).toMatchObject({ output: reference, hits: 0, misses: 0, compiled: 2 });
    expect(reference).toContain('Clicked');
    expect(reference).toContain('rebeccapurple'); // the component's CSS, read back from the module's meta
    const first = await buildOnce();
    expect(first.warnings).toEqual([]);
    expect(first.misses).toBe(2);
    expect(first.compiled).toBe(2);
    expect(first.hits).toBe(0);
    expect(first.output).toBe(reference);
    expect(readdirSync(join(cacheDir, 'course-svelte-compile'))).toEqual(['client.json']);
  });

  it('a rebuild takes both components from the cache and builds exactly the same output, CSS included', async () => {
    const again = await buildOnce();
    expect(again).toMatchObject({ hits: 2, misses: 0, compiled: 0 });
    expect(again.output).toBe(reference);
  });

  it('wraps vite-plugin-svelte once when the same plugins are resolved in several configs (Astro does)', async () => {
    rmSync(join(cacheDir, 'course-svelte-compile'), { recursive: true, force: true });
    const warnings: string[] = [];
    const plugins = { svelte: svelte({ onwarn: (w) => warnings.push(w.code) }), cache: svelteCompileCache(), warnings };
    const first = await buildOnce({ plugins });
    expect(first).toMatchObject({ hits: 0, misses: 2, output: reference });
    const second = await buildOnce({ plugins });
    expect(second).toMatchObject({ hits: 2, misses: 2, output: reference });
    // Emptied, the next build compiles each component once (the counts are the plugin's since it was
    // made); a hook wrapped twice would count each compile twice.
    rmSync(join(cacheDir, 'course-svelte-compile'), { recursive: true, force: true });
    expect(await buildOnce({ plugins })).toMatchObject({ hits: 2, misses: 4, output: reference });
  });

  it('keeps server and browser compiles apart', async () => {
    const server = await buildOnce({ ssr: true });
    expect(server).toMatchObject({ hits: 0, misses: 2 });
    expect(server.output).toContain('$$renderer'); // Svelte's server output, not the cached browser one
    expect((await buildOnce({ ssr: true })).hits).toBe(2);
    expect((await buildOnce()).hits).toBe(2);
  });

  it('compiles again from another working directory, where Svelte names the scoped CSS classes differently', async () => {
    const before = process.cwd();
    process.chdir(root);
    try {
      const elsewhere = await buildOnce();
      expect(elsewhere).toMatchObject({ hits: 0, misses: 2 });
      expect(elsewhere.output).not.toBe(reference);
      expect((await buildOnce()).hits).toBe(2);
    } finally {
      process.chdir(before);
    }
    expect(await buildOnce()).toMatchObject({ misses: 2, output: reference });
  });

  it('compiles a changed component again, and only that one', async () => {
    writeFileSync(join(root, 'Badge.svelte'), files['Badge.svelte']!.replace('font-weight: bold', 'font-style: italic'));
    try {
      const changed = await buildOnce();
      expect(changed).toMatchObject({ hits: 1, misses: 1 });
      expect(changed.output).toContain('italic');
      expect(changed.output).not.toContain('bold');
    } finally {
      writeFileSync(join(root, 'Badge.svelte'), files['Badge.svelte']!);
    }
    expect((await buildOnce()).output).toBe(reference);
  });

  it('keeps only what the last build used', async () => {
    await buildOnce();
    const kept = JSON.parse(readFileSync(join(cacheDir, 'course-svelte-compile', 'client.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(kept.entries)).toHaveLength(2);
  });

  it('a broken or foreign cache file costs a compile and one line, never the build', async () => {
    const file = join(cacheDir, 'course-svelte-compile', 'client.json');
    for (const text of ['{ not json', '[1, 2]', '{"settings": 3, "entries": {}}', '{"settings": "x", "entries": {"__proto__": {"code": 1}}}']) {
      writeFileSync(file, text);
      const built = await buildOnce();
      expect(built.misses, text).toBe(2);
      expect(built.output, text).toBe(reference);
      if (text.startsWith('{ not') || text.startsWith('[')) expect(built.logs.join('\n')).toMatch(/client\.json is not (valid JSON|a Svelte compile cache); compiling every component/);
    }
    // Entries whose key or shape is wrong are ignored, the good ones used.
    const good = JSON.parse(readFileSync(file, 'utf8')) as { settings: string; entries: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ settings: good.settings, entries: { ...good.entries, constructor: { code: 'evil()' }, ['0'.repeat(64)]: { code: 42 } } }));
    expect(await buildOnce()).toMatchObject({ hits: 2, misses: 0, output: reference });
  });

  it('never keeps a component whose compile warned, so its warnings print on every build', async () => {
    writeFileSync(join(root, 'Badge.svelte'), files['Badge.svelte']!.replace('<span class="badge">', '<img src="x.png"><span class="badge">'));
    try {
      const warned = await buildOnce();
      expect(warned.warnings).toEqual(['a11y_missing_attribute']);
      const again = await buildOnce();
      expect(again).toMatchObject({ hits: 1, misses: 1 });
      expect(again.warnings).toEqual(['a11y_missing_attribute']);
    } finally {
      writeFileSync(join(root, 'Badge.svelte'), files['Badge.svelte']!);
    }
    expect((await buildOnce()).warnings).toEqual([]);
  });

  it('makes no source maps for a build that writes none, and every one for a build that does', async () => {
    const file = join(cacheDir, 'course-svelte-compile', 'client.json');
    const keptMaps = () => Object.values((JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { map: unknown }> }).entries).map((e) => e.map);
    rmSync(join(cacheDir, 'course-svelte-compile'), { recursive: true, force: true });
    expect(await buildOnce()).toMatchObject({ misses: 2, output: reference });
    expect(keptMaps()).toEqual([null, null]);

    // With source maps on: the maps written are those of a build without this plugin, whether the
    // components were compiled (misses) or taken from the cache (hits); what was kept without maps is not used.
    const plain = (await buildOnce({ withoutCache: true, sourcemap: true })).output;
    expect(plain).toMatch(/main\.m?js\.map\n\{"version":3/);
    expect(plain).toContain('Counter.svelte');
    const compiled = await buildOnce({ sourcemap: true });
    expect(compiled).toMatchObject({ hits: 0, misses: 2, output: plain });
    expect(keptMaps().every((map) => typeof map === 'object' && map !== null && 'mappings' in map)).toBe(true);
    expect(await buildOnce({ sourcemap: true })).toMatchObject({ hits: 2, misses: 0, output: plain });
    // Off again: compiled without maps, not served the entries kept with them.
    expect(await buildOnce()).toMatchObject({ hits: 0, misses: 2, output: reference });
  });

  it('can be turned off', async () => {
    mkdirSync(join(cacheDir, 'course-svelte-compile'), { recursive: true });
    const off = await buildOnce({ enabled: false });
    expect(off).toMatchObject({ hits: 0, misses: 0, output: reference });
  });
});
