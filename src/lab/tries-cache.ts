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
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { labTries, labTriesUsed } from './compile';

const FORMAT = 'course-lab-tries/1';

/** A hash of every file under `<root>/src` (path and bytes) and of `<root>/package-lock.json`. */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256').update(FORMAT);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
      .sort();
  for (const file of [...walk(join(root, 'src')), join(root, 'package-lock.json')]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = Buffer.alloc(0); // no lock file: the fingerprint still covers the code
    }
    hash.update(relative(root, file)).update('\0').update(String(bytes.length)).update('\0').update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Loads the tries kept in `file` into this process's store when they were made by the same code,
 * and returns a `save` that writes back what passed. `say` gets one line when the file is unusable.
 */
export function keepLabTries(file: string, fingerprint: string, say: (message: string) => void = () => {}): { loaded: number; save: () => void } {
  const store = labTries();
  let loaded = 0;
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // first build
  }
  if (text !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      say(`${file} is not valid JSON; trying every lab (it is rewritten after the check)`);
    }
    const record = data as { fingerprint?: unknown; entries?: unknown } | undefined;
    if (data !== undefined && (typeof data !== 'object' || data === null || typeof record?.fingerprint !== 'string' || typeof record.entries !== 'object' || record.entries === null || Array.isArray(record.entries))) {
      say(`${file} is not a lab tries cache; trying every lab (it is rewritten after the check)`);
    } else if (record?.fingerprint === fingerprint) {
      for (const [key, value] of Object.entries(record.entries as Record<string, unknown>)) {
        // "<64 hex> <JSON list of seeds>", as src/lab/compile.ts makes them.
        if (!/^[0-9a-f]{64} \[.*\]$/.test(key) || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
        if (!store.has(key)) {
          store.set(key, { ok: true, value: value as never });
          loaded++;
        }
      }
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
      if (!changed && loaded === Object.keys(entries).length && text !== undefined) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify({ fingerprint, entries }));
        renameSync(temporary, file);
      } catch (error) {
        say(`could not save ${file} (${(error as Error).message}); the next build tries every lab again`);
      }
    },
  };
}
