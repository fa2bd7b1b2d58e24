import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../lib/content-check';
import { ContentError } from '../lib/content-error';
import { brokenInternalLinks } from './internal-links';
import { codeFingerprint, keepLabTries } from '../lab/tries-cache';

/**
 * Content mistakes fail `astro build`, every time and with the project's messages:
 * - before Astro loads any content, every content file is checked from its text (src/lib/content-check.ts),
 *   so a stale content cache can never publish an old glossary and every message names file › field;
 * - after the pages are written, every internal link must reach a page that was built.
 * What trying the labs found is kept in Astro's cache folder (src/lab/tries-cache.ts), so a rebuild
 * only tries the labs that changed, unless the code did.
 * `astro dev` logs the same messages and keeps serving, so an author can fix them while previewing;
 * `astro preview`, which only serves a finished build, skips the check.
 */
export function contentCheck(): AstroIntegration {
  let base = '/';
  return {
    name: 'course:content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        // `astro preview` serves a finished build: its content was checked when it was built.
        if (command === 'preview') return;
        const root = fileURLToPath(config.root);
        const tries = keepLabTries(fileURLToPath(new URL('course-lab-tries.json', config.cacheDir)), codeFingerprint(root), (message) => logger.info(message));
        const problems = checkContent(root);
        tries.save();
        if (tries.loaded > 0) logger.info(`labs: the tries of ${tries.loaded} sample seed set${tries.loaded === 1 ? '' : 's'} kept from the last build (same code)`);
        if (problems.length === 0) return;
        if (command === 'build') throw new ContentError([`${problems.length} content mistake${problems.length === 1 ? '' : 's'}:`, ...problems]);
        logger.error(problems.join('\n'));
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const broken = brokenInternalLinks(fileURLToPath(dir), base);
        if (broken.length > 0) throw new ContentError([`${broken.length} broken internal link${broken.length === 1 ? '' : 's'}:`, ...broken]);
        logger.info('internal links: all reach a page');
      },
    },
  };
}
