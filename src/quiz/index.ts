/**
 * The quiz engine: question model, grading, parametric questions, quiz files, exports.
 * No DOM, no Astro, no Svelte: a widget holds an Attempt and responses, and calls these.
 *
 *   const r = loadQuiz(yamlText, 'content/quizzes/week1.yaml');     // build time
 *   const attempt = drawAttempt(r.value, seed);                      // per student attempt
 *   const g = grade(attempt.questions[0], response);                 // or gradeAttempt(attempt, responses)
 *   explainGrade(g)                                                  // sentences to show
 *
 * The browser's on-demand generator loader (`loadGenerators`, generators/lazy.ts) is exported by
 * client.ts only: re-exported here it would sit in one server chunk with the generator families it
 * imports dynamically, and the build would warn that those dynamic imports are ineffective.
 */
export * from './types';
export type * from './grade-result';
export { grade, gradeAttempt } from './grade';
export { drawAttempt, instantiate, shuffleQuestion, correctResponse } from './attempt';
export { loadQuiz, loadQuizOrThrow, formatQuizIssue } from './load';
export type { QuizIssue, QuizLoadResult, LoadQuizOptions } from './load';
export { questionIssues } from './question-checks';
export * from './explain';
export { defineGenerator } from './generators/define';
export type { QuestionGenerator, RegisteredGenerator } from './generators/generator';
export { createRegistry, defaultGenerators } from './generators/registry';
export type { GeneratorRegistry } from './generators/registry';
export { toGift, questionToGift } from './export/gift';
export type { GiftOptions } from './export/gift';
export { toQti12, questionToQti, qtiManifest } from './export/qti12';
export type { QtiOptions } from './export/qti12';
export { normalizeAnswer } from './grading/text-normalize';
export { parseNumberWithUnit } from './grading/number-text';
export { toMoodleXml, questionToMoodleXml } from './export/moodle-xml';
export type { MoodleXmlOptions } from './export/moodle-xml';
export { quizCaveats, questionCaveats, FORMAT_CAVEATS, FORMAT_NAMES } from './export/caveats';
export type { Caveat, LmsFormat } from './export/caveats';
export { distinctVariants, answerKey } from './export/variants';
export { acceptedSpellings } from './export/spellings';
export { AT_END, checkSettingsOf, questionForTry, gradeTries, gradeTriedAttempt, mayReveal } from './tries';
export type { QuestionTries, TriedAttemptGrade, TriedResponses } from './tries';
