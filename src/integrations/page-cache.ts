import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildCodeFingerprint } from '../lab/tries-cache';
import { filesUnder, hashFiles } from '../lib/file-hash';
import { pageCacheState as state } from '../lib/page-keys';

/**
 * Lets Astro keep lesson pages between builds (its `experimental.incrementalBuild`, issue 16): a
 * lesson page whose key and code are the same as in the last build is copied from Astro's cache
 * (`<cacheDir>/dist/`) instead of being rendered again. In a 200-lesson rebuild that was 1.1 s of
 * the 1.7 s the pages took.
 *
 * Astro hashes the route's module graph itself (the page's code and every file the code imports,
 * course.yaml, quizzes, labs and presets included) and re-renders a page whose own lesson changed.
 * The key (src/lib/page-cache-key.ts) adds what Astro cannot see:
 * - what the browser build made (every file name in `_astro/`, each named by a hash of its content):
 *   a lesson's islands point into it, and a change elsewhere can rename a shared chunk;
 * - the code fingerprint (every file under src/ and package-lock.json; src/lab/tries-cache.ts) and
 *   astro.config.mjs (Astro's own config hash leaves out the integrations' options);
 * - every content and lab file other than the lessons;
 * - what the pages read from the other lessons (src/lib/page-cache-key.ts).
 *
 * The stamp here is the first three, made once per build when the browser build ends; the pages add
 * the last. Without a stamp (`astro dev`, `COURSE_BUILD_CACHE=off`, no browser build yet) no page gets
 * a key, and Astro renders every page.
 */
export function pageCache(): AstroIntegration {
  let root = '';
  let enabled = process.env.COURSE_BUILD_CACHE !== 'off';
  const stampPlugin: Plugin = {
    name: 'course:page-cache-stamp',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle(_options, bundle) {
      if (!enabled) return;
      state().stamp = pageCacheStamp(root, Object.keys(bundle));
    },
  };
  return {
    name: 'course:page-cache',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        enabled = enabled && command === 'build';
        root = fileURLToPath(config.root);
        state().manifest = fileURLToPath(new URL('incremental-build.json', config.cacheDir));
        updateConfig({ vite: { plugins: [stampPlugin] } });
      },
      'astro:build:start': () => {
        // A stamp from an earlier build in this process never applies to this one.
        delete state().stamp;
      },
      'astro:build:done': () => {
        delete state().stamp;
      },
    },
  };
}

/**
 * The part of every lesson page's key that the build knows by itself: the browser build's file
 * names, the code fingerprint, the Astro config and every file under content/ (except the lessons) and labs/.
 */
export function pageCacheStamp(root: string, clientFiles: string[]): string {
  const hash = createHash('sha256').update('course-page-cache/1\0');
  for (const name of [...clientFiles].sort()) hash.update(name).update('\0');
  hash.update('\0').update(buildCodeFingerprint(root)).update('\0');
  const lessons = join(root, 'content', 'lessons') + sep;
  const content = [...filesUnder(join(root, 'content')), ...filesUnder(join(root, 'labs'))].filter((file) => !file.startsWith(lessons));
  return hashFiles(hash, root, [join(root, 'astro.config.mjs'), join(root, 'astro.config.ts'), ...content]).digest('hex');
}
