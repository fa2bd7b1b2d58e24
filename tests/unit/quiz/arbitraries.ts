/** fast-check arbitraries for concrete questions of every type, and responses shaped like answers. */
import fc from 'fast-check';
import type { Question } from '../../../src/quiz';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ids = (n: number) => LETTERS.slice(0, n).split('');
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 8 });

const choiceQuestion = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    single: fc.boolean(),
    flags: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    pick: fc.nat(),
    scoring: fc.constantFrom('all-or-nothing', 'net-correct', 'per-answer' as const),
  })
  .map(({ n, single, flags, pick, scoring }): Question => {
    const correctAt = pick % n;
    const options = ids(n).map((id, i) => ({
      id,
      text: `option ${id}`,
      correct: single ? i === correctAt : flags[i]! || i === correctAt,
    }));
    return single
      ? { id: 'q', type: 'single-choice', prompt: 'p', points: 1, options, shuffle: true }
      : { id: 'q', type: 'multiple-answer', prompt: 'p', points: 1, options, shuffle: true, scoring };
  });

const trueFalse = fc.boolean().map((answer): Question => ({ id: 'q', type: 'true-false', prompt: 'p', points: 1, answer }));

const numeric = fc
  .record({
    answer: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    relative: fc.boolean(),
    width: fc.double({ min: 0, max: 100, noNaN: true }),
    rel: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ answer, relative, width, rel }): Question => ({
    id: 'q',
    type: 'numeric',
    prompt: 'p',
    points: 1,
    answer,
    tolerance: relative && answer !== 0 ? { kind: 'relative', value: rel } : { kind: 'absolute', value: width },
    unit: 'GB',
    unitAliases: [],
    wrongAnswers: [],
  }));

const shortText = fc.uniqueArray(word, { minLength: 1, maxLength: 3 }).map(
  (answers): Question => ({
    id: 'q',
    type: 'short-text',
    prompt: 'p',
    points: 1,
    answers,
    caseSensitive: false,
    keepPunctuation: false,
    wrongAnswers: [],
  }),
);

const matching = fc
  .record({ n: fc.integer({ min: 2, max: 6 }), rights: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }) })
  .map(({ n, rights }): Question => {
    const pairs = ids(n).map((id, i) => ({ id, left: `left ${id}`, right: `right ${rights[i]}` }));
    return {
      id: 'q',
      type: 'matching',
      prompt: 'p',
      points: 1,
      pairs,
      choices: [...new Set([...pairs.map((p) => p.right), 'distractor'])],
    };
  });

const ordering = fc
  .record({ n: fc.integer({ min: 2, max: 8 }), scoring: fc.constantFrom('lcs', 'adjacent-pairs', 'all-or-nothing' as const) })
  .map(({ n, scoring }): Question => {
    const order = ids(n);
    return { id: 'q', type: 'ordering', prompt: 'p', points: 1, items: order.map((id) => ({ id, text: id })), correctOrder: order, scoring };
  });

export const anyQuestion: fc.Arbitrary<Question> = fc.oneof(choiceQuestion, trueFalse, numeric, shortText, matching, ordering);

/** A response of roughly the right shape for `q` (right or wrong), or arbitrary JSON. */
export function responseFor(q: Question): fc.Arbitrary<unknown> {
  switch (q.type) {
    case 'single-choice':
      return fc.oneof(fc.constantFrom(...q.options.map((o) => o.id)), fc.anything());
    case 'multiple-answer':
      return fc.oneof(fc.subarray(q.options.map((o) => o.id)), fc.anything());
    case 'true-false':
      return fc.oneof(fc.boolean(), fc.anything());
    case 'numeric':
      return fc.oneof(
        fc.double({ noNaN: false }),
        fc.double({ min: q.answer - 200, max: q.answer + 200, noNaN: true }).map((v) => `${v} GB`),
        fc.string(),
      );
    case 'short-text':
      return fc.oneof(fc.constantFrom(...q.answers), fc.string(), fc.anything());
    case 'matching':
      return fc.oneof(
        fc.record(Object.fromEntries(q.pairs.map((p) => [p.id, fc.constantFrom(...q.choices, null)])), { requiredKeys: [] }),
        fc.anything(),
      );
    case 'ordering':
      return fc.oneof(fc.shuffledSubarray(q.correctOrder), fc.anything());
  }
}

export const questionAndResponse = anyQuestion.chain((q) => responseFor(q).map((r) => ({ q, r })));
