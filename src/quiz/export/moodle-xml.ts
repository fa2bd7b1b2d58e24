/**
 * Moodle XML (SPEC E17–E21): what GIFT cannot carry. Question weights (`defaultgrade`), units on
 * numeric answers, case sensitivity of short answers, ordering questions as Moodle's own ordering
 * type (core since 4.4), and question text in HTML so multi-line prompts keep their lines. Feedback
 * on single matching pairs, which Moodle has no slot for, goes into the general feedback. A
 * parametric question becomes `variants` questions with distinct answers in its own category.
 * Element names and values follow Moodle's `question/format/xml/format.php` and the question
 * types' `import_from_xml` (qtype_ordering's layouttype, selecttype, gradingtype, showgrading).
 */
import { defaultGenerators, type GeneratorRegistry } from '../generators/registry';
import { toleranceWidth } from '../grading/tolerance';
import { plainDecimal } from '../plain-number';
import type { CheckSettings, OrderingScoring, Question, Quiz } from '../types';
import { generalFeedbackText } from './gift';
import { giftPercent } from './gift-text';
import { inlineHtml, plainText, textToHtml } from './html-text';
import { escapeXml } from './qti12';
import { acceptedSpellings } from './spellings';
import { distinctVariants } from './variants';

export interface MoodleXmlOptions {
  /** How many variants of each parametric question to write (default 5). */
  variants?: number;
  generators?: GeneratorRegistry;
}

/** HTML as Moodle writes it: in CDATA, with a `]]>` inside split across two sections. */
const cdata = (html: string): string => `<![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

const htmlText = (tag: string, text: string | undefined, attrs = ''): string =>
  `<${tag}${attrs} format="html"><text>${text ? cdata(textToHtml(text)) : ''}</text></${tag}>`;

/** Plain-text fields (answers Moodle compares, matching choices): XML-escaped, no markup. */
const plain = (text: string): string => `<text>${escapeXml(text)}</text>`;

/** Moodle short answers treat * as a wildcard; a literal one is written \*. */
const shortAnswer = (text: string): string => text.replace(/\*/g, '\\*');

/** Site scoring → qtype_ordering grading type. Only `lcs` differs in its figures (a caveat says how). */
const ORDERING_GRADING: Record<OrderingScoring, string> = {
  lcs: 'LONGEST_ORDERED_SUBSET',
  'adjacent-pairs': 'RELATIVE_NEXT_EXCLUDE_LAST',
  'all-or-nothing': 'ALL_OR_NOTHING',
};

/** A category path segment: Moodle reads "/" as a separator and "//" as a literal slash. */
const segment = (name: string): string => name.replace(/\//g, '//');

function category(path: readonly string[], info: string): string {
  return [
    '<question type="category">',
    `<category><text>${escapeXml(['$course$/top', ...path.map(segment)].join('/'))}</text></category>`,
    `<info format="html"><text>${cdata(textToHtml(info))}</text></info>`,
    '</question>',
  ].join('\n');
}

const combinedFeedback = [
  '<correctfeedback format="html"><text></text></correctfeedback>',
  '<partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>',
  '<incorrectfeedback format="html"><text></text></incorrectfeedback>',
  '<shownumcorrect/>',
].join('\n');

/** Option and item text: inline HTML (no paragraph around it), lines kept. */
const inline = (text: string): string => cdata(text.split(/\r\n?|\n/).map(inlineHtml).join('<br>'));

function answer(fraction: string, text: string, feedback: string | undefined, extra = '', html = true): string {
  const body = html ? `<text>${inline(text)}</text>` : plain(text);
  return [`<answer fraction="${fraction}" format="${html ? 'html' : 'moodle_auto_format'}">`, body, extra, htmlText('feedback', feedback), '</answer>']
    .filter((l) => l !== '')
    .join('\n');
}

/** Unit spellings Moodle should accept: as authored, then in lower and upper case (Moodle compares letter for letter). */
function unitSpellings(unit: string, aliases: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of [unit, ...aliases]) for (const v of [u, u.toLowerCase(), u.toUpperCase()]) if (!out.includes(v)) out.push(v);
  return out;
}

const QTYPE: Record<Question['type'], string> = {
  'single-choice': 'multichoice',
  'multiple-answer': 'multichoice',
  'true-false': 'truefalse',
  numeric: 'numerical',
  'short-text': 'shortanswer',
  matching: 'matching',
  ordering: 'ordering',
};

function body(q: Question): string[] {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-answer': {
      const single = q.type === 'single-choice';
      const correct = q.options.filter((o) => o.correct).length;
      // Net-correct weights (SPEC E3): Moodle sums the chosen fractions and clamps to [0, 1].
      const fraction = (right: boolean) => (single ? (right ? '100' : '0') : giftPercent((right ? 100 : -100) / correct));
      return [
        `<single>${single}</single>`,
        `<shuffleanswers>${q.shuffle}</shuffleanswers>`,
        '<answernumbering>abc</answernumbering>',
        '<showstandardinstruction>0</showstandardinstruction>',
        combinedFeedback,
        ...q.options.map((o) => answer(fraction(o.correct), o.text, o.feedback)),
      ];
    }
    case 'true-false':
      // The feedback of an answer is shown to the students who gave it, as on the site.
      return [
        answer(q.answer ? '100' : '0', 'true', q.feedbackTrue, '', false),
        answer(q.answer ? '0' : '100', 'false', q.feedbackFalse, '', false),
      ];
    case 'numeric': {
      const margin = plainDecimal(toleranceWidth(q.answer, q.tolerance));
      const tolerance = `<tolerance>${margin}</tolerance>`;
      const lines = [
        answer('100', plainDecimal(q.answer), undefined, tolerance, false),
        ...q.wrongAnswers.map((w) => answer('0', plainDecimal(w.value), w.feedback, tolerance, false)),
      ];
      if (q.unit) {
        const units = unitSpellings(q.unit, q.unitAliases).map((u) => `<unit><multiplier>1</multiplier><unit_name>${escapeXml(u)}</unit_name></unit>`);
        // showunits 0 and unitgradingtype 0: the unit is typed with the number and is optional, as on the site.
        lines.push(`<units>${units.join('')}</units>`, '<unitgradingtype>0</unitgradingtype>', '<unitpenalty>0.1000000</unitpenalty>', '<showunits>0</showunits>', '<unitsleft>0</unitsleft>');
      }
      return lines;
    }
    case 'short-text':
      return [
        `<usecase>${q.caseSensitive ? 1 : 0}</usecase>`,
        ...acceptedSpellings(q).map((a) => answer('100', shortAnswer(a), undefined, '', false)),
        ...q.wrongAnswers.map((w) => answer('0', shortAnswer(w.text), w.feedback, '', false)),
      ];
    case 'matching': {
      const rights = new Set(q.pairs.map((p) => p.right));
      const sub = (left: string, right: string) =>
        `<subquestion format="html"><text>${left === '' ? '' : inline(left)}</text><answer>${plain(plainText(right))}</answer></subquestion>`;
      return [
        '<shuffleanswers>true</shuffleanswers>',
        combinedFeedback,
        ...q.pairs.map((p) => sub(p.left, p.right)),
        // A distractor is a choice with no question (Moodle's own way of adding wrong choices).
        ...q.choices.filter((c) => !rights.has(c)).map((c) => sub('', c)),
      ];
    }
    case 'ordering': {
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      return [
        '<layouttype>VERTICAL</layouttype>',
        '<selecttype>ALL</selecttype>',
        '<selectcount>0</selectcount>',
        `<gradingtype>${ORDERING_GRADING[q.scoring]}</gradingtype>`,
        '<showgrading>SHOW</showgrading>',
        '<numberingstyle>none</numberingstyle>',
        combinedFeedback,
        // The answers in the correct order; Moodle shuffles them for the student.
        ...q.correctOrder.map((id, i) => answer(String(i + 1), text.get(id) ?? id, undefined)),
      ];
    }
  }
}

/** Moodle's penalty and hints for a quiz's tries (E22); at the end: Moodle's default penalty, no hints. */
function triesXml(checks: CheckSettings | undefined): { penalty: string; hints: string[] } {
  if (!checks || checks.feedback === 'at-end' || checks.tries <= 1) return { penalty: '0.3333333', hints: [] };
  const penalty = Math.min(1, Math.max(0, 1 - (checks.credit[1] ?? 1)));
  const hints = Array.from({ length: checks.tries - 1 }, (_, k) =>
    `<hint format="html"><text>${escapeXml(`Not yet: ${checks.tries - 1 - k === 1 ? 'one more try' : `${checks.tries - 1 - k} more tries`}.`)}</text></hint>`,
  );
  return { penalty: penalty.toFixed(7), hints };
}

export function questionToMoodleXml(q: Question, name: string = q.id, idnumber: string = q.id, checks?: CheckSettings): string {
  const tries = triesXml(checks);
  const prompt = q.type === 'numeric' && q.unit ? `${q.prompt} (Answer in ${q.unit}.)` : q.prompt;
  const tags = q.lesson ? `<tags><tag><text>${escapeXml(q.lesson.lesson)}</text></tag></tags>` : '';
  return [
    `<question type="${QTYPE[q.type]}">`,
    `<name>${plain(name)}</name>`,
    htmlText('questiontext', prompt),
    htmlText('generalfeedback', generalFeedbackText(q)),
    `<defaultgrade>${plainDecimal(q.points)}</defaultgrade>`,
    `<penalty>${tries.penalty}</penalty>`,
    '<hidden>0</hidden>',
    `<idnumber>${escapeXml(idnumber)}</idnumber>`,
    ...body(q),
    ...tries.hints,
    tags,
    '</question>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function toMoodleXml(quiz: Quiz, options: MoodleXmlOptions = {}): string {
  const count = Math.max(1, Math.floor(options.variants ?? 5));
  const generators = options.generators ?? defaultGenerators;
  const home = category([quiz.id], `${quiz.title} (quiz "${quiz.id}", lesson "${quiz.lesson}")`);
  const blocks = [home];
  let inSubCategory = false;
  for (const entry of quiz.questions) {
    if (entry.type !== 'generated') {
      if (inSubCategory) blocks.push(home);
      inSubCategory = false;
      blocks.push(questionToMoodleXml(entry, entry.id, entry.id, quiz.checks));
      continue;
    }
    const { variants } = distinctVariants(entry, count, generators);
    blocks.push(category([quiz.id, entry.id], `Variants of "${entry.id}": put one Random question from this category in the quiz.`));
    inSubCategory = true;
    variants.forEach((q, i) => blocks.push(questionToMoodleXml(q, `${entry.id} (variant ${i + 1})`, `${entry.id}-v${i + 1}`, quiz.checks)));
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<!-- ${escapeXml(quiz.title).replace(/--/g, '- -')}: Moodle XML from the virtualization course site -->`, '<quiz>', ...blocks, '</quiz>', ''].join('\n');
}
