import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { correctResponse, drawAttempt, gradeAttempt, loadQuiz, type Attempt, type Quiz } from '../../../src/quiz';
import { findNonJson, roundTrip } from '../../../src/sim/core';

function exampleQuiz(): Quiz {
  const r = loadQuiz(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'valid-example.yaml');
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return r.value;
}

const fingerprint = (a: Attempt) =>
  JSON.stringify(
    a.questions.map((q) => {
      switch (q.type) {
        case 'single-choice':
        case 'multiple-answer':
          return q.options.map((o) => o.id);
        case 'matching':
          return [q.pairs.map((p) => p.id), q.choices];
        case 'ordering':
          return q.items.map((i) => i.id);
        default:
          return q.prompt;
      }
    }),
  );

describe('drawing attempts', () => {
  const quiz = exampleQuiz();

  it('G4: the same seed gives the same attempt; new seeds give other variants and orders', () => {
    expect(drawAttempt(quiz, 'alice/1')).toEqual(drawAttempt(quiz, 'alice/1'));
    const seen = new Set(Array.from({ length: 20 }, (_, i) => fingerprint(drawAttempt(quiz, `alice/${i}`))));
    expect(seen.size).toBeGreaterThanOrEqual(15);
    const generated = new Set(Array.from({ length: 20 }, (_, i) => drawAttempt(quiz, i).questions[7]!.prompt));
    expect(generated.size).toBeGreaterThanOrEqual(10);
  });

  it('G4: an attempt carries what a view needs: ids, prompts, lesson links, provenance', () => {
    const a = drawAttempt(quiz, 'seed');
    expect(a).toMatchObject({ quizId: 'week1-example', mode: 'one-at-a-time', passingScore: 0.7, seed: 'seed' });
    expect(a.questions.map((q) => q.type)).toEqual([
      'single-choice',
      'multiple-answer',
      'true-false',
      'numeric',
      'short-text',
      'matching',
      'ordering',
      'numeric',
    ]);
    expect(a.questions[0]!.lesson).toEqual({ lesson: 'week1-virtualization-basics', anchor: 'hypervisor-types' });
    expect(a.questions[7]).toMatchObject({
      id: 'consolidation-saving',
      points: 2,
      lesson: { lesson: 'week1-virtualization-basics', anchor: 'consolidation' },
      source: { generator: 'consolidation-watts-saved', seed: 'seed/consolidation-saving' },
    });
  });

  it('G5: each question draws from its own stream, so removing one leaves the others unchanged', () => {
    const fewer: Quiz = { ...quiz, questions: quiz.questions.filter((q) => q.id !== 'hv-bare-metal') };
    const full = drawAttempt(quiz, 'bob');
    const partial = drawAttempt(fewer, 'bob');
    expect(partial.questions).toEqual(full.questions.slice(1));
  });

  it('G6: shuffling keeps every option; shuffle: false keeps the authored order; ordering never starts solved', () => {
    const pinned: Quiz = {
      ...quiz,
      questions: quiz.questions.map((q) => (q.type === 'single-choice' ? { ...q, shuffle: false } : q)),
    };
    for (let s = 0; s < 30; s++) {
      const a = drawAttempt(quiz, s);
      const mc = a.questions[1]!;
      if (mc.type !== 'multiple-answer') throw new Error('expected multiple-answer');
      expect(mc.options.map((o) => o.id).sort()).toEqual(['a', 'b', 'c', 'd']);
      const order = a.questions[6]!;
      if (order.type !== 'ordering') throw new Error('expected ordering');
      expect(order.items.map((i) => i.id)).not.toEqual(order.correctOrder);
      expect(order.items.map((i) => i.id).sort()).toEqual([...order.correctOrder].sort());
      const first = drawAttempt(pinned, s).questions[0]!;
      if (first.type !== 'single-choice') throw new Error('expected single-choice');
      expect(first.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    }
  });

  it('G7: an attempt is plain JSON and grades the same after a JSON round trip', () => {
    for (let s = 0; s < 10; s++) {
      const a = drawAttempt(quiz, s);
      expect(findNonJson(a)).toBeNull();
      expect(roundTrip(a)).toEqual(a);
      const responses = Object.fromEntries(a.questions.map((q) => [q.id, correctResponse(q)]));
      const graded = gradeAttempt(a, responses);
      expect(graded.score).toBe(1);
      expect(findNonJson(graded)).toBeNull();
      expect(gradeAttempt(roundTrip(a), roundTrip(responses))).toEqual(graded);
    }
  });
});
