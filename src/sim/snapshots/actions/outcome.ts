import { ownValue } from '../../core/own';
import { closest, knownList } from '../../core/suggest';
import { refusal, type Refusal, type RefusalCode } from '../model/reasons';
import type { EventCode, LabState, Params, SimEvent, Snapshot, Vm } from '../model/types';
import { findSnapshot, snapshotNames } from '../tree/tree';
import { hasSnapshots } from '../model/snapshot-store';

/** What one action handler returns: the new lab and what happened, or why nothing happened. */
export type Outcome = { ok: true; lab: LabState; events: SimEvent[] } | { ok: false; refusal: Refusal };

export const done = (lab: LabState, events: SimEvent[]): Outcome => ({ ok: true, lab, events });
export const refuse = (code: RefusalCode, params: Params = {}): Outcome => ({ ok: false, refusal: refusal(code, params) });
export const event = (code: EventCode, vm: string, params: Params = {}): SimEvent => ({ code, vm, params });

export function lookupVm(lab: LabState, name: string): Vm | Refusal {
  const vm = ownValue(lab.vms, name);
  if (vm) return vm;
  const names = Object.keys(lab.vms);
  return refusal('UNKNOWN_VM', { vm: name, suggestion: closest(name, names) ?? '', known: knownList(names) });
}

export function lookupSnapshot(vm: Vm, ref: string): Snapshot | Refusal {
  const snap = findSnapshot(vm, ref);
  if (snap) return snap;
  if (!hasSnapshots(vm)) return refusal('NO_SNAPSHOTS', { vm: vm.name });
  const names = snapshotNames(vm);
  return refusal('UNKNOWN_SNAPSHOT', {
    vm: vm.name,
    snapshot: ref,
    suggestion: closest(ref, names) ?? '',
    known: knownList(names),
  });
}

/** Lookups return either the thing or a refusal; a refusal has exactly `code` and `params`. */
export const isRefusal = (x: object): x is Refusal => 'code' in x && 'params' in x && Object.keys(x).length === 2;
