import type { Issue, Result } from '../../sim/core/issues';
import type { Check, Evaluated } from '../goals/checks';
import type { SolutionStep } from '../schema';
import type { SimStep, Simulator } from '../steps';

/**
 * What the lab module needs of a simulator: build the start state from a scenario as the engine's
 * schema reads it (defaults filled in: `readScenario` in ./read checks and reads it in Node, the
 * build hands the browser the result, see src/lab/prepare.ts), apply
 * one recorded step, turn a solution step into a recorded step, and answer a goal's check. One
 * adapter per engine; the browser loads only the one its lab uses.
 */
export interface SimAdapter<S, C> {
  simulator: Simulator;
  /** The engine clock a fresh lab starts at (the snapshot sandbox's; 0 for clock-less engines). */
  startClock: number;
  /** `input` is in the schema's output shape; cross-references are still checked by the engine. */
  start(input: unknown, setup: readonly unknown[]): Result<S>;
  /** `null` when the step is not this simulator's or cannot be applied at all (a damaged log). */
  step(state: S, step: SimStep): { state: S; accepted: boolean; clock: number | null } | null;
  /** `null` for a console command in a simulator without a console (the build refuses those). */
  fromSolution(step: SolutionStep, clock: number): SimStep | null;
  evaluate(check: Check<C>, state: S, clock: number): Evaluated;
  /** A step in words, for the worked solution (`state` is the state the step is applied to). */
  describe(step: SimStep, state: S): string;
}

/** Prefixes issue paths, so a setup step's problem names `start.setup[2]…`. */
export const under = (prefix: (string | number)[], issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
