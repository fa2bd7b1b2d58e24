/**
 * A parametric question generator: pure and deterministic, `generate(seed, params)` always gives
 * the same question body for the same seed and params. Randomness comes only from `createRng(seed)`.
 *
 * A generator comes in two halves: its logic (`GeneratorLogic`, in its family's module, which never
 * loads zod at run time) and its parameter schema (params.ts). The build joins them
 * (`defineGenerator` in define.ts, registry.ts) to validate quiz files; a quiz in the browser loads only the
 * logic of the families it names (lazy.ts), with params the build already validated and filled in.
 */
import type { z } from 'zod';
import type { QuestionBody } from '../types';

export interface GeneratorLogic<P> {
  /** The id quiz files refer to: `generator: consolidation-watts-saved`. */
  id: string;
  /** One line for instructors: what the question asks and which engine answers it. */
  description: string;
  generate(seed: string | number, params: P): QuestionBody;
  /**
   * The same work as `generate`, as a JavaScript generator that pauses (`yield`) between pieces of
   * it, for generators that run an engine: a quiz page spreads such a draw over several tasks
   * (drawAttemptStepwise in draw.ts). Made by `stepwiseGeneratorLogic`, whose `generate` runs it to
   * the end, so both give the same question.
   */
  steps?(seed: string | number, params: P): Generator<void, QuestionBody, void>;
}

export interface QuestionGenerator<P> extends GeneratorLogic<P> {
  /** Parameter schema; every field should have a default so `params: {}` works. */
  params: z.ZodType<P>;
}

/** A generator with its parameter type erased, as kept in a registry. */
export interface RegisteredGenerator {
  id: string;
  description: string;
  /** The parameter schema; null in the browser, where params arrive validated by the build. */
  params: z.ZodType | null;
  /** Validates `params` first when there is a schema; invalid params throw InputError. */
  generate(seed: string | number, params: unknown): QuestionBody;
  /** `generate` in pieces, when the logic offers it (GeneratorLogic's `steps`). */
  steps?(seed: string | number, params: unknown): Generator<void, QuestionBody, void>;
}

/** Marks a family module's export as generator logic (checked by lazy.ts and the registry test). */
export function generatorLogic<P>(g: GeneratorLogic<P>): GeneratorLogic<P> {
  return g;
}

/**
 * Generator logic whose work comes in pieces (`steps`, see GeneratorLogic): `generate` is the same
 * pieces run one after the other, so the build, grading and a quiz page all get the same question.
 */
export function stepwiseGeneratorLogic<P>(g: Omit<GeneratorLogic<P>, 'generate' | 'steps'> & { steps(seed: string | number, params: P): Generator<void, QuestionBody, void> }): GeneratorLogic<P> {
  return { ...g, generate: (seed, params) => runToEnd(g.steps(seed, params)) };
}

/** Runs a JavaScript generator to its end and gives its return value. */
export function runToEnd<T>(pieces: Generator<void, T, void>): T {
  for (;;) {
    const next = pieces.next();
    if (next.done) return next.value;
  }
}

/** The browser's form of a generator: its params were validated, defaults filled in, at build time. */
export function prevalidated(g: GeneratorLogic<never>): RegisteredGenerator {
  const steps = g.steps?.bind(g);
  return {
    id: g.id,
    description: g.description,
    params: null,
    generate: (seed, params) => g.generate(seed, params as never),
    ...(steps ? { steps: (seed: string | number, params: unknown) => steps(seed, params as never) } : {}),
  };
}
