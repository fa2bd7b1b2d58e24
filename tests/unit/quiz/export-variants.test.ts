/**
 * What every export shares: parametric variants with distinct answers (E14), accepted short-answer
 * spellings (E15), and the caveats listed next to each file (E16).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  acceptedSpellings,
  answerKey,
  defaultGenerators,
  distinctVariants,
  grade,
  instantiate,
  loadQuiz,
  questionCaveats,
  quizCaveats,
  toGift,
  type GeneratedEntry,
  type LmsFormat,
  type Question,
  type Quiz,
} from '../../../src/quiz';
import { matching, multipleAnswer, numeric, ordering, shortText, singleChoice } from './builders';

const entry = (generator: string): GeneratedEntry => ({ type: 'generated', id: `q-${generator}`, generator, params: {}, points: 2 });

function courseQuizzes(): Quiz[] {
  return readdirSync('content/quizzes')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const r = loadQuiz(readFileSync(`content/quizzes/${f}`, 'utf8'), f);
      if (!r.ok) throw new Error(r.messages.join('\n'));
      return r.value;
    });
}

/**
 * How many different answers an entry gives over 200 seeds (the most five variants can need is
 * five, so a count at or above five is all the assertions read). Computed once per entry.
 */
const possible = new Map<string, number>();
function possibleAnswers(e: GeneratedEntry): number {
  const key = `${e.generator} ${JSON.stringify(e.params)}`;
  if (!possible.has(key)) possible.set(key, new Set(Array.from({ length: 200 }, (_, k) => answerKey(instantiate(e, `probe/${k}`)))).size);
  return possible.get(key)!;
}

/** These tests draw a few thousand variants through the engines: a loaded machine needs more than the default 5 s. */
const SLOW = 60_000;

describe('parametric variants', () => {
  it('E14: every registered generator gives N variants whose answers all differ while it has N different answers', () => {
    for (const id of defaultGenerators.keys()) {
      const e = entry(id);
      const { variants, distinctAnswers } = distinctVariants(e, 5, defaultGenerators);
      expect(variants, id).toHaveLength(5);
      const keys = variants.map(answerKey);
      expect(distinctAnswers, id).toBe(new Set(keys).size);
      expect(distinctAnswers, id).toBe(Math.min(5, possibleAnswers(e)));
      // Repeats only when unavoidable, and then spread: no answer twice before every answer once.
      const most = Math.max(...[...new Set(keys)].map((k) => keys.filter((x) => x === k).length));
      expect(most, id).toBe(Math.ceil(5 / distinctAnswers));
    }
  }, SLOW);

  it('E14: the instructor picks the count; the first variant is always seed gift/1; the same count gives the same variants', () => {
    const e = entry('network-cloud-internet-reach');
    for (const n of [1, 3, 8, 12]) {
      const { variants } = distinctVariants(e, n, defaultGenerators);
      expect(variants).toHaveLength(n);
      expect(new Set(variants.map(answerKey)).size).toBe(n);
      expect(variants[0]).toEqual(instantiate(e, 'gift/1'));
      expect(distinctVariants(e, n, defaultGenerators)).toEqual(distinctVariants(e, n, defaultGenerators));
    }
  }, SLOW);

  it('E14: in the course quizzes no two of five variants share an answer unless the generator has fewer than five', () => {
    for (const quiz of courseQuizzes()) {
      for (const e of quiz.questions) {
        if (e.type !== 'generated') continue;
        const { variants, distinctAnswers } = distinctVariants(e, 5, defaultGenerators);
        expect(distinctAnswers, `${quiz.id}/${e.id}`).toBe(Math.min(5, possibleAnswers(e)));
        expect(variants.length, `${quiz.id}/${e.id}`).toBe(5);
      }
    }
  }, SLOW);
});

describe('short-answer spellings', () => {
  it('E15: punctuation between letters also exported as a space, only where the site accepts it', () => {
    expect(acceptedSpellings(shortText())).toEqual(['host-only', 'host only', 'host only adapter']);
    expect(acceptedSpellings(shortText({ answers: ['copy-on-write', 'COW'] }))).toEqual(['copy-on-write', 'copy on write', 'COW']);
    expect(acceptedSpellings(shortText({ answers: ['10.0.2.15'] }))).toEqual(['10.0.2.15']);
    expect(acceptedSpellings(shortText({ answers: ['host-only'], keepPunctuation: true }))).toEqual(['host-only']);
    expect(acceptedSpellings(shortText({ answers: ['host-only', 'Host Only'] }))).toEqual(['host-only', 'host only']);
    expect(acceptedSpellings(shortText({ answers: ['host-only', 'Host only'], caseSensitive: true }))).toEqual(['host-only', 'host only', 'Host only']);
  });

  it('E15: every exported spelling of every course short-text question is one the site grades right', () => {
    for (const quiz of courseQuizzes()) {
      for (const q of quiz.questions) {
        if (q.type !== 'short-text') continue;
        for (const s of acceptedSpellings(q)) expect(grade(q, s).score, `${quiz.id}/${q.id}: ${s}`).toBe(1);
      }
    }
  });
});

describe('export caveats', () => {
  const formats: LmsFormat[] = ['moodle-xml', 'gift', 'qti', 'scorm'];

  /** Texts that would give an answer away if a caveat quoted them. */
  function secrets(q: Question): string[] {
    switch (q.type) {
      case 'single-choice':
      case 'multiple-answer':
        return q.options.filter((o) => o.correct).map((o) => o.text);
      case 'short-text':
        return [...q.answers, ...(q.pattern ? [q.pattern] : [])];
      case 'matching':
        return q.pairs.map((p) => p.right);
      case 'ordering':
        return q.items.map((it) => it.text);
      case 'numeric':
        return Math.abs(q.answer) >= 10 ? [String(q.answer)] : [];
      default:
        return [];
    }
  }

  it('E16: caveats never quote an answer (the public instructors page lists them)', () => {
    const tricky: Question[] = [
      shortText({ pattern: 'host[ -]?only', caseSensitive: true }),
      multipleAnswer('per-answer'),
      numeric({ answer: 4096, tolerance: { kind: 'relative', value: 0.01 } }),
      matching(),
      ordering('lcs', 4),
    ];
    for (const q of tricky) {
      for (const f of formats) for (const c of questionCaveats(q, f)) for (const s of secrets(q)) expect(c, `${q.id} ${f}`).not.toContain(s);
    }
    for (const quiz of courseQuizzes()) {
      const statics = quiz.questions.filter((q): q is Question => q.type !== 'generated');
      const all = statics.flatMap(secrets).filter((s) => s.length >= 4);
      for (const f of formats) {
        for (const c of quizCaveats(quiz, f, { variants: 5, generators: defaultGenerators })) {
          for (const s of all) expect(c.text, `${quiz.id} ${f}`).not.toContain(s);
        }
      }
    }
  }, SLOW);

  it('E16: what each format loses is named: weights in GIFT, units outside Moodle XML, patterns, pair feedback, ordering, variants', () => {
    const quiz: Quiz = {
      id: 'q',
      title: 'Q',
      lesson: 'l',
      mode: 'all-on-one-page',
      passingScore: 0.5,
      questions: [singleChoice({ points: 2 }), numeric(), shortText({ pattern: 'x+' }), matching(), ordering('lcs', 3), entry('sizing-limiting-resource')],
    };
    const texts = (f: LmsFormat) => quizCaveats(quiz, f, { variants: 5, generators: defaultGenerators }).map((c) => `${c.questionId ?? '-'}: ${c.text}`);
    expect(texts('gift')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^-: GIFT has no question weights/),
        expect.stringMatching(/^ram: GIFT has no units/),
        expect.stringMatching(/^mode: The site also accepts answers that match a pattern/),
        expect.stringMatching(/^modes: Moodle has no feedback per pair/),
        expect.stringMatching(/^steps: Becomes a matching question/),
        expect.stringMatching(/^q-sizing-limiting-resource: Parametric: 5 variants in the category "q\/q-sizing-limiting-resource"/),
        expect.stringMatching(/^q-sizing-limiting-resource: This generator gives only 3 different answers/),
      ]),
    );
    expect(texts('moodle-xml').join('\n')).not.toMatch(/weights|has no units/);
    expect(texts('moodle-xml')).toEqual(expect.arrayContaining([expect.stringMatching(/^steps: Moodle's ordering question credits the longest ordered subset/)]));
    expect(texts('qti')).toEqual(expect.arrayContaining([expect.stringMatching(/^q-sizing-limiting-resource: Parametric: 5 variants in a question group/)]));
    expect(texts('scorm')).toEqual(expect.arrayContaining([expect.stringMatching(/^-: The quiz is graded in the student's browser/)]));
  });

  it('E16: the GIFT file carries the same caveats as comments next to each question', () => {
    const q = shortText({ pattern: 'x+' });
    const gift = toGift({ id: 'q', title: 'Q', lesson: 'l', mode: 'all-on-one-page', passingScore: 0.5, questions: [q] });
    for (const c of questionCaveats(q, 'gift')) expect(gift).toContain(`// ${c}`);
  });
});
