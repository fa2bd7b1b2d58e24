/**
 * Moodle GIFT export for instructors (SPEC E1–E10, E14–E16). Each question becomes one GIFT
 * question; a parametric question becomes `variants` concrete questions with distinct answers in
 * its own sub-category, so a Moodle quiz can draw one at random. Options are written in authored
 * order (Moodle shuffles them itself). What GIFT cannot carry is said in a comment per question
 * (caveats.ts), the same sentences the instructors page lists.
 */
import { defaultGenerators, type GeneratorRegistry } from '../generators/registry';
import type { MatchingQuestion, MultipleAnswerQuestion, Question, Quiz } from '../types';
import { toleranceWidth } from '../grading/tolerance';
import { questionCaveats } from './caveats';
import { distinctVariants } from './variants';
import { escapeGift, escapeMatchLeft, escapeShortAnswer, giftComment, giftNumber, giftPercent, markdownLines } from './gift-text';
import { acceptedSpellings } from './spellings';

export interface GiftOptions {
  /** How many variants of each parametric question to write (default 5). */
  variants?: number;
  generators?: GeneratorRegistry;
}

function feedback(text: string | undefined): string {
  return text ? `#${escapeGift(text)}` : '';
}

/** The explanation, and for matching the feedback of each pair (GIFT has no slot per pair). */
export function generalFeedbackText(q: Question): string | undefined {
  const pairs = q.type === 'matching' ? pairFeedback(q) : [];
  const parts = [q.explanation, ...pairs].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** "NAT → Outbound only: feedback", one line per pair that has feedback (shown when it was matched wrongly on the site). */
export const pairFeedback = (q: MatchingQuestion): string[] => q.pairs.filter((p) => p.feedback).map((p) => `${p.left} → ${p.right}: ${p.feedback}`);

function generalFeedback(q: Question): string {
  const text = generalFeedbackText(q);
  return text ? `\t####${escapeGift(markdownLines(text))}\n` : '';
}

function header(q: Question, name: string, giftId: string): string {
  const tags = q.lesson ? ` [tag:${q.lesson.lesson}]` : '';
  const lines = [`// [id:${giftId}]${tags}`];
  if (q.lesson) lines.push(giftComment(`tests lesson ${q.lesson.lesson}${q.lesson.anchor ? `#${q.lesson.anchor}` : ''}`));
  for (const n of questionCaveats(q, 'gift')) lines.push(giftComment(n));
  return `${lines.join('\n')}\n::${escapeGift(name)}::[markdown]${escapeGift(markdownLines(q.prompt))}`;
}

/** Net-correct weights (SPEC E3): ±100/c per option, whatever the site's scoring (a caveat says so). */
function multipleAnswerWeights(q: MultipleAnswerQuestion): { right: number; wrong: number } {
  const correct = q.options.filter((o) => o.correct).length;
  return { right: 100 / correct, wrong: -100 / correct };
}

export function questionToGift(q: Question, name: string = q.id, giftId: string = q.id): string {
  switch (q.type) {
    case 'single-choice': {
      const options = q.options.map((o) => `\t${o.correct ? '=' : '~'}${escapeGift(o.text)}${feedback(o.feedback)}\n`);
      return `${header(q, name, giftId)}{\n${options.join('')}${generalFeedback(q)}}`;
    }
    case 'multiple-answer': {
      const w = multipleAnswerWeights(q);
      const options = q.options.map(
        (o) => `\t~%${giftPercent(o.correct ? w.right : w.wrong)}%${escapeGift(o.text)}${feedback(o.feedback)}\n`,
      );
      return `${header(q, name, giftId)}{\n${options.join('')}${generalFeedback(q)}}`;
    }
    case 'true-false': {
      // Moodle reads the first feedback as the one for a wrong answer, the second for a right one.
      const right = q.answer ? q.feedbackTrue : q.feedbackFalse;
      const wrong = q.answer ? q.feedbackFalse : q.feedbackTrue;
      // As Moodle's exporter writes it, so a missing one never runs into the #### of the explanation.
      const fb = (wrong ? `#${escapeGift(wrong)}` : right ? '#' : '') + (right ? `#${escapeGift(right)}` : '');
      const general = q.explanation ? `####${escapeGift(markdownLines(q.explanation))}` : '';
      return `${header(q, name, giftId)}{${q.answer ? 'TRUE' : 'FALSE'}${fb}${general}}`;
    }
    case 'numeric': {
      const margin = giftNumber(toleranceWidth(q.answer, q.tolerance));
      const prompt = q.unit ? { ...q, prompt: `${q.prompt} (Answer in ${q.unit}, number only.)` } : q;
      const head = header(prompt, name, giftId);
      if (q.wrongAnswers.length === 0) {
        const general = q.explanation ? `####${escapeGift(markdownLines(q.explanation))}` : '';
        return `${head}{#${giftNumber(q.answer)}:${margin}${general}}`;
      }
      const lines = [`\t=${giftNumber(q.answer)}:${margin}\n`];
      for (const w of q.wrongAnswers) lines.push(`\t=%0%${giftNumber(w.value)}:${margin}${feedback(w.feedback)}\n`);
      return `${head}{#\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'short-text': {
      const lines = acceptedSpellings(q).map((a) => `\t=${escapeShortAnswer(a)}\n`);
      for (const w of q.wrongAnswers) lines.push(`\t=%0%${escapeShortAnswer(w.text)}${feedback(w.feedback)}\n`);
      return `${header(q, name, giftId)}{\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'matching': {
      const rights = new Set(q.pairs.map((p) => p.right));
      const lines = q.pairs.map((p) => `\t=${escapeMatchLeft(p.left)} -> ${escapeGift(p.right)}\n`);
      for (const c of q.choices) if (!rights.has(c)) lines.push(`\t= -> ${escapeGift(c)}\n`);
      return `${header(q, name, giftId)}{\n${lines.join('')}${generalFeedback(q)}}`;
    }
    case 'ordering': {
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      const lines = q.correctOrder.map((id, i) => `\t=${escapeMatchLeft(text.get(id) ?? id)} -> ${i + 1}\n`);
      return `${header(q, name, giftId)}{\n${lines.join('')}${generalFeedback(q)}}`;
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
    distinctVariants(entry, count, generators).variants.forEach((q, i) => {
      blocks.push(questionToGift(q, `${entry.id} (variant ${i + 1})`, `${entry.id}-v${i + 1}`));
    });
  }
  return `${blocks.join('\n\n')}\n`;
}
