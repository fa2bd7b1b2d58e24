import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../lib/content-check';
import { ContentError } from '../lib/content-error';
import { brokenInternalLinks } from './internal-links';
import { buildCodeFingerprint, keepLabTries } from '../lab/tries-cache';
import { keptContentChecks } from '../lib/content-check-cache';
import { keepLabReads } from '../lab/reads-cache';

/**
 * Content mistakes fail `astro build`, every time and with the project's messages:
 * - before Astro loads any content, every content file is checked from its text (src/lib/content-check.ts),
 *   so a stale content cache can never publish an old glossary and every message names file › field;
 * - after the pages are written, every internal link must reach a page that was built.
 * What each file's check found and what trying the labs found are kept in Astro's cache folder
 * (src/lib/content-check-cache.ts, src/lab/tries-cache.ts), so a rebuild checks only the files that
 * changed and tries only the labs that changed, unless the code did. `COURSE_BUILD_CACHE=off` checks
 * and tries everything.
 * `astro dev` logs the same messages and keeps serving, so an author can fix them while previewing;
 * `astro preview`, which only serves a finished build, skips the check.
 */
export function contentCheck(): AstroIntegration {
  let base = '/';
  /** Writes back the labs this build read (src/lab/reads-cache.ts), once the pages have read theirs. */
  let saveReads: (() => void) | undefined;
  return {
    name: 'course:content-check',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        // `astro preview` serves a finished build: its content was checked when it was built.
        if (command === 'preview') return;
        const root = fileURLToPath(config.root);
        const say = (message: string) => logger.info(message);
        const cacheFile = (name: string) => fileURLToPath(new URL(name, config.cacheDir));
        let problems: string[];
        if (process.env.COURSE_BUILD_CACHE === 'off') problems = await checkContent(root);
        else {
          const fingerprint = buildCodeFingerprint(root, true);
          const tries = keepLabTries(cacheFile('course-lab-tries.json'), fingerprint, say);
          if (command === 'build') {
            const reads = keepLabReads(cacheFile('course-lab-reads.json'), fingerprint, say);
            saveReads = reads.save;
            if (reads.loaded > 0) logger.info(`labs: ${reads.loaded} lab${reads.loaded === 1 ? '' : 's'} as read in the last build (same text and code), not read again`);
          }
          const checks = keptContentChecks(cacheFile('course-content-check.json'), root, fingerprint, say);
          problems = await checkContent(root, checks.part);
          checks.save();
          tries.save();
          if (checks.kept() > 0) logger.info(`content: ${checks.kept()} of ${checks.kept() + checks.checked()} files unchanged since the last build (same code), not checked again`);
          if (tries.loaded > 0) logger.info(`labs: the tries of ${tries.loaded} sample seed set${tries.loaded === 1 ? '' : 's'} kept from the last build (same code)`);
        }
        if (problems.length === 0) return;
        if (command === 'build') throw new ContentError([`${problems.length} content mistake${problems.length === 1 ? '' : 's'}:`, ...problems]);
        logger.error(problems.join('\n'));
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        saveReads?.();
        saveReads = undefined;
        const broken = brokenInternalLinks(fileURLToPath(dir), base);
        if (broken.length > 0) throw new ContentError([`${broken.length} broken internal link${broken.length === 1 ? '' : 's'}:`, ...broken]);
        logger.info('internal links: all reach a page');
      },
    },
  };
}
