import type { QuizLoadResult } from './load';

/**
 * Quiz files loaded in this process (src/quiz/load.ts), by file, text and known lessons, on globalThis
 * because the content check and the pages are different module instances. This module imports no
 * code, so the build can fill the store with what the content check's worker thread loaded
 * (src/lib/content-check-rest.ts) without loading the quiz code.
 */
const LOADED = Symbol.for('course.quiz.loaded');
export const loadedQuizzes = (): Map<string, QuizLoadResult> => ((globalThis as { [LOADED]?: Map<string, QuizLoadResult> })[LOADED] ??= new Map());
