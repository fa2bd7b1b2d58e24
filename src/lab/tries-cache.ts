/**
 * Keeps what trying the labs found between builds, so a rebuild tries again only the labs that
 * changed (issue 16). Trying a lab's sample seeds (the start builds, the worked solution reaches
 * 100 %, the start does not) and preparing its browser data is most of the content check's time.
 *
 * The outcome depends on the lab and preset text (already in the key, src/lab/compile.ts), the seeds
 * and the code that runs them: the engines, the lab runner, the schemas and their packages. So the
 * file is only used when the code's fingerprint matches: a hash of every file under src/ and of
 * package-lock.json. Any code change therefore tries every lab again. Only labs that passed are kept;
 * a lab with mistakes is tried on every build, so its messages always print; and only what this
 * process asked for, so an edited lab's old tries do not pile up. Node only.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';
import { filesUnder, hashFiles } from '../lib/file-hash';
import { isDeepStrictEqual } from 'node:util';
import { labTries, labTriesUsed } from './tries-store';

const FORMAT = 'course-lab-tries/1';

/** A hash of every file under `<root>/src` (path and bytes) and of `<root>/package-lock.json`. */
export function codeFingerprint(root: string): string {
  // Without a lock file the fingerprint still covers the code (hashFiles counts it as empty).
  return hashFiles(createHash('sha256').update(FORMAT), root, [...filesUnder(join(root, 'src')), join(root, 'package-lock.json')]).digest('hex');
}

let latest: { root: string; fingerprint: string } | undefined;

/**
 * codeFingerprint(root), computed again each time the content check starts a build (or `astro dev`)
 * and then shared with the build's other caches (src/integrations/code-block-cache.ts) instead of
 * hashing every file again. Another root is hashed afresh.
 */
export function buildCodeFingerprint(root: string, fresh = false): string {
  if (fresh || latest?.root !== root) latest = { root, fingerprint: codeFingerprint(root) };
  return latest.fingerprint;
}

/**
 * Loads the tries kept in `file` into this process's store when they were made by the same code,
 * and returns a `save` that writes back what passed. `say` gets one line when the file is unusable.
 */
export function keepLabTries(file: string, fingerprint: string, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  const store = labTries();
  let loaded = 0;
  const read = readCacheFile(file, 'fingerprint', fingerprint, 'a lab tries cache', 'trying every lab (it is rewritten after the check)', say);
  for (const [key, value] of Object.entries(read.entries ?? {})) {
    // "<64 hex> <JSON list of seeds>", as src/lab/compile.ts makes them.
    if (!/^[0-9a-f]{64} \[.*\]$/.test(key) || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if (!store.has(key)) {
      store.set(key, { ok: true, value: value as never });
      loaded++;
    }
  }
  const before = new Map(store);
  return {
    loaded,
    save() {
      const entries: Record<string, unknown> = {};
      let changed = false;
      const used = labTriesUsed();
      for (const [key, outcome] of store) {
        if (!outcome.ok || !used.has(key)) continue;
        // Kept only if JSON gives it back exactly (it always should: it is what the browser gets as JSON).
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(outcome.value)), outcome.value)) continue;
        entries[key] = outcome.value;
        if (before.get(key) !== outcome) changed = true;
      }
      if (!changed && loaded === Object.keys(entries).length && read.existed) return;
      try {
        writeCacheFile(file, 'fingerprint', fingerprint, entries);
      } catch (error) {
        say(`could not save ${file} (${(error as Error).message}); the next build tries every lab again`);
      }
    },
  };
}
