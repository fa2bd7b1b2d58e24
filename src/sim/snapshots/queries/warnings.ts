import { ownValue } from '../../core/own';
import { warning, type Warning } from '../model/reasons';
import type { LabState, Vm } from '../model/types';
import { findService } from '../guest/services';
import { chainLength } from '../tree/tree';
import { getSnapshot, listSnapshots, snapshotCount } from '../model/snapshot-store';

const HOUR = 3_600_000;

/**
 * Advice computed from the state and the time the caller passes in (never the clock):
 * long chains cost read performance, old snapshots keep growing and go stale, and a snapshot
 * kept for a long time is being used as a backup, which it is not (SPEC W1-W4).
 */
export function vmWarnings(lab: LabState, vmName: string, now: number): Warning[] {
  const vm = ownValue(lab.vms, vmName);
  if (!vm) return [];
  const out: Warning[] = [];
  const chain = chainLength(vm);
  if (chain > lab.policy.maxChain) out.push(warning('LONG_CHAIN', { vm: vm.name, length: chain, max: lab.policy.maxChain }));
  let stale = false;
  for (const s of listSnapshots(vm)) {
    const ageHours = Math.floor((now - s.createdAt) / HOUR);
    if (ageHours > lab.policy.maxAgeHours) {
      stale = true;
      out.push(warning('STALE_SNAPSHOT', { vm: vm.name, snapshot: s.id, name: s.name, ageHours, max: lab.policy.maxAgeHours }));
    }
  }
  if (stale) out.push(warning('NOT_A_BACKUP', { vm: vm.name, snapshots: snapshotCount(vm) }));
  out.push(...cloneWarnings(lab, vm), ...guestWarnings(vm));
  return out;
}

function cloneWarnings(lab: LabState, vm: Vm): Warning[] {
  const out: Warning[] = [];
  const dependents = Object.values(lab.vms).filter((o) => o.linkedFrom?.vm === vm.name);
  const bySnapshot = new Map<string | null, string[]>();
  for (const d of dependents) bySnapshot.set(d.linkedFrom!.snapshot, [...(bySnapshot.get(d.linkedFrom!.snapshot) ?? []), d.name]);
  for (const [snap, clones] of bySnapshot) {
    out.push(warning('LINKED_CLONE_DEPENDS', { vm: vm.name, snapshot: snap ?? '', name: snap === null ? '' : (getSnapshot(vm, snap)?.name ?? ''), clones }));
  }
  return out;
}

function guestWarnings(vm: Vm): Warning[] {
  const out: Warning[] = [];
  const rt = vm.runtime;
  if (!rt) return out;
  if (rt.booted.memoryMb !== vm.settings.memoryMb || rt.booted.cpus !== vm.settings.cpus) {
    out.push(warning('PENDING_SETTINGS', { vm: vm.name, memoryMb: vm.settings.memoryMb, cpus: vm.settings.cpus }));
  }
  for (const [name, svc] of Object.entries(rt.services)) {
    if (svc.status === 'failed' && svc.failure) {
      out.push(warning('SERVICE_FAILED', { vm: vm.name, service: name, reason: svc.failure.code, ...svc.failure.params }));
    }
    if (svc.status === 'active' && svc.config !== null) {
      const path = findService(name)?.spec.config;
      if (path && vm.disk.files[path] !== svc.config) out.push(warning('CONFIG_CHANGED_NOT_RELOADED', { vm: vm.name, service: name, file: path }));
    }
  }
  return out;
}
