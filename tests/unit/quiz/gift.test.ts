import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, type GIFTQuestion } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import { defaultGenerators, grade, instantiate, loadQuiz, questionToGift, toGift, type MultipleAnswerQuestion, type Question, type Quiz } from '../../../src/quiz';
import { escapeGift, markdownLines } from '../../../src/quiz/export/gift-text';
import { matching, multipleAnswer, numeric, ordering, shortText, singleChoice, trueFalse } from './builders';

/** gift-pegjs leaves its escape placeholders in the right side of matching pairs; undo them. */
const decode = (s: string) =>
  s
    .replace(/&&092;/g, '\\')
    .replace(/&&058;/g, ':')
    .replace(/&&035;/g, '#')
    .replace(/&&061;/g, '=')
    .replace(/&&123;/g, '{')
    .replace(/&&125;/g, '}')
    .replace(/&&126;/g, '~');

function only(text: string): GIFTQuestion {
  const parsed = parse(text);
  expect(parsed).toHaveLength(1);
  return parsed[0]!;
}

function as<T extends GIFTQuestion['type']>(q: GIFTQuestion, type: T): Extract<GIFTQuestion, { type: T }> {
  expect(q.type).toBe(type);
  return q as Extract<GIFTQuestion, { type: T }>;
}

/** Moodle's multi-answer grading: sum the fractions of the chosen answers, clamp to [0, 1]. */
function moodleMultiScore(weights: readonly number[], chosen: readonly boolean[]): number {
  const sum = weights.reduce((s, w, i) => s + (chosen[i] ? w / 100 : 0), 0);
  return Math.min(1, Math.max(0, sum));
}

const MOODLE_FRACTIONS = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05];

describe('GIFT text', () => {
  it('E1: escapes ~ = # { } : and backslash, and newlines, like Moodle', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h\nI')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nI');
  });

  it('E1: any prompt survives the trip through an independent GIFT parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab ~=#{}:\\\n%[]->*.'.split('')), minLength: 1, maxLength: 30 }), (raw) => {
        const prompt = `Q ${raw.trim()} end`;
        const q = as(only(questionToGift(trueFalse({ prompt, explanation: undefined }))), 'TF');
        expect(q.stem.text).toBe(markdownLines(prompt));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('GIFT questions', () => {
  it('E2: single choice uses = and ~, with option feedback, explanation, id and lesson tag', () => {
    const text = questionToGift(singleChoice({ explanation: 'Bare-metal means no host OS.', lesson: { lesson: 'week1', anchor: 'types' } }));
    const q = as(only(text), 'MC');
    expect(q.title).toBe('hv-types');
    expect(q.id).toBe('hv-types');
    expect(q.tags).toEqual(['week1']);
    expect(q.stem.text).toBe('Which hypervisor type runs on bare metal?');
    expect(q.choices.map((c) => [c.text.text, c.isCorrect, c.feedback?.text ?? null])).toEqual([
      ['Type 1', true, 'Yes: no host OS underneath.'],
      ['Type 2', false, 'Type 2 runs on a host OS.'],
      ['Containers', false, null],
    ]);
    expect(q.globalFeedback?.text).toBe('Bare-metal means no host OS.');
  });

  it('E3: multiple answer weights are ±100/c and Moodle then scores every selection like net-correct', () => {
    const mq = multipleAnswer('net-correct');
    const q = as(only(questionToGift(mq)), 'MC');
    const weights = q.choices.map((c) => c.weight!);
    expect(weights).toEqual([33.33333, 33.33333, 33.33333, -33.33333, -33.33333]);
    const positive = weights.filter((w) => w > 0).reduce((a, b) => a + b, 0);
    expect(positive).toBeCloseTo(100, 3);
    for (const w of weights) expect(MOODLE_FRACTIONS.some((f) => Math.abs(f - Math.abs(w) / 100) < 1e-7)).toBe(true);
    for (let mask = 0; mask < 32; mask++) {
      const chosen = mq.options.map((_, i) => (mask & (1 << i)) !== 0);
      const picks = mq.options.filter((_, i) => chosen[i]).map((o) => o.id);
      expect(moodleMultiScore(weights, chosen)).toBeCloseTo(grade(mq, picks).score, 5);
    }
  });

  it('E3: for any number of correct options the exported weights reproduce net-correct scores', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 10 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (flags, chosen) => {
        if (!flags.includes(true)) return;
        const mq: MultipleAnswerQuestion = {
          ...multipleAnswer('net-correct'),
          options: flags.map((correct, i) => ({ id: `o${i}`, text: `option ${i}`, correct })),
        };
        const weights = as(only(questionToGift(mq)), 'MC').choices.map((c) => c.weight!);
        const picks = mq.options.filter((_, i) => chosen[i]).map((o) => o.id);
        expect(moodleMultiScore(weights, chosen.slice(0, flags.length))).toBeCloseTo(grade(mq, picks).score, 4);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('E3: scorings Moodle cannot express, and weights outside its grade list, are flagged in a comment', () => {
    expect(questionToGift(multipleAnswer('per-answer'))).toContain('// Scored "per-answer" on the site; Moodle scores it net-correct');
    expect(questionToGift(multipleAnswer('net-correct'))).not.toContain('Moodle scores it net-correct');
    const eleven: MultipleAnswerQuestion = {
      ...multipleAnswer('net-correct'),
      options: Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, text: `o${i}`, correct: i < 11 })),
    };
    expect(questionToGift(eleven)).toContain('// Its option weights are not in Moodle\'s grade list: import with "Match grades: Nearest grade if not listed".');
    expect(questionToGift(multipleAnswer('net-correct'))).not.toContain('grade list');
  });

  it('E4: true/false writes the wrong-answer feedback first, the right-answer feedback second', () => {
    const q = as(only(questionToGift(trueFalse())), 'TF');
    expect(q.isTrue).toBe(false);
    // gift-pegjs calls the two slots trueFeedback / falseFeedback; Moodle reads them as wrong / right.
    expect(q.trueFeedback?.text).toBe('Snapshots live on the same storage.');
    expect(q.falseFeedback?.text).toBe('Right: keep backups elsewhere.');
    const onlyWrong = as(only(questionToGift(trueFalse({ feedbackFalse: undefined, explanation: 'Backups live elsewhere.' }))), 'TF');
    expect(onlyWrong.trueFeedback?.text).toBe('Snapshots live on the same storage.');
    expect(onlyWrong.globalFeedback?.text).toBe('Backups live elsewhere.');
    const onlyRight = as(only(questionToGift(trueFalse({ answer: true, feedbackTrue: 'Yes.', feedbackFalse: undefined }))), 'TF');
    expect(onlyRight).toMatchObject({ isTrue: true, trueFeedback: null, falseFeedback: { text: 'Yes.' } });
  });

  it('E5: numeric answers keep value and margin; relative tolerance becomes absolute; no exponents', () => {
    const simple = as(only(questionToGift(numeric({ wrongAnswers: [] }))), 'Numerical');
    expect(simple.choices).toEqual({ type: 'range', number: 8, range: 0.5 });
    expect(simple.stem.text).toBe('How much RAM does g4.r8c4 have? (Answer in GB, number only.)');
    const relative = as(
      only(questionToGift(numeric({ answer: 2190, tolerance: { kind: 'relative', value: 0.01 }, wrongAnswers: [] }))),
      'Numerical',
    );
    expect(relative.choices).toEqual({ type: 'range', number: 2190, range: 21.9 });
    const tiny = questionToGift(numeric({ answer: 1e-7, tolerance: { kind: 'absolute', value: 1e-8 }, wrongAnswers: [] }));
    expect(tiny).toContain('{#0.0000001:0.00000001}');
    expect(as(only(tiny), 'Numerical').choices).toEqual({ type: 'range', number: 1e-7, range: 1e-8 });
  });

  it('E5: known wrong values become 0% answers with their feedback', () => {
    const q = as(only(questionToGift(numeric())), 'Numerical');
    expect(q.choices).toEqual([
      { isCorrect: true, weight: null, text: { type: 'range', number: 8, range: 0.5 }, feedback: null },
      {
        isCorrect: true,
        weight: 0,
        text: { type: 'range', number: 4, range: 0.5 },
        feedback: { format: 'markdown', text: 'That is the number of cores.' },
      },
    ]);
  });

  it('E6: short answers list every accepted text, wrong answers at 0%, literal * escaped', () => {
    const q = as(only(questionToGift(shortText())), 'Short');
    expect(q.choices.map((c) => [c.text.text, c.weight, c.feedback?.text ?? null])).toEqual([
      ['host-only', null, null],
      ['host only', null, null],
      ['host only adapter', null, null],
      ['internal', 0, 'Internal networks do not include the host.'],
    ]);
    const star = as(only(questionToGift(shortText({ answers: ['a*b'], wrongAnswers: [] }))), 'Short');
    expect(star.choices[0]!.text.text).toBe('a\\*b');
    const withPattern = questionToGift(shortText({ pattern: 'host[ -]?only' }));
    expect(withPattern).toContain('// The site also accepts answers that match a pattern; Moodle accepts only the listed answers.');
    expect(withPattern).not.toContain('host[ -]?only');
  });

  it('E7: matching keeps every pair and writes distractors with an empty left side', () => {
    const q = as(only(questionToGift(matching())), 'Matching');
    expect(q.matchPairs.map((p) => [p.subquestion.text, decode(p.subanswer)])).toEqual([
      ['NAT', 'Outbound only'],
      ['Bridged', 'On the physical LAN'],
      ['Host-only', 'Host and VMs'],
      ['Internal', 'VMs only'],
      ['', 'GPU passthrough'],
    ]);
    const tricky = matching({
      pairs: [
        { id: 'a', left: 'A -> B', right: 'x: y' },
        { id: 'b', left: 'C', right: 'z = w' },
      ],
      choices: ['x: y', 'z = w'],
    });
    const t = as(only(questionToGift(tricky)), 'Matching');
    expect(t.matchPairs.map((p) => [p.subquestion.text, decode(p.subanswer)])).toEqual([
      ['A → B', 'x: y'],
      ['C', 'z = w'],
    ]);
  });

  it('E8: ordering becomes matching each item to its position, with a comment saying so', () => {
    const text = questionToGift(ordering('lcs', 3));
    expect(text).toContain('// Becomes a matching question (each item to its position, 1 = first)');
    const q = as(only(text), 'Matching');
    expect(q.matchPairs.map((p) => [p.subquestion.text, p.subanswer])).toEqual([
      ['step a', '1'],
      ['step b', '2'],
      ['step c', '3'],
    ]);
  });
});

describe('GIFT export of a quiz', () => {
  const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'valid-example.yaml');
  if (!r.ok) throw new Error(r.messages.join('\n'));
  const quiz: Quiz = r.value;

  it('E9: a parametric question becomes N distinct variants in its own category', () => {
    const parsed = parse(toGift(quiz, { variants: 4 }));
    const categories = parsed.filter((q) => q.type === 'Category').map((q) => q.title);
    expect(categories).toEqual(['week1-example', 'week1-example/consolidation-saving']);
    const variants = parsed.filter((q) => q.id?.startsWith('consolidation-saving-'));
    expect(variants.map((q) => q.id)).toEqual([
      'consolidation-saving-v1',
      'consolidation-saving-v2',
      'consolidation-saving-v3',
      'consolidation-saving-v4',
    ]);
    expect(new Set(variants.map((q) => q.type === 'Numerical' && q.stem.text)).size).toBe(4);
    expect(toGift(quiz, { variants: 4 })).toBe(toGift(quiz, { variants: 4 }));
  });

  it('E10: every question of the example quiz parses back with its type and answers', () => {
    const parsed = parse(toGift(quiz, { variants: 2 })).filter((q) => q.type !== 'Category');
    expect(parsed.map((q) => [q.id, q.type])).toEqual([
      ['hv-bare-metal', 'MC'],
      ['hv-type2-examples', 'MC'],
      ['snapshot-is-backup', 'TF'],
      ['flavor-ram', 'Numerical'],
      ['virsh-start', 'Short'],
      ['network-modes', 'Matching'],
      ['create-vm-order', 'Matching'],
      ['consolidation-saving-v1', 'Numerical'],
      ['consolidation-saving-v2', 'Numerical'],
    ]);
    const statics = quiz.questions.filter((q): q is Question => q.type !== 'generated');
    for (const [i, q] of statics.entries()) {
      const back = parsed[i]!;
      expect('stem' in back && back.stem.text.startsWith(q.prompt)).toBe(true);
    }
    const entry = quiz.questions[7]!;
    if (entry.type !== 'generated') throw new Error('expected the generated entry last');
    const expected = instantiate(entry, 'gift/1');
    const variant = as(parsed[7]!, 'Numerical');
    if (expected.type !== 'numeric' || !Array.isArray(variant.choices)) throw new Error('expected numeric variant with answers');
    expect(variant.choices[0]).toMatchObject({ isCorrect: true, text: { type: 'range', number: expected.answer, range: 0 } });
  });

  it('E10: the variants of every registered generator survive the GIFT round trip', () => {
    const every: Quiz = {
      ...quiz,
      questions: [...defaultGenerators.keys()].map((id) => ({ type: 'generated', id: `q-${id}`, generator: id, params: {}, points: 1 })),
    };
    const parsed = parse(toGift(every, { variants: 3 })).filter((q) => q.type !== 'Category');
    expect(parsed).toHaveLength(3 * defaultGenerators.size);
    for (const entry of every.questions) {
      if (entry.type !== 'generated') continue;
      const original = instantiate(entry, 'gift/1');
      const back = parsed.find((q) => q.id === `${entry.id}-v1`)!;
      expect('stem' in back && back.stem.text.startsWith(markdownLines(original.prompt))).toBe(true);
    }
  });
});
