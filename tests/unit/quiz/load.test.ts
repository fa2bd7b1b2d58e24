import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createRegistry,
  defaultGenerators,
  defineGenerator,
  loadQuiz,
  loadQuizOrThrow,
  type QuizLoadResult,
} from '../../../src/quiz';
import { findNonJson, InputError } from '../../../src/sim/core';

const FIXTURES = 'tests/fixtures/quizzes';
const fixture = (name: string) => loadQuiz(readFileSync(`${FIXTURES}/${name}`, 'utf8'), `content/quizzes/${name}`);
const messages = (r: QuizLoadResult) => (r.ok ? [] : r.messages);

/** A minimal valid quiz with the given questions (YAML). */
const quizText = (questions: string, header = '') =>
  `id: t\ntitle: T\nlesson: week1\npassingScore: 0.5\n${header}questions:\n${questions}`;
const load = (questions: string, header = '') => loadQuiz(quizText(questions, header), 'content/quizzes/t.yaml');

describe('the example quiz', () => {
  it('A11: loads with defaults filled in and lesson links resolved', () => {
    const r = fixture('valid-example.yaml');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const quiz = r.value;
    expect(findNonJson(quiz)).toBeNull();
    expect(quiz).toMatchObject({ id: 'week1-example', mode: 'one-at-a-time', passingScore: 0.7, lesson: 'week1-virtualization-basics' });
    expect(quiz.questions.map((q) => q.type)).toEqual([
      'single-choice',
      'multiple-answer',
      'true-false',
      'numeric',
      'short-text',
      'matching',
      'ordering',
      'generated',
    ]);
    const [single, multi, tf, num, text, match, order, gen] = quiz.questions;
    expect(single).toMatchObject({ shuffle: true, points: 1, lesson: { lesson: 'week1-virtualization-basics', anchor: 'hypervisor-types' } });
    if (single?.type !== 'single-choice') throw new Error('expected single-choice');
    expect(single.options.map((o) => [o.id, o.correct])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(multi).toMatchObject({ scoring: 'net-correct' });
    expect(tf).toMatchObject({ answer: false, lesson: { lesson: 'week1-virtualization-basics', anchor: 'snapshots' } });
    expect(tf?.lesson).toEqual({ lesson: 'week1-virtualization-basics', anchor: 'snapshots' });
    expect(num).toMatchObject({ answer: 8, tolerance: { kind: 'absolute', value: 0 }, unit: 'GB', unitAliases: ['GiB'] });
    expect(text).toMatchObject({ answers: ['start'], caseSensitive: false, keepPunctuation: false });
    if (match?.type !== 'matching') throw new Error('expected matching');
    expect(match.choices).toHaveLength(4);
    expect(match.choices).toContain("Direct access to the host's GPU");
    expect(order).toMatchObject({ scoring: 'lcs', correctOrder: ['a', 'b', 'c', 'd'] });
    expect(gen).toEqual({
      type: 'generated',
      id: 'consolidation-saving',
      generator: 'consolidation-watts-saved',
      params: {
        servers: { min: 16, max: 32 },
        serverWatts: [150, 200, 250, 300],
        hostWatts: [350, 400, 500, 600],
        ratio: { min: 4, max: 10 },
      },
      points: 2,
      lesson: { lesson: 'week1-virtualization-basics', anchor: 'consolidation' },
    });
  });
});

describe('pinned messages for broken quiz files', () => {
  it('A4/A10: a single-choice question with two correct options names file, index and id', () => {
    expect(messages(fixture('single-two-correct.yaml'))).toEqual([
      'content/quizzes/single-two-correct.yaml › questions[3] (id "hv-types"): single-choice question has 2 correct options (expected exactly 1). Mark only one option correct: true, or use type: multiple-answer',
    ]);
  });

  it('A7: a matching pair with a side missing', () => {
    expect(messages(fixture('matching-pair-missing.yaml'))).toEqual([
      'content/quizzes/matching-pair-missing.yaml › questions[0] (id "modes").pairs[1].right: missing required field (expected string)',
    ]);
  });

  it('A6: a numeric answer without tolerance', () => {
    expect(messages(fixture('numeric-no-tolerance.yaml'))).toEqual([
      'content/quizzes/numeric-no-tolerance.yaml › questions[0] (id "flavor-cores"): numeric question has no tolerance. Add tolerance: { absolute: 0.5 } or tolerance: { relative: 0.05 }; use { absolute: 0 } for an exact answer',
    ]);
  });

  it('A9: an unknown generator (did you mean) and invalid generator params', () => {
    expect(messages(fixture('unknown-generator.yaml'))).toEqual([
      'content/quizzes/unknown-generator.yaml › questions[0] (id "watts").generator: unknown generator "consolidation-watts-savd". Did you mean "consolidation-watts-saved"?',
      'content/quizzes/unknown-generator.yaml › questions[1] (id "ratio").params.hosts: min must not be greater than max',
      'content/quizzes/unknown-generator.yaml › questions[1] (id "ratio").params: unknown field "cpus"',
    ]);
  });

  it('A8: duplicate question ids', () => {
    expect(messages(fixture('duplicate-ids.yaml'))).toEqual([
      'content/quizzes/duplicate-ids.yaml › questions[1] (id "hv-types").id: duplicate question id "hv-types" (also used by questions[0])',
    ]);
  });

  it('A2/A3: unknown type, bad header values, wrong field types and unknown fields are all reported at once', () => {
    expect(messages(fixture('unknown-type.yaml'))).toEqual([
      'content/quizzes/unknown-type.yaml › mode: expected one of "one-at-a-time", "all-on-one-page", got "single-page"',
      'content/quizzes/unknown-type.yaml › passingScore: must be at most 1, got 1.5',
      'content/quizzes/unknown-type.yaml › questions[0] (id "q1").type: unknown question type "multiple-choice". Use "single-choice" for one correct option or "multiple-answer" for several',
      'content/quizzes/unknown-type.yaml › questions[1] (id "q2").answer: expected boolean, got "yes"',
      'content/quizzes/unknown-type.yaml › questions[1] (id "q2"): unknown field "cpu"',
      'content/quizzes/unknown-type.yaml › questions[2].type: missing question type (known: "single-choice", "multiple-answer", "true-false", "numeric", "short-text", "matching", "ordering"). Or give generator: … for a parametric question',
    ]);
  });

  it('A1: a YAML syntax error names the line', () => {
    expect(messages(fixture('syntax-error.yaml'))).toEqual([
      'content/quizzes/syntax-error.yaml: line 5, column 1: Missing closing "quote. Check the indentation and quoting near that line',
    ]);
  });

  it('A10: loadQuizOrThrow throws an InputError carrying the same lines', () => {
    const text = readFileSync(`${FIXTURES}/duplicate-ids.yaml`, 'utf8');
    expect(() => loadQuizOrThrow(text, 'q.yaml')).toThrow(InputError);
    expect(() => loadQuizOrThrow(text, 'q.yaml')).toThrow('q.yaml › questions[1] (id "hv-types").id: duplicate question id');
  });
});

describe('cross-checks', () => {
  const tf = (id: string) => `  - { id: ${id}, type: true-false, prompt: P, answer: true }\n`;

  it('A3: other tools\' type names get a did-you-mean', () => {
    expect(messages(load('  - { id: q, type: short-answer, prompt: P, answers: [x] }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").type: unknown question type "short-answer". Did you mean "short-text"?',
    ]);
    expect(messages(load('  - { id: q, type: numerical, prompt: P, answer: 1 }\n'))[0]).toContain('Did you mean "numeric"?');
    expect(messages(load('  - { id: q, type: single-choise, prompt: P }\n'))[0]).toContain('Did you mean "single-choice"?');
  });

  it('A5: a multiple-answer question needs a correct option', () => {
    expect(messages(load('  - { id: q, type: multiple-answer, prompt: P, options: [{ text: A }, { text: B }] }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q"): multiple-answer question has no correct option (expected at least 1). Mark the right options with correct: true',
    ]);
  });

  it('A4: options need distinct ids and texts', () => {
    const r = load(
      '  - id: q\n    type: single-choice\n    prompt: P\n    options:\n      - { text: Same, correct: true }\n      - { text: same }\n      - { id: a, text: Other }\n',
    );
    expect(messages(r)).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").options[1].text: option text "same" repeats options[0]',
    ]);
  });

  it('A11: an explicit option id is kept and generated ids skip it', () => {
    const r = load('  - id: q\n    type: single-choice\n    prompt: P\n    options:\n      - { text: X, correct: true }\n      - { id: a, text: Y }\n');
    if (!r.ok) throw new Error(r.messages.join('\n'));
    const q = r.value.questions[0]!;
    expect(q.type === 'single-choice' && q.options.map((o) => o.id)).toEqual(['b', 'a']);
  });

  it('A6: exactly one kind of tolerance, and no relative tolerance around 0', () => {
    expect(messages(load('  - { id: q, type: numeric, prompt: P, answer: 1, tolerance: { absolute: 1, relative: 0.1 } }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").tolerance: give either absolute or relative, not both',
    ]);
    expect(messages(load('  - { id: q, type: numeric, prompt: P, answer: 0, tolerance: { relative: 0.1 } }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").tolerance.relative: a relative tolerance around an answer of 0 accepts only 0. Use tolerance: { absolute: … } instead',
    ]);
    expect(messages(load('  - { id: q, type: numeric, prompt: P, answer: 1, tolerance: { absolute: -1 } }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").tolerance.absolute: must be at least 0, got -1',
    ]);
    expect(messages(load('  - { id: q, type: numeric, prompt: P, answer: "eight", tolerance: { absolute: 1 } }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").answer: expected number, got "eight"',
    ]);
  });

  it('A12: short-text answers must survive normalisation; patterns must compile; wrong answers must differ', () => {
    expect(messages(load('  - { id: q, type: short-text, prompt: P, answers: ["?!"] }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").answers[0]: accepted answer "?!" is empty once punctuation is ignored. Set keepPunctuation: true to compare punctuation',
    ]);
    const bad = messages(load('  - { id: q, type: short-text, prompt: P, answers: [x], pattern: "(" }\n'));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^content\/quizzes\/t\.yaml › questions\[0\] \(id "q"\)\.pattern: pattern does not compile: .+/);
    expect(
      messages(load('  - { id: q, type: short-text, prompt: P, answers: [Host-only], wrongAnswers: [{ text: "host only", feedback: F }] }\n')),
    ).toEqual(['content/quizzes/t.yaml › questions[0] (id "q").wrongAnswers[0].text: wrong answer "host only" is also an accepted answer']);
  });

  it('A7: matching needs two pairs, distinct left sides, and distractors that are not answers', () => {
    expect(messages(load('  - { id: q, type: matching, prompt: P, pairs: [{ left: A, right: B }] }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").pairs: needs at least 2 items',
    ]);
    expect(
      messages(load('  - { id: q, type: matching, prompt: P, pairs: [{ left: A, right: B }, { left: A, right: C }] }\n')),
    ).toEqual(['content/quizzes/t.yaml › questions[0] (id "q").pairs[1].left: left side "A" repeats pairs[0]']);
    expect(
      messages(load('  - { id: q, type: matching, prompt: P, pairs: [{ left: A, right: B }, { left: C, right: D }], distractors: [B] }\n')),
    ).toEqual(['content/quizzes/t.yaml › questions[0] (id "q").distractors[0]: distractor "B" is also the right side of a pair']);
  });

  it('A7: ordering items must be distinct', () => {
    expect(messages(load('  - { id: q, type: ordering, prompt: P, items: [a, b, a] }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").items[2]: item "a" appears twice',
    ]);
  });

  it('A9: generator params that yield an ungradable question are caught by a sample generation', () => {
    const broken = defineGenerator({
      id: 'always-two-correct',
      description: 'test',
      params: z.strictObject({}),
      generate: () => ({
        type: 'single-choice',
        prompt: 'P',
        shuffle: true,
        options: [
          { id: 'a', text: 'A', correct: true },
          { id: 'b', text: 'B', correct: true },
        ],
      }),
    });
    const generators = createRegistry([...defaultGenerators.values(), broken]);
    const r = loadQuiz(quizText('  - { id: q, generator: always-two-correct }\n'), 't.yaml', { generators });
    expect(messages(r)).toEqual([
      't.yaml › questions[0] (id "q").params: generator "always-two-correct" made an invalid question with these params: single-choice question has 2 correct options (expected exactly 1)',
    ]);
  });

  it('A13: with a list of known lessons, unknown lesson ids get a did-you-mean', () => {
    const text = quizText(`${tf('a')}  - { id: b, type: true-false, prompt: P, answer: true, lesson: "week2-networkin#nat" }\n`);
    const r = loadQuiz(text, 't.yaml', { knownLessons: ['week1', 'week2-networking'] });
    expect(messages(r)).toEqual(['t.yaml › questions[1] (id "b").lesson: unknown lesson "week2-networkin". Did you mean "week2-networking"?']);
    expect(loadQuiz(text, 't.yaml').ok).toBe(true);
  });

  it('A13: a misspelt quiz lesson is one message, not one more per question that links to it by default', () => {
    const text = `id: t\ntitle: T\nlesson: week2-networkin\npassingScore: 0.5\nquestions:\n${tf('a')}  - { id: b, type: true-false, prompt: P, answer: true, lesson: "#nat" }\n  - { id: c, type: true-false, prompt: P, answer: true, lesson: "week2-networkin#snat" }\n`;
    const r = loadQuiz(text, 't.yaml', { knownLessons: ['week1', 'week2-networking'] });
    expect(messages(r)).toEqual([
      't.yaml › lesson: unknown lesson "week2-networkin". Did you mean "week2-networking"?',
      // c names the lesson itself, so fixing the quiz's lesson would not fix it.
      't.yaml › questions[2] (id "c").lesson: unknown lesson "week2-networkin". Did you mean "week2-networking"?',
    ]);
  });

  it('A11: lesson links: "#anchor" is within the quiz lesson, "other#anchor" points elsewhere, no link means the quiz lesson', () => {
    const r = load(
      `${tf('a')}  - { id: b, type: true-false, prompt: P, answer: true, lesson: "#nat" }\n  - { id: c, type: true-false, prompt: P, answer: true, lesson: "week2#snat" }\n  - { id: d, type: true-false, prompt: P, answer: true, lesson: week3 }\n`,
    );
    if (!r.ok) throw new Error(r.messages.join('\n'));
    expect(r.value.questions.map((q) => q.lesson)).toEqual([
      { lesson: 'week1' },
      { lesson: 'week1', anchor: 'nat' },
      { lesson: 'week2', anchor: 'snat' },
      { lesson: 'week3' },
    ]);
    expect(messages(load('  - { id: q, type: true-false, prompt: P, answer: true, lesson: "not a link" }\n'))).toEqual([
      'content/quizzes/t.yaml › questions[0] (id "q").lesson: must be a lesson link like "week1-intro#hypervisor-types" or "#hypervisor-types"',
    ]);
  });

  it('A2: a quiz needs questions, and ids must be slugs', () => {
    expect(messages(loadQuiz('id: Week 1\ntitle: T\nlesson: w\npassingScore: 0.5\nquestions: []\n', 't.yaml'))).toEqual([
      't.yaml › id: must be an id of lowercase letters, digits and dashes, like "hv-types"',
      't.yaml › questions: needs at least 1 item',
    ]);
    expect(messages(loadQuiz('', 't.yaml'))).toEqual(['t.yaml: expected object, got null']);
  });
});

describe('a quiz file read twice in one process (the content check, then the pages)', () => {
  it('is worked out once with the course generators, each caller gets its own copy, and a changed file is read again', async () => {
    const { vi } = await import('vitest');
    const file = 'content/quizzes/anatomy-of-a-vm.yaml';
    const text = `${readFileSync(file, 'utf8')}\n# read twice\n`;
    const lookups = vi.spyOn(defaultGenerators, 'get');
    try {
      const first = loadQuiz(text, file, { knownLessons: ['virtualization-and-hypervisors', 'anatomy-of-a-vm'] });
      const looked = lookups.mock.calls.length;
      expect(first.ok).toBe(true);
      expect(looked).toBeGreaterThan(0);
      // Same file, same lessons (in another order): not worked out again.
      const second = loadQuiz(text, file, { knownLessons: ['anatomy-of-a-vm', 'virtualization-and-hypervisors'] });
      expect(lookups.mock.calls.length).toBe(looked);
      expect(second).toEqual(first);
      if (first.ok && second.ok) {
        first.value.questions.length = 0;
        expect(second.value.questions.length).toBeGreaterThan(0);
      }
      // Other lessons known, or another text: read again.
      const fewer = loadQuiz(text, file, { knownLessons: ['virtualization-and-hypervisors'] });
      expect(lookups.mock.calls.length).toBeGreaterThan(looked);
      expect(fewer.ok).toBe(false);
      const before = lookups.mock.calls.length;
      loadQuiz(`${text}# edited\n`, file, { knownLessons: ['anatomy-of-a-vm'] });
      expect(lookups.mock.calls.length).toBeGreaterThan(before);
    } finally {
      lookups.mockRestore();
    }
  });
});
