/**
 * Sentences the quiz view shows around the engine's own explanations (which come from
 * src/quiz/explain.ts): progress, results, history. No NaN or undefined can reach the page: every
 * number goes through the engine's formatScore/formatValue.
 */
import { formatPoints, formatScore, type AttemptGrade, type QuestionTries, type RevealPolicy } from '../../quiz/client';
import type { AttemptResult } from '../../progress/quizzes';
import { formatDate } from '../../lib/dates';

/** Prompt text split on `backticks`, so code reads as code while everything stays text. */
export function segments(text: string): { code: boolean; text: string }[] {
  return text.split(/`([^`\n]+)`/).map((t, i) => ({ code: i % 2 === 1, text: t })).filter((s) => s.text !== '');
}

export type PromptBlock = { kind: 'text'; text: string } | { kind: 'list'; ordered: boolean; start: number; items: string[] };

/**
 * A prompt in blocks, as Markdown reads it: lines starting `- ` make a bulleted list, lines starting
 * `1. ` a numbered one (from its first number); other lines are text. Generated scenarios (a list of
 * VMs, a numbered list of commands) then read as lists, as in hand-written questions.
 */
export function promptBlocks(text: string): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  for (const line of text.split('\n')) {
    const bullet = /^\s*[-*] (.*)$/.exec(line);
    const numbered = /^\s*(\d{1,4})\. (.*)$/.exec(line);
    const last = blocks.at(-1);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const item = (numbered ? numbered[2] : bullet![1])!;
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [item] });
    } else if (last?.kind === 'text') last.text += `\n${line}`;
    else blocks.push({ kind: 'text', text: line });
  }
  return blocks.filter((b) => b.kind === 'list' || b.text.trim() !== '');
}

/** Whether a prompt holds a list (and so needs block markup rather than one line of text). */
export const hasList = (text: string): boolean => promptBlocks(text).some((b) => b.kind === 'list');

/** The same text without the backticks, for places that cannot hold markup (aria labels, select options). */
export const plainText = (text: string): string => segments(text).map((s) => s.text).join('');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const answeredText = (answered: number, total: number): string => `${answered} of ${plural(total, 'question')} answered`;

/** Per-question mode: questions right or out of tries. */
export const finishedText = (done: number, total: number): string => `${done} of ${plural(total, 'question')} finished`;

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth'];

/** Under a finished question: on which try it was right, or that the tries ran out. */
export function tryText(t: QuestionTries, max: number): string {
  const n = t.grades.length;
  if (n === 0) return 'Not checked.';
  if (t.grades[n - 1]!.correct) return n === 1 ? 'Right on the first try.' : `Right on the ${ORDINAL[n - 1] ?? `${n}th`} try.`;
  if (!t.done) return `${n} of ${plural(max, 'try', 'tries')} used.`;
  return max === 1 ? 'Checked once.' : `All ${max} tries used.`;
}

/** Beside the "Check" button: which try this is and, when it earns less, how much it can earn. */
export function checkedText(t: QuestionTries, max: number, credit: readonly number[], points: number): string {
  const k = t.grades.length;
  const which = max === 1 ? 'One try' : `Try ${k + 1} of ${max}`;
  const c = credit[k] ?? 1;
  if (c >= 1) return `${which}.`;
  return `${which}: it can earn up to ${formatPoints(c * points)} of the ${points === 1 ? 'point' : `${formatPoints(points)} points`}.`;
}

/** "⅓ of 1 point", "2½ of 5 points": points as people write them (formatPoints). */
export const pointsText = (earned: number, possible: number): string => `${formatPoints(earned)} of ${formatPoints(possible)} ${possible === 1 ? 'point' : 'points'}`;

export function resultText(g: AttemptGrade): string {
  const verdict = g.passed ? 'You passed' : 'Not passed yet';
  return `You scored ${pointsText(g.earned, g.possible)} (${formatScore(g.score)}). ${verdict}: the pass mark is ${formatScore(g.passingScore)}.`;
}

/** When an attempt was submitted, in the site's one date format with the time of day. */
export const dateText = (iso: string): string => formatDate(iso, { time: true });

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

/** Where the correct answer would be, when the quiz's reveal policy keeps it back (SPEC T6). */
export function keyNoteText(policy: RevealPolicy, attempts: number): string {
  switch (policy.when) {
    case 'after-pass':
      return 'The correct answer is shown once you have passed this quiz.';
    case 'after-attempts':
      return `The correct answer is shown after ${plural(policy.attempts, 'attempt')} at this quiz (${attempts} so far).`;
    default:
      return 'This quiz does not show the correct answers: the lesson section below has them.';
  }
}
