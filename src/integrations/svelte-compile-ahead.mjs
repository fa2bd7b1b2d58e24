// @ts-check
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Svelte's compiles of a first build, done ahead by a second Node process while Astro starts.
 *
 * A build compiles every component twice, for the server and for the browser, in the middle of the
 * bundling; in a first build that was the largest piece of work Starlight's build does not have (about
 * 1.5 s of the main thread at 200 lessons, issue 16). Before the bundling, Astro spends seconds loading
 * the config and syncing the content, mostly on one thread. So when `astro build` starts, this integration
 * hands the compiles the build will do to a child process (svelte-compile-ahead-child.mjs), which does
 * them during that start, server first, and sends each result back as it is made.
 *
 * The build's compiles go through `compile` in svelte-compiler-entry.mjs, which asks
 * `takeCompiledAhead` first. A result made ahead is used only for the same text and the same options,
 * compared whole, so what the build makes is what compiling on the spot makes (the options the child
 * is given are a prediction, see `predictedOptions`; a wrong one costs the time saved, nothing else).
 * A compile the child has not sent yet is done on the spot, and the child is told to skip it. A
 * compile that warned or failed in the child is done on the spot too, so that its warnings and errors
 * reach vite-plugin-svelte as the compiler's own.
 *
 * A process and not a worker thread, for memory: a worker thread's heap stayed in the build's process
 * after the worker ended (about 70 MB, still there at the bundling's peak), while a process gives all
 * of its memory back when it exits, seconds before that peak. The child's heap is kept small
 * (`--max-semi-space-size`). The build bench counts the memory of both processes together
 * (tests/bench/reference-sites.ts).
 *
 * Components that the Svelte compile cache already holds (svelte-compile-cache.ts) are not handed over,
 * and fewer than MIN_TASKS compiles start no process: a rebuild starts none. `COURSE_COMPILE_AHEAD=off` turns it off.
 */

/** Fewer compiles than this are left to the build: starting a process costs more than they take. */
const MIN_TASKS = 10;

/** @typedef {{ filename: string, source: string, options: import('svelte/compiler').CompileOptions }} Task */
/** @typedef {{ js: { code: string, map: object }, css: null | { code: string, map: object, hasGlobal: boolean }, metadata: import('svelte/compiler').CompileResult['metadata'] }} Made */

/**
 * @type {undefined | {
 *   tasks: Task[], byKey: Map<string, number>, optionsText: (string | undefined)[],
 *   results: Map<number, Made | undefined>, child: import('node:child_process').ChildProcess, running: boolean,
 *   exited: Promise<void>
 * }}
 */
let ahead;

/** What happened to the compiles handed over, for the build's log, the bench and the tests. */
export const compileAheadStats = {
  /** Compiles handed to the child. */
  given: 0,
  /** Results the build used. */
  used: 0,
  /** Compiles the build asked for before the child had sent them. */
  compiledHere: 0,
  /** Compiles that warned or failed in the child, done again by the build. */
  refused: 0,
  /** Compiles the build asked for with another text or other options than predicted. */
  differed: 0,
};

/**
 * Starts compiling the tasks in a child process (at most once per process; an empty list starts
 * nothing). Each task's options must be plain data and name its `filename`.
 * @param {Task[]} tasks
 * @param {(message: string) => void} warn
 */
export function compileAhead(tasks, warn) {
  if (ahead || tasks.length === 0) return;
  const child = fork(fileURLToPath(new URL('./svelte-compile-ahead-child.mjs', import.meta.url)), [], {
    // Its own flags only (not a profiler's or a debugger's the build may have), with a small young
    // generation: compiling makes much short-lived garbage, and a larger one only holds more of it.
    execArgv: ['--max-semi-space-size=2'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const state = {
    tasks,
    byKey: new Map(tasks.map((task, index) => [keyOf(task.filename, task.options.generate), index])),
    optionsText: tasks.map((task) => optionsKey(task.options)),
    results: /** @type {Map<number, Made | undefined>} */ (new Map()),
    child,
    running: true,
    // Exited, and every message it sent read.
    exited: Promise.all([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => child.once('disconnect', resolve))]).then(() => {}),
  };
  ahead = state;
  compileAheadStats.given = tasks.length;
  // Neither the process nor its channel keeps the build from exiting.
  child.unref();
  child.channel?.unref();
  const stop = (/** @type {string} */ why) => {
    if (!state.running) return;
    state.running = false;
    warn(`the process compiling Svelte components ahead stopped (${why}); the build compiles the rest itself`);
  };
  child.on('message', (/** @type {any} */ message) => {
    if (typeof message?.index === 'number') state.results.set(message.index, message.result);
    if (message?.done) state.running = false;
  });
  child.on('error', (error) => stop(error.message));
  child.on('exit', (code, signal) => {
    if (state.running && (code !== 0 || signal)) stop(signal ? `signal ${signal}` : `exit code ${code}`);
    state.running = false;
  });
  child.send({ tasks: tasks.map(({ source, options }) => ({ source, options })) });
}

/**
 * The child's result for this compile, if it made one for the same text and options; undefined tells
 * the caller to compile. Each result is handed out once.
 * @param {string} source
 * @param {import('svelte/compiler').CompileOptions} options
 * @param {typeof import('svelte/compiler').compile} compile the compiler's own, for the result's `ast`, which nothing in a build reads
 * @returns {import('svelte/compiler').CompileResult | undefined}
 */
export function takeCompiledAhead(source, options, compile) {
  if (!ahead || typeof options?.filename !== 'string') return undefined;
  const key = keyOf(options.filename, options.generate);
  const index = ahead.byKey.get(key);
  if (index === undefined) return undefined;
  ahead.byKey.delete(key);
  const expected = ahead.optionsText[index];
  if (ahead.tasks[index]?.source !== source || expected === undefined || optionsKey(options) !== expected) {
    compileAheadStats.differed++;
    skip(index);
    return undefined;
  }
  if (!ahead.results.has(index)) {
    compileAheadStats.compiledHere++;
    skip(index);
    return undefined;
  }
  const made = ahead.results.get(index);
  ahead.results.delete(index);
  if (!made) {
    compileAheadStats.refused++;
    return undefined;
  }
  compileAheadStats.used++;
  const task = ahead.tasks[index];
  return {
    js: { code: made.js.code, map: withMapMethods(made.js.map) },
    css: made.css && { code: made.css.code, map: withMapMethods(made.css.map), hasGlobal: made.css.hasGlobal },
    warnings: [],
    metadata: made.metadata,
    // The public syntax tree, made when asked for: vite-plugin-svelte and Astro do not read it.
    get ast() {
      return compile(task.source, task.options).ast;
    },
  };
}

/** Tells the child not to do a compile the build did itself. @param {number} index */
function skip(index) {
  if (ahead?.running && ahead.child.connected) ahead.child.send({ skip: index }, () => {});
}

/** Resolves when the child has exited and every result it sent is in (at once if none was started). */
export function compileAheadExited() {
  return ahead?.exited ?? Promise.resolve();
}

/**
 * Ends the child if it still runs (the build is over); with `forget`, also forgets its results and
 * the stats, so that another compileAhead can start (the tests' use).
 * @param {{ forget?: boolean }} [options]
 */
export function stopCompilingAhead({ forget = false } = {}) {
  if (ahead?.running) {
    ahead.running = false;
    ahead.child.kill();
  }
  if (forget) {
    ahead = undefined;
    for (const key of /** @type {(keyof typeof compileAheadStats)[]} */ (Object.keys(compileAheadStats))) compileAheadStats[key] = 0;
  }
}

/**
 * The options vite-plugin-svelte gives `compile` in `astro build` with @astrojs/svelte's defaults
 * (`emitCss`, production, no hot reload), read from a build. If a new version gives others, no result
 * is used (the build log says "asked for with other text or options") and the build is as fast as without this.
 * @param {string} filename
 * @param {'server' | 'client'} generate
 * @returns {import('svelte/compiler').CompileOptions}
 */
export function predictedOptions(filename, generate) {
  return { css: 'external', dev: false, hmr: false, filename, generate };
}

/**
 * Compiles a first `astro build` ahead (see the top of this file).
 * @param {{ kept?: (viteCacheDir: string) => (generate: 'server' | 'client', filename: string, source: string) => boolean }} [options]
 *   `kept` says which compiles the Svelte compile cache holds, so that they are not done again
 * @returns {import('astro').AstroIntegration}
 */
export function svelteCompileAhead(options = {}) {
  return {
    name: 'course:svelte-compile-ahead',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build' || process.env.COURSE_COMPILE_AHEAD === 'off') return;
        const srcDir = fileURLToPath(config.srcDir);
        const root = fileURLToPath(config.root);
        // Vite's default cache folder, which Astro keeps unless the config names another.
        const viteCacheDir = config.vite?.cacheDir ? resolve(root, config.vite.cacheDir) : join(root, 'node_modules', '.vite');
        const kept = process.env.COURSE_BUILD_CACHE === 'off' ? undefined : options.kept?.(viteCacheDir);
        /** @type {string[]} */
        let files;
        try {
          files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
            .filter((file) => file.endsWith('.svelte'))
            .map((file) => join(srcDir, file))
            .sort();
        } catch (error) {
          logger.warn(`could not list the Svelte components in ${srcDir} (${/** @type {Error} */ (error).message}); they are compiled during the bundling`);
          return;
        }
        const sources = files.map((filename) => ({ filename, source: readFileSync(filename, 'utf8') }));
        // The server's first: the server bundle comes first.
        const tasks = /** @type {const} */ (['server', 'client']).flatMap((generate) =>
          sources.filter(({ filename, source }) => !kept?.(generate, filename, source)).map(({ filename, source }) => ({ filename, source, options: predictedOptions(filename, generate) })),
        );
        // A few compiles (a rebuild after editing a component) take less time on the spot than starting Node.
        if (tasks.length >= MIN_TASKS) compileAhead(tasks, (message) => logger.warn(message));
      },
      'astro:build:done': ({ logger }) => {
        const s = { ...compileAheadStats };
        // Another build in this process (the tests run several) starts afresh.
        stopCompilingAhead({ forget: true });
        if (!s.given) return;
        const unasked = s.given - s.used - s.compiledHere - s.refused - s.differed;
        const notUsed = [
          s.compiledHere && `${s.compiledHere} not ready in time`,
          s.refused && `${s.refused} warned or failed there`,
          s.differed && `${s.differed} asked for with other text or options`,
          unasked && `${unasked} of components this build does not use`,
        ].filter(Boolean);
        logger.info(`${s.used} of ${s.given} Svelte compiles done ahead by a second process while Astro started${notUsed.length ? ` (not used: ${notUsed.join('; ')})` : ''}`);
      },
    },
  };
}

/**
 * A source map as Svelte returns it: the map's fields, with `toString` and `toUrl` as Svelte defines them.
 * @param {object} map
 * @returns {any} Svelte's SourceMap type
 */
function withMapMethods(map) {
  return Object.defineProperties(map, {
    toString: {
      enumerable: false,
      value: function toString() {
        return JSON.stringify(this);
      },
    },
    toUrl: {
      enumerable: false,
      value: function toUrl() {
        return 'data:application/json;charset=utf-8;base64,' + Buffer.from(this.toString(), 'utf8').toString('base64');
      },
    },
  });
}

/** @param {string} filename @param {unknown} generate */
const keyOf = (filename, generate) => `${String(generate)}\0${filename}`;

/**
 * The options as text, keys sorted; undefined when they hold anything but plain data (a function cannot
 * go to the child, so such options never match).
 * @param {unknown} options
 */
function optionsKey(options) {
  let plain = true;
  const text = JSON.stringify(options, (_key, value) => {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') plain = false;
    if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return value;
  });
  return plain ? text : undefined;
}
