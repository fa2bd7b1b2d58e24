/** Problems in a quiz file, and how they read: `file › questions[3] (id "hv-types").options[1]: message. Hint`. */
import { formatPath, type Issue } from '../sim/core';

export interface QuizIssue extends Issue {
  /** The id of the question the issue is in, when it has a readable one. */
  questionId?: string;
}

export function formatQuizIssue(issue: QuizIssue, file?: string): string {
  const [head, index, ...rest] = issue.path;
  let where: string;
  if (head === 'questions' && typeof index === 'number' && issue.questionId !== undefined) {
    const tail = formatPath(rest);
    where = `questions[${index}] (id ${JSON.stringify(issue.questionId)})${tail === '' ? '' : tail.startsWith('[') ? tail : `.${tail}`}`;
  } else {
    where = formatPath(issue.path);
  }
  const location = [file, where].filter((s) => s !== undefined && s.length > 0).join(' › ');
  const message = issue.hint ? `${issue.message}. ${issue.hint}` : issue.message;
  return location ? `${location}: ${message}` : message;
}
