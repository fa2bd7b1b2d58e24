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
    const counting = new Map(
      [...generators].map(([id, g]) => [
        id,
        {
          ...g,
          generate: (seed: string | number, params: unknown) => (drawnGenerators++, g.generate(seed, params)),
          ...(g.steps ? { steps: (seed: string | number, params: unknown) => (drawnGenerators++, g.steps!(seed, params)) } : {}),
        },
      ]),
    );
    let release: (() => void) | null = null;
    // A clock that never moves: no slice of work runs long enough to pause inside a question.
    const pending = drawAttemptStepwise(
      quiz,
      'paused',
      counting,
      () => {
        calls.push(drawnGenerators);
        return new Promise<void>((r) => (release = r));
      },
      { now: () => 0 },
    );
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

  it('pauses inside a snapshot question whenever a slice of its work has run its time, and draws the same attempt', async () => {
    const quiz = quizzes.find((q) => generatorIds(q.questions).some((id) => id.startsWith('snapshot-')))!;
    const generators = await loadGenerators(generatorIds(quiz.questions));
    const snapshotIds = generatorIds(quiz.questions).filter((id) => id.startsWith('snapshot-'));
    expect(snapshotIds.length).toBeGreaterThan(0);
    for (const id of snapshotIds) expect(generators.get(id)!.steps, `${id} offers its work in pieces`).toBeTypeOf('function');
    // Each reading of this clock is 1 ms later; slices of 3 ms: a pause every few pieces.
    let clock = 0;
    let pauses = 0;
    for (const seed of ['slices', 42]) {
      pauses = 0;
      const attempt = await drawAttemptStepwise(quiz, seed, generators, () => (pauses++, Promise.resolve()), { now: () => clock++, sliceMs: 3 });
      expect(attempt).toEqual(drawAttempt(quiz, seed));
      // One pause before each question, and more inside the snapshot questions.
      expect(pauses).toBeGreaterThan(quiz.questions.length + snapshotIds.length);
    }
    // With slices that never end, it pauses only before each question.
    pauses = 0;
    await drawAttemptStepwise(quiz, 'slices', generators, () => (pauses++, Promise.resolve()), { now: () => 0 });
    expect(pauses).toBe(quiz.questions.length);
  });

  it('never pauses inside a question whose generator has no pieces', async () => {
    const quiz = quizzes.find((q) => generatorIds(q.questions).length > 0 && generatorIds(q.questions).every((id) => !hasPieces(id)))!;
    expect(quiz, 'a course quiz whose generators all draw at once').toBeDefined();
    const loaded = await loadGenerators(generatorIds(quiz.questions));
    let clock = 0;
    let pauses = 0;
    const attempt = await drawAttemptStepwise(quiz, 'whole', loaded, () => (pauses++, Promise.resolve()), { now: () => (clock += 100), sliceMs: 1 });
    expect(pauses).toBe(quiz.questions.length);
    expect(attempt).toEqual(drawAttempt(quiz, 'whole'));
  });
});

/** Whether a generator id is one that offers its work in pieces (the snapshot family). */
function hasPieces(id: string): boolean {
  return id.startsWith('snapshot-');
}
