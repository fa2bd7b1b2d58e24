/**
 * Keeps a once-per-process store (a Map on globalThis, filled by the content check and the pages)
 * between builds: the labs as read (src/lab/reads-cache.ts), the quizzes as loaded and the
 * instructors page's notes on each quiz (src/lib/quizzes.ts). A store's key is everything its value
 * depends on besides the code (file name and text, options); the code is in the stamp (the code
 * fingerprint: src/ and package-lock.json, src/lab/tries-cache.ts), so entries from other code never
 * apply. The file maps the SHA-256 of each key to `{ key, value }`; an entry whose hash or value does
 * not check out is skipped. Only values this build used are written back, and only when JSON gives
 * them back exactly. Node only.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { readCacheFile, writeCacheFile } from './cache-file';

export interface KeptStore<V> {
  store: Map<string, V>;
  /** Keys this process has asked for (the callers add them). */
  used: Set<string>;
}

export interface KeptWhat {
  /** "a lab reads cache", for a message about an unusable file. */
  kind: string;
  /** What the build does without it: "reading every lab". */
  without: string;
}

const hashOf = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Puts the entries kept in `file` (when its stamp is `stamp`) into `kept.store`, unless the store has
 * the key already, and returns a `save` that writes back the entries this build used.
 * `valid` says whether a value read from the file is one the store can hold for that key.
 */
export function keepBetweenBuilds<V>(file: string, stamp: string, what: KeptWhat, kept: KeptStore<V>, valid: (key: string, value: unknown) => value is V, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  const read = readCacheFile(file, 'stamp', stamp, what.kind, `${what.without} (it is rewritten after the build)`, say);
  /** The values put in the store from the file (JSON as read), with their hashes. */
  const fromFile = new Map<string, { value: V; hash: string }>();
  for (const [hash, entry] of Object.entries(read.entries ?? {})) {
    const { key, value } = (typeof entry === 'object' && entry !== null ? entry : {}) as { key?: unknown; value?: unknown };
    if (typeof key !== 'string' || hashOf(key) !== hash || kept.store.has(key) || !valid(key, value)) continue;
    kept.store.set(key, value);
    fromFile.set(key, { value, hash });
  }
  return {
    loaded: fromFile.size,
    save() {
      const entries: Record<string, { key: string; value: V }> = {};
      let asRead = 0;
      for (const key of kept.used) {
        if (!kept.store.has(key)) continue;
        const entry = { key, value: kept.store.get(key)! };
        // A value still as it was read from the file came from JSON, so JSON gives it back: only the
        // others are checked (for the code blocks alone that was about 40 ms of a 200-lesson rebuild).
        const loaded = fromFile.get(key);
        if (loaded?.value === entry.value) {
          entries[loaded.hash] = entry;
          asRead++;
        } else if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry)) entries[hashOf(key)] = entry;
      }
      // The same entries as the file: nothing to write.
      if (read.existed && asRead === fromFile.size && Object.keys(entries).length === asRead) return;
      try {
        writeCacheFile(file, 'stamp', stamp, entries);
      } catch (error) {
        say(`could not save ${file} (${(error as Error).message}); the next build does without it`);
      }
    },
  };
}
