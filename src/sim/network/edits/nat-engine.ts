import { fail, ok } from '../../core/issues';
import type { Action } from '../actions';
import { natAddressing } from '../defaults';
import type { Topology } from '../types';
import { event, updateNic, withVmNic, type Step } from './common';

/**
 * `VBoxManage modifyvm <vm> --nat-localhostreachable<N> on|off`: whether the adapter's NAT engine
 * passes connections to its gateway address (10.0.2.2) to the host's loopback interface (N10).
 */
export function setNatLocalhostReachable(t: Topology, a: Extract<Action, { type: 'setNatLocalhostReachable' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    if (vm.host === null) return fail({ path: ['vm'], message: `${vm.id} is not a VirtualBox VM`, hint: 'The NAT engine settings belong to VirtualBox adapters' });
    if (nic.mode !== 'nat') {
      return fail({ path: ['nic'], message: `adapter ${nicIndex + 1} of ${vm.id} is attached to ${nic.mode}, not NAT`, hint: '"localhost reachable" is a setting of the NAT engine; switch the adapter to NAT first' });
    }
    if (typeof a.reachable !== 'boolean') return fail({ path: ['reachable'], message: `expected true or false, got ${JSON.stringify(a.reachable)}` });
    const params = { vm: vm.id, adapter: nicIndex + 1, gateway: natAddressing(nicIndex).gateway };
    if (nic.localhostReachable === a.reachable) return ok({ state: t, events: [event('NO_CHANGE', params)] });
    return ok({
      state: updateNic(t, vmIndex, nicIndex, { ...nic, localhostReachable: a.reachable }),
      events: [event(a.reachable ? 'NAT_LOCALHOST_REACHABLE_ON' : 'NAT_LOCALHOST_REACHABLE_OFF', params)],
    });
  });
}
