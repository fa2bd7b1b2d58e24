/**
 * A parametric question generator: pure and deterministic, `generate(seed, params)` always gives
 * the same question body for the same seed and params. Randomness comes only from `createRng(seed)`.
 */
import type { z } from 'zod';
import { InputError, issuesFromZod } from '../../sim/core';
import type { QuestionBody } from '../types';

export interface QuestionGenerator<P> {
  /** The id quiz files refer to: `generator: consolidation-watts-saved`. */
  id: string;
  /** One line for instructors: what the question asks and which engine answers it. */
  description: string;
  /** Parameter schema; every field should have a default so `params: {}` works. */
  params: z.ZodType<P>;
  generate(seed: string | number, params: P): QuestionBody;
}

/** A generator with its parameter type erased, as kept in the registry. */
export interface RegisteredGenerator {
  id: string;
  description: string;
  params: z.ZodType;
  /** Validates `params` first; invalid params throw InputError (loadQuiz reports them before this). */
  generate(seed: string | number, params: unknown): QuestionBody;
}

export function defineGenerator<P>(g: QuestionGenerator<P>): RegisteredGenerator {
  return {
    id: g.id,
    description: g.description,
    params: g.params,
    generate(seed, raw) {
      const parsed = g.params.safeParse(raw ?? {});
      if (!parsed.success) throw new InputError(issuesFromZod(parsed.error, raw), `generator ${g.id}`);
      return g.generate(seed, parsed.data);
    },
  };
}
