/**
 * Keeps the labs as read (YAML, schema, checks, preset, the brief's HTML) between builds. In a
 * rebuild the content check takes its verdict on an unchanged lab from its own file
 * (src/lib/content-check-cache.ts) and does not read the lab, so the pages were the first to read
 * every lab, before the first page could be written. Kept in `<cacheDir>/course-lab-reads.json`
 * (src/lib/kept-between-builds.ts), stamped with the code fingerprint (src/lab/tries-cache.ts), by the
 * lab's file name and text; a read is used only if the preset text it was read with is still the
 * preset's text and its lesson is still a lesson (src/lab/compile.ts checks both on every use). Only
 * labs that read without a mistake are kept, only when JSON gives them back exactly, and only those
 * this build used. Node only.
 */
import { keepBetweenBuilds } from '../lib/kept-between-builds';
import { labReads, labReadsUsed, type KeptRead } from './tries-store';

const FORMAT = 'course-lab-reads/2';

/** A read the store can hold for `key` (`JSON.stringify([file, text])`). */
function isKeptRead(key: string, value: unknown): value is KeptRead {
  let names: unknown;
  try {
    names = JSON.parse(key);
  } catch {
    return false;
  }
  const kept = value as Partial<KeptRead> | null;
  const read = kept?.read as Partial<KeptRead['read']> | undefined;
  return (
    Array.isArray(names) && names.length === 2 && names.every((k) => typeof k === 'string') &&
    typeof kept === 'object' && kept !== null && typeof kept.presetText === 'string' &&
    typeof read === 'object' && read !== null && typeof read.hash === 'string' && read.source === names[0] &&
    typeof read.briefHtml === 'string' && typeof read.lab === 'object' && read.lab !== null && typeof read.scenario === 'object' && read.scenario !== null
  );
}

/**
 * Puts the reads kept in `file` (when made by the same code) into this process's store and returns a
 * `save` that writes back the reads this build used. `say` gets one line when the file is unusable.
 */
export function keepLabReads(file: string, fingerprint: string, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  return keepBetweenBuilds(file, `${FORMAT} ${fingerprint}`, { kind: 'a lab reads cache', without: 'reading every lab' }, { store: labReads(), used: labReadsUsed() }, isKeptRead, say);
}
