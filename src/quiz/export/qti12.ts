/**
 * QTI 1.2 for Canvas (classic quizzes), SPEC E11–E13: the `questestinterop` assessment document
 * Canvas imports (question_type and points_possible in itemmetadata, SCORE 0–100 in resprocessing),
 * following the structure Canvas itself exports and text2qti generates. A parametric question
 * becomes a question group that picks one of its variants. Returns the assessment XML; packaging
 * it with `qtiManifest` into a .zip is left to the caller.
 */
import { defaultGenerators, type GeneratorRegistry } from '../generators/registry';
import { toleranceInterval } from '../grading/tolerance';
import { plainDecimal } from '../plain-number';
import type { GeneratedEntry, Question, Quiz } from '../types';
import { generalFeedbackText } from './gift';
import { textToHtml } from './html-text';
import { acceptedSpellings } from './spellings';
import { distinctVariants } from './variants';

export interface QtiOptions {
  variants?: number;
  generators?: GeneratorRegistry;
}

/** XML text and double-quoted attributes. `'` needs no escape there and stays literal (SPEC E11). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Author text → the HTML Canvas shows (escaped, `code` as <code>, lines kept) → escaped again as XML text. */
const html = (text: string): string => escapeXml(textToHtml(text));

const mattext = (text: string) => `<material><mattext texttype="text/html">${html(text)}</mattext></material>`;

function metadata(type: string, points: number, lines: string[]): void {
  lines.push(
    '<itemmetadata><qtimetadata>',
    `<qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>${type}</fieldentry></qtimetadatafield>`,
    `<qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>${plainDecimal(points)}</fieldentry></qtimetadatafield>`,
    '</qtimetadata></itemmetadata>',
  );
}

const SCORE_VAR = '<outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>';
const range = (low: number, high: number) =>
  `<and><vargte respident="response1">${plainDecimal(low)}</vargte><varlte respident="response1">${plainDecimal(high)}</varlte></and>`;
const setScore = (condition: string) =>
  `<respcondition continue="No"><conditionvar>${condition}</conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>`;
const feedbackFor = (condition: string, ident: string) =>
  `<respcondition continue="Yes"><conditionvar>${condition}</conditionvar><displayfeedback feedbacktype="Response" linkrefid="${ident}"/></respcondition>`;
const itemFeedback = (ident: string, text: string) => `<itemfeedback ident="${ident}"><flow_mat>${mattext(text)}</flow_mat></itemfeedback>`;
const varequal = (value: string) => `<varequal respident="response1">${escapeXml(value)}</varequal>`;

function choiceList(options: ReadonlyArray<{ id: string; text: string }>, cardinality: 'Single' | 'Multiple'): string {
  const labels = options.map((o) => `<response_label ident="${escapeXml(o.id)}">${mattext(o.text)}</response_label>`);
  return `<response_lid ident="response1" rcardinality="${cardinality}"><render_choice>${labels.join('')}</render_choice></response_lid>`;
}

/** Matching (and ordering as matching to positions): one response_lid per left side; each right pair adds its share. */
function matchingItem(
  prompt: string,
  pairs: ReadonlyArray<{ left: string; right: string }>,
  choices: readonly string[],
  general: string,
  lines: string[],
): void {
  const choiceId = (c: string) => `c${choices.indexOf(c) + 1}`;
  const labels = choices.map((c) => `<response_label ident="${choiceId(c)}">${mattext(c)}</response_label>`).join('');
  lines.push(`<presentation>${mattext(prompt)}`);
  pairs.forEach((p, i) => lines.push(`<response_lid ident="response_${i + 1}">${mattext(p.left)}<render_choice>${labels}</render_choice></response_lid>`));
  lines.push(`</presentation><resprocessing>${SCORE_VAR}${general}`);
  const share = plainDecimal(100 / pairs.length, 6);
  // continue="Yes": each right pair adds its share and processing goes on to the next pair (SPEC E12).
  pairs.forEach((p, i) =>
    lines.push(
      `<respcondition continue="Yes"><conditionvar><varequal respident="response_${i + 1}">${choiceId(p.right)}</varequal></conditionvar><setvar varname="SCORE" action="Add">${share}</setvar></respcondition>`,
    ),
  );
  lines.push('</resprocessing>');
}

export function questionToQti(q: Question, ident: string = q.id, title: string = q.id): string {
  const lines: string[] = [`<item ident="${escapeXml(ident)}" title="${escapeXml(title)}">`];
  const explanation = generalFeedbackText(q);
  const general = explanation ? feedbackFor('<other/>', 'general_fb') : '';
  const generalText = explanation ? itemFeedback('general_fb', explanation) : '';
  switch (q.type) {
    case 'single-choice':
    case 'multiple-answer': {
      const single = q.type === 'single-choice';
      metadata(single ? 'multiple_choice_question' : 'multiple_answers_question', q.points, lines);
      lines.push(`<presentation>${mattext(q.prompt)}${choiceList(q.options, single ? 'Single' : 'Multiple')}</presentation>`);
      lines.push(`<resprocessing>${SCORE_VAR}${general}`);
      for (const o of q.options) if (o.feedback) lines.push(feedbackFor(varequal(o.id), `${o.id}_fb`));
      const key = single
        ? varequal(q.options.find((o) => o.correct)!.id)
        : `<and>${q.options.map((o) => (o.correct ? varequal(o.id) : `<not>${varequal(o.id)}</not>`)).join('')}</and>`;
      lines.push(setScore(key), '</resprocessing>', generalText);
      for (const o of q.options) if (o.feedback) lines.push(itemFeedback(`${o.id}_fb`, o.feedback));
      break;
    }
    case 'true-false': {
      metadata('true_false_question', q.points, lines);
      lines.push(`<presentation>${mattext(q.prompt)}${choiceList([{ id: 'true', text: 'True' }, { id: 'false', text: 'False' }], 'Single')}</presentation>`);
      lines.push(`<resprocessing>${SCORE_VAR}${general}`);
      if (q.feedbackTrue) lines.push(feedbackFor(varequal('true'), 'true_fb'));
      if (q.feedbackFalse) lines.push(feedbackFor(varequal('false'), 'false_fb'));
      lines.push(setScore(varequal(q.answer ? 'true' : 'false')), '</resprocessing>', generalText);
      if (q.feedbackTrue) lines.push(itemFeedback('true_fb', q.feedbackTrue));
      if (q.feedbackFalse) lines.push(itemFeedback('false_fb', q.feedbackFalse));
      break;
    }
    case 'numeric': {
      metadata('numerical_question', q.points, lines);
      const prompt = q.unit ? `${q.prompt} (Answer in ${q.unit}, number only.)` : q.prompt;
      lines.push(
        `<presentation>${mattext(prompt)}<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str></presentation>`,
      );
      const { low, high } = toleranceInterval(q.answer, q.tolerance);
      const exact = varequal(plainDecimal(q.answer));
      lines.push(`<resprocessing>${SCORE_VAR}${general}`);
      // Known mistakes: the same margin around each wrong value shows its feedback (SPEC Q10).
      q.wrongAnswers.forEach((w, i) => {
        const around = toleranceInterval(w.value, q.tolerance);
        lines.push(feedbackFor(`<or>${varequal(plainDecimal(w.value))}${range(around.low, around.high)}</or>`, `wrong${i + 1}_fb`));
      });
      lines.push(setScore(`<or>${exact}${range(low, high)}</or>`), '</resprocessing>', generalText);
      q.wrongAnswers.forEach((w, i) => lines.push(itemFeedback(`wrong${i + 1}_fb`, w.feedback)));
      break;
    }
    case 'short-text': {
      metadata('short_answer_question', q.points, lines);
      lines.push(
        `<presentation>${mattext(q.prompt)}<response_str ident="response1" rcardinality="Single"><render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str></presentation>`,
      );
      lines.push(`<resprocessing>${SCORE_VAR}${general}`);
      q.wrongAnswers.forEach((w, i) => lines.push(feedbackFor(varequal(w.text), `wrong${i + 1}_fb`)));
      // One condition per accepted spelling: several <varequal> in one condition would all have to hold.
      for (const text of acceptedSpellings(q)) lines.push(setScore(varequal(text)));
      lines.push('</resprocessing>', generalText);
      q.wrongAnswers.forEach((w, i) => lines.push(itemFeedback(`wrong${i + 1}_fb`, w.feedback)));
      break;
    }
    case 'matching':
      metadata('matching_question', q.points, lines);
      matchingItem(q.prompt, q.pairs, q.choices, general, lines);
      lines.push(generalText);
      break;
    case 'ordering': {
      metadata('matching_question', q.points, lines);
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      const positions = q.correctOrder.map((_, i) => String(i + 1));
      matchingItem(
        `${q.prompt} (Give each item its position, 1 = first.)`,
        q.correctOrder.map((id, i) => ({ left: text.get(id) ?? id, right: positions[i]! })),
        positions,
        general,
        lines,
      );
      lines.push(generalText);
      break;
    }
  }
  lines.push('</item>');
  return lines.filter((l) => l !== '').join('\n');
}

function group(entry: GeneratedEntry, variants: readonly Question[]): string {
  return [
    `<section ident="${escapeXml(entry.id)}" title="${escapeXml(entry.id)}">`,
    `<selection_ordering><selection><selection_number>1</selection_number><selection_extension><points_per_item>${plainDecimal(entry.points)}</points_per_item></selection_extension></selection></selection_ordering>`,
    ...variants.map((q, i) => questionToQti(q, `${entry.id}-v${i + 1}`, `${entry.id} (variant ${i + 1})`)),
    '</section>',
  ].join('\n');
}

export function toQti12(quiz: Quiz, options: QtiOptions = {}): string {
  const count = Math.max(1, Math.floor(options.variants ?? 5));
  const generators = options.generators ?? defaultGenerators;
  const items = quiz.questions.map((entry) =>
    entry.type === 'generated' ? group(entry, distinctVariants(entry, count, generators).variants) : questionToQti(entry),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
    `<assessment ident="${escapeXml(quiz.id)}" title="${escapeXml(quiz.title)}">`,
    '<section ident="root_section">',
    ...items,
    '</section>',
    '</assessment>',
    '</questestinterop>',
    '',
  ].join('\n');
}

/** The imsmanifest.xml that goes next to `<quiz id>/<quiz id>.xml` in the .zip Canvas imports. */
export function qtiManifest(quiz: Quiz): string {
  const id = escapeXml(quiz.id);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${id}-manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">`,
    '<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>',
    '<organizations/>',
    `<resources><resource identifier="${id}" type="imsqti_xmlv1p2"><file href="${id}/${id}.xml"/></resource></resources>`,
    '</manifest>',
    '',
  ].join('\n');
}
