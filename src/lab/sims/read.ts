/**
 * Reading a lab's start scenario with its engine's schema (defaults filled in, every field checked).
 * Node only: the build, the grading command and tests. The browser builds from what the build read
 * (src/lab/prepare.ts) through the adapters, which never load a schema.
 */
import type { z } from 'zod';
import { fail, type Result } from '../../sim/core/issues';
import { validate } from '../../sim/core/validate';
import { scenarioInput } from '../../sim/network/schema';
import { sizingScenarioSchema } from '../../sim/sizing/scenario';
import { snapshotScenarioSchema } from '../../sim/snapshots/scenario/schema';
import type { Simulator } from '../steps';
import { under } from './adapter';

const SCENARIO_SCHEMAS: Record<Simulator, z.ZodType> = {
  network: scenarioInput,
  sizing: sizingScenarioSchema,
  snapshots: snapshotScenarioSchema,
  builder: snapshotScenarioSchema,
};

/** The scenario as `adapter.start` takes it, or issues at `start.scenario…`. */
export function readScenario(simulator: Simulator, data: unknown): Result<unknown> {
  const r = validate(SCENARIO_SCHEMAS[simulator], data);
  return r.ok ? r : fail(...under(['start', 'scenario'], r.issues));
}
