import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV, compileCacheDir, NODE_FLAGS, shareCompileCache, withAllocatorEnv } from '../../../src/build/env.mjs';

/**
 * The allocator settings of `npm run build` (src/build/env.mjs, started by src/build/astro.mjs):
 * they reach Rolldown only if they are in the environment before its native binding loads, so these
 * tests run Rolldown in a child process and look at the memory it mapped.
 */
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/** Runs a one-module Rolldown build in a fresh Node, then counts its mappings marked MADV_HUGEPAGE ("hg" in /proc/self/smaps). */
function hugePageMappings(env: Record<string, string | undefined>, setInProcess = false): number {
  const script = `
    ${setInProcess ? "const { ALLOCATOR_ENV } = await import('./src/build/env.mjs'); Object.assign(process.env, ALLOCATOR_ENV);" : ''}
    const { rolldown } = await import('rolldown');
    const bundle = await rolldown({ input: 'entry', plugins: [{ name: 'one', resolveId: (id) => id, load: () => 'export default 1' }] });
    await bundle.generate({});
    const smaps = (await import('node:fs')).readFileSync('/proc/self/smaps', 'utf8');
    console.log((smaps.match(/^VmFlags:.*\\bhg\\b/gm) ?? []).length);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout.trim());
}

describe('allocator settings for the build', () => {
  it('adds each setting only where the environment has none, and returns a copy', () => {
    const env = { PATH: '/bin', MIMALLOC_ALLOW_THP: '1' };
    const out = withAllocatorEnv(env);
    expect(out).toEqual({ PATH: '/bin', MIMALLOC_ALLOW_THP: '1', MIMALLOC_PURGE_DELAY: ALLOCATOR_ENV.MIMALLOC_PURGE_DELAY });
    expect(env).toEqual({ PATH: '/bin', MIMALLOC_ALLOW_THP: '1' });
    expect(withAllocatorEnv({ MIMALLOC_PURGE_DELAY: '' })).toEqual({ ...ALLOCATOR_ENV });
    expect(withAllocatorEnv({})).toEqual({ ...ALLOCATOR_ENV });
  });

  it('npm run dev, build and preview, and npm test\'s builds, go through the launcher', () => {
    for (const name of ['dev', 'preview']) expect(pkg.scripts[name]).toMatch(new RegExp(`^node src/build/astro\\.mjs ${name}\\b`));
    // The build's Node flags (src/build/env.mjs) are on Node's command line, where V8 reads them.
    expect(pkg.scripts['build']).toBe(`node ${NODE_FLAGS.join(' ')} src/build/astro.mjs build`);
    const testAll = readFileSync('tests/tools/test-all.mjs', 'utf8');
    expect(testAll).not.toMatch(/cmd: 'astro build/);
    expect(testAll.match(/cmd: 'npm run build\b/g)).toHaveLength(2);
    expect(readFileSync('tests/tools/same-build.mjs', 'utf8')).toContain("[...NODE_FLAGS, 'src/build/astro.mjs', 'build'");
    expect(readFileSync('tests/bench/reference-sites.ts', 'utf8')).toContain('spawn(process.execPath, [...${JSON.stringify(NODE_FLAGS)}, script, dir]');
  });

  it('the launcher keeps Node\'s compile cache in the project\'s node_modules/.astro, unless NODE_COMPILE_CACHE says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'course-compile-cache-'));
    try {
      const env = { ...process.env };
      delete env.NODE_COMPILE_CACHE;
      const run = (extra: Record<string, string>) => spawnSync(process.execPath, [resolve('src/build/astro.mjs'), '--version'], { cwd: dir, encoding: 'utf8', env: { ...env, ...extra } });
      const elsewhere = join(dir, 'elsewhere');
      expect(run({ NODE_COMPILE_CACHE: elsewhere }).status).toBe(0);
      expect(existsSync(compileCacheDir(dir))).toBe(false);
      expect(readdirSync(elsewhere, { recursive: true }).length).toBeGreaterThan(0);
      const r = run({});
      expect(r.status, r.stderr).toBe(0);
      expect(compileCacheDir(dir)).toBe(join(dir, 'node_modules', '.astro', 'node-compile-cache'));
      // Node writes one file per module it compiled, under a folder per Node version.
      expect(readdirSync(compileCacheDir(dir), { recursive: true }).length).toBeGreaterThan(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the compile cache reaches the worker threads and child processes the build starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'course-compile-cache-'));
    try {
      // A process that turns the cache on as the launcher does, then asks a worker thread and a child
      // process where their cache is (Node's answer includes a folder per Node version).
      const script = `
        const module = await import('node:module');
        const { Worker } = await import('node:worker_threads');
        const { execFileSync } = await import('node:child_process');
        const { shareCompileCache } = await import(${JSON.stringify(pathToFileURL(resolve('src/build/env.mjs')).href)});
        shareCompileCache(process.cwd(), process.env, module.enableCompileCache);
        const ask = 'console.log(require("node:module").getCompileCacheDir() ?? "none")';
        const inWorker = await new Promise((done, fail) => {
          // The worker's code is a module too: it inherits --input-type=module.
          const w = new Worker('import { parentPort } from "node:worker_threads"; import m from "node:module"; parentPort.postMessage(m.getCompileCacheDir() ?? "none");', { eval: true });
          w.once('message', done);
          w.once('error', fail);
        });
        const inChild = execFileSync(process.execPath, ['-e', ask], { encoding: 'utf8' }).trim();
        console.log(JSON.stringify({ here: module.getCompileCacheDir(), inWorker, inChild }));`;
      const env = { ...process.env };
      delete env.NODE_COMPILE_CACHE;
      const run = (extra: Record<string, string>) => {
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', env: { ...env, ...extra } });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout.trim()) as { here: string; inWorker: string; inChild: string };
      };
      const own = run({});
      for (const where of [own.here, own.inWorker, own.inChild]) expect(where.startsWith(compileCacheDir(dir)), `${where} is not in ${compileCacheDir(dir)}`).toBe(true);
      // A NODE_COMPILE_CACHE already set wins, everywhere.
      const elsewhere = join(dir, 'elsewhere');
      const set = run({ NODE_COMPILE_CACHE: elsewhere });
      for (const where of [set.here, set.inWorker, set.inChild]) expect(where.startsWith(elsewhere), `${where} is not in ${elsewhere}`).toBe(true);
      // The setting is put into the environment it is given, and only where that has none.
      const given: Record<string, string | undefined> = {};
      const enabled: (string | undefined)[] = [];
      shareCompileCache('/project', given, (d) => enabled.push(d));
      expect(given.NODE_COMPILE_CACHE).toBe(compileCacheDir('/project'));
      shareCompileCache('/project', { NODE_COMPILE_CACHE: '/x' }, (d) => enabled.push(d));
      expect(enabled).toEqual([compileCacheDir('/project'), '/x']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the build\'s Node flags make V8\'s young generation smaller than Node\'s default', () => {
    // The largest the young generation grows to while a script makes short-lived objects; V8 reports
    // its two semi-spaces together as new_space.
    const script = `const v8 = require('node:v8'); let keep = [], max = 0;
      for (let i = 0; i < 4e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = [];
        if (i % 5000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }
      console.log(max / 1048576);`;
    const youngMb = (flags: readonly string[]) => {
      const r = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return Number(r.stdout.trim());
    };
    const semiSpace = Number(/^--max-semi-space-size=(\d+)$/.exec(NODE_FLAGS.find((f) => f.startsWith('--max-semi-space-size=')) ?? '')?.[1]);
    expect(semiSpace).toBeGreaterThan(0);
    const withFlags = youngMb(NODE_FLAGS);
    expect(withFlags).toBeGreaterThan(0);
    // While a scavenge runs, V8 counts a few pages beside the two semi-spaces (33.25 and 34.5 MB were
    // seen with 16 MB ones on a loaded machine), so the bound allows a quarter more. The next size a
    // flag could give is twice as large (32 MB semi-spaces: 64 MB and up), which this still refuses.
    expect(withFlags).toBeLessThanOrEqual(2 * semiSpace * 1.25);
    expect(youngMb([])).toBeGreaterThan(withFlags);
  });

  it('the launcher runs Astro\'s command line with the arguments given', () => {
    const r = spawnSync(process.execPath, ['src/build/astro.mjs', '--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync('node_modules/astro/package.json', 'utf8')) as { version: string };
    expect(r.stdout).toContain(`v${version}`);
  });

  // Linux only: elsewhere mimalloc does not mark huge pages, and /proc/self/smaps does not exist.
  it.runIf(existsSync('/proc/self/smaps'))('Rolldown maps no huge-page memory with the settings, whether given to the process or set before Rolldown loads', () => {
    const plain = { ...process.env };
    for (const name of Object.keys(ALLOCATOR_ENV)) delete plain[name];
    expect(hugePageMappings(withAllocatorEnv(plain))).toBe(0);
    expect(hugePageMappings(plain, true)).toBe(0);
    // Without them Rolldown's mimalloc marks its arenas for huge pages: the setting is what changes it
    // (unless the kernel has transparent huge pages off altogether).
    const thp = '/sys/kernel/mm/transparent_hugepage/enabled';
    if (!existsSync(thp) || !readFileSync(thp, 'utf8').includes('[never]')) expect(hugePageMappings(plain)).toBeGreaterThan(0);
  });
});
