/**
 * A quiz page draws its attempt one question per task (drawAttemptStepwise) from the quiz as JSON
 * (QuizBlock passes it so): the student must get exactly the variant `drawAttempt` gives for their
 * seed (G4, G5), which is also what grading recomputes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawAttempt, loadQuizOrThrow, type Quiz } from '../../../src/quiz';
import { drawAttemptStepwise } from '../../../src/quiz/client';
import { generatorIds, loadGenerators } from '../../../src/quiz/generators/lazy';

const dir = 'content/quizzes';
const quizzes = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadQuizOrThrow(readFileSync(join(dir, f), 'utf8'), join(dir, f)));

describe('G4: drawing an attempt question by question', () => {
  it('gives every course quiz the attempt drawAttempt gives, from the quiz as the page passes it (JSON)', async () => {
    expect(quizzes.length).toBeGreaterThan(0);
    for (const quiz of quizzes) {
      const onPage = JSON.parse(JSON.stringify(quiz)) as Quiz;
      const generators = await loadGenerators(generatorIds(onPage.questions));
      for (const seed of ['a', 'student-7/2', 12345, Math.floor(Math.random() * 1e9)]) {
        const expected = drawAttempt(quiz, seed);
        const stepwise = await drawAttemptStepwise(onPage, seed, generators, () => Promise.resolve());
        expect(stepwise, `${quiz.id} seed ${seed}`).toEqual(expected);
        expect(JSON.stringify(stepwise), `${quiz.id} seed ${seed}, as saved`).toBe(JSON.stringify(expected));
      }
    }
  });

  it('pauses before each question and draws nothing while paused, so each question is its own task', async () => {
    const quiz = quizzes.find((q) => generatorIds(q.questions).some((id) => id.startsWith('snapshot-')))!;
    const generators = await loadGenerators(generatorIds(quiz.questions));
    const calls: number[] = [];
    let drawnGenerators = 0;
    const counting = new Map([...generators].map(([id, g]) => [id, { ...g, generate: (seed: string | number, params: unknown) => (drawnGenerators++, g.generate(seed, params)) }]));
    let release: (() => void) | null = null;
    const pending = drawAttemptStepwise(quiz, 'paused', counting, () => {
      calls.push(drawnGenerators);
      return new Promise<void>((r) => (release = r));
    });
    // Release one pause at a time: the draw goes on only when the page lets it.
    for (let i = 0; i < quiz.questions.length; i++) {
      await Promise.resolve();
      expect(calls).toHaveLength(i + 1);
      const r = release!;
      release = null;
      r();
      await new Promise((done) => setTimeout(done, 0));
    }
    const attempt = await pending;
    expect(calls).toHaveLength(quiz.questions.length);
    expect(drawnGenerators).toBe(generatorIds(quiz.questions).length);
    expect(attempt).toEqual(drawAttempt(quiz, 'paused'));
  });
});
