import type { Result } from '../sim/core/issues';
import type { CompiledLab, ReadLab } from './schema';

/**
 * A build compiles every lab twice in one process, in the content check before Astro starts and for
 * the pages; trying the sample seeds and preparing the browser's data from them are most of that
 * work, and their outcome depends only on the lab and preset text (the hash) and the seeds, so they
 * are done once per process (src/lab/compile.ts). The store lives on globalThis because the two
 * callers are different module instances (the config's and the bundle's); each caller gets its own
 * copy. This module imports no code, so the build's caches (src/lab/tries-cache.ts,
 * src/lib/content-check-cache.ts) can fill and read the store without loading the lab runner.
 */
const TRIED = Symbol.for('course.lab.tried');
export type LabTries = Map<string, Result<CompiledLab['prepared']>>;
/** What this process has tried so far, by lab text hash and seeds (src/lab/tries-cache.ts keeps it between builds). */
export const labTries = (): LabTries => ((globalThis as { [TRIED]?: LabTries })[TRIED] ??= new Map());
const USED = Symbol.for('course.lab.tried.used');
/** The keys of labTries() this process has asked for. */
export const labTriesUsed = (): Set<string> => ((globalThis as { [USED]?: Set<string> })[USED] ??= new Set());

/**
 * Reading a lab (YAML, schema, checks, preset, the brief's HTML) is done once per process the same
 * way (src/lab/compile.ts), keyed by `JSON.stringify([file, text])`; src/lab/reads-cache.ts keeps the
 * reads between builds.
 */
export interface KeptRead {
  read: ReadLab;
  /** The preset file's text the lab was read with ('' for a lab without a preset). */
  presetText: string;
}
const READ = Symbol.for('course.lab.read');
export const labReads = (): Map<string, KeptRead> => ((globalThis as { [READ]?: Map<string, KeptRead> })[READ] ??= new Map());
const READ_USED = Symbol.for('course.lab.read.used');
/** The keys of labReads() this process has asked for. */
export const labReadsUsed = (): Set<string> => ((globalThis as { [READ_USED]?: Set<string> })[READ_USED] ??= new Set());
