import type { Result } from '../sim/core/issues';
import type { CompiledLab } from './schema';

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
