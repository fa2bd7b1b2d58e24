import { z } from 'zod';
import {
  FEEDBACK_MODES,
  MULTIPLE_ANSWER_SCORINGS,
  ORDERING_SCORINGS,
  QUESTION_TYPES,
  QUIZ_MODES,
  type QuestionType,
} from '../quiz/types';

/**
 * Quiz files (`content/quizzes/*.yaml`) as instructors write them. Objects are strict, so a
 * misspelt field is an error rather than silently ignored. These schemas check each piece on its
 * own; rules that span fields or need the generator registry (exactly one correct option, a
 * tolerance present, unique ids, known generators) live in `loadQuiz` (src/quiz/load.ts), which is
 * what the build calls, so one set of messages serves every caller.
 */

const text = z.string().trim().min(1);

/** Ids end up in URLs, storage keys and GIFT names: lowercase letters, digits and dashes. */
export const quizIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be an id of lowercase letters, digits and dashes, like "hv-types"' });

/** `lesson-id#anchor`, `lesson-id`, or `#anchor` (a section of the quiz's own lesson). */
export const lessonLinkSchema = z.string().regex(/^(?:[a-z0-9][a-z0-9-]*)?(?:#[A-Za-z0-9][\w-]*)?$/, {
  error: 'must be a lesson link like "week1-intro#hypervisor-types" or "#hypervisor-types"',
});

const questionBase = {
  id: quizIdSchema,
  /** Markdown-ish plain text shown to the student. */
  prompt: text,
  /** Shown after grading whatever the answer: why the right answer is right. */
  explanation: text.optional(),
  /** The lesson section this question tests. Defaults to the quiz's lesson. */
  lesson: lessonLinkSchema.refine((s) => s.length > 0, { error: 'must not be empty' }).optional(),
  /** Weight in the quiz score. */
  points: z.number().positive().max(100).default(1),
};

export const choiceOptionSchema = z.strictObject({
  /** Stable id for responses; defaults to a, b, c… by position. */
  id: quizIdSchema.optional(),
  text,
  correct: z.boolean().default(false),
  /** Shown next to the option after grading when the student chose it. */
  feedback: text.optional(),
});

const options = z.array(choiceOptionSchema).min(2).max(20);

export const singleChoiceSchema = z.strictObject({
  ...questionBase,
  type: z.literal('single-choice'),
  options,
  /** Set false when the order matters ("All of the above"). */
  shuffle: z.boolean().default(true),
});

export const multipleAnswerSchema = z.strictObject({
  ...questionBase,
  type: z.literal('multiple-answer'),
  options,
  scoring: z.enum(MULTIPLE_ANSWER_SCORINGS).default('net-correct'),
  shuffle: z.boolean().default(true),
});

export const trueFalseSchema = z.strictObject({
  ...questionBase,
  type: z.literal('true-false'),
  answer: z.boolean(),
  feedbackTrue: text.optional(),
  feedbackFalse: text.optional(),
});

export const numericSchema = z.strictObject({
  ...questionBase,
  type: z.literal('numeric'),
  answer: z.number(),
  /** Exactly one of the two; `{ absolute: 0 }` for an exact answer. Checked by loadQuiz. */
  tolerance: z
    .strictObject({ absolute: z.number().min(0).optional(), relative: z.number().min(0).max(1).optional() })
    .optional(),
  unit: text.optional(),
  unitAliases: z.array(text).default([]),
  /** Known wrong values (matched with the same tolerance) and what to tell the student. */
  wrongAnswers: z.array(z.strictObject({ value: z.number(), feedback: text })).default([]),
});

export const shortTextSchema = z.strictObject({
  ...questionBase,
  type: z.literal('short-text'),
  /** Accepted answers; the first is the model answer. */
  answers: z.array(text).min(1),
  /** Also accept answers matching this regular expression (whole answer, case per caseSensitive). */
  pattern: text.optional(),
  caseSensitive: z.boolean().default(false),
  keepPunctuation: z.boolean().default(false),
  wrongAnswers: z.array(z.strictObject({ text, feedback: text })).default([]),
});

export const matchingSchema = z.strictObject({
  ...questionBase,
  type: z.literal('matching'),
  pairs: z
    .array(
      z.strictObject({
        id: quizIdSchema.optional(),
        left: text,
        right: text,
        /** Shown when this pair was matched wrongly. */
        feedback: text.optional(),
      }),
    )
    .min(2)
    .max(20),
  /** Extra right-hand choices that belong to no pair. */
  distractors: z.array(text).default([]),
});

export const orderingSchema = z.strictObject({
  ...questionBase,
  type: z.literal('ordering'),
  /** In the correct order; students see them shuffled. */
  items: z.array(text).min(2).max(20),
  scoring: z.enum(ORDERING_SCORINGS).default('lcs'),
});

/** A parametric question: computed per attempt by a registered generator. */
export const generatedQuestionSchema = z.strictObject({
  id: quizIdSchema,
  generator: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  points: questionBase.points,
  explanation: questionBase.explanation,
  lesson: questionBase.lesson,
});

export const questionSchemas = {
  'single-choice': singleChoiceSchema,
  'multiple-answer': multipleAnswerSchema,
  'true-false': trueFalseSchema,
  numeric: numericSchema,
  'short-text': shortTextSchema,
  matching: matchingSchema,
  ordering: orderingSchema,
} as const satisfies Record<QuestionType, z.ZodType>;

export { QUESTION_TYPES };

export const quizHeaderSchema = z.strictObject({
  id: quizIdSchema,
  title: text.max(120),
  /** The lesson id this quiz belongs to. */
  lesson: quizIdSchema,
  mode: z.enum(QUIZ_MODES).default('all-on-one-page'),
  /** Fraction of the points needed to pass: 0.7 means 70%. */
  passingScore: z.number().min(0).max(1),
  description: text.optional(),
  /**
   * `true`: a quiz (or question bank) for the LMS only. `npm run export` exports it; the site
   * leaves it out entirely (no page, no questions, no keys), so a graded quiz can run in Moodle or
   * Canvas with questions students have not seen answered on the site.
   */
  lmsOnly: z.boolean().default(false),
  /**
   * `per-question`: a "Check" button on each question with feedback at once (the default for the
   * site's self-check quizzes); `at-end`: one "Submit" for the whole quiz (the default for
   * `lmsOnly` quizzes).
   */
  feedback: z.enum(FEEDBACK_MODES).optional(),
  /** Per-question mode: how many times each question can be checked (default 3). */
  tries: z.number().int().min(1).max(10).optional(),
  /**
   * Per-question mode: the most a question earns on each try, as a fraction of its points, e.g.
   * `[1, 0.5, 0.25]` (default: full credit on every try). One entry per try.
   */
  credit: z.array(z.number().min(0).max(1)).min(1).max(10).optional(),
  /** When the correct answers and explanations are shown: never, after-pass, always (default), or { after-attempts: 2 }. */
  reveal: z
    .union([
      z.enum(['never', 'after-pass', 'always']),
      z.strictObject({ 'after-attempts': z.number().int().min(1).max(100) }),
    ], { error: 'must be never, after-pass, always or { after-attempts: N }' })
    .optional(),
  /** Each entry is checked by its own schema above (chosen by `type`, or `generator`). */
  questions: z.array(z.unknown()).min(1),
});

export type AuthoredQuizHeader = z.output<typeof quizHeaderSchema>;
export type AuthoredQuestion = { [T in QuestionType]: z.output<(typeof questionSchemas)[T]> }[QuestionType];
export type AuthoredGeneratedQuestion = z.output<typeof generatedQuestionSchema>;
