/**
 * Hashing folders of files for the build's caches: the code fingerprint (src/lab/tries-cache.ts), the
 * lesson pages' stamp (src/integrations/page-cache.ts) and the built site's fingerprint
 * (src/integrations/site-fingerprint.ts). Node only.
 */
import type { Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, at any depth, as full paths in sorted order; none when `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [])).sort();
}

/**
 * Adds each file's path (relative to `root`), size and bytes to `hash`, in the order given, and
 * returns it. A file that cannot be read counts as empty (a project without a lock file, say).
 */
export function hashFiles(hash: Hash, root: string, files: string[]): Hash {
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = Buffer.alloc(0);
    }
    hash.update(relative(root, file)).update('\0').update(String(bytes.length)).update('\0').update(bytes);
  }
  return hash;
}
