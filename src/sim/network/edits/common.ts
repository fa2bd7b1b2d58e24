import { fail, type Issue, type Result } from '../../core/issues';
import type { NetworkEvent } from '../actions';
import { unknownReference } from '../references';
import type { Nic, Topology, Vm } from '../types';

/** The outcome of one edit: the new state and what happened, or issues and no state. */
export interface Applied {
  state: Topology;
  events: NetworkEvent[];
}

export type Step = Result<Applied>;

export function event(code: NetworkEvent['code'], params: NetworkEvent['params'], warning = false): NetworkEvent {
  return { code, warning, params };
}

export function findVm(t: Topology, id: string): number | Issue {
  const i = t.vms.findIndex((v) => v.id === id);
  return i >= 0 ? i : unknownReference(['vm'], 'VM', id, t.vms.map((v) => v.id));
}

export function withVmNic(t: Topology, vmId: string, nicIndex: number, fn: (vmIndex: number, nicIndex: number, vm: Vm, nic: Nic) => Step): Step {
  const v = findVm(t, vmId);
  if (typeof v !== 'number') return fail(v);
  const vm = t.vms[v]!;
  if (!Number.isInteger(nicIndex) || nicIndex < 0 || nicIndex >= vm.nics.length) {
    return fail({ path: ['nic'], message: `${vm.id} has ${vm.nics.length} adapter${vm.nics.length === 1 ? '' : 's'}; expected an index 0–${vm.nics.length - 1}, got ${JSON.stringify(nicIndex)}` });
  }
  return fn(v, nicIndex, vm, vm.nics[nicIndex]!);
}

export function withNatNic(t: Topology, vmId: string, nicIndex: number, fn: (vmIndex: number, nicIndex: number, vm: Vm, nic: Nic) => Step): Step {
  return withVmNic(t, vmId, nicIndex, (v, n, vm, nic) => {
    if (nic.mode !== 'nat') {
      return fail({ path: ['nic'], message: `adapter ${n + 1} of ${vm.id} is attached to ${nic.mode}, not NAT`, hint: 'Port forwards belong to a NAT adapter; switch it to NAT first, or use a NAT network\'s port forwarding' });
    }
    return fn(v, n, vm, nic);
  });
}

export function updateVm(t: Topology, vmIndex: number, vm: Vm): Topology {
  return { ...t, vms: t.vms.map((v, i) => (i === vmIndex ? vm : v)) };
}

export function updateNic(t: Topology, vmIndex: number, nicIndex: number, nic: Nic): Topology {
  const vm = t.vms[vmIndex]!;
  return updateVm(t, vmIndex, { ...vm, nics: vm.nics.map((n, i) => (i === nicIndex ? nic : n)) });
}
