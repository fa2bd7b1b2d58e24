import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent, checkLessonFiles, checkOtherFiles } from '../lib/content-check';
import { adoptOtherFiles, keptOtherFiles, startOtherFiles, type OtherFilesOutcome, type OtherFilesRequest } from '../lib/content-check-rest';
import { ContentError } from '../lib/content-error';
import { brokenInternalLinks, scansFromEntries, scansToEntries } from './internal-links';
import { sharedSiteFingerprint } from './site-fingerprint';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';
import { createHash } from 'node:crypto';
import { buildCodeFingerprint, keepLabTries } from '../lab/tries-cache';
import { keptContentChecks } from '../lib/content-check-cache';
import { keepLabReads } from '../lab/reads-cache';
import { keepQuizzes } from '../lib/quiz-cache';

/**
 * Content mistakes fail `astro build`, every time and with the project's messages:
 * - every content file is checked from its text (src/lib/content-check.ts), so a stale content cache
 *   can never publish an old glossary and every message names file › field. What Astro's content
 *   layer reads (glossary, course file, lessons) is checked before Astro loads any content; the rest
 *   (labs, quizzes, presets, stories) in a worker thread beside Astro's content sync, awaited when the
 *   build starts, before bundling (src/lib/content-check-rest.ts). A mistake in the first half waits
 *   for the second, so every mistake is listed at once;
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
  /** Where the last build's passed link check is noted, and the project's folder (for the code fingerprint). */
  let linksFile: string | undefined;
  let projectRoot = '';
  /** Writes back the labs this build read and the quizzes it loaded (src/lab/reads-cache.ts, src/lib/quiz-cache.ts), once the pages have used theirs. */
  let saveKept: (() => void) | undefined;
  /** The second half of the check, running in a worker thread while Astro syncs its content. */
  let pending: { lessons: string[]; kept: number; checked: number; outcome: Promise<OtherFilesOutcome> } | undefined;
  const mistakes = (problems: string[]) => new ContentError([`${problems.length} content mistake${problems.length === 1 ? '' : 's'}:`, ...problems]);
  const unchanged = (logger: AstroIntegrationLogger, kept: number, checked: number) => {
    if (kept > 0) logger.info(`content: ${kept} of ${kept + checked} files unchanged since the last build (same code), not checked again`);
  };
  /** Waits for the second half, takes what it read for the pages, says what it kept; its mistakes fail the build. */
  const finish = async (logger: AstroIntegrationLogger) => {
    if (!pending) return;
    const { lessons, kept, checked, outcome } = pending;
    pending = undefined;
    const other = await outcome;
    adoptOtherFiles(other);
    for (const line of other.said) logger.info(line);
    unchanged(logger, kept + other.kept, checked + other.checked);
    const problems = [...lessons, ...other.problems];
    if (problems.length > 0) throw mistakes(problems);
  };
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
        else if (command !== 'build') {
          // `astro dev`: both halves here, with the same files as a build.
          const fingerprint = buildCodeFingerprint(root, true);
          const tries = keepLabTries(cacheFile('course-lab-tries.json'), fingerprint, say);
          const checks = keptContentChecks(cacheFile('course-content-check.json'), root, fingerprint, say);
          const lessons = await checkLessonFiles(root, checks.part);
          const others = keptContentChecks(cacheFile('course-content-check-other.json'), root, fingerprint, say);
          problems = [...lessons.errors, ...(await checkOtherFiles(root, lessons, others.part))];
          for (const kept of [checks, others, tries]) kept.save();
          unchanged(logger, checks.kept() + others.kept(), checks.checked() + others.checked());
        } else {
          const fingerprint = buildCodeFingerprint(root, true);
          const triesFile = cacheFile('course-lab-tries.json');
          const readsFile = cacheFile('course-lab-reads.json');
          const tries = keepLabTries(triesFile, fingerprint, say);
          const reads = keepLabReads(readsFile, fingerprint, say);
          const quizzes = keepQuizzes({ quizzes: cacheFile('course-quizzes.json'), caveats: cacheFile('course-quiz-caveats.json') }, fingerprint, say);
          saveKept = () => {
            reads.save();
            quizzes.save();
          };
          if (reads.loaded > 0) logger.info(`labs: ${reads.loaded} lab${reads.loaded === 1 ? '' : 's'} as read in the last build kept (same code); an edited lab is read again`);
          if (quizzes.loaded > 0) logger.info(`quizzes: ${quizzes.loaded} quiz${quizzes.loaded === 1 ? '' : 'zes'} as loaded in the last build kept (same code); an edited quiz is loaded again`);
          if (tries.loaded > 0) logger.info(`labs: the tries of ${tries.loaded} sample seed set${tries.loaded === 1 ? '' : 's'} kept from the last build (same code)`);
          // What Astro's content layer reads (glossary, course file, lessons) is checked here, before Astro reads it.
          const checks = keptContentChecks(cacheFile('course-content-check.json'), root, fingerprint, say);
          const lessons = await checkLessonFiles(root, checks.part);
          checks.save();
          // The rest: from the last build when nothing changed, else in a worker thread beside Astro's content sync.
          const request: OtherFilesRequest = { root, fingerprint, lessons: { weeks: lessons.weeks, planned: lessons.planned }, checksFile: cacheFile('course-content-check-other.json'), triesFile, readsFile };
          const kept = await keptOtherFiles(request, say);
          if (kept) {
            tries.save();
            unchanged(logger, checks.kept() + kept.kept, checks.checked());
            problems = [...lessons.errors, ...kept.problems];
          } else {
            pending = { lessons: lessons.errors, kept: checks.kept(), checked: checks.checked(), outcome: startOtherFiles(request) };
            // Every mistake at once: with one in the lessons, wait for the rest now.
            if (lessons.errors.length > 0) await finish(logger);
            return;
          }
        }
        if (problems.length === 0) return;
        if (command === 'build') throw mistakes(problems);
        logger.error(problems.join('\n'));
      },
      'astro:build:start': async ({ logger }) => {
        await finish(logger);
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
        projectRoot = fileURLToPath(config.root);
        linksFile = process.env.COURSE_BUILD_CACHE === 'off' ? undefined : fileURLToPath(new URL('course-links.json', config.cacheDir));
      },
      'astro:build:done': ({ dir, logger }) => {
        saveKept?.();
        saveKept = undefined;
        const site = fileURLToPath(dir);
        // The same files as a build whose links all passed (same base, same code) pass again: not read again.
        const stamp = linksFile ? createHash('sha256').update(JSON.stringify(['course-links/1', sharedSiteFingerprint(site), base, buildCodeFingerprint(projectRoot)])).digest('hex') : '';
        if (linksFile) {
          const kept = readCacheFile(linksFile, 'stamp', stamp, 'a link check cache', 'checking every link', (m) => logger.info(m)).entries;
          if (kept && Object.hasOwn(kept, 'passed') && kept['passed'] === true) {
            logger.info('internal links: all reach a page (the same site as the last build, checked then)');
            return;
          }
        }
        // What each page holds (its ids and links) is kept by the hash of its text, so a rebuild after
        // an edit reads again only the pages that changed; kept whether or not the links passed.
        const scansFile = linksFile ? join(dirname(linksFile), 'course-link-scans.json') : undefined;
        const scansStamp = scansFile ? createHash('sha256').update(JSON.stringify(['course-link-scans/1', buildCodeFingerprint(projectRoot)])).digest('hex') : '';
        const scans = scansFile ? scansFromEntries(readCacheFile(scansFile, 'stamp', scansStamp, 'a link scans cache', 'reading every page', (m) => logger.info(m)).entries) : undefined;
        const before = new Set(scans?.keys());
        const broken = brokenInternalLinks(site, base, scans);
        const reused = scans ? [...scans.keys()].filter((hash) => before.has(hash)).length : 0;
        if (scansFile && scans) {
          try {
            writeCacheFile(scansFile, 'stamp', scansStamp, scansToEntries(scans));
          } catch (e) {
            logger.info(`could not write ${scansFile} (${(e as Error).message}); the next build reads every page for the link check`);
          }
        }
        if (broken.length > 0) throw new ContentError([`${broken.length} broken internal link${broken.length === 1 ? '' : 's'}:`, ...broken]);
        logger.info(`internal links: all reach a page${reused > 0 ? ` (${reused} of ${scans?.size ?? 0} pages unchanged since the last build, their links and ids taken from then)` : ''}`);
        if (linksFile) {
          try {
            writeCacheFile(linksFile, 'stamp', stamp, { passed: true });
          } catch (e) {
            logger.info(`could not write ${linksFile} (${(e as Error).message}); the next build checks every link again`);
          }
        }
      },
    },
  };
}
