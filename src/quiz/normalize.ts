/**
 * Authored question (schema output) → concrete question: ids filled in, lesson links resolved,
 * tolerance given its kind, matching choices collected. No validation here beyond shape; rules
 * are in question-checks.ts.
 */
import type { AuthoredQuestion } from '../schemas/quiz';
import type { LessonLink, Question, Tolerance } from './types';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Explicit ids where given, else a, b, c… skipping any id an author already used. */
export function fillIds(explicit: ReadonlyArray<string | undefined>): string[] {
  const taken = new Set(explicit.filter((id): id is string => id !== undefined));
  const out: string[] = [];
  let next = 0;
  const fresh = (): string => {
    for (;;) {
      const n = next++;
      const id = n < LETTERS.length ? LETTERS[n]! : `${LETTERS[n % LETTERS.length]}${Math.floor(n / LETTERS.length)}`;
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
  for (const id of explicit) out.push(id ?? fresh());
  return out;
}

/** `lesson#anchor`, `lesson` or `#anchor` (relative to the quiz's lesson). */
export function resolveLessonLink(link: string | undefined, quizLesson: string): LessonLink {
  if (link === undefined || link === '') return { lesson: quizLesson };
  const hash = link.indexOf('#');
  const lesson = hash < 0 ? link : link.slice(0, hash) || quizLesson;
  const anchor = hash < 0 ? '' : link.slice(hash + 1);
  return anchor ? { lesson, anchor } : { lesson };
}

/** Copies `value` under `key` only when defined, so no `undefined` ever reaches JSON state. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function normalizeQuestion(a: AuthoredQuestion, quizLesson: string, tolerance?: Tolerance): Question {
  const base = {
    id: a.id,
    prompt: a.prompt,
    points: a.points,
    lesson: resolveLessonLink(a.lesson, quizLesson),
    ...optional('explanation', a.explanation),
  };
  switch (a.type) {
    case 'single-choice':
    case 'multiple-answer': {
      const ids = fillIds(a.options.map((o) => o.id));
      const options = a.options.map((o, i) => ({
        id: ids[i]!,
        text: o.text,
        correct: o.correct,
        ...optional('feedback', o.feedback),
      }));
      return a.type === 'single-choice'
        ? { ...base, type: a.type, options, shuffle: a.shuffle }
        : { ...base, type: a.type, options, shuffle: a.shuffle, scoring: a.scoring };
    }
    case 'true-false':
      return {
        ...base,
        type: a.type,
        answer: a.answer,
        ...optional('feedbackTrue', a.feedbackTrue),
        ...optional('feedbackFalse', a.feedbackFalse),
      };
    case 'numeric':
      return {
        ...base,
        type: a.type,
        answer: a.answer,
        tolerance: tolerance ?? { kind: 'absolute', value: 0 },
        ...optional('unit', a.unit),
        unitAliases: a.unitAliases,
        wrongAnswers: a.wrongAnswers,
      };
    case 'short-text':
      return {
        ...base,
        type: a.type,
        answers: a.answers,
        ...optional('pattern', a.pattern),
        caseSensitive: a.caseSensitive,
        keepPunctuation: a.keepPunctuation,
        wrongAnswers: a.wrongAnswers,
      };
    case 'matching': {
      const ids = fillIds(a.pairs.map((p) => p.id));
      const pairs = a.pairs.map((p, i) => ({
        id: ids[i]!,
        left: p.left,
        right: p.right,
        ...optional('feedback', p.feedback),
      }));
      const choices = [...new Set([...pairs.map((p) => p.right), ...a.distractors])];
      return { ...base, type: a.type, pairs, choices };
    }
    case 'ordering': {
      const ids = fillIds(a.items.map(() => undefined));
      const items = a.items.map((text, i) => ({ id: ids[i]!, text }));
      return { ...base, type: a.type, items, correctOrder: ids, scoring: a.scoring };
    }
  }
}
