/**
 * The files a build keeps between runs to skip work whose inputs did not change
 * (src/integrations/svelte-compile-cache.ts, src/lab/tries-cache.ts). Each is JSON
 * `{ <stamp field>: string, entries: { … } }`; the stamp says what made the entries (versions,
 * settings, a code fingerprint), so entries with another stamp never apply. A missing file is a first
 * build; a broken or foreign one costs the work it would have saved and one line, never the build.
 * Node only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface CacheFileRead {
  /** The entries, when the file is a cache with this stamp; undefined otherwise. Read them with Object.entries. */
  entries: Record<string, unknown> | undefined;
  /** Whether there was a file at all. */
  existed: boolean;
}

/**
 * Reads a cache file. `kind` names it in a message ("a lab tries cache"), `instead` says what the build
 * does without it ("trying every lab (it is rewritten after the check)").
 */
export function readCacheFile(file: string, stampField: string, stamp: string, kind: string, instead: string, say: (message: string) => void): CacheFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { entries: undefined, existed: false };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    say(`${file} is not valid JSON; ${instead}`);
    return { entries: undefined, existed: true };
  }
  const record = data as Record<string, unknown> | null;
  const entries = record?.['entries'];
  if (typeof data !== 'object' || record === null || Array.isArray(data) || typeof record[stampField] !== 'string' || typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    say(`${file} is not ${kind}; ${instead}`);
    return { entries: undefined, existed: true };
  }
  return { entries: record[stampField] === stamp ? (entries as Record<string, unknown>) : undefined, existed: true };
}

/** Writes a cache file whole or not at all (a build that stops halfway leaves the old one). Throws when it cannot. */
export function writeCacheFile(file: string, stampField: string, stamp: string, entries: Record<string, unknown>) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ [stampField]: stamp, entries }));
  renameSync(temporary, file);
}
