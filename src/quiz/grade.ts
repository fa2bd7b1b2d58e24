/**
 * `grade(question, response)`: one entry point for every question type. Never throws: a missing or
 * malformed response scores 0 with a reason. `gradeAttempt` weights the grades by points.
 */
import type { AttemptGrade, Grade } from './grade-result';
import { gradeMultipleAnswer, gradeSingleChoice, gradeTrueFalse } from './grading/choice';
import { gradeMatching } from './grading/matching';
import { gradeNumeric } from './grading/numeric';
import { gradeOrdering } from './grading/ordering';
import { gradeShortText } from './grading/short-text';
import type { Attempt, Question } from './types';

export function grade(question: Question, response: unknown): Grade {
  switch (question.type) {
    case 'single-choice':
      return gradeSingleChoice(question, response);
    case 'multiple-answer':
      return gradeMultipleAnswer(question, response);
    case 'true-false':
      return gradeTrueFalse(question, response);
    case 'numeric':
      return gradeNumeric(question, response);
    case 'short-text':
      return gradeShortText(question, response);
    case 'matching':
      return gradeMatching(question, response);
    case 'ordering':
      return gradeOrdering(question, response);
  }
}

/**
 * Grade every question of an attempt. `responses` maps question id to response; a question
 * without an entry is unanswered. Responses for unknown question ids are ignored.
 */
export function gradeAttempt(attempt: Attempt, responses: unknown): AttemptGrade {
  const byId =
    responses !== null && typeof responses === 'object' && !Array.isArray(responses)
      ? (responses as Record<string, unknown>)
      : {};
  const grades = attempt.questions.map((q) => grade(q, Object.hasOwn(byId, q.id) ? byId[q.id] : undefined));
  const possible = attempt.questions.reduce((sum, q) => sum + q.points, 0);
  const earned = attempt.questions.reduce((sum, q, i) => sum + q.points * grades[i]!.score, 0);
  const score = possible > 0 ? earned / possible : 0;
  return {
    score,
    earned,
    possible,
    passed: score >= attempt.passingScore - 1e-9,
    passingScore: attempt.passingScore,
    grades,
  };
}
