/**
 * What a quiz view in the browser needs from the engine, without the quiz-file loader, the
 * exports or any generator: those come through `loadGenerators` only for the quiz on the page.
 * (Importing the package index instead would pull every simulation engine into the page.)
 */
export type * from './types';
export type * from './grade-result';
export { grade, gradeAttempt } from './grade';
export { drawAttempt, drawAttemptStepwise, correctResponse } from './draw';
export { loadGenerators, generatorIds } from './generators/lazy';
export type { GeneratorRegistry } from './generators/collection';
export * from './explain';
export { parseNumberWithUnit } from './grading/number-text';
export { AT_END, checkSettingsOf, questionForTry, gradeTries, gradeTriedAttempt, mayReveal } from './tries';
export type { QuestionTries, TriedAttemptGrade, TriedResponses } from './tries';
