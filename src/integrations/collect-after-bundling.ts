import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

/**
 * Full garbage collections at two points of `astro build`: when the server bundles are made, just
 * before the browser bundle, and when all bundling is done, before the pages are rendered.
 *
 * Why it pays: bundling leaves a lot behind that only a full collection frees. There is JavaScript
 * garbage from every transform, and Rolldown's own memory (module sources, syntax trees, rendered
 * chunks) that stays allocated until the JavaScript objects wrapping it are collected. V8 cannot see
 * Rolldown's memory, so nothing tells it to hurry. It plans its next full collection from the heap's
 * growth alone. In a first build of 200 lessons, the server bundles' leftovers were still there
 * while the browser bundle compiled every component, and all of it while every page was rendered.
 *
 * Measured (issue 16, first builds of 200 lessons with empty caches, alternating pairs):
 * - after all bundling: a peak of 771–787 MB against 896–944 MB without (3 pairs);
 * - then also before the browser bundle (with node-loaded-modules.ts in): 676–717 MB against
 *   766–827 MB with the first alone (4 pairs).
 * Each collection takes 80–100 ms; build times were within the machine's noise. A second collection
 * after a pause freed nothing more.
 *
 * Only after a bundling that compiled components (`worthIt`; astro.config.mjs asks the Svelte compile
 * cache): a rebuild takes every component from that cache, leaves far less behind, and its peak is
 * the same without the collections. Measured with `--max-semi-space-size=16` (src/build/env.mjs),
 * 200-lesson rebuilds, alternating: peaks of 518–539 MB with them against 533–538 MB without (4
 * pairs), and `--trace-gc` counted 5 full collections taking 214–221 ms against 3 taking 55–56 ms
 * (2 pairs): the two asked for here cost a rebuild about 0.16 s and gave nothing back.
 *
 * `collect` is for tests; by default it is Node's own collector (`fullGarbageCollector`). Where the
 * runtime offers none, the build goes on as before.
 */
export function collectAfterBundling(collect: () => (() => void) | null = fullGarbageCollector, worthIt: () => boolean = () => true): Plugin {
  const collectIfWorthIt = () => {
    if (worthIt()) collect()?.();
  };
  return {
    name: 'course:collect-after-bundling',
    apply: 'build',
    buildStart() {
      // Astro makes the server bundles first; the browser bundle ("client") is the last.
      if (this.environment.name === 'client') collectIfWorthIt();
    },
    buildApp: {
      // After Astro's own buildApp (the builder's config), which runs the bundles.
      order: 'post',
      async handler() {
        collectIfWorthIt();
      },
    },
  };
}

/**
 * Node's full garbage collection, as `node --expose-gc` offers it (`globalThis.gc`). Without that
 * flag, the flag is turned on just long enough for a new context to hand out its `gc` (V8 gives
 * the function to contexts made while the flag is set), then turned off again. Null if neither works.
 */
export function fullGarbageCollector(): (() => void) | null {
  const exposed: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return () => void exposed();
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
