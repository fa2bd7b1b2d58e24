import { describe, expect, it } from 'vitest';
import {
  correctResponse,
  defaultGenerators,
  drawAttempt,
  explainGrade,
  grade,
  gradeAttempt,
  gradeTriedAttempt,
  gradeTries,
  loadQuiz,
  mayReveal,
  questionForTry,
  type Quiz,
  type QuizLoadResult,
} from '../../../src/quiz';
import { findNonJson } from '../../../src/sim/core';
import { numeric, singleChoice } from './builders';

const quizText = (header: string, questions = '  - { id: q, type: true-false, prompt: P, answer: true }\n') =>
  `id: t\ntitle: T\nlesson: week1\npassingScore: 0.5\n${header}questions:\n${questions}`;
const load = (header: string, questions?: string) => loadQuiz(quizText(header, questions), 'content/quizzes/t.yaml');
const messages = (r: QuizLoadResult) => (r.ok ? [] : r.messages);
const value = (r: QuizLoadResult): Quiz => {
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return r.value;
};

describe('quiz file: feedback, tries, credit, reveal', () => {
  it('A14: a site quiz checks per question with 3 tries at full credit; an lmsOnly quiz checks at the end', () => {
    expect(value(load('')).checks).toEqual({ feedback: 'per-question', tries: 3, credit: [1, 1, 1], reveal: { when: 'always' } });
    expect(value(load('lmsOnly: true\n')).checks).toEqual({ feedback: 'at-end', tries: 1, credit: [1], reveal: { when: 'always' } });
    expect(value(load('feedback: at-end\n')).checks?.feedback).toBe('at-end');
  });

  it('A14: tries, credit and reveal as written', () => {
    const q = value(load('tries: 3\ncredit: [1, 0.5, 0.25]\nreveal: { after-attempts: 2 }\n'));
    expect(q.checks).toEqual({ feedback: 'per-question', tries: 3, credit: [1, 0.5, 0.25], reveal: { when: 'after-attempts', attempts: 2 } });
    expect(value(load('credit: [1, 0.5]\nreveal: after-pass\n')).checks).toMatchObject({ tries: 2, credit: [1, 0.5], reveal: { when: 'after-pass' } });
    expect(findNonJson(q)).toBeNull();
  });

  it('A14: mistakes name the field and the fix', () => {
    expect(messages(load('tries: 3\ncredit: [1, 0.5]\n'))).toEqual([
      'content/quizzes/t.yaml › credit: credit has 2 entries but tries is 3. Give one fraction per try, e.g. tries: 3 with credit: [1, 0.5, 0.25]',
    ]);
    expect(messages(load('credit: [0.5, 1]\n'))).toEqual([
      'content/quizzes/t.yaml › credit[1]: try 2 earns more (1) than try 1 (0.5). A later try can earn the same or less, never more',
    ]);
    expect(messages(load('feedback: at-end\ntries: 2\n'))).toEqual([
      'content/quizzes/t.yaml › tries: tries applies to per-question feedback, but this quiz has feedback: at-end. Remove tries, or set feedback: per-question',
    ]);
    expect(messages(load('penalty: [1, 0.5]\n'))).toEqual([
      'content/quizzes/t.yaml › penalty: unknown field "penalty". Write the most each try can earn instead, e.g. tries: 3 and credit: [1, 0.5, 0.25]',
    ]);
    expect(messages(load('reveal: sometimes\n'))[0]).toContain('reveal: must be never, after-pass, always or { after-attempts: N }');
    expect(messages(load('tries: 0\n'))[0]).toContain('content/quizzes/t.yaml › tries');
    expect(messages(load('feedback: per-answer\n'))[0]).toContain('content/quizzes/t.yaml › feedback');
  });
});

describe('tries', () => {
  const q = singleChoice();
  const wrong = 'b';
  const right = 'a';

  it('T2: the best credited try counts; the question is done when right or out of tries', () => {
    const credit = [1, 0.5, 0.25];
    expect(gradeTries([q, q, q], [wrong, right], credit)).toMatchObject({ score: 0.5, best: 1, left: 0, done: true });
    expect(gradeTries([q, q, q], [wrong], credit)).toMatchObject({ score: 0, left: 2, done: false });
    expect(gradeTries([q, q, q], [wrong, wrong, right], credit)).toMatchObject({ score: 0.25, best: 2, done: true });
    expect(gradeTries([q, q, q], [wrong, wrong, wrong], credit)).toMatchObject({ score: 0, left: 0, done: true });
    expect(gradeTries([q, q, q], [right], credit)).toMatchObject({ score: 1, best: 0, done: true });
    expect(gradeTries([q], [], [1])).toMatchObject({ score: 0, best: -1, left: 1, done: false, grades: [] });
  });

  it('T2: a later, lower-credit try never lowers the score; tries past the limit or past a right answer are ignored', () => {
    const n = numeric();
    // 8 is right, 9 is out of range; partial credit does not exist for numeric, so use a credit cut.
    expect(gradeTries([n, n], ['8', '9'], [1, 0.5]).score).toBe(1);
    expect(gradeTries([q, q], [wrong, wrong, right], [1, 0.5])).toMatchObject({ score: 0, done: true });
    expect(gradeTries([q, q, q], [right, wrong], [1, 1, 1]).grades).toHaveLength(1);
  });

  it('T3: the first try shows the attempt\'s question; later tries draw new generated values and a new order', () => {
    const quiz = value(
      load('', '  - { id: fit, generator: sizing-how-many-fit }\n  - { id: sc, type: single-choice, prompt: P, options: [{ text: A, correct: true }, { text: B }, { text: C }, { text: D }, { text: E }] }\n'),
    );
    const attempt = drawAttempt(quiz, 's1');
    expect(questionForTry(quiz.questions[0]!, 's1', 0, defaultGenerators)).toEqual(attempt.questions[0]);
    expect(questionForTry(quiz.questions[1]!, 's1', 0, defaultGenerators)).toEqual(attempt.questions[1]);
    const prompts = new Set(Array.from({ length: 8 }, (_, k) => questionForTry(quiz.questions[0]!, 's1', k, defaultGenerators).prompt));
    expect(prompts.size).toBeGreaterThan(4);
    const orders = new Set(
      Array.from({ length: 8 }, (_, k) => {
        const v = questionForTry(quiz.questions[1]!, 's1', k, defaultGenerators);
        return v.type === 'single-choice' ? v.options.map((o) => o.id).join('') : '';
      }),
    );
    expect(orders.size).toBeGreaterThan(2);
    // Deterministic: the same seed and try give the same question.
    expect(questionForTry(quiz.questions[0]!, 's1', 3, defaultGenerators)).toEqual(questionForTry(quiz.questions[0]!, 's1', 3, defaultGenerators));
  });

  it('T4: an attempt is recomputed from the seed and the responses checked, weighted by points', () => {
    const quiz = value(
      load(
        'tries: 2\ncredit: [1, 0.5]\n',
        '  - { id: fit, generator: sizing-how-many-fit, points: 2 }\n  - { id: tf, type: true-false, prompt: P, answer: true }\n  - { id: tf2, type: true-false, prompt: P2, answer: false }\n',
      ),
    );
    const seed = 'abc';
    // fit: wrong, then right on its own second variant; tf: right at once; tf2: never checked.
    const second = questionForTry(quiz.questions[0]!, seed, 1, defaultGenerators);
    const tried = { fit: ['-1', correctResponse(second)], tf: [true] };
    const g = gradeTriedAttempt(quiz, seed, JSON.parse(JSON.stringify(tried)), defaultGenerators);
    expect(g.tries.map((t) => t.score)).toEqual([0.5, 1, 0]);
    expect(g.earned).toBeCloseTo(2 * 0.5 + 1);
    expect(g.possible).toBe(4);
    expect(g.score).toBeCloseTo(0.5);
    expect(g.passed).toBe(true);
    expect(g.grades.map((x) => x.status)).toEqual(['correct', 'correct', 'unanswered']);
    // The second variant's key does not answer the first: the engine grades each try against its own variant.
    expect(grade(questionForTry(quiz.questions[0]!, seed, 0, defaultGenerators), correctResponse(second)).correct).toBe(
      correctResponse(second) === correctResponse(questionForTry(quiz.questions[0]!, seed, 0, defaultGenerators)),
    );
    // Junk never throws and scores 0.
    expect(gradeTriedAttempt(quiz, seed, { fit: 'x', tf: [null], __proto__: [true] }, defaultGenerators).score).toBe(0);
    expect(gradeTriedAttempt(quiz, seed, null, defaultGenerators).score).toBe(0);
  });

  it('T5: one try at full credit is the at-end grade', () => {
    const quiz = value(load('tries: 1\n', '  - { id: fit, generator: sizing-how-many-fit }\n  - { id: tf, type: true-false, prompt: P, answer: true }\n'));
    const attempt = drawAttempt(quiz, 'z');
    const responses = { fit: correctResponse(attempt.questions[0]!), tf: false };
    const one = gradeTriedAttempt(quiz, 'z', { fit: [responses.fit], tf: [responses.tf] }, defaultGenerators);
    const atEnd = gradeAttempt(attempt, responses);
    expect(one.score).toBe(atEnd.score);
    expect(one.grades).toEqual(atEnd.grades);
  });

  it('T6: the reveal policy', () => {
    expect(mayReveal({ when: 'always' }, { attempts: 0, passed: false })).toBe(true);
    expect(mayReveal({ when: 'never' }, { attempts: 9, passed: true })).toBe(false);
    expect(mayReveal({ when: 'after-pass' }, { attempts: 3, passed: false })).toBe(false);
    expect(mayReveal({ when: 'after-pass' }, { attempts: 1, passed: true })).toBe(true);
    expect(mayReveal({ when: 'after-attempts', attempts: 2 }, { attempts: 1, passed: true })).toBe(false);
    expect(mayReveal({ when: 'after-attempts', attempts: 2 }, { attempts: 2, passed: false })).toBe(true);
  });

  it('T6: unrevealed feedback gives no range and no explanation, but keeps the feedback on the mistake', () => {
    const g = grade(numeric({ explanation: 'r8 is 8 GB.' }), '4');
    const hidden = explainGrade(g, { reveal: false });
    expect(hidden).toEqual(['Not correct.', '4 is too low.', 'This is a common mistake; see the feedback.', 'That is the number of cores.']);
    expect(hidden.join(' ')).not.toMatch(/7\.5|8\.5|r8 is/);
    expect(explainGrade(g)).toContain('r8 is 8 GB.');
  });
});
