/**
 * Rules a concrete question must satisfy to be gradable (SPEC A1–A9). Shared by `loadQuiz` (authored
 * questions) and the generator tests (generated ones), so both are held to the same standard.
 * Paths are relative to the question.
 */
import type { Issue } from '../sim/core';
import { compilePattern, normalizeAnswer } from './grading/text-normalize';
import type { ChoiceOption, Question } from './types';

function duplicates<T>(items: readonly T[], key: (t: T) => string): Array<{ index: number; first: number; key: string }> {
  const seen = new Map<string, number>();
  const out: Array<{ index: number; first: number; key: string }> = [];
  items.forEach((item, index) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else out.push({ index, first, key: k });
  });
  return out;
}

function optionIssues(options: readonly ChoiceOption[]): Issue[] {
  const issues: Issue[] = [];
  for (const d of duplicates(options, (o) => o.id)) {
    issues.push({ path: ['options', d.index, 'id'], message: `duplicate option id "${d.key}" (also options[${d.first}])` });
  }
  for (const d of duplicates(options, (o) => o.text.normalize('NFKC').trim().toLowerCase())) {
    issues.push({
      path: ['options', d.index, 'text'],
      message: `option text ${JSON.stringify(options[d.index]!.text)} repeats options[${d.first}]`,
    });
  }
  return issues;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function questionIssues(q: Question): Issue[] {
  const issues: Issue[] = [];
  if (q.prompt.trim() === '') issues.push({ path: ['prompt'], message: 'must not be empty' });
  if (!(q.points > 0)) issues.push({ path: ['points'], message: 'must be greater than 0' });

  switch (q.type) {
    case 'single-choice': {
      const correct = q.options.filter((o) => o.correct).length;
      if (correct !== 1) {
        issues.push({
          path: [],
          message: `single-choice question has ${plural(correct, 'correct option')} (expected exactly 1)`,
          hint:
            correct > 1
              ? 'Mark only one option correct: true, or use type: multiple-answer'
              : 'Mark the right option with correct: true',
        });
      }
      if (q.options.length < 2) issues.push({ path: ['options'], message: 'needs at least 2 options' });
      issues.push(...optionIssues(q.options));
      break;
    }
    case 'multiple-answer': {
      if (!q.options.some((o) => o.correct)) {
        issues.push({
          path: [],
          message: 'multiple-answer question has no correct option (expected at least 1)',
          hint: 'Mark the right options with correct: true',
        });
      }
      if (q.options.length < 2) issues.push({ path: ['options'], message: 'needs at least 2 options' });
      issues.push(...optionIssues(q.options));
      break;
    }
    case 'true-false':
      break;
    case 'numeric': {
      if (!Number.isFinite(q.answer)) issues.push({ path: ['answer'], message: 'must be a finite number' });
      if (!(q.tolerance.value >= 0) || !Number.isFinite(q.tolerance.value)) {
        issues.push({ path: ['tolerance'], message: 'must be a number of at least 0' });
      }
      if (q.tolerance.kind === 'relative' && q.answer === 0) {
        issues.push({
          path: ['tolerance', 'relative'],
          message: 'a relative tolerance around an answer of 0 accepts only 0',
          hint: 'Use tolerance: { absolute: … } instead',
        });
      }
      if (q.unit === undefined && q.unitAliases.length > 0) {
        issues.push({ path: ['unitAliases'], message: 'unit aliases need a unit', hint: 'Add unit: …' });
      }
      break;
    }
    case 'short-text': {
      const how = { caseSensitive: q.caseSensitive, keepPunctuation: q.keepPunctuation };
      if (q.answers.length === 0) issues.push({ path: ['answers'], message: 'needs at least 1 item' });
      q.answers.forEach((a, i) => {
        if (normalizeAnswer(a, how) === '') {
          issues.push({
            path: ['answers', i],
            message: `accepted answer ${JSON.stringify(a)} is empty once punctuation is ignored`,
            hint: 'Set keepPunctuation: true to compare punctuation',
          });
        }
      });
      if (q.pattern !== undefined && compilePattern(q.pattern, q.caseSensitive) === null) {
        let why = 'invalid regular expression';
        try {
          new RegExp(q.pattern, 'u');
        } catch (e) {
          why = e instanceof Error ? e.message : why;
        }
        issues.push({ path: ['pattern'], message: `pattern does not compile: ${why}` });
      }
      const accepted = new Set(q.answers.map((a) => normalizeAnswer(a, how)));
      q.wrongAnswers.forEach((w, i) => {
        if (accepted.has(normalizeAnswer(w.text, how))) {
          issues.push({
            path: ['wrongAnswers', i, 'text'],
            message: `wrong answer ${JSON.stringify(w.text)} is also an accepted answer`,
          });
        }
      });
      break;
    }
    case 'matching': {
      if (q.pairs.length < 2) issues.push({ path: ['pairs'], message: 'needs at least 2 pairs' });
      for (const d of duplicates(q.pairs, (p) => p.id)) {
        issues.push({ path: ['pairs', d.index, 'id'], message: `duplicate pair id "${d.key}" (also pairs[${d.first}])` });
      }
      for (const d of duplicates(q.pairs, (p) => p.left)) {
        issues.push({
          path: ['pairs', d.index, 'left'],
          message: `left side ${JSON.stringify(d.key)} repeats pairs[${d.first}]`,
        });
      }
      q.pairs.forEach((p, i) => {
        if (!q.choices.includes(p.right)) {
          issues.push({ path: ['pairs', i, 'right'], message: `right side ${JSON.stringify(p.right)} is not among the choices` });
        }
      });
      for (const d of duplicates(q.choices, (c) => c)) {
        issues.push({ path: ['choices', d.index], message: `choice ${JSON.stringify(d.key)} appears twice` });
      }
      break;
    }
    case 'ordering': {
      if (q.items.length < 2) issues.push({ path: ['items'], message: 'needs at least 2 items' });
      for (const d of duplicates(q.items, (it) => it.text)) {
        issues.push({ path: ['items', d.index], message: `item ${JSON.stringify(d.key)} appears twice` });
      }
      for (const d of duplicates(q.items, (it) => it.id)) {
        issues.push({ path: ['items', d.index, 'id'], message: `duplicate item id "${d.key}"` });
      }
      const ids = q.items.map((it) => it.id).sort();
      const key = [...q.correctOrder].sort();
      if (ids.length !== key.length || ids.some((id, i) => id !== key[i])) {
        issues.push({ path: ['correctOrder'], message: 'must list every item id exactly once' });
      }
      break;
    }
  }
  return issues;
}
