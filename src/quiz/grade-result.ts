/**
 * What grading returns: a score and the reasons for it, as data. English for students is rendered
 * from these codes by `explain.ts`, so a widget, a lab checker and an export all say the same thing.
 */
import type { LessonLink, MultipleAnswerScoring, OrderingScoring, QuestionType } from './types';

/** The JSON kind of a value that was not what a question expects. */
export type ValueKind = 'nothing' | 'null' | 'boolean' | 'number' | 'string' | 'list' | 'mapping';

/** What a question type expects as a response, for the wrong-type reason. */
export type ResponseShape =
  | 'option id'
  | 'list of option ids'
  | 'true or false'
  | 'number or text'
  | 'text'
  | 'mapping of pair id to choice'
  | 'list of item ids';

export type GradeReason =
  /** Nothing was answered (null, missing, empty text, empty mapping or arrangement). */
  | { code: 'no-response' }
  | { code: 'wrong-response-type'; expected: ResponseShape; got: ValueKind }
  | { code: 'unknown-option'; optionId: string }
  | { code: 'unknown-pair'; pairId: string }
  | { code: 'unknown-choice'; pairId: string; choice: string }
  | { code: 'unknown-item'; itemId: string }
  | { code: 'duplicate-item'; itemId: string }
  /** `text` is what was typed; empty when a non-finite number (NaN, Infinity) was passed in. */
  | { code: 'not-a-number'; text: string }
  | { code: 'wrong-unit'; given: string; expected: string }
  | { code: 'unexpected-unit'; given: string }
  | {
      code: 'out-of-tolerance';
      given: number;
      expected: number;
      low: number;
      high: number;
      direction: 'too-high' | 'too-low';
    }
  | { code: 'within-tolerance'; given: number; expected: number; low: number; high: number }
  | { code: 'known-wrong-answer' }
  | { code: 'no-accepted-match' }
  | {
      code: 'choice-counts';
      scoring: MultipleAnswerScoring;
      /** Correct options chosen, wrong options chosen, correct options left out. */
      hits: number;
      falsePicks: number;
      misses: number;
      correctTotal: number;
      optionTotal: number;
    }
  | { code: 'pairs-matched'; right: number; total: number }
  | {
      code: 'order-counts';
      scoring: OrderingScoring;
      /** Items already in correct relative order (longest common subsequence with the key). */
      inOrder: number;
      placed: number;
      total: number;
      /** Insertions plus deletions needed to reach the key (PrairieLearn's LCS edit distance). */
      editDistance: number;
      adjacentRight: number;
      adjacentTotal: number;
    };

export type GradeReasonCode = GradeReason['code'];

export type Verdict = 'right' | 'wrong';

/** Per-part outcome, so a view can mark each option, pair or item. */
export type PartResult =
  | {
      kind: 'option';
      optionId: string;
      chosen: boolean;
      /** Whether this option is correct in the key. */
      correct: boolean;
      /** right when the student's decision on this option agrees with the key. */
      verdict: Verdict;
      feedback: string | null;
    }
  | { kind: 'boolean'; given: boolean | null; answer: boolean; verdict: Verdict; feedback: string | null }
  | {
      kind: 'number';
      given: number | null;
      unit: string | null;
      expected: number;
      low: number;
      high: number;
      verdict: Verdict;
      feedback: string | null;
    }
  | {
      kind: 'text';
      given: string;
      normalized: string;
      /** Which accepted answer (index), the pattern, or which known wrong answer matched. */
      matched: { by: 'answer'; index: number } | { by: 'pattern' } | { by: 'wrong-answer'; index: number } | null;
      modelAnswer: string;
      verdict: Verdict;
      feedback: string | null;
    }
  | { kind: 'pair'; pairId: string; given: string | null; expected: string; verdict: Verdict; feedback: string | null }
  | {
      kind: 'item';
      itemId: string;
      /** 1-based positions; null when the item was not placed. */
      givenPosition: number | null;
      expectedPosition: number;
      /** right when the item is part of the longest run kept in correct relative order. */
      verdict: Verdict;
    };

export type GradeStatus = 'correct' | 'partial' | 'incorrect' | 'unanswered' | 'invalid';

export interface Grade {
  questionId: string;
  type: QuestionType;
  /** 0..1 */
  score: number;
  /** score === 1 */
  correct: boolean;
  status: GradeStatus;
  reasons: GradeReason[];
  parts: PartResult[];
  explanation: string | null;
  lesson: LessonLink | null;
}

export interface AttemptGrade {
  /** Weighted by question points, 0..1. */
  score: number;
  earned: number;
  possible: number;
  passed: boolean;
  passingScore: number;
  grades: Grade[];
}
