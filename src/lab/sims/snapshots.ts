import { fail, ok, type Result } from '../../sim/core/issues';
import { apply } from '../../sim/snapshots/apply';
import { runCommand } from '../../sim/snapshots/console/run';
import type { Action } from '../../sim/snapshots/model/actions';
import type { LabState } from '../../sim/snapshots/model/types';
import { createLab } from '../../sim/snapshots/scenario/create';
import type { SnapshotScenario } from '../../sim/snapshots/scenario/schema';
import { LAB_OPENS_AT, STEP_MS } from '../../widgets/snapshots/clock';
import { evaluateSnapshots } from '../goals/snapshots';
import type { SnapshotCheck } from '../goals/checks';
import { under, type SimAdapter } from './adapter';

/** The sandbox clock: every lab opens at the same moment and each step moves it on a minute. */
export const snapshotAdapter: SimAdapter<LabState, SnapshotCheck> = {
  simulator: 'snapshots',
  startClock: LAB_OPENS_AT,
  start(input, setup): Result<LabState> {
    if (setup.length > 0) return fail({ path: ['start', 'setup'], message: 'snapshot labs put their starting steps in the scenario\'s "history", not in "setup"' });
    const lab = createLab(input as SnapshotScenario, { now: LAB_OPENS_AT });
    return lab.ok ? ok(lab.value) : fail(...under(['start', 'scenario'], lab.issues));
  },
  step(state, step) {
    if (step.kind === 'snapshot') {
      const r = apply(state, step.action, { now: step.at });
      return { state: r.state, accepted: r.refused === null, clock: step.at };
    }
    if (step.kind === 'command') {
      const r = runCommand(state, step.line, { now: step.at });
      return { state: r.state, accepted: r.refused === null, clock: step.at };
    }
    return null;
  },
  fromSolution: (s, clock) => ('do' in s ? { kind: 'snapshot', action: s.do as unknown as Action, at: clock + STEP_MS } : { kind: 'command', line: s.command, at: clock + STEP_MS }),
  evaluate: (check, state, clock) => evaluateSnapshots(check, { lab: state, now: clock }),
  describe: (step) => {
    if (step.kind === 'command') return step.line;
    if (step.kind !== 'snapshot') return '';
    const { type, ...rest } = step.action;
    return `${type} ${Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ')}`;
  },
};
