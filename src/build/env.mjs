import { join } from 'node:path';

/**
 * Settings for the allocator inside Rolldown, the bundler Astro's Vite runs, applied to every
 * `npm run build` / `dev` / `preview` (src/build/astro.mjs) and to every site the build benchmark
 * builds (tests/bench/reference-sites.ts), so this site and the reference sites are measured alike.
 *
 * Rolldown's native binding allocates with mimalloc 3. On Linux that mimalloc reserves 1 GiB arenas
 * and marks them `MADV_HUGEPAGE`, so on a kernel whose transparent huge pages are "madvise" (Debian's
 * and Ubuntu's default, GitHub's runners included) the first touch of each 2 MiB region zeroes all
 * of it, and resident memory counts the whole region however little of it is used. Measured on a
 * 200-lesson rebuild (perf, 2 cores): about half of Rolldown's worker time was the kernel zeroing
 * those pages, and up to 450 MB of the build's resident memory was huge pages.
 *   - MIMALLOC_ALLOW_THP=0: mimalloc asks for ordinary pages (no `MADV_HUGEPAGE`).
 *   - MIMALLOC_PURGE_DELAY=0: memory Rolldown frees goes back to the system at once instead of after
 *     1 s; a build is a batch job, and the next phase (rendering pages in JavaScript) needs it.
 * With both, a 200-lesson rebuild took 7.4 s instead of 8.3 s at 840 MB peak instead of 1,120 MB.
 *
 * mimalloc reads these once, when the binding loads (when Vite is first imported), so they must be
 * in the environment before that: astro.config.mjs runs too late. A value already set wins, so
 * `MIMALLOC_ALLOW_THP=1 npm run build` measures the default. On macOS and Windows they change nothing.
 */
export const ALLOCATOR_ENV = Object.freeze({ MIMALLOC_ALLOW_THP: '0', MIMALLOC_PURGE_DELAY: '0' });

/**
 * Node's own flags for `npm run build` (package.json's script gives them to Node; the build benchmark
 * gives them to every site it builds, tests/bench/reference-sites.ts; tests/tools/same-build.mjs to
 * its rebuild). They must be on Node's command line: V8 sizes its heap when the process starts.
 *   - --max-semi-space-size=16: V8's young generation, where new objects live until a scavenge, is
 *     at most 2 × 16 MB instead of Node 24's 2 × 32 MB. A build makes garbage in bursts (bundling,
 *     rendering pages) while Rolldown holds hundreds of MB; a larger young generation only keeps more
 *     of it resident at the peak. Measured (issue 16, 200 lessons, the same site built alternately
 *     with and without; peak of all the build's processes): this site's first builds peaked at
 *     552–581 MB against 649–667 MB (7 pairs) in the same time (9.97 against 9.86 s on average), its
 *     rebuilds at 520–541 against 605–687 MB (4 pairs; 5.87 against 6.05 s). Starlight's rebuilds:
 *     635–652 against 675–681 MB; its first builds: 689–694 against 682–699 MB (3 pairs each).
 *     The cost is more, smaller scavenges: in a first build traced with `--trace-gc`, 158 taking
 *     834 ms in all against 93 taking 778 ms (64 MB semi-spaces: 60 taking 543 ms, at the default's peak).
 */
export const NODE_FLAGS = Object.freeze(['--max-semi-space-size=16']);

/**
 * `env` with ALLOCATOR_ENV's settings added where `env` has none (a copy; `env` is not changed).
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string | undefined>}
 */
export function withAllocatorEnv(env) {
  const out = { ...env };
  for (const [name, value] of Object.entries(ALLOCATOR_ENV)) {
    if (!Object.hasOwn(out, name) || out[name] === undefined || out[name] === '') out[name] = value;
  }
  return out;
}

/**
 * Where `npm run build` / `dev` / `preview` keep Node's compile cache for a project at `root`: V8's
 * compiled code for every module the build loads (Astro, Vite, this site's integrations), so a
 * later build does not compile them again (`module.enableCompileCache`, Node 22.1 and later; Node
 * checks each entry against the module's source and ignores stale ones). It lives in Astro's cache
 * folder, so deleting `node_modules/.astro` (or a CI cache miss) starts from nothing like the other
 * caches. Measured on a 200-lesson rebuild: 5.69 s instead of 5.94 s (3 pairs); Starlight's: 5.63 s
 * instead of 5.76 s. The build benchmark gives every site one of its own (tests/bench/reference-sites.ts).
 * `NODE_COMPILE_CACHE` already set wins, as Node's own setting.
 * @param {string} root
 * @returns {string}
 */
export function compileCacheDir(root) {
  return join(root, 'node_modules', '.astro', 'node-compile-cache');
}

/**
 * Turns Node's compile cache on for this process and for the threads and processes it starts:
 * `module.enableCompileCache` alone covers only the thread that calls it, so the directory also goes
 * into `NODE_COMPILE_CACHE`, which worker threads and child processes read when they start (Node's
 * documentation recommends exactly this). The build starts two: the content check's worker thread
 * (src/lib/content-check-rest.ts) and the process that compiles Svelte components ahead
 * (src/integrations/svelte-compile-ahead.mjs).
 *
 * With it, the modules the worker loads first (the lab and quiz engines, the schemas) are compiled
 * and type-stripped once for the whole build: the worker writes them to the cache when it ends and
 * the pages' code, which imports the same files later in the main thread, reads them back. Before,
 * only the benchmark's builds shared the cache this way (it sets the variable for every site it
 * builds), so `npm run build` did that work twice. Measured on the 200-lesson bench site with empty
 * caches, alternating with and without (issue 16, 6 pairs): user CPU 17.1 s against 17.4 s (medians;
 * less in 5 pairs), wall time 13.4 s against 13.9 s (less in 5 pairs; this machine varies by a
 * second or more between builds). Rebuilds after editing one lab, where the worker runs again:
 * 10.1–10.9 s of user CPU against 11.0–11.1 s (4 pairs, less in each).
 *
 * A `NODE_COMPILE_CACHE` already set wins, as Node's own setting; `env` is changed in place.
 * @param {string} root the project's folder
 * @param {Record<string, string | undefined>} env the environment to give the setting to (process.env)
 * @param {(directory?: string) => unknown} enable `module.enableCompileCache`
 */
export function shareCompileCache(root, env, enable) {
  if (!env.NODE_COMPILE_CACHE) env.NODE_COMPILE_CACHE = compileCacheDir(root);
  enable(env.NODE_COMPILE_CACHE);
}
