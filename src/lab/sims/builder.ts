import { fail, ok, type Result } from '../../sim/core/issues';
import { apply } from '../../sim/snapshots/apply';
import { runCommand } from '../../sim/snapshots/console/run';
import type { Action } from '../../sim/snapshots/model/actions';
import type { LabState } from '../../sim/snapshots/model/types';
import { createLab } from '../../sim/snapshots/scenario/create';
import type { SnapshotScenario } from '../../sim/snapshots/scenario/schema';
import { LAB_OPENS_AT, STEP_MS } from '../../widgets/snapshots/clock';
import type { BuilderCheck } from '../goals/checks';
import { evaluateBuilder } from '../goals/machine';
import { under, type SimAdapter } from './adapter';

/**
 * The VM builder (SPEC G-M): the snapshot engine's state, driven by the host terminal. Kept apart
 * from the snapshot adapter's module so an LMS package for builder labs carries only what it uses.
 */
export const builderAdapter: SimAdapter<LabState, BuilderCheck> = {
  simulator: 'builder',
  startClock: LAB_OPENS_AT,
  start(input, setup): Result<LabState> {
    if (setup.length > 0) return fail({ path: ['start', 'setup'], message: 'builder labs put their starting steps in the scenario\'s "history", not in "setup"' });
    const lab = createLab(input as SnapshotScenario, { now: LAB_OPENS_AT });
    return lab.ok ? ok(lab.value) : fail(...under(['start', 'scenario'], lab.issues));
  },
  step(state, step) {
    if (step.kind === 'command') {
      const r = runCommand(state, step.line, { now: step.at });
      return { state: r.state, accepted: r.refused === null && r.exitCode === 0, clock: step.at };
    }
    if (step.kind === 'snapshot') {
      const r = apply(state, step.action, { now: step.at });
      return { state: r.state, accepted: r.refused === null, clock: step.at };
    }
    return null;
  },
  fromSolution: (s, clock) => ('do' in s ? { kind: 'snapshot', action: s.do as unknown as Action, at: clock + STEP_MS } : { kind: 'command', line: s.command, at: clock + STEP_MS }),
  evaluate: (check, state, clock) => evaluateBuilder(check, { lab: state, now: clock }),
  describe: (step) => (step.kind === 'command' ? step.line : step.kind === 'snapshot' ? step.action.type : ''),
};
