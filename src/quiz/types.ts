/**
 * The concrete question model: what a student sees and what grading needs, as plain JSON.
 * Authored YAML (src/schemas/quiz.ts) is normalised into these shapes by `loadQuiz`; parametric
 * generators produce them directly. Every field is a JSON value so a drawn attempt can be stored,
 * reloaded and graded again with the same result.
 */
import type { Json } from '../sim/core';

export const QUESTION_TYPES = [
  'single-choice',
  'multiple-answer',
  'true-false',
  'numeric',
  'short-text',
  'matching',
  'ordering',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** How a multiple-answer question turns picks into a score (SPEC Q4–Q6). */
export const MULTIPLE_ANSWER_SCORINGS = ['all-or-nothing', 'net-correct', 'per-answer'] as const;
export type MultipleAnswerScoring = (typeof MULTIPLE_ANSWER_SCORINGS)[number];

/** How an ordering question turns an arrangement into a score (SPEC Q17–Q19). */
export const ORDERING_SCORINGS = ['lcs', 'adjacent-pairs', 'all-or-nothing'] as const;
export type OrderingScoring = (typeof ORDERING_SCORINGS)[number];

export const QUIZ_MODES = ['one-at-a-time', 'all-on-one-page'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

/** When a student learns whether an answer is right: a "Check" per question, or once for the whole quiz (SPEC T1). */
export const FEEDBACK_MODES = ['per-question', 'at-end'] as const;
export type FeedbackMode = (typeof FEEDBACK_MODES)[number];

/** When the correct answers (the key and the explanations) are shown (SPEC T6). */
export type RevealPolicy = { when: 'never' } | { when: 'after-pass' } | { when: 'always' } | { when: 'after-attempts'; attempts: number };

/**
 * How a quiz is checked. `tries` and `credit` matter in per-question mode only: a question can be
 * checked `tries` times and try k earns at most `credit[k]` of its points (PrairieLearn's list of
 * points per attempt). At the end of the quiz every question has one try at full credit.
 */
export interface CheckSettings {
  feedback: FeedbackMode;
  tries: number;
  /** One entry per try, non-increasing, the first at most 1. */
  credit: number[];
  reveal: RevealPolicy;
}

/** The lesson section a question tests: `lesson` id plus an optional `#anchor` (without the `#`). */
export interface LessonLink {
  lesson: string;
  anchor?: string;
}

/** Where a generated question came from, so a stored attempt can say which variant it showed. */
export interface QuestionSource {
  generator: string;
  seed: string;
  params: Json;
}

interface QuestionBase {
  id: string;
  /** Markdown-ish plain text; views render it as text, never as HTML. */
  prompt: string;
  /** Weight of the question in the quiz score. */
  points: number;
  /** Shown after grading, whatever the answer. */
  explanation?: string;
  lesson?: LessonLink;
  source?: QuestionSource;
}

export interface ChoiceOption {
  id: string;
  text: string;
  correct: boolean;
  /** Shown next to the option after grading when the student chose it (and for the key). */
  feedback?: string;
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single-choice';
  /** In display order (shuffled by `drawAttempt` unless `shuffle` is false). */
  options: ChoiceOption[];
  shuffle: boolean;
}

export interface MultipleAnswerQuestion extends QuestionBase {
  type: 'multiple-answer';
  options: ChoiceOption[];
  scoring: MultipleAnswerScoring;
  shuffle: boolean;
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
  /** Shown when the student answered true / false. */
  feedbackTrue?: string;
  feedbackFalse?: string;
}

export type Tolerance = { kind: 'absolute'; value: number } | { kind: 'relative'; value: number };

/** A known wrong value (numeric) or text (short text) with feedback that names the mistake. */
export interface NumericWrongAnswer {
  value: number;
  feedback: string;
}

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  answer: number;
  tolerance: Tolerance;
  /** Optional unit; the student may omit it, but a different one is wrong. */
  unit?: string;
  /** Other spellings of the unit that are accepted (case-insensitive, like `unit`). */
  unitAliases: string[];
  wrongAnswers: NumericWrongAnswer[];
}

export interface TextWrongAnswer {
  text: string;
  feedback: string;
}

export interface ShortTextQuestion extends QuestionBase {
  type: 'short-text';
  /** Accepted answers; the first is the model answer shown after grading. */
  answers: string[];
  /** Extra accepted answers as a regular expression that must match the whole (normalised) answer. */
  pattern?: string;
  caseSensitive: boolean;
  /** When false (the default) punctuation counts as a space, so "host-only" equals "host only". */
  keepPunctuation: boolean;
  wrongAnswers: TextWrongAnswer[];
}

export interface MatchingPair {
  id: string;
  left: string;
  right: string;
  feedback?: string;
}

export interface MatchingQuestion extends QuestionBase {
  type: 'matching';
  /** Left-hand prompts in display order. */
  pairs: MatchingPair[];
  /** The right-hand texts a student picks from (unique; includes distractors), in display order. */
  choices: string[];
}

export interface OrderingItem {
  id: string;
  text: string;
}

export interface OrderingQuestion extends QuestionBase {
  type: 'ordering';
  /** Items in display (starting) order. */
  items: OrderingItem[];
  /** Item ids in the correct order. */
  correctOrder: string[];
  scoring: OrderingScoring;
}

export type Question =
  | SingleChoiceQuestion
  | MultipleAnswerQuestion
  | TrueFalseQuestion
  | NumericQuestion
  | ShortTextQuestion
  | MatchingQuestion
  | OrderingQuestion;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A question body as a generator returns it: the quiz supplies id, points, lesson and source. */
export type QuestionBody = DistributiveOmit<Question, 'id' | 'points' | 'lesson' | 'source'>;

/** A quiz entry that is computed per attempt by a registered generator. */
export interface GeneratedEntry {
  type: 'generated';
  id: string;
  generator: string;
  /** Already validated against the generator's parameter schema (defaults filled in). */
  params: Json;
  points: number;
  /** Overrides the generator's explanation when given. */
  explanation?: string;
  lesson?: LessonLink;
}

export type QuizEntry = Question | GeneratedEntry;

export interface Quiz {
  id: string;
  title: string;
  /** The lesson this quiz belongs to. */
  lesson: string;
  mode: QuizMode;
  /** Fraction of the points needed to pass, 0..1. */
  passingScore: number;
  description?: string;
  /** Exported for the LMS only, never shown on the site (its lesson may also have a site quiz). */
  lmsOnly?: boolean;
  /** Per-question checking, tries, credit per try and when answers are revealed (absent: at the end, answers always shown). */
  checks?: CheckSettings;
  questions: QuizEntry[];
}

/** One student's concrete variant of a quiz: everything a view needs, fixed by the seed. */
export interface Attempt {
  quizId: string;
  title: string;
  lesson: string;
  mode: QuizMode;
  passingScore: number;
  seed: string | number;
  questions: Question[];
}
