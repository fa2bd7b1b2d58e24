/**
 * Per-question checking (SPEC T1–T7): a question is checked up to `tries` times, try k earns at most
 * `credit[k]` of its points, and the question's score is the best credited try. Like `gradeAttempt`,
 * everything is recomputed from the attempt seed and the responses checked, never from a stored
 * score: `gradeTriedAttempt(quiz, seed, tries)` gives the same result in the browser, in a SCORM
 * package and in an instructor's tool.
 */
import { drawQuestion, trySeed } from './draw';
import type { GeneratorRegistry } from './generators/collection';
import { grade } from './grade';
import type { AttemptGrade, Grade } from './grade-result';
import type { CheckSettings, Question, Quiz, QuizEntry, RevealPolicy } from './types';

/** A quiz without settings is checked as before this existed: once, at the end, answers shown. */
export const AT_END: CheckSettings = { feedback: 'at-end', tries: 1, credit: [1], reveal: { when: 'always' } };

export const checkSettingsOf = (quiz: Pick<Quiz, 'checks'>): CheckSettings => quiz.checks ?? AT_END;

/** The question shown for try `index` (0-based) of an entry (T3). */
export function questionForTry(entry: QuizEntry, seed: string | number, index: number, generators: GeneratorRegistry): Question {
  return drawQuestion(entry, trySeed(seed, index), generators);
}

export interface QuestionTries {
  /** Each try's grade, in order (at most `tries`). */
  grades: Grade[];
  /** Best of credit[k] × grades[k].score, in [0, 1]; 0 before the first try. */
  score: number;
  /** The try that gave `score` (the earliest of equals), or −1 before the first try. */
  best: number;
  /** Tries still allowed: 0 once the question is right or every try is used. */
  left: number;
  /** Right (score 1 on a try) or out of tries: nothing more to check. */
  done: boolean;
}

/**
 * Grades the tries of one question (T2). `variants[k]` is the question shown for try k, `responses[k]`
 * what was checked. Responses beyond `credit.length` (the tries allowed) are ignored, and so is
 * anything after the first correct try: a question is finished once it is right.
 */
export function gradeTries(variants: readonly Question[], responses: readonly unknown[], credit: readonly number[]): QuestionTries {
  const grades: Grade[] = [];
  let score = 0;
  let best = -1;
  for (let k = 0; k < Math.min(responses.length, credit.length, variants.length); k++) {
    const g = grade(variants[k]!, responses[k]);
    grades.push(g);
    const credited = g.score * credit[k]!;
    if (best === -1 || credited > score + 1e-12) {
      best = k;
      score = credited;
    }
    if (g.correct) break;
  }
  const right = grades.some((g) => g.correct);
  const left = right ? 0 : Math.max(0, credit.length - grades.length);
  return { grades, score: Math.min(1, Math.max(0, score)), best, left, done: left === 0 };
}

/** Question id → the responses checked so far, oldest first. */
export type TriedResponses = Record<string, readonly unknown[]>;

export interface TriedAttemptGrade extends AttemptGrade {
  /** Per question, in quiz order. `grades[i]` is the grade of its last try (unanswered when never checked). */
  tries: QuestionTries[];
}

/**
 * The score of a per-question attempt (T4): each question weighs its best credited try by its points.
 * `grades` holds each question's last try, which is what the review shows.
 */
export function gradeTriedAttempt(quiz: Quiz, seed: string | number, tried: unknown, generators: GeneratorRegistry): TriedAttemptGrade {
  const { credit } = checkSettingsOf(quiz);
  const byId = tried !== null && typeof tried === 'object' && !Array.isArray(tried) ? (tried as Record<string, unknown>) : {};
  const tries = quiz.questions.map((entry) => {
    const given = Object.hasOwn(byId, entry.id) && Array.isArray(byId[entry.id]) ? (byId[entry.id] as unknown[]) : [];
    const count = Math.min(given.length, credit.length);
    const variants = Array.from({ length: count }, (_, k) => questionForTry(entry, seed, k, generators));
    return gradeTries(variants, given, credit);
  });
  const grades = quiz.questions.map((entry, i) => tries[i]!.grades.at(-1) ?? grade(questionForTry(entry, seed, 0, generators), undefined));
  const possible = quiz.questions.reduce((sum, q) => sum + q.points, 0);
  const earned = quiz.questions.reduce((sum, q, i) => sum + q.points * tries[i]!.score, 0);
  const score = possible > 0 ? earned / possible : 0;
  return { score, earned, possible, passed: score >= quiz.passingScore - 1e-9, passingScore: quiz.passingScore, grades, tries };
}

/**
 * Whether the correct answers and explanations may be shown (T6), given the submitted attempts so
 * far (the one just submitted included) and whether any of them passed.
 */
export function mayReveal(policy: RevealPolicy, history: { attempts: number; passed: boolean }): boolean {
  switch (policy.when) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'after-pass':
      return history.passed;
    case 'after-attempts':
      return history.attempts >= policy.attempts;
  }
}
