import type { Caveat } from './export/caveats';
import type { QuizLoadResult } from './load';

/**
 * Quiz files loaded in this process (src/quiz/load.ts), by file, text and known lessons, on globalThis
 * because the content check and the pages are different module instances. This module imports no
 * code, so the build can fill the store with what the content check's worker thread loaded
 * (src/lib/content-check-rest.ts) or the last build kept (src/lib/kept-between-builds.ts) without
 * loading the quiz code.
 */
const LOADED = Symbol.for('course.quiz.loaded');
export const loadedQuizzes = (): Map<string, QuizLoadResult> => ((globalThis as { [LOADED]?: Map<string, QuizLoadResult> })[LOADED] ??= new Map());
const LOADED_USED = Symbol.for('course.quiz.loaded.used');
/** The keys of loadedQuizzes() this process has asked for. */
export const loadedQuizzesUsed = (): Set<string> => ((globalThis as { [LOADED_USED]?: Set<string> })[LOADED_USED] ??= new Set());

/** What the instructors page says about each quiz in each format (src/lib/quizzes.ts), the same way. */
const CAVEATS = Symbol.for('course.quiz.caveats');
export const quizCaveatsKept = (): Map<string, Caveat[]> => ((globalThis as { [CAVEATS]?: Map<string, Caveat[]> })[CAVEATS] ??= new Map());
const CAVEATS_USED = Symbol.for('course.quiz.caveats.used');
export const quizCaveatsUsed = (): Set<string> => ((globalThis as { [CAVEATS_USED]?: Set<string> })[CAVEATS_USED] ??= new Set());
