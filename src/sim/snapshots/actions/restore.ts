import { hardwareOf } from '../../machine/registry';
import { blockSize } from '../disk/blocks';
import { withVm } from '../disk/current';
import { snapshotView } from '../disk/view';
import type { RestoreAction, StepContext } from '../model/actions';
import type { LabState, PowerState, Runtime, SimEvent, Snapshot, Vm } from '../model/types';
import { snapshotsInOrder } from '../tree/tree';
import { done, event, isRefusal, lookupSnapshot, lookupVm, refuse, type Outcome } from './outcome';
import { bootVm } from './power';
import { planRevert } from './libvirt-chains';
import { keptDirect, systemVolume, withDirect } from '../disk/layout';
import { putSnapshots } from '../model/snapshot-store';


/**
 * Restore (VirtualBox), revert (libvirt), rollback (Proxmox): the current state is thrown away
 * and replaced by exactly what the snapshot saved: disk, settings and, if it has one, memory
 * (SPEC S2). The restored snapshot becomes current, so the next take starts a branch (SPEC S3).
 */
export function restore(lab: LabState, a: RestoreAction, ctx: StepContext): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const snap = lookupSnapshot(vm, a.snapshot);
  if (isRefusal(snap)) return { ok: false, refusal: snap };
  if (vm.disk.lost) return refuse('BASE_DISK_LOST', { vm: vm.name });
  if (vm.template) return refuse('IS_TEMPLATE', { vm: vm.name, op: 'rollback' });

  if (lab.platform === 'virtualbox' && (vm.power === 'running' || vm.power === 'paused')) {
    return refuse('RESTORE_WHILE_RUNNING', { vm: vm.name, power: vm.power, snapshot: snap.name });
  }
  if (lab.platform === 'proxmox' && lab.storage === 'zfs') {
    const newer = snapshotsInOrder(vm).filter((s) => s.seq > snap.seq);
    if (newer.length > 0) {
      return refuse('NOT_MOST_RECENT', {
        vm: vm.name,
        snapshot: snap.name,
        volume: systemVolume(vm),
        newer: newer.map((s) => s.name),
      });
    }
  }

  const plan = lab.platform === 'libvirt' ? planRevert(lab, vm, snap, ctx.now) : null;
  if (plan && 'ok' in plan) return plan;

  const events: SimEvent[] = [];
  if (lab.platform === 'proxmox' && (vm.power === 'running' || vm.power === 'paused')) {
    events.push(event('VM_STOPPED_FOR_ROLLBACK', vm.name));
  }
  const changed = Object.keys(vm.disk.delta);
  if (changed.length > 0 || vm.runtime !== null) {
    const bytes = Object.values(vm.disk.delta).reduce((n, id) => n + (id === null ? 0 : blockSize(lab.store, id)), 0);
    events.push(event('CURRENT_STATE_DISCARDED', vm.name, { paths: changed.length, bytes, memory: vm.runtime !== null }));
  }

  const [power, runtime] = powerAfterRestore(lab, snap);
  let next: Vm = {
    ...(plan && plan.snapshot !== snap ? putSnapshots(vm, [plan.snapshot]) : vm),
    settings: snap.settings,
    hw: hardwareOf(lab, snap.hw, vm.hw),
    current: snap.id,
    disk: { ...vm.disk, files: withDirect(snapshotView(vm, snap.id), vm.disk), delta: {} },
    disks: plan?.disks ?? vm.disks,
    power,
    runtime,
  };
  events.push(event('SNAPSHOT_RESTORED', vm.name, { snapshot: snap.id, name: snap.name, power, memory: snap.memory !== null }));
  if (plan && plan.discarded.length > 0) events.push(event('OVERLAY_DISCARDED', vm.name, { files: plan.discarded }));
  if (plan && plan.created.length > 0) events.push(event('OVERLAY_CREATED', vm.name, { files: plan.created, backing: plan.disks.map((d) => d.chain[1]!), name: snap.name }));
  const kept = keptDirect(vm);
  if (kept.disks.length > 0) events.push(event('DIRECT_DISKS_KEPT', vm.name, { ...kept, op: 'restore' }));

  // libvirt --running/--paused and Proxmox --start boot a disk-only snapshot afterwards.
  if (a.after && lab.platform !== 'virtualbox' && next.runtime === null) {
    const booted = bootVm(lab, next, ctx.now);
    next = { ...booted.vm, power: a.after };
    events.push(...booted.events);
  } else if (a.after && lab.platform === 'libvirt') {
    next = { ...next, power: a.after };
  }
  if (next.power !== vm.power) events.push(event('POWER_CHANGED', vm.name, { from: vm.power, to: next.power, op: 'restore' }));
  return done(withVm(lab, next), events);
}

/**
 * VirtualBox: "Saved" when the snapshot holds memory, else powered off. libvirt: the state at
 * snapshot time (a disk-only snapshot leaves the domain inactive). Proxmox: started from the
 * saved RAM, else stopped.
 */
function powerAfterRestore(lab: LabState, snap: Snapshot): [PowerState, Runtime | null] {
  if (snap.memory === null) return ['poweroff', null];
  if (lab.platform === 'virtualbox') return ['saved', snap.memory];
  if (lab.platform === 'libvirt' && snap.power === 'paused') return ['paused', snap.memory];
  return ['running', snap.memory];
}
