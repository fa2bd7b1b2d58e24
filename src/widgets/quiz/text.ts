/**
 * Sentences the quiz view shows around the engine's own explanations (which come from
 * src/quiz/explain.ts): progress, results, history. No NaN or undefined can reach the page: every
 * number goes through the engine's formatScore/formatValue.
 */
import { formatScore, formatValue, type AttemptGrade } from '../../quiz/client';
import type { AttemptResult } from '../../progress/quizzes';

/** Prompt text split on `backticks`, so code reads as code while everything stays text. */
export function segments(text: string): { code: boolean; text: string }[] {
  return text.split(/`([^`\n]+)`/).map((t, i) => ({ code: i % 2 === 1, text: t })).filter((s) => s.text !== '');
}

/** The same text without the backticks, for places that cannot hold markup (aria labels, select options). */
export const plainText = (text: string): string => segments(text).map((s) => s.text).join('');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const answeredText = (answered: number, total: number): string => `${answered} of ${plural(total, 'question')} answered`;

export const pointsText = (earned: number, possible: number): string => `${formatValue(earned)} of ${plural(Number(formatValue(possible)), 'point')}`;

export function resultText(g: AttemptGrade): string {
  const verdict = g.passed ? 'You passed' : 'Not passed yet';
  return `You scored ${pointsText(g.earned, g.possible)} (${formatScore(g.score)}). ${verdict}: the pass mark is ${formatScore(g.passingScore)}.`;
}

export function dateText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'an unknown date' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const attemptScore = (a: AttemptResult): string => `${formatScore(a.score)} (${pointsText(a.earned, a.possible)})`;

/** "Best 88% · last 75% · 3 attempts", or null before the first attempt. */
export function historyLine(best: AttemptResult | null, last: AttemptResult | null, count: number): string | null {
  if (!best || !last) return null;
  if (count === 1) return `One attempt so far: ${formatScore(last.score)}.`;
  return `Best ${formatScore(best.score)} · last ${formatScore(last.score)} · ${plural(count, 'attempt')}.`;
}

/** "questions 2 and 5", "question 3", "questions 1, 4 and 6" (1-based numbers). */
export function questionList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `question ${numbers[0]}`;
  return `questions ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
