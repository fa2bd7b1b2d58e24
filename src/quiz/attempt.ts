/**
 * The attempt functions with every registered generator by default (build time, exports, tests).
 * A browser view imports `draw.ts` and passes only the generators its quiz needs.
 */
import { drawAttempt as draw, instantiate as inst } from './draw';
import { defaultGenerators } from './generators/registry';
import type { GeneratorRegistry } from './generators/collection';
import type { Attempt, GeneratedEntry, Question, Quiz } from './types';

export { shuffleQuestion, correctResponse } from './draw';

/** The concrete question a generated entry gives for an attempt seed. */
export function instantiate(entry: GeneratedEntry, attemptSeed: string | number, generators: GeneratorRegistry = defaultGenerators): Question {
  return inst(entry, attemptSeed, generators);
}

export function drawAttempt(quiz: Quiz, seed: string | number, generators: GeneratorRegistry = defaultGenerators): Attempt {
  return draw(quiz, seed, generators);
}
