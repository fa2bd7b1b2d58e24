import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../lib/content-check';
import { ContentError } from '../lib/content-error';
import { brokenInternalLinks } from './internal-links';

/**
 * Content mistakes fail `astro build`, every time and with the project's messages:
 * - before Astro loads any content, every content file is checked from its text (src/lib/content-check.ts),
 *   so a stale content cache can never publish an old glossary and every message names file › field;
 * - after the pages are written, every internal link must reach a page that was built.
 * `astro dev` logs the same messages and keeps serving, so an author can fix them while previewing.
 */
export function contentCheck(): AstroIntegration {
  let base = '/';
  return {
    name: 'course:content-check',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const problems = checkContent(fileURLToPath(config.root));
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
