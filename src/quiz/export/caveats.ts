/**
 * What an export cannot carry, per format and question (SPEC E16). The same sentences go into the
 * GIFT file's comments and onto the instructors page next to each file (LMS importers drop file
 * comments), so they never quote an answer: the public page lists them for the site's own quizzes.
 */
import type { GeneratorRegistry } from '../generators/registry';
import type { Question, Quiz } from '../types';
import { distinctVariants } from './variants';

export type LmsFormat = 'moodle-xml' | 'gift' | 'qti' | 'scorm';

export const FORMAT_NAMES: Record<LmsFormat, string> = {
  'moodle-xml': 'Moodle XML',
  gift: 'GIFT',
  qti: 'QTI 1.2',
  scorm: 'SCORM 1.2',
};

/** Moodle's grade list has 1/n for n = 1…10 and 20; other counts import only with "nearest grade". */
const MOODLE_FRACTION_DENOMINATORS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]);

const LMS: Record<LmsFormat, string> = { 'moodle-xml': 'Moodle', gift: 'Moodle', qti: 'Canvas', scorm: 'the package' };

/** The caveats of one question in one format (empty when it exports exactly). */
export function questionCaveats(q: Question, format: LmsFormat): string[] {
  if (format === 'scorm') return [];
  const lms = LMS[format];
  const out: string[] = [];
  switch (q.type) {
    case 'multiple-answer': {
      if (format === 'qti') {
        out.push(`Canvas scores multiple-answer questions with its own partial-credit rule, not "${q.scoring}" as the site does.`);
        break;
      }
      if (q.scoring !== 'net-correct') out.push(`Scored "${q.scoring}" on the site; Moodle scores it net-correct (each correct option +1/c, each wrong one −1/c).`);
      if (!MOODLE_FRACTION_DENOMINATORS.has(q.options.filter((o) => o.correct).length)) {
        out.push('Its option weights are not in Moodle\'s grade list: import with "Match grades: Nearest grade if not listed".');
      }
      break;
    }
    case 'numeric':
      if (q.tolerance.kind === 'relative') out.push('The relative tolerance is written as the absolute margin it gives around the answer.');
      if (q.unit) {
        out.push(
          format === 'moodle-xml'
            ? 'The unit is optional, as on the site; Moodle matches unit spellings letter for letter, so the file lists each accepted spelling in upper and lower case.'
            : `${FORMAT_NAMES[format]} has no units: students type the number only (the prompt says which unit).`,
        );
      }
      break;
    case 'short-text':
      if (q.pattern !== undefined) out.push(`The site also accepts answers that match a pattern; ${lms} accepts only the listed answers.`);
      if (q.caseSensitive && format === 'gift') out.push('Case-sensitive on the site: set "Case sensitivity" on the question in Moodle after the import.');
      if (q.caseSensitive && format === 'qti') out.push('Case-sensitive on the site; Canvas ignores case.');
      if (!q.keepPunctuation) out.push(`The site ignores punctuation; ${lms} accepts the listed spellings and their forms without punctuation between words only.`);
      break;
    case 'matching':
      if (q.pairs.some((p) => p.feedback)) out.push(`${lms} has no feedback per pair: it is in the general feedback, which every student sees.`);
      break;
    case 'ordering':
      if (format === 'moodle-xml') {
        if (q.scoring === 'lcs') {
          out.push(
            'Moodle\'s ordering question credits the longest ordered subset as L/n; the site gives (2L − n)/n (one item out of place in five: 0.8 in Moodle, 0.6 on the site).',
          );
        }
      } else {
        out.push(`Becomes a matching question (each item to its position, 1 = first): ${lms} credits each position separately, not the longest run in order.`);
      }
      break;
    default:
      break;
  }
  return out;
}

/** What a format cannot carry for any quiz: listed once per format on the instructors page, and with every file. */
export const FORMAT_CAVEATS: Record<LmsFormat, readonly string[]> = {
  'moodle-xml': [],
  gift: [],
  qti: [],
  scorm: [
    'The quiz is graded in the student\'s browser, as on the site, and the package holds the answers: a student who opens the browser\'s developer tools can read them. For a high-stakes quiz use the Moodle XML, GIFT or QTI file, which the platform grades itself.',
    'One attempt per launch: the result goes to the platform when the student submits, and a new attempt is the platform\'s (set the number of attempts there).',
  ],
};

export interface Caveat {
  /** The question it concerns (for a parametric question, its entry id); null for the whole file. */
  questionId: string | null;
  text: string;
}

export interface CaveatOptions {
  variants?: number;
  generators?: GeneratorRegistry;
}

const fraction = (x: number) => String(Number(x.toFixed(3)));

/** How the quiz's per-question checking and reveal policy travel to each format (E22). */
function checkCaveats(quiz: Quiz, format: LmsFormat): string[] {
  const c = quiz.checks;
  if (!c || format === 'scorm') return [];
  const out: string[] = [];
  if (c.feedback === 'per-question') {
    const credit = c.credit.some((x) => x < 1) ? ` (credit per try ${c.credit.map(fraction).join(', ')})` : '';
    const site = `On the site each question is checked on its own, with ${c.tries} ${c.tries === 1 ? 'try' : 'tries'}${credit}.`;
    if (format === 'moodle-xml') {
      const penalty = 1 - (c.credit[1] ?? 1);
      const moodle = c.credit.map((_, k) => Math.max(0, 1 - k * penalty));
      const same = moodle.every((m, k) => Math.abs(m - c.credit[k]!) < 1e-9);
      out.push(
        `${site} Set the Moodle quiz's "How questions behave" to "Interactive with multiple tries": each question carries ${c.tries - 1} ${c.tries - 1 === 1 ? 'hint' : 'hints'} (one more try each) and a penalty of ${fraction(penalty)} per wrong try.` +
          (same ? '' : ` Moodle takes the same penalty off every wrong try, so its tries earn at most ${moodle.map(fraction).join(', ')} where the site gives ${c.credit.map(fraction).join(', ')}.`),
      );
    } else {
      out.push(`${site} ${FORMAT_NAMES[format]} carries no tries: ${format === 'qti' ? 'in Canvas, allow several attempts on the quiz instead' : 'set "How questions behave" to "Interactive with multiple tries" in the Moodle quiz and add hints, or use the Moodle XML file, which has them'}.`);
    }
  }
  if (c.reveal.when !== 'always') {
    const when = c.reveal.when === 'never' ? 'never' : c.reveal.when === 'after-pass' ? 'once the student has passed' : `after ${c.reveal.attempts} ${c.reveal.attempts === 1 ? 'attempt' : 'attempts'}`;
    out.push(`The site shows the correct answers ${when}: set the quiz's review options on the platform to match.`);
  }
  return out;
}

/** Every caveat of a quiz's export in one format: the file's, then each question's in quiz order. */
export function quizCaveats(quiz: Quiz, format: LmsFormat, options: CaveatOptions & { generators: GeneratorRegistry }): Caveat[] {
  const count = Math.max(1, Math.floor(options.variants ?? 5));
  const out: Caveat[] = [];
  const file = (text: string) => out.push({ questionId: null, text });
  if (format === 'gift' && quiz.questions.some((q) => q.points !== 1)) {
    file('GIFT has no question weights: every question imports worth 1 point. Set the marks in the Moodle quiz, or use the Moodle XML file, which keeps them.');
  }
  if (format === 'moodle-xml' && quiz.questions.some((q) => q.type === 'ordering')) {
    file('Ordering questions use Moodle\'s own ordering type, part of Moodle since 4.4 (older sites need the Ordering plugin).');
  }
  FORMAT_CAVEATS[format].forEach(file);
  checkCaveats(quiz, format).forEach(file);
  for (const entry of quiz.questions) {
    if (entry.type !== 'generated') {
      for (const text of questionCaveats(entry, format)) out.push({ questionId: entry.id, text });
      continue;
    }
    if (format === 'scorm') continue;
    const { variants, distinctAnswers } = distinctVariants(entry, count, options.generators);
    const where =
      format === 'qti'
        ? `a question group that gives each student one of them`
        : `the category "${quiz.id}/${entry.id}"; put a "Random question" from that category in the quiz for it`;
    out.push({ questionId: entry.id, text: `Parametric: ${variants.length} variants in ${where}.` });
    if (distinctAnswers < variants.length) {
      out.push({
        questionId: entry.id,
        text: `This generator gives only ${distinctAnswers} different answers, so answers repeat among the ${variants.length} variants (each as rarely as possible).`,
      });
    }
    const seen = new Set<string>();
    for (const v of variants) for (const text of questionCaveats(v, format)) seen.add(text);
    for (const text of seen) out.push({ questionId: entry.id, text });
  }
  return out;
}
