/**
 * Keeps what each part of the content check found between builds (issue 16), so a rebuild checks
 * again only the files that changed: editing one lesson checks that lesson, not the 200 others, the
 * labs and the quizzes.
 *
 * A part is one file (a lesson, a lab, a quiz, a preset, a story) or the glossary or course file
 * (src/lib/content-check.ts). Its outcome depends only on:
 * - the files it read, each kept with a hash of its text (a folder listing counts as a read: a file
 *   added to or removed from the folder changes it);
 * - its input from other parts (the lesson ids, the glossary ids), kept as a hash;
 * - the code that checks, which is why the file is used only when the code's fingerprint (src/ and
 *   package-lock.json, src/lab/tries-cache.ts) matches.
 * A part is taken from the file only when all three are unchanged. Only parts with no mistake are
 * kept, so every message prints on every build until it is fixed. A lab part also remembers which
 * lab tries it used, so the lab tries file keeps them for the pages that need them. Node only.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { labTriesUsed } from '../lab/tries-store';
import { readCacheFile, writeCacheFile } from './cache-file';
import { filesUnder, type ContentFiles, type PartOutcome, type RunPart } from './content-check';

const FORMAT = 'course-content-check/1';

/** `file`: a file's text was read; `list`: a folder's names were listed (all of them are kept, whatever the part asked for). */
type Read = [kind: 'file' | 'list', path: string, hash: string];

interface KeptPart {
  input: string;
  reads: Read[];
  outcome: PartOutcome;
  tries: string[];
}

const hashOf = (text: string | undefined): string => (text === undefined ? '-' : createHash('sha256').update(text).digest('hex'));
const ANY = /(?:)/;

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** An entry of the file as this code writes it, or undefined. */
function keptPart(value: unknown): KeptPart | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { input, reads, outcome, tries } = value as Record<string, unknown>;
  if (typeof input !== 'string' || !isStrings(tries) || !Array.isArray(reads)) return undefined;
  if (!reads.every((r) => isStrings(r) && r.length === 3 && (r[0] === 'file' || r[0] === 'list'))) return undefined;
  if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) return undefined;
  const errors = (outcome as Record<string, unknown>)['errors'];
  if (!Array.isArray(errors) || errors.length > 0) return undefined;
  return { input, reads: reads as Read[], outcome: outcome as PartOutcome, tries };
}

export interface KeptChecks {
  /** Runs a part of the check, or gives back its kept outcome. Pass it to checkContent. */
  part: RunPart;
  /** How many parts were given back so far. */
  kept(): number;
  /** How many parts ran so far. */
  checked(): number;
  /** Writes the parts of this check that found no mistake (and only those). */
  save(): void;
}

/**
 * The content check's memory, kept in `file` for the content under `root` and checked by code with
 * this `fingerprint`. `say` gets one line when the file cannot be used or saved.
 */
export function keptContentChecks(file: string, root: string, fingerprint: string, say: (message: string) => void = () => {}): KeptChecks {
  const stamp = `${FORMAT} ${fingerprint}`;
  const read = readCacheFile(file, 'fingerprint', stamp, 'a content check cache', 'checking every file (it is rewritten after the check)', say);
  const before = read.entries ?? {};
  const files = filesUnder(root);
  const now = (r: Read): string => (r[0] === 'file' ? hashOf(files.read(r[1])) : hashOf(JSON.stringify(files.list(r[1], ANY))));
  const next: Record<string, KeptPart> = {};
  let kept = 0;
  let checked = 0;
  let changed = false;

  const part: RunPart = async (name, input, run) => {
    const inputHash = hashOf(JSON.stringify(input));
    const old = Object.hasOwn(before, name) ? keptPart(before[name]) : undefined;
    if (old && old.input === inputHash && old.reads.every((r) => now(r) === r[2])) {
      for (const key of old.tries) labTriesUsed().add(key);
      next[name] = old;
      kept++;
      return old.outcome as Awaited<ReturnType<typeof run>>;
    }
    checked++;
    const reads: Read[] = [];
    const recording: ContentFiles = {
      read(path) {
        const text = files.read(path);
        reads.push(['file', path, hashOf(text)]);
        return text;
      },
      list(dir, ext) {
        reads.push(['list', dir, hashOf(JSON.stringify(files.list(dir, ANY)))]);
        return files.list(dir, ext);
      },
    };
    const usedBefore = new Set(labTriesUsed());
    const outcome = await run(recording);
    // Kept only with no mistake, and only if JSON gives it back exactly (it is plain data).
    if (outcome.errors.length === 0 && isDeepStrictEqual(JSON.parse(JSON.stringify(outcome)), outcome)) {
      next[name] = { input: inputHash, reads, outcome, tries: [...labTriesUsed()].filter((key) => !usedBefore.has(key)) };
      changed = true;
    }
    return outcome;
  };

  return {
    part,
    kept: () => kept,
    checked: () => checked,
    save() {
      if (!changed && read.existed && read.entries && Object.keys(next).length === Object.keys(before).length) return;
      try {
        writeCacheFile(file, 'fingerprint', stamp, next);
      } catch (error) {
        say(`could not save ${file} (${(error as Error).message}); the next build checks every file again`);
      }
    },
  };
}
