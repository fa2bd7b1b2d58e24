import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { VERSION as SVELTE_VERSION } from 'svelte/compiler';
import type { Plugin, ResolvedConfig } from 'vite';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';

/** What a build did with its components so far (the plugin's `api.stats`). */
export interface CompileStats {
  /** Taken from the cache. */
  hits: number;
  /** Not found in the cache (each then compiled). */
  misses: number;
  /** Compiled by this build, with the cache or without (with it off, every component). */
  compiled: number;
}

/**
 * A rebuild does not compile again the Svelte components that did not change.
 *
 * Svelte compiles each component twice per build, once for the server (the pages' HTML) and once for
 * the browser (the islands): with 57 components that was the largest single piece of a build's work
 * (about a second of the main thread, issue 16). What the compiler makes depends on nothing but its
 * input, so this plugin keeps each result, keyed by a hash of everything that goes in: the component's
 * text and file; server or browser; the compiler options (and the source of a dynamicCompileOptions
 * function, if the config has one); the working directory (Svelte names scoped CSS classes from the
 * file's path relative to it); and the versions of svelte and @sveltejs/vite-plugin-svelte (which adds
 * the component's CSS import). A changed component, another Svelte or other options simply miss and
 * compile as before.
 *
 * It wraps the transform of vite-plugin-svelte's own compile plugin, so everything that plugin does
 * with the result (the component's CSS, read back from the module's meta) works the same on a hit.
 * A component whose compile printed warnings is never kept, so its warnings print on every build.
 *
 * The results live in `<Vite cacheDir>/course-svelte-compile/<environment>.json`, rewritten after each
 * build with only what that build used. A missing, unreadable or foreign file is no error: the build
 * says so in one line and compiles. Only `astro build` uses it (`apply: 'build'`); `COURSE_BUILD_CACHE=off`
 * turns it off.
 *
 * When the build writes no source maps (`build.sourcemap` off, Astro's default for both environments),
 * the compile is also spared the maps nobody reads: vite-plugin-svelte asks Rolldown for the map of
 * the transforms before it (an identity map of the whole component when there are none) and Svelte
 * merges its own map into it, and the result's map went on to Rolldown. None of that changes the
 * code; it was about 0.4 s of a first 200-lesson build (issue 16). With source maps on, every map is
 * made and kept as before. This part does not depend on the cache, so `COURSE_BUILD_CACHE=off` keeps it.
 */
export function svelteCompileCache(options: { dir?: string; enabled?: boolean } = {}): Plugin & { api: { stats: CompileStats } } {
  const enabled = options.enabled ?? process.env.COURSE_BUILD_CACHE !== 'off';
  let dir = '';
  let settings = '';
  /** Files whose compile warned in this build: never cached. */
  const warned = new Set<string>();
  const stores = new Map<string, Store>();
  const stats: CompileStats = { hits: 0, misses: 0, compiled: 0 };
  let logger: ResolvedConfig['logger'] | undefined;

  const storeOf = (environment: string, log: (message: string) => void): Store => {
    let store = stores.get(environment);
    if (!store) {
      store = { file: join(dir, `${environment}.json`), kept: readStore(join(dir, `${environment}.json`), settings, log), used: new Map(), dirty: false, hits: 0, misses: 0 };
      stores.set(environment, store);
    }
    return store;
  };

  return {
    name: 'course:svelte-compile-cache',
    apply: 'build',
    api: { stats },
    configResolved(config: ResolvedConfig) {
      const compile = config.plugins.find((p) => p.name === 'vite-plugin-svelte:compile');
      const api = (config.plugins.find((p) => p.name === 'vite-plugin-svelte:config') as (Plugin & { api?: SvelteApi }) | undefined)?.api;
      const transform = compile?.transform;
      const version = pluginVersion();
      if (!compile || !api?.options || typeof transform !== 'object' || typeof transform.handler !== 'function' || !version) {
        config.logger.warn('[course:svelte-compile-cache] vite-plugin-svelte is not set up as expected; components are compiled without the cache');
        return;
      }
      logger = enabled ? config.logger : undefined;
      dir = join(config.cacheDir, 'course-svelte-compile');
      // Svelte hashes a component's scoped CSS class from its file name relative to rootDir, which is
      // the working directory unless the options name one.
      settings = JSON.stringify([FORMAT, SVELTE_VERSION, version, process.cwd(), api.options.emitCss ?? true, api.options.compilerOptions ?? {}, api.options.dynamicCompileOptions ?? null], (_key, value) => (typeof value === 'function' ? String(value) : value));

      // Astro resolves several Vite configs with the same plugin objects (the content layer's, the
      // build's): wrap each hook once.
      const rootDir = (api.options.compilerOptions as { rootDir?: string } | undefined)?.rootDir ?? process.cwd();
      if (!(WRAPPED in api.options)) {
        // Warnings reach vite-plugin-svelte's options.onwarn (or its default handler) before the transform returns.
        const userOnwarn = api.options.onwarn;
        Object.defineProperty(api.options, WRAPPED, { value: true });
        api.options.onwarn = (warning: SvelteWarning, handler: (warning: SvelteWarning) => void) => {
          // Svelte names the file relative to rootDir (the working directory unless the options set one).
          if (warning.filename) warned.add(resolve(rootDir, warning.filename));
          if (userOnwarn) userOnwarn(warning, handler);
          else handler(warning);
        };
      }
      if (WRAPPED in transform.handler) return;

      const compileTransform = transform.handler;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vite's transform context and result, passed through as they came
      transform.handler = async function (this: any, code: string, id: string, ...rest: unknown[]): Promise<any> {
        const environment: string = this.environment?.name ?? 'unknown';
        const maps = Boolean(this.environment?.config?.build?.sourcemap);
        const compileOnce = async () => {
          stats.compiled++;
          const result: unknown = await (compileTransform as (...args: unknown[]) => unknown).call(maps ? this : withoutInputMap(this), code, id, ...rest);
          if (!maps && isKeepable(result)) result.map = null;
          return result;
        };
        if (!enabled) return compileOnce();
        const store = storeOf(environment, (message) => config.logger.info(`[course:svelte-compile-cache] ${message}`));
        // A result kept without its map must not serve a build that writes maps.
        const key = entryKey(environment, maps, id, code);
        const kept = store.kept.get(key);
        if (kept) {
          stats.hits++;
          store.hits++;
          store.used.set(key, kept);
          return { ...kept, moduleType: 'js' };
        }
        stats.misses++;
        store.misses++;
        const result = await compileOnce();
        const file = id.split('?')[0]!;
        if (isKeepable(result) && !warned.has(resolve(file))) {
          store.used.set(key, { code: result.code, map: result.map ?? null, meta: result.meta });
          store.dirty = true;
        }
        return result;
      };
      Object.defineProperty(transform.handler, WRAPPED, { value: true });
    },
    buildEnd() {
      const store = stores.get(this.environment.name);
      if (!store) return;
      stores.delete(this.environment.name);
      logger?.info(`[course:svelte-compile-cache] ${this.environment.name}: ${store.hits} of ${store.hits + store.misses} Svelte components taken from the cache`);
      // Rewrite when something was added or something kept is no longer used.
      if (!store.dirty && store.used.size === store.kept.size) return;
      try {
        writeCacheFile(store.file, 'settings', settings, Object.fromEntries(store.used));
      } catch (error) {
        this.warn(`could not save the Svelte compile cache in ${dir} (${(error as Error).message}); the next build compiles every component again`);
      }
    },
  };
}

/** The key of a component's entry: its environment, whether the build writes maps, its id and text. */
const entryKey = (environment: string, maps: boolean, id: string, code: string) =>
  createHash('sha256').update(environment).update(maps ? '\0maps\0' : '\0').update(id).update('\0').update(code).digest('hex');

/**
 * Which compiles the cache files in a Vite cache folder hold, for a build that writes no source maps
 * (svelte-compile-ahead.mjs leaves those to the cache): `client.json` is the browser's, the other
 * environments' files the server's. The settings they were written with are not checked (they are
 * known only once Vite's config is resolved): after a change of settings the build compiles what
 * this said was kept, as it would without svelte-compile-ahead. Unreadable files hold nothing.
 */
export function keptCompiles(viteCacheDir: string): (generate: 'server' | 'client', id: string, code: string) => boolean {
  const dir = join(viteCacheDir, 'course-svelte-compile');
  const files: { generate: 'server' | 'client'; environment: string; keys: Set<string> }[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    // No cache yet.
  }
  for (const name of names) {
    const environment = name.slice(0, -'.json'.length);
    try {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { entries?: unknown };
      if (typeof data.entries === 'object' && data.entries !== null) files.push({ generate: environment === 'client' ? 'client' : 'server', environment, keys: new Set(Object.keys(data.entries)) });
    } catch {
      // Holds nothing usable.
    }
  }
  return (generate, id, code) => files.some((file) => file.generate === generate && file.keys.has(entryKey(file.environment, false, id, code)));
}

/**
 * The transform context as it is, except that it has no map of the earlier transforms to give: the
 * compile then makes no input map and Svelte merges nothing into its own. Methods keep the real
 * context as `this`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Vite's transform context, passed through
function withoutInputMap(context: any): any {
  return new Proxy(context, {
    get(target, property) {
      if (property === 'getCombinedSourcemap') return () => null;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Marks the hooks this plugin has wrapped. */
const WRAPPED = Symbol('course:svelte-compile-cache');

/** Bump when what is stored changes shape. */
const FORMAT = 'course-svelte-compile/2';

interface Entry {
  code: string;
  map: unknown;
  meta: unknown;
}
interface Store {
  file: string;
  kept: Map<string, Entry>;
  used: Map<string, Entry>;
  dirty: boolean;
  hits: number;
  misses: number;
}
interface SvelteWarning {
  filename?: string;
}
interface SvelteApi {
  options?: {
    emitCss?: boolean;
    compilerOptions?: unknown;
    /** A config's per-file compiler options: its source is part of the settings. */
    dynamicCompileOptions?: unknown;
    onwarn?: (warning: SvelteWarning, handler: (warning: SvelteWarning) => void) => void;
  };
}

function pluginVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its entry (src/index.js), not its package.json.
    const file = join(dirname(require.resolve('@sveltejs/vite-plugin-svelte')), '..', 'package.json');
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    if (typeof version === 'string') return version;
  } catch {
    // fall through
  }
  return undefined;
}

const isKeepable = (result: unknown): result is Entry =>
  typeof result === 'object' && result !== null && typeof (result as Entry).code === 'string';

/** The entries of a cache file written with the same settings; an empty map (after one line saying why, if the file is unusable) otherwise. */
export function readStore(file: string, settings: string, log: (message: string) => void): Map<string, Entry> {
  const { entries: kept } = readCacheFile(file, 'settings', settings, 'a Svelte compile cache', 'compiling every component (it is rewritten after this build)', log);
  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(kept ?? {})) {
    if (/^[0-9a-f]{64}$/.test(key) && isKeepable(value)) entries.set(key, { code: value.code, map: value.map ?? null, meta: value.meta ?? null });
  }
  return entries;
}
