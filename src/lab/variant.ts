/**
 * A student's variant read with the schemas: the start scenario checked by its engine's schema and
 * the goals by the checks of the lab's simulator, once the student's variables are in. Node only:
 * the build (which tries every lab on sample seeds), the grading command (which recomputes every
 * report from this) and tests. The browser builds the same variant from what the build read
 * (`preparedVariant` in ./run) and loads no zod.
 */
import { fail, ok, type Result } from '../sim/core/issues';
import { validate } from '../sim/core/validate';
import { checkIssues } from './goals/check-issues';
import { variantFrom, type Variant } from './run';
import { goalsSchemaFor, type LabGoal, type ReadLab } from './schema';
import type { SimAdapter } from './sims/adapter';
import { readScenario } from './sims/read';
import type { Simulator } from './steps';
import { drawVariables, substitute } from './variables';

/** Reads a student's goals (variables in) with the checks of the lab's simulator; issues at `goals…`. */
export function readGoals(simulator: Simulator, goalData: unknown): Result<LabGoal[]> {
  const goals = validate(goalsSchemaFor(simulator), goalData);
  return goals.ok ? ok(goals.value as LabGoal[]) : fail(...checkIssues(simulator, goalData, goals.issues).map((i) => ({ ...i, path: ['goals', ...i.path] })));
}

/** Builds a student's variant. Fails only on a broken lab file (the build tries many seeds). */
export function variantOf(compiled: ReadLab, adapter: SimAdapter<unknown, unknown>, seed: string): Result<Variant> {
  const { lab } = compiled;
  const vars = drawVariables(lab.variables, seed);
  const scenario = readScenario(lab.simulator, substitute(compiled.scenario, vars));
  if (!scenario.ok) return scenario;
  return variantFrom(compiled, adapter, seed, { vars, scenario: scenario.value, goals: () => readGoals(lab.simulator, substitute(lab.goals, vars)) });
}
