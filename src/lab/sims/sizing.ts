import { fail, ok, type Result } from '../../sim/core/issues';
import { apply, type SizingAction } from '../../sim/sizing/actions';
import { describeAction } from '../../sim/sizing/explain';
import { buildScenario } from '../../sim/sizing/build-scenario';
import type { SizingScenarioFile } from '../../sim/sizing/scenario';
import type { SizingState } from '../../sim/sizing/types';
import { evaluateSizing } from '../goals/sizing';
import type { SizingCheck } from '../goals/checks';
import { under, type SimAdapter } from './adapter';

export const sizingAdapter: SimAdapter<SizingState, SizingCheck> = {
  simulator: 'sizing',
  startClock: 0,
  start(input, setup): Result<SizingState> {
    const built = buildScenario(input as SizingScenarioFile);
    if (!built.ok) return fail(...under(['start', 'scenario'], built.issues));
    let state = built.value.state;
    for (const [i, action] of setup.entries()) {
      const r = apply(state, action as SizingAction);
      if (r.issues.length > 0) return fail(...under(['start', 'setup', i], r.issues));
      state = r.state;
    }
    return ok(state);
  },
  step(state, step) {
    if (step.kind !== 'sizing') return null;
    const r = apply(state, step.action);
    return { state: r.state, accepted: r.issues.length === 0, clock: null };
  },
  fromSolution: (s) => ('do' in s ? { kind: 'sizing', action: s.do as unknown as SizingAction } : null),
  evaluate: (check, state) => evaluateSizing(check, state),
  describe: (step, state) => (step.kind === 'sizing' ? describeAction(step.action, Object.fromEntries(state.vms.map((v) => [v.id, v.name]))) : ''),
};
