import { fail, ok } from '../core/issues';
import { actionShapeIssue } from './action-check';
import type { Action, NetworkEvent } from './actions';
import { addSecurityGroupRule, attachFloatingIp, detachFloatingIp, removeSecurityGroupRule, setNicSecurityGroups } from './edits/cloud';
import type { Step } from './edits/common';
import { changeFirewallPort, setFirewall, setServiceListen } from './edits/machines';
import { setNatLocalhostReachable } from './edits/nat-engine';
import { setNicMode } from './edits/nic-mode';
import { addNatNetworkPortForward, addPortForward, removeNatNetworkPortForward, removePortForward, updatePortForward } from './edits/port-forwards';
import type { Topology } from './types';

export type { Applied } from './edits/common';

/**
 * Apply one edit. Bad input gives issues (with did-you-mean) and the caller keeps the old
 * state; a valid edit gives a new state (the old one is never mutated) and what happened.
 */
export function apply(t: Topology, action: Action): Step {
  const badShape = actionShapeIssue(action);
  if (badShape) return fail(badShape);
  switch (action.type) {
    case 'setNicMode':
      return setNicMode(t, action);
    case 'addPortForward':
      return addPortForward(t, action);
    case 'updatePortForward':
      return updatePortForward(t, action);
    case 'removePortForward':
      return removePortForward(t, action);
    case 'addNatNetworkPortForward':
      return addNatNetworkPortForward(t, action);
    case 'removeNatNetworkPortForward':
      return removeNatNetworkPortForward(t, action);
    case 'attachFloatingIp':
      return attachFloatingIp(t, action);
    case 'detachFloatingIp':
      return detachFloatingIp(t, action);
    case 'addSecurityGroupRule':
      return addSecurityGroupRule(t, action);
    case 'removeSecurityGroupRule':
      return removeSecurityGroupRule(t, action);
    case 'setNicSecurityGroups':
      return setNicSecurityGroups(t, action);
    case 'setFirewall':
      return setFirewall(t, action);
    case 'allowFirewallPort':
    case 'removeFirewallPort':
      return changeFirewallPort(t, action);
    case 'setServiceListen':
      return setServiceListen(t, action);
    case 'setNatLocalhostReachable':
      return setNatLocalhostReachable(t, action);
  }
}

/** Apply several edits in order; stops at the first that fails, naming its position. */
export function applyAll(t: Topology, actions: readonly Action[]): Step {
  let state = t;
  const events: NetworkEvent[] = [];
  for (let i = 0; i < actions.length; i++) {
    const r = apply(state, actions[i]!);
    if (!r.ok) return fail(...r.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })));
    state = r.value.state;
    events.push(...r.value.events);
  }
  return ok({ state, events });
}

