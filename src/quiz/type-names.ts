/** Unknown names in quiz files: did-you-mean, including the names other tools give our question types. */
import { closest, knownList, type Issue } from '../sim/core';
import { QUESTION_TYPES, type QuestionType } from './types';

export function unknownName(kind: string, name: string, known: readonly string[]): Issue {
  const guess = closest(name, known);
  return guess
    ? { path: [], message: `unknown ${kind} ${JSON.stringify(name)}`, hint: `Did you mean ${JSON.stringify(guess)}?` }
    : { path: [], message: `unknown ${kind} ${JSON.stringify(name)} ${knownList(known)}` };
}

/** Names other tools use for our types (Moodle, Canvas, PrairieLearn, GIFT). */
const TYPE_SYNONYMS: Record<string, QuestionType> = {
  mc: 'single-choice',
  radio: 'single-choice',
  'multiple-response': 'multiple-answer',
  'multi-select': 'multiple-answer',
  'multiple-answers': 'multiple-answer',
  checkbox: 'multiple-answer',
  checkboxes: 'multiple-answer',
  truefalse: 'true-false',
  'true/false': 'true-false',
  tf: 'true-false',
  boolean: 'true-false',
  numerical: 'numeric',
  number: 'numeric',
  'short-answer': 'short-text',
  shortanswer: 'short-text',
  text: 'short-text',
  match: 'matching',
  order: 'ordering',
  sequence: 'ordering',
  sort: 'ordering',
};

export function unknownType(name: string): Issue {
  const key = name.toLowerCase().replace(/[\s_]+/g, '-');
  if (key === 'multiple-choice' || key === 'multichoice') {
    return {
      path: [],
      message: `unknown question type ${JSON.stringify(name)}`,
      hint: 'Use "single-choice" for one correct option or "multiple-answer" for several',
    };
  }
  const synonym = TYPE_SYNONYMS[key];
  if (synonym) {
    return { path: [], message: `unknown question type ${JSON.stringify(name)}`, hint: `Did you mean ${JSON.stringify(synonym)}?` };
  }
  return unknownName('question type', name, QUESTION_TYPES);
}
