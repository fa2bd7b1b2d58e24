import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compile, type CompileOptions } from 'svelte/compiler';
import { build } from 'vite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { compileAhead, compileAheadExited, compileAheadStats, predictedOptions, stopCompilingAhead, takeCompiledAhead } from '../../../src/integrations/svelte-compile-ahead.mjs';
import { keptCompiles, svelteCompileCache } from '../../../src/integrations/svelte-compile-cache';

/**
 * Svelte's compiles done ahead in a child process (src/integrations/svelte-compile-ahead.mjs): a
 * result is used only for the same text and options and is then what compiling on the spot gives;
 * anything else (not ready, other text or options, a warning, an error) is left to the build.
 */
const root = mkdtempSync(join(tmpdir(), 'svelte-ahead-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => stopCompilingAhead({ forget: true }));

const src = join(import.meta.dirname, '../../../src');
const siteComponents = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.svelte'))
  .map((file) => join(src, file))
  .sort();

const task = (filename: string, source: string, generate: 'server' | 'client') => ({ filename, source, options: predictedOptions(filename, generate) });

/** The fields of a compile result a build reads, as plain data (maps through their own toString). */
const plain = (result: ReturnType<typeof compile>) => ({
  js: result.js.code,
  jsMap: result.js.map.toString(),
  jsUrl: result.js.map.toUrl(),
  css: result.css?.code ?? null,
  cssMap: result.css?.map.toString() ?? null,
  hasGlobal: result.css?.hasGlobal ?? null,
  warnings: result.warnings,
  metadata: result.metadata,
});

describe('Svelte compiles ahead (src/integrations/svelte-compile-ahead.mjs)', () => {
  it("gives, for every component of the site, server and browser, exactly what compiling on the spot gives", { timeout: 60_000 }, async () => {
    const tasks = (['server', 'client'] as const).flatMap((generate) => siteComponents.map((file) => task(file, readFileSync(file, 'utf8'), generate)));
    expect(tasks.length).toBeGreaterThan(50);
    const warnings: string[] = [];
    compileAhead(tasks, (message) => warnings.push(message));
    await compileAheadExited();
    for (const { source, options } of tasks) {
      const ahead = takeCompiledAhead(source, { ...options }, compile);
      const here = compile(source, { ...options });
      if (here.warnings.length) {
        // Left to the build, so that its warnings are the compiler's own.
        expect(ahead, options.filename).toBeUndefined();
        continue;
      }
      expect(ahead, options.filename).toBeDefined();
      expect(plain(ahead!), options.filename).toEqual(plain(here));
      // The syntax tree, which nothing in a build reads, is still there when asked for.
      expect(JSON.stringify(ahead!.ast)).toBe(JSON.stringify(here.ast));
    }
    expect(warnings).toEqual([]);
    expect(compileAheadStats.used + compileAheadStats.refused).toBe(tasks.length);
    expect(compileAheadStats.used).toBeGreaterThan(50);
    // Each result is handed out once.
    expect(takeCompiledAhead(tasks[0]!.source, { ...tasks[0]!.options }, compile)).toBeUndefined();
  });

  it('leaves to the build a compile with other text or other options, one that warned and one that failed', async () => {
    const file = (name: string) => join(root, name);
    const good = '<script>\n  let { n } = $props();\n</script>\n\n<p class="n">{n}</p>\n\n<style>\n  .n { color: teal; }\n</style>\n';
    const warns = '<img src="a.png">\n';
    const fails = '<p>{</p>\n';
    compileAhead([task(file('A.svelte'), good, 'client'), task(file('B.svelte'), good, 'client'), task(file('C.svelte'), warns, 'client'), task(file('D.svelte'), fails, 'server'), task(file('E.svelte'), good, 'server')], () => {});
    await compileAheadExited();
    // Other text.
    expect(takeCompiledAhead(good.replace('teal', 'navy'), predictedOptions(file('A.svelte'), 'client'), compile)).toBeUndefined();
    // Other options: dev mode, or a function (which could not have gone to the child).
    expect(takeCompiledAhead(good, { ...predictedOptions(file('B.svelte'), 'client'), dev: true }, compile)).toBeUndefined();
    expect(takeCompiledAhead(good, { ...predictedOptions(file('E.svelte'), 'server'), cssHash: () => 'x' } as CompileOptions, compile)).toBeUndefined();
    expect(compileAheadStats.differed).toBe(3);
    // A warning and an error: the build compiles them and gets them from the compiler itself.
    expect(takeCompiledAhead(warns, predictedOptions(file('C.svelte'), 'client'), compile)).toBeUndefined();
    expect(compile(warns, predictedOptions(file('C.svelte'), 'client')).warnings.map((w) => w.code)).toContain('a11y_missing_attribute');
    expect(takeCompiledAhead(fails, predictedOptions(file('D.svelte'), 'server'), compile)).toBeUndefined();
    expect(() => compile(fails, predictedOptions(file('D.svelte'), 'server'))).toThrow();
    expect(compileAheadStats.refused).toBe(2);
    // A file nobody handed over.
    expect(takeCompiledAhead(good, predictedOptions(file('Z.svelte'), 'client'), compile)).toBeUndefined();
    expect(compileAheadStats.used).toBe(0);
  });

  it('a compile asked for before the child sent it is done on the spot, and the child skips it', async () => {
    const many = siteComponents.slice(0, 12).map((file) => task(file, readFileSync(file, 'utf8'), 'client'));
    compileAhead(many, () => {});
    // Nothing can have arrived yet: results come in on the event loop.
    expect(takeCompiledAhead(many[0]!.source, { ...many[0]!.options }, compile)).toBeUndefined();
    expect(compileAheadStats.compiledHere).toBe(1);
    await compileAheadExited();
    const rest = many.slice(1).map(({ source, options }) => takeCompiledAhead(source, { ...options }, compile));
    expect(rest.filter(Boolean).length + compileAheadStats.refused).toBe(many.length - 1);
  });

  it('a child stopped early costs only the compiles it had not sent', async () => {
    const many = siteComponents.map((file) => task(file, readFileSync(file, 'utf8'), 'server'));
    compileAhead(many, () => {});
    stopCompilingAhead();
    await compileAheadExited();
    for (const { source, options } of many) {
      const result = takeCompiledAhead(source, { ...options }, compile) ?? compile(source, { ...options });
      expect(result.js.code).toBe(compile(source, { ...options }).js.code);
    }
    expect(compileAheadStats.compiledHere).toBeGreaterThan(0);
  });

  it('starts nothing for no compiles', async () => {
    compileAhead([], () => {});
    await compileAheadExited();
    expect(compileAheadStats.given).toBe(0);
  });
});

describe('what the build asks for: vite-plugin-svelte in a production build, as Astro sets it up', () => {
  const component = join(root, 'Counter.svelte');
  writeFileSync(component, '<script lang="ts">\n  let n = $state(0);\n</script>\n\n<button onclick={() => n++}>{n}</button>\n\n<style>\n  button { color: teal; }\n</style>\n');
  writeFileSync(join(root, 'main.js'), "export { default } from './Counter.svelte';\n");
  const cacheDir = join(root, 'vite-cache');

  const buildOnce = async (ssr: boolean) => {
    const seen: CompileOptions[] = [];
    // `astro build` runs with NODE_ENV=production (vitest sets "test"), which is what makes Vite's build a production one.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await buildWith(ssr, seen);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    return seen;
  };
  const buildWith = async (ssr: boolean, seen: CompileOptions[]) => {
    await build({
      root,
      cacheDir,
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      // dynamicCompileOptions sees the options compile will get, and returning nothing changes none.
      plugins: [svelte({ dynamicCompileOptions: ({ compileOptions }) => void seen.push({ ...compileOptions }) }), svelteCompileCache()],
      build: { write: false, minify: false, ssr: ssr ? 'main.js' : undefined, lib: ssr ? undefined : { entry: 'main.js', formats: ['es'], fileName: 'main' }, rollupOptions: { external: [/^svelte/] } },
    });
  };

  it('gives compile the options predictedOptions names, for the browser and the server', { timeout: 60_000 }, async () => {
    expect(await buildOnce(false)).toEqual([predictedOptions(component, 'client')]);
    expect(await buildOnce(true)).toEqual([predictedOptions(component, 'server')]);
  });

  it('keptCompiles finds what the Svelte compile cache kept, server and browser apart, and only for the same text', () => {
    const kept = keptCompiles(cacheDir);
    const text = readFileSync(component, 'utf8');
    expect(kept('client', component, text)).toBe(true);
    expect(kept('server', component, text)).toBe(true);
    expect(kept('client', component, text.replace('teal', 'navy'))).toBe(false);
    expect(kept('client', join(root, 'Other.svelte'), text)).toBe(false);
    expect(keptCompiles(join(root, 'no-such-cache'))('client', component, text)).toBe(false);
    // A broken cache file holds nothing, and breaks nothing.
    const dir = join(cacheDir, 'course-svelte-compile');
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{ not json');
    expect(keptCompiles(cacheDir)('client', component, text)).toBe(false);
  });
});
