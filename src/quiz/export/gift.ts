/**
 * Moodle GIFT export for instructors (SPEC E1–E9). Each question becomes one GIFT question; a
 * parametric question becomes `variants` concrete questions in its own sub-category, so a Moodle
 * quiz can draw one at random. Options are written in authored order (Moodle shuffles them itself).
 */
import { defaultGenerators, type GeneratorRegistry } from '../generators/registry';
import type { MultipleAnswerQuestion, Question, Quiz } from '../types';
import { toleranceWidth } from '../grading/tolerance';
import { distinctVariants } from './variants';
import { escapeGift, escapeMatchLeft, escapeShortAnswer, giftComment, giftNumber, giftPercent } from './gift-text';

export interface GiftOptions {
  /** How many variants of each parametric question to write (default 5). */
  variants?: number;
  generators?: GeneratorRegistry;
}

/** Moodle's grade list has 1/n for n = 1…10 and 20; other counts import only with "nearest grade". */
const MOODLE_FRACTION_DENOMINATORS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]);

function feedback(text: string | undefined): string {
  return text ? `#${escapeGift(text)}` : '';
}

function generalFeedback(q: Question): string {
  return q.explanation ? `\t####${escapeGift(q.explanation)}\n` : '';
}

function header(q: Question, name: string, giftId: string, notes: string[]): string {
  const tags = q.lesson ? ` [tag:${q.lesson.lesson}]` : '';
  const lines = [`// [id:${giftId}]${tags}`];
  if (q.lesson) lines.push(giftComment(`tests lesson ${q.lesson.lesson}${q.lesson.anchor ? `#${q.lesson.anchor}` : ''}`));
  for (const n of notes) lines.push(giftComment(n));
  return `${lines.join('\n')}\n::${escapeGift(name)}::[markdown]${escapeGift(q.prompt)}`;
}

function multipleAnswerWeights(q: MultipleAnswerQuestion): { right: number; wrong: number; notes: string[] } {
  const correct = q.options.filter((o) => o.correct).length;
  const notes: string[] = [];
  if (q.scoring !== 'net-correct') {
    notes.push(`scoring "${q.scoring}" has no Moodle equivalent; exported with net-correct weights (±1/${correct} per option)`);
  }
  if (!MOODLE_FRACTION_DENOMINATORS.has(correct)) {
    notes.push(`1/${correct} is not in Moodle's grade list; import with "Nearest grade if not listed"`);
  }
  return { right: 100 / correct, wrong: -100 / correct, notes };
}

export function questionToGift(q: Question, name: string = q.id, giftId: string = q.id): string {
  switch (q.type) {
    case 'single-choice': {
      const options = q.options.map((o) => `\t${o.correct ? '=' : '~'}${escapeGift(o.text)}${feedback(o.feedback)}\n`);
      return `${header(q, name, giftId, [])}{\n${options.join('')}${generalFeedback(q)}}`;
    }
    case 'multiple-answer': {
      const w = multipleAnswerWeights(q);
      const options = q.options.map(
        (o) => `\t~%${giftPercent(o.correct ? w.right : w.wrong)}%${escapeGift(o.text)}${feedback(o.feedback)}\n`,
      );
      return `${header(q, name, giftId, w.notes)}{\n${options.join('')}${generalFeedback(q)}}`;
    }
    case 'true-false': {
      // Moodle reads the first feedback as the one for a wrong answer, the second for a right one.
      const right = q.answer ? q.feedbackTrue : q.feedbackFalse;
      const wrong = q.answer ? q.feedbackFalse : q.feedbackTrue;
      // As Moodle's exporter writes it, so a missing one never runs into the #### of the explanation.
      const fb = (wrong ? `#${escapeGift(wrong)}` : right ? '#' : '') + (right ? `#${escapeGift(right)}` : '');
      const general = q.explanation ? `####${escapeGift(q.explanation)}` : '';
      return `${header(q, name, giftId, [])}{${q.answer ? 'TRUE' : 'FALSE'}${fb}${general}}`;
    }
    case 'numeric': {
      const notes: string[] = [];
      if (q.tolerance.kind === 'relative') {
        notes.push(`relative tolerance ${giftNumber(q.tolerance.value * 100)}% written as an absolute margin`);
      }
      if (q.unit) notes.push(`unit "${q.unit}": GIFT has no units, so students enter the number only`);
      const margin = giftNumber(toleranceWidth(q.answer, q.tolerance));
      const prompt = q.unit ? { ...q, prompt: `${q.prompt} (Answer in ${q.unit}, number only.)` } : q;
      const head = header(prompt, name, giftId, notes);
      if (q.wrongAnswers.length === 0) {
        const general = q.explanation ? `####${escapeGift(q.explanation)}` : '';
        return `${head}{#${giftNumber(q.answer)}:${margin}${general}}`;
      }
      const lines = [`\t=${giftNumber(q.answer)}:${margin}\n`];
      for (const w of q.wrongAnswers) lines.push(`\t=%0%${giftNumber(w.value)}:${margin}${feedback(w.feedback)}\n`);
      return `${head}{#\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'short-text': {
      const notes: string[] = [];
      if (q.pattern) notes.push(`pattern /${q.pattern}/ cannot be exported; only the listed answers are accepted`);
      if (q.caseSensitive) notes.push('case-sensitive on this site; set "Case sensitivity" in Moodle after import');
      if (!q.keepPunctuation) notes.push('this site ignores punctuation; Moodle compares it');
      const lines = q.answers.map((a) => `\t=${escapeShortAnswer(a)}\n`);
      for (const w of q.wrongAnswers) lines.push(`\t=%0%${escapeShortAnswer(w.text)}${feedback(w.feedback)}\n`);
      return `${header(q, name, giftId, notes)}{\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'matching': {
      const rights = new Set(q.pairs.map((p) => p.right));
      const lines = q.pairs.map((p) => `\t=${escapeMatchLeft(p.left)} -> ${escapeGift(p.right)}\n`);
      for (const c of q.choices) if (!rights.has(c)) lines.push(`\t= -> ${escapeGift(c)}\n`);
      return `${header(q, name, giftId, [])}{\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'ordering': {
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      const lines = q.correctOrder.map((id, i) => `\t=${escapeMatchLeft(text.get(id) ?? id)} -> ${i + 1}\n`);
      const note = 'ordering exported as matching each item to its position (Moodle credits each position separately)';
      return `${header(q, name, giftId, [note])}{\n${lines.join('')}${generalFeedback(q)}}`;
    }
  }
}

export function toGift(quiz: Quiz, options: GiftOptions = {}): string {
  const count = Math.max(1, Math.floor(options.variants ?? 5));
  const generators = options.generators ?? defaultGenerators;
  const category = `$CATEGORY: ${quiz.id}`;
  const blocks: string[] = [
    `${giftComment(`${quiz.title} (quiz "${quiz.id}", lesson "${quiz.lesson}")`)}\n${giftComment('Exported from the virtualization course site; Moodle GIFT format.')}`,
    category,
  ];
  let inSubCategory = false;
  for (const entry of quiz.questions) {
    if (entry.type !== 'generated') {
      if (inSubCategory) blocks.push(category);
      inSubCategory = false;
      blocks.push(questionToGift(entry));
      continue;
    }
    blocks.push(`$CATEGORY: ${quiz.id}/${entry.id}`);
    inSubCategory = true;
    distinctVariants(entry, count, generators).forEach((q, i) => {
      blocks.push(questionToGift(q, `${entry.id} (variant ${i + 1})`, `${entry.id}-v${i + 1}`));
    });
  }
  return `${blocks.join('\n\n')}\n`;
}
