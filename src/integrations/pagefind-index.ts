import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

export interface PagefindIndex {
  /** First among the integrations: starts indexing the built site as soon as Astro is done. */
  start: AstroIntegration;
  /** Last among the integrations: waits for the index and fails the build on its errors. */
  finish: AstroIntegration;
}

/**
 * Builds the Pagefind search index into `<outDir>/pagefind/` when Astro finishes a build, so a plain
 * `astro build` (whatever --outDir) always ships a working search. Pagefind indexes in its own
 * process: `start` sets it going and the other integrations' end-of-build work (the internal link
 * check, the caches' files) runs meanwhile; `finish` waits for it (issue 16: about 0.2 s of a
 * 200-lesson build).
 */
export function pagefindIndex(): PagefindIndex {
  let running: Promise<number> | undefined;
  return {
    start: {
      name: 'course:pagefind-index',
      hooks: {
        'astro:build:done': async ({ dir }) => {
          const site = fileURLToPath(dir);
          const { index, errors } = await pagefind.createIndex({});
          if (!index) {
            await pagefind.close();
            throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          }
          // Sent now, before this hook returns: Pagefind reads and indexes the pages in its own
          // process while the next hooks keep this thread busy.
          const adding = index.addDirectory({ path: site });
          running = (async () => {
            try {
              const added = await adding;
              if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
              const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
              if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
              return added.page_count;
            } finally {
              await pagefind.close();
            }
          })();
          // Seen by `finish`; a build that fails in between must not also report this as unhandled.
          running.catch(() => {});
        },
      },
    },
    finish: {
      name: 'course:pagefind-index-done',
      hooks: {
        'astro:build:done': async ({ logger }) => {
          if (!running) return;
          const pages = await running.finally(() => (running = undefined));
          logger.info(`search index: ${pages} pages`);
        },
      },
    },
  };
}
