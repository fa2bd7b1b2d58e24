import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { buildCodeFingerprint } from '../lab/tries-cache';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';
import { dropSharedSiteFingerprint, siteFingerprint, siteFingerprintToShare } from './site-fingerprint';

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
 *
 * The index is made from the built files alone. A build that wrote the same files as the last one
 * (same fingerprint: src/integrations/site-fingerprint.ts), with the same Pagefind version and code,
 * copies the last index from `<cacheDir>/course-pagefind/` instead (0.45 s of a 200-lesson rebuild);
 * the copy is used only if its own files hash to what was noted when it was made. `COURSE_BUILD_CACHE=off`
 * always indexes.
 */
export function pagefindIndex(): PagefindIndex {
  let running: Promise<{ pages: number; kept: boolean }> | undefined;
  let kept: { dir: string; file: string; code: () => string } | undefined;
  const version = (): string => {
    try {
      return (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('pagefind/package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  /** Indexes the site with Pagefind; returns once the folder is sent, with the rest still running. */
  const index = async (site: string, note: (pages: number) => void): Promise<{ done: Promise<number> }> => {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) {
      await pagefind.close();
      throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    }
    // Sent now, before the hook returns: Pagefind reads and indexes the pages in its own process
    // while the next hooks keep this thread busy.
    const adding = index.addDirectory({ path: site });
    const done = (async () => {
      try {
        const added = await adding;
        if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        note(added.page_count);
        return added.page_count;
      } finally {
        await pagefind.close();
      }
    })();
    // In an object: an async function's returned promise would be awaited along with it.
    return { done };
  };
  return {
    start: {
      name: 'course:pagefind-index',
      hooks: {
        'astro:config:setup': ({ config, command }) => {
          const root = fileURLToPath(config.root);
          kept =
            command === 'build' && process.env.COURSE_BUILD_CACHE !== 'off'
              ? { dir: fileURLToPath(new URL('course-pagefind/', config.cacheDir)), file: fileURLToPath(new URL('course-pagefind.json', config.cacheDir)), code: () => buildCodeFingerprint(root) }
              : undefined;
        },
        'astro:build:done': async ({ dir, logger }) => {
          const site = fileURLToPath(dir);
          const store = kept;
          if (!store) {
            const { done } = await index(site, () => {});
            running = done.then((pages) => ({ pages, kept: false }));
            running.catch(() => {});
            return;
          }
          const stamp = createHash('sha256').update(JSON.stringify(['course-pagefind/1', siteFingerprintToShare(site), version(), store.code()])).digest('hex');
          const last = readCacheFile(store.file, 'stamp', stamp, 'a search index cache', 'indexing every page', (m) => logger.info(m)).entries;
          const pages = last && Object.hasOwn(last, 'pages') ? last['pages'] : undefined;
          const output = last && Object.hasOwn(last, 'output') ? last['output'] : undefined;
          if (typeof pages === 'number' && typeof output === 'string') {
            let same = false;
            try {
              same = siteFingerprint(store.dir, []) === output;
            } catch {
              // no copy (deleted by hand): index
            }
            if (same) {
              cpSync(store.dir, `${site}/pagefind`, { recursive: true });
              running = Promise.resolve({ pages, kept: true });
              return;
            }
          }
          const { done } = await index(site, (count) => {
            // Keep a copy for the next build: the note goes last, so a copy cut short is never used.
            try {
              rmSync(store.file, { force: true });
              rmSync(store.dir, { recursive: true, force: true });
              cpSync(`${site}/pagefind`, store.dir, { recursive: true });
              writeCacheFile(store.file, 'stamp', stamp, { pages: count, output: siteFingerprint(store.dir, []) });
            } catch (e) {
              logger.info(`could not keep the search index in ${store.dir} (${(e as Error).message}); the next build indexes every page again`);
            }
          });
          running = done.then((count) => ({ pages: count, kept: false }));
          // Seen by `finish`; a build that fails in between must not also report this as unhandled.
          running.catch(() => {});
        },
      },
    },
    finish: {
      name: 'course:pagefind-index-done',
      hooks: {
        'astro:build:done': async ({ logger }) => {
          dropSharedSiteFingerprint();
          if (!running) return;
          const { pages, kept: copied } = await running.finally(() => (running = undefined));
          logger.info(copied ? `search index: ${pages} pages, kept from the last build (the same site)` : `search index: ${pages} pages`);
        },
      },
    },
  };
}
