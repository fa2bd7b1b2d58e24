// @ts-check
// The process svelte-compile-ahead.mjs starts: it receives the compiles to do, does them in order with
// Svelte's compiler, sends each result back as soon as it is made, says when it is done, and exits.
// Between two compiles it reads the messages that say which ones the build did itself.
import { createRequire } from 'node:module';

// The same file the build's `import 'svelte/compiler'` loads (svelte-compiler-entry.mjs requires it too).
/** @type {typeof import('svelte/compiler')} */
const { compile } = createRequire(import.meta.url)('svelte/compiler');

/** Compiles the build did itself. */
const skipped = new Set();
const send = (/** @type {unknown} */ message) => new Promise((resolve) => process.send?.(message, resolve));

// The build ended (or failed) before this did: nothing would read the rest.
process.on('disconnect', () => process.exit(0));

process.on('message', async (/** @type {any} */ message) => {
  if (typeof message?.skip === 'number') {
    skipped.add(message.skip);
    return;
  }
  if (!Array.isArray(message?.tasks)) return;
  /** @type {{ source: string, options: import('svelte/compiler').CompileOptions }[]} */
  const tasks = message.tasks;
  for (let index = 0; index < tasks.length; index++) {
    // Lets the build's skip messages in.
    await new Promise((resolve) => setImmediate(resolve));
    if (skipped.has(index)) continue;
    const task = tasks[index];
    if (!task) continue;
    const { source, options } = task;
    /** @type {unknown} */
    let result;
    try {
      const { js, css, warnings, metadata } = compile(source, options);
      // A compile that warned is left to the build, so that its warnings reach vite-plugin-svelte as
      // the compiler's own objects; one that failed too, for its error.
      if (!warnings.length) result = { js: { code: js.code, map: { ...js.map } }, css: css && { code: css.code, map: { ...css.map }, hasGlobal: css.hasGlobal }, metadata };
    } catch {
      result = undefined;
    }
    await send({ index, result });
  }
  await send({ done: true });
  process.disconnect();
});
