import { fail, ok, parseScenario, validate, type Result } from '../core';
import { normalize } from './normalize';
import { scenarioInput } from './schema';
import type { Topology } from './types';
import { validateScenario } from './validate-scenario';

/**
 * A scenario file (YAML or JSON text) → the network state, or issues that name the field and
 * say how to fix it. The same loader serves preset scenarios, lessons and labs.
 */
export function loadScenario(text: string): Result<Topology> {
  const parsed = parseScenario(text, scenarioInput);
  if (!parsed.ok) return parsed;
  const issues = validateScenario(parsed.value);
  return issues.length > 0 ? fail(...issues) : ok(normalize(parsed.value));
}

/** The same for data already parsed (a lab that embeds a topology, a test fixture). */
export function topologyFrom(data: unknown): Result<Topology> {
  const parsed = validate(scenarioInput, data);
  if (!parsed.ok) return parsed;
  const issues = validateScenario(parsed.value);
  return issues.length > 0 ? fail(...issues) : ok(normalize(parsed.value));
}
