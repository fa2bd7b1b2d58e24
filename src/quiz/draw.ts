/**
 * `drawAttempt(quiz, seed, generators)`: the concrete questions one student sees. Generated questions are
 * computed and options shuffled from the seed alone, so a reload with the same seed shows the
 * same variant and a retry with a new seed gets a different one. Each question draws from its own
 * stream (`seed/questionId`), so editing one question never changes another's variant.
 *
 * The generators are passed in: a quiz view in the browser loads only the ones its quiz names
 * (generators/lazy.ts); `attempt.ts` offers the same functions with every generator by default.
 */
import { InputError } from '../sim/core/issues';
import { createRng, type Rng } from '../sim/core/rng';
import type { GeneratorRegistry } from './generators/collection';
import type { RegisteredGenerator } from './generators/generator';
import { optional } from './normalize';
import type { Attempt, GeneratedEntry, Question, QuestionBody, Quiz, QuizEntry } from './types';

/** The concrete question a generated entry gives for an attempt seed. */
export function instantiate(
  entry: GeneratedEntry,
  attemptSeed: string | number,
  generators: GeneratorRegistry,
): Question {
  const seed = `${attemptSeed}/${entry.id}`;
  return questionOf(entry, seed, generatorOf(entry, generators).generate(seed, entry.params));
}

function generatorOf(entry: GeneratedEntry, generators: GeneratorRegistry): RegisteredGenerator {
  const gen = generators.get(entry.generator);
  if (!gen) throw new InputError([{ path: ['generator'], message: `unknown generator "${entry.generator}"` }], entry.id);
  return gen;
}

/** A generated entry's question from the body its generator made with `seed`. */
function questionOf(entry: GeneratedEntry, seed: string, body: QuestionBody): Question {
  const explanation = entry.explanation ?? body.explanation;
  return {
    ...body,
    id: entry.id,
    points: entry.points,
    ...optional('lesson', entry.lesson),
    ...optional('explanation', explanation),
    source: { generator: entry.generator, seed, params: entry.params },
  } as Question;
}

/** Presentation order for one question. Ordering items never start in the correct order. */
export function shuffleQuestion(q: Question, rng: Rng): Question {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-answer':
      return q.shuffle ? { ...q, options: rng.shuffle(q.options) } : q;
    case 'matching':
      return { ...q, pairs: rng.shuffle(q.pairs), choices: rng.shuffle(q.choices) };
    case 'ordering': {
      let items = rng.shuffle(q.items);
      if (items.every((it, i) => it.id === q.correctOrder[i])) items = [...items.slice(1), items[0]!];
      return { ...q, items };
    }
    default:
      return q;
  }
}

/** One entry as an attempt with this seed shows it: generated from `seed/id`, shuffled from `seed/id/order` (G5). */
export function drawQuestion(entry: QuizEntry, seed: string | number, generators: GeneratorRegistry): Question {
  return inAttemptOrder(entry.type === 'generated' ? instantiate(entry, seed, generators) : entry, seed);
}

/** A question as an attempt with this seed orders it: shuffled from `seed/id/order` (G5). */
const inAttemptOrder = (q: Question, seed: string | number): Question => shuffleQuestion(q, createRng(`${seed}/${q.id}/order`));

/**
 * The seed of try `index` (0-based) of a question in per-question mode (SPEC T3): the attempt's own
 * seed for the first try, so it is the question `drawAttempt` shows, and `<seed>/try-<n>` after it,
 * so a retry draws new values and a new order from the attempt seed alone.
 */
export const trySeed = (seed: string | number, index: number): string | number => (index === 0 ? seed : `${seed}/try-${index + 1}`);

export function drawAttempt(
  quiz: Quiz,
  seed: string | number,
  generators: GeneratorRegistry,
): Attempt {
  return attemptOf(quiz, seed, quiz.questions.map((entry) => drawQuestion(entry, seed, generators)));
}

/**
 * How long a stepwise draw works before it pauses again, in milliseconds. Lighthouse counts a task
 * as blocking from 50 ms under its 4× CPU slowdown, that is 12.5 ms on the machine it measures on;
 * 5 ms leaves room for a slower phone.
 */
export const DRAW_SLICE_MS = 5;

export interface StepwiseOptions {
  /** The clock the slices are measured with (milliseconds); `performance.now` by default. */
  now?: () => number;
  /** How long a slice may run before the draw pauses; DRAW_SLICE_MS by default. */
  sliceMs?: number;
}

/**
 * `drawAttempt` in short slices of work, awaiting `pause()` between them: a page passes a function
 * that yields to the browser, so drawing a quiz whose generators run an engine is many short tasks
 * instead of one long one. It pauses before each question, and inside a generator that offers its
 * work in pieces (`steps`: the snapshot generators, whose first draw runs much of the engine's code for
 * the first time) whenever a slice has run `sliceMs`. Where it pauses changes nothing drawn: each
 * question has its own stream (G5), so the attempt is exactly `drawAttempt`'s.
 */
export async function drawAttemptStepwise(
  quiz: Quiz,
  seed: string | number,
  generators: GeneratorRegistry,
  pause: () => Promise<void>,
  { now = () => performance.now(), sliceMs = DRAW_SLICE_MS }: StepwiseOptions = {},
): Promise<Attempt> {
  const questions: Question[] = [];
  for (const entry of quiz.questions) {
    await pause();
    const question = entry.type === 'generated' ? await instantiateStepwise(entry, seed, generators, pause, now, sliceMs) : entry;
    questions.push(inAttemptOrder(question, seed));
  }
  return attemptOf(quiz, seed, questions);
}

/** `instantiate`, pausing whenever a slice of the generator's pieces has run `sliceMs`. */
async function instantiateStepwise(
  entry: GeneratedEntry,
  attemptSeed: string | number,
  generators: GeneratorRegistry,
  pause: () => Promise<void>,
  now: () => number,
  sliceMs: number,
): Promise<Question> {
  const gen = generatorOf(entry, generators);
  if (!gen.steps) return instantiate(entry, attemptSeed, generators);
  const seed = `${attemptSeed}/${entry.id}`;
  const pieces = gen.steps(seed, entry.params);
  let sliceStart = now();
  for (;;) {
    const next = pieces.next();
    if (next.done) return questionOf(entry, seed, next.value);
    if (now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = now();
    }
  }
}

const attemptOf = (quiz: Quiz, seed: string | number, questions: Question[]): Attempt => ({
  quizId: quiz.id,
  title: quiz.title,
  lesson: quiz.lesson,
  mode: quiz.mode,
  passingScore: quiz.passingScore,
  seed,
  questions,
});

/** The response that scores 1 for a question: for "show answer", tests and generator checks. */
export function correctResponse(q: Question): unknown {
  switch (q.type) {
    case 'single-choice':
      return q.options.find((o) => o.correct)?.id ?? null;
    case 'multiple-answer':
      return q.options.filter((o) => o.correct).map((o) => o.id);
    case 'true-false':
      return q.answer;
    case 'numeric':
      return q.answer;
    case 'short-text':
      return q.answers[0] ?? '';
    case 'matching':
      return Object.fromEntries(q.pairs.map((p) => [p.id, p.right]));
    case 'ordering':
      return [...q.correctOrder];
  }
}
