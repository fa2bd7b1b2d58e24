import { fail, ok, type Result } from '../core/issues';
import { normalize } from './normalize';
import type { ScenarioInput } from './schema';
import type { Topology } from './types';
import { validateScenario } from './validate-scenario';

/**
 * A scenario already in the shape the schema gives (every default filled in, as `topologyFrom`'s
 * parse would leave it) → the state: cross-references, addresses and CIDRs are still checked, but
 * neither zod nor the YAML parser is loaded. For scenarios built in code (quiz generators), where
 * the type system and the generators' tests stand in for the schema.
 */
export function topologyFromInput(input: ScenarioInput): Result<Topology> {
  const issues = validateScenario(input);
  return issues.length > 0 ? fail(...issues) : ok(normalize(input));
}
