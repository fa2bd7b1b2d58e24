import { fail, ok, type Result } from '../../sim/core/issues';
import type { Action } from '../../sim/network/actions';
import { apply } from '../../sim/network/apply';
import { describeAction } from '../../sim/network/explain';
import { topologyFromInput } from '../../sim/network/from-input';
import type { ScenarioInput } from '../../sim/network/schema';
import type { Topology } from '../../sim/network/types';
import { evaluateNetwork } from '../goals/network';
import type { NetworkCheck } from '../goals/checks';
import { under, type SimAdapter } from './adapter';

export const networkAdapter: SimAdapter<Topology, NetworkCheck> = {
  simulator: 'network',
  startClock: 0,
  start(input, setup): Result<Topology> {
    const t = topologyFromInput(input as ScenarioInput);
    if (!t.ok) return fail(...under(['start', 'scenario'], t.issues));
    let state = t.value;
    for (const [i, action] of setup.entries()) {
      const r = apply(state, action as Action);
      if (!r.ok) return fail(...under(['start', 'setup', i], r.issues));
      state = r.value.state;
    }
    return ok(state);
  },
  step(state, step) {
    if (step.kind !== 'network') return null;
    const r = apply(state, step.action);
    return r.ok ? { state: r.value.state, accepted: true, clock: null } : { state, accepted: false, clock: null };
  },
  fromSolution: (s) => ('do' in s ? { kind: 'network', action: s.do as unknown as Action } : null),
  evaluate: (check, state) => evaluateNetwork(check, state),
  describe: (step) => (step.kind === 'network' ? describeAction(step.action) : ''),
};
