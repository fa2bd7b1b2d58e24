/**
 * The second half of the content check (labs, quizzes, presets, stories: the files only this site's
 * code reads; src/lib/content-check.ts) as `astro build` runs it (issue 16).
 *
 * When every part of it is unchanged since the last build (src/lib/content-check-cache.ts) it is
 * taken from the file at once (`keptOtherFiles`). Otherwise it runs in a worker thread
 * (`startOtherFiles`, src/lib/content-check-worker.mjs) while Astro syncs its content collections on
 * the main thread, and the build waits for it before bundling (src/integrations/content-check.ts):
 * on a first build that hides most of the check's time (trying every lab, drawing every generated
 * question). The worker sends back, besides the mistakes, what the pages would otherwise do again:
 * the labs as read and tried and the quizzes as loaded, put into this process's stores. Node only.
 */
import { Worker } from 'node:worker_threads';
import { keepLabReads } from '../lab/reads-cache';
import { keepLabTries } from '../lab/tries-cache';
import { labReads, labReadsUsed, labTries, labTriesUsed, type KeptRead } from '../lab/tries-store';
import { loadedQuizzes } from '../quiz/loaded-store';
import type { QuizLoadResult } from '../quiz/load';
import { checkOtherFiles, type LessonFilesOutcome, type RunPart } from './content-check';
import { keptContentChecks } from './content-check-cache';

export interface OtherFilesRequest {
  root: string;
  fingerprint: string;
  lessons: Pick<LessonFilesOutcome, 'weeks' | 'planned'>;
  /** The cache files: this half's content check parts, the lab tries, the lab reads. */
  checksFile: string;
  triesFile: string;
  readsFile: string;
}

export interface OtherFilesOutcome {
  problems: string[];
  /** Parts given back from the file, parts checked. */
  kept: number;
  checked: number;
  /** Lines about unusable cache files. */
  said: string[];
  tries: [string, unknown][];
  triesUsed: string[];
  reads: [string, KeptRead][];
  quizzes: [string, QuizLoadResult][];
}

const MISSED = Symbol('a part changed');

/**
 * The second half from the cache file alone, or undefined when a part changed (then nothing is
 * written and the stores are as before, except tries marked used, which a full check marks too).
 */
export async function keptOtherFiles(request: OtherFilesRequest, say: (message: string) => void): Promise<{ problems: string[]; kept: number } | undefined> {
  const checks = keptContentChecks(request.checksFile, request.root, request.fingerprint, say);
  const part: RunPart = (name, input) =>
    checks.part(name, input, () => {
      throw MISSED;
    });
  try {
    const problems = await checkOtherFiles(request.root, request.lessons, part);
    checks.save();
    return { problems, kept: checks.kept() };
  } catch (error) {
    if (error === MISSED) return undefined;
    throw error;
  }
}

/** Runs the second half in this thread with the cache files; what a worker does and sends back. */
export async function checkOtherFilesHere(request: OtherFilesRequest): Promise<OtherFilesOutcome> {
  const said: string[] = [];
  const say = (message: string) => said.push(message);
  const tries = keepLabTries(request.triesFile, request.fingerprint, say);
  // Read, not saved: the build saves the reads its pages used (src/lab/reads-cache.ts).
  keepLabReads(request.readsFile, request.fingerprint, say);
  const checks = keptContentChecks(request.checksFile, request.root, request.fingerprint, say);
  const problems = await checkOtherFiles(request.root, request.lessons, checks.part);
  checks.save();
  tries.save();
  const triesUsed = labTriesUsed();
  const readsUsed = labReadsUsed();
  return {
    problems,
    kept: checks.kept(),
    checked: checks.checked(),
    said,
    tries: [...labTries()].filter(([key, outcome]) => triesUsed.has(key) && outcome.ok),
    triesUsed: [...triesUsed],
    reads: [...labReads()].filter(([key]) => readsUsed.has(key)),
    quizzes: [...loadedQuizzes()].filter(([, result]) => result.ok),
  };
}

/** Puts what the second half read, tried and loaded into this process's stores, for the pages. */
export function adoptOtherFiles(outcome: OtherFilesOutcome) {
  const tries = labTries();
  for (const [key, value] of outcome.tries) if (!tries.has(key)) tries.set(key, value as never);
  for (const key of outcome.triesUsed) labTriesUsed().add(key);
  const reads = labReads();
  for (const [key, read] of outcome.reads) {
    if (!reads.has(key)) reads.set(key, read);
    labReadsUsed().add(key);
  }
  const quizzes = loadedQuizzes();
  for (const [key, result] of outcome.quizzes) if (!quizzes.has(key)) quizzes.set(key, result);
}

/**
 * Starts the second half in a worker thread. The promise gives the worker's outcome, or the same
 * check run in this thread if the worker could not run (it says why in `said`).
 */
export function startOtherFiles(request: OtherFilesRequest): Promise<OtherFilesOutcome> {
  return new Promise<OtherFilesOutcome>((resolve) => {
    let settled = false;
    const inThisThread = (why: string) => {
      if (settled) return;
      settled = true;
      checkOtherFilesHere(request).then(
        (outcome) => resolve({ ...outcome, said: [`the content check's worker thread stopped (${why}); checked in the main thread instead`, ...outcome.said] }),
        (error: unknown) => resolve({ problems: [`the content check failed: ${(error as Error).message}`], kept: 0, checked: 0, said: [], tries: [], triesUsed: [], reads: [], quizzes: [] }),
      );
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./content-check-worker.mjs', import.meta.url), { workerData: request });
    } catch (error) {
      inThisThread((error as Error).message);
      return;
    }
    worker.once('message', (outcome: OtherFilesOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    });
    worker.once('error', (error) => inThisThread(error.message));
    worker.once('exit', (code) => inThisThread(`exit code ${code}`));
  });
}
