/**
 * Keeps the labs as read (YAML, schema, checks, preset, the brief's HTML) between builds. In a
 * rebuild the content check takes its verdict on an unchanged lab from its own file
 * (src/lib/content-check-cache.ts) and does not read the lab, so the pages were the first to read
 * every lab, before the first page could be written. Kept in `<cacheDir>/course-lab-reads.json`,
 * stamped with the code fingerprint (src/lab/tries-cache.ts), by the lab's file name and text; a read
 * is used only if the preset text it was read with is still the preset's text and its lesson is still
 * a lesson (src/lab/compile.ts checks both on every use). Only labs that read without a mistake are
 * kept, only when JSON gives them back exactly, and only those this build used. Node only.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { readCacheFile, writeCacheFile } from '../lib/cache-file';
import { labReads, labReadsUsed, type KeptRead } from './tries-store';

const FORMAT = 'course-lab-reads/1';

const hashOf = (key: string): string => createHash('sha256').update(key).digest('hex');

/** What the file holds for one lab: the store's key (`JSON.stringify([file, text])`) and the read. */
interface Entry extends KeptRead {
  key: string;
}

function isEntry(value: unknown): value is Entry {
  const e = value as Partial<Entry> | null;
  if (typeof e !== 'object' || e === null || typeof e.key !== 'string' || typeof e.presetText !== 'string') return false;
  let key: unknown;
  try {
    key = JSON.parse(e.key);
  } catch {
    return false;
  }
  const read = e.read as Partial<KeptRead['read']> | undefined;
  return (
    Array.isArray(key) && key.length === 2 && key.every((k) => typeof k === 'string') &&
    typeof read === 'object' && read !== null && typeof read.hash === 'string' && read.source === key[0] &&
    typeof read.briefHtml === 'string' && typeof read.lab === 'object' && read.lab !== null && typeof read.scenario === 'object' && read.scenario !== null
  );
}

/**
 * Puts the reads kept in `file` (when made by the same code) into this process's store and returns a
 * `save` that writes back the reads this build used. `say` gets one line when the file is unusable.
 */
export function keepLabReads(file: string, fingerprint: string, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  const store = labReads();
  const stamp = `${FORMAT} ${fingerprint}`;
  const read = readCacheFile(file, 'stamp', stamp, 'a lab reads cache', 'reading every lab (it is rewritten after the build)', say);
  const fromFile = new Set<string>();
  for (const [hash, value] of Object.entries(read.entries ?? {})) {
    if (!isEntry(value) || hashOf(value.key) !== hash || store.has(value.key)) continue;
    store.set(value.key, { read: value.read, presetText: value.presetText });
    fromFile.add(value.key);
  }
  return {
    loaded: fromFile.size,
    save() {
      const used = labReadsUsed();
      const entries: Record<string, Entry> = {};
      for (const key of used) {
        const kept = store.get(key);
        if (!kept) continue;
        const entry: Entry = { key, ...kept };
        if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry)) entries[hashOf(key)] = entry;
      }
      const keys = Object.values(entries).map((e) => e.key);
      if (read.existed && keys.length === fromFile.size && keys.every((k) => fromFile.has(k))) return;
      try {
        writeCacheFile(file, 'stamp', stamp, entries);
      } catch (error) {
        say(`could not save ${file} (${(error as Error).message}); the next build reads every lab again`);
      }
    },
  };
}
