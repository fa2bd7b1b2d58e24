/**
 * Joins a generator's logic with its parameter schema, for the build (registry.ts): quiz files are
 * validated against the schema, and `generate` checks its params first. Kept out of generator.ts,
 * which the browser loads: this needs the scenario helpers (zod messages, and with them yaml).
 */
import { InputError } from '../../sim/core/issues';
import { issuesFromZod } from '../../sim/core/scenario';
import type { QuestionGenerator, RegisteredGenerator } from './generator';

export function defineGenerator<P>(g: QuestionGenerator<P>): RegisteredGenerator {
  const valid = (raw: unknown): P => {
    const parsed = g.params.safeParse(raw ?? {});
    if (!parsed.success) throw new InputError(issuesFromZod(parsed.error, raw), `generator ${g.id}`);
    return parsed.data;
  };
  const steps = g.steps?.bind(g);
  return {
    id: g.id,
    description: g.description,
    params: g.params,
    generate: (seed, raw) => g.generate(seed, valid(raw)),
    ...(steps ? { steps: (seed: string | number, raw: unknown) => steps(seed, valid(raw)) } : {}),
  };
}
