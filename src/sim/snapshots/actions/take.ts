import { fileHardware } from '../../machine/registry';
import { withVm } from '../disk/current';
import { nameLimit } from '../model/naming';
import type { StepContext, TakeAction, UniqueNameFlags } from '../model/actions';
import { snapshotId, uuidFor } from '../model/ids';
import type { LabState, SimEvent, Snapshot, Vm } from '../model/types';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from './outcome';
import { getSnapshot, putSnapshots, snapshotsNamed } from '../model/snapshot-store';
import { planTake } from './libvirt-chains';
import { keptDirect } from '../disk/layout';

/**
 * Take: the current state's layer becomes the new snapshot's layer and the current state
 * starts a fresh, empty layer on top of it (SPEC S1). Nothing is copied, so a new snapshot
 * costs nothing until the data diverges (SPEC D1).
 */
export function take(lab: LabState, a: TakeAction, ctx: StepContext): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (vm.disk.lost) return refuse('BASE_DISK_LOST', { vm: vm.name });
  if (vm.template) return refuse('IS_TEMPLATE', { vm: vm.name, op: 'snapshot' });

  if (lab.platform !== 'libvirt' && (a.location !== undefined || a.disks !== undefined || a.memoryFile !== undefined)) {
    return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: a.memoryFile !== undefined ? '--memspec' : a.disks !== undefined ? '--diskspec' : 'external snapshot', platform: lab.platform });
  }

  const named = chooseName(lab, vm, a, ctx);
  if (typeof named !== 'string') return named;
  const plan = lab.platform === 'libvirt' ? planTake(lab, vm, a, named) : null;
  if (plan && 'ok' in plan) return plan;

  const online = vm.power !== 'poweroff';
  const withMemory =
    online &&
    (lab.platform === 'virtualbox' ? true : lab.platform === 'libvirt' ? a.memory !== false : a.memory === true);

  const filed = fileHardware(lab, vm.hw);
  lab = filed.lab;
  const id = snapshotId(lab.seq);
  const snap: Snapshot = {
    id,
    uuid: uuidFor(lab.seed, lab.seq),
    name: named,
    description: a.description ?? '',
    parent: vm.current,
    seq: lab.seq,
    createdAt: ctx.now,
    delta: vm.disk.delta,
    settings: vm.settings,
    hw: filed.key,
    memory: withMemory ? vm.runtime : null,
    power: vm.power,
    ...(plan ? { location: plan.location, images: plan.images, ...(plan.overlays ? { overlays: plan.overlays } : {}) } : {}),
    ...(a.memoryFile !== undefined && plan ? { memoryFile: a.memoryFile } : {}),
  };
  let next: Vm = { ...putSnapshots(vm, [snap]), current: id, disk: { ...vm.disk, delta: {} }, disks: plan?.disks ?? vm.disks };

  const events: SimEvent[] = [];
  // VBoxManage pauses a running VM while it takes the snapshot unless --live (SPEC V2).
  const pauses = lab.platform === 'virtualbox' && vm.power === 'running' && !a.live;
  if (pauses) events.push(event('VM_PAUSED_FOR_SNAPSHOT', vm.name));
  events.push(
    event('SNAPSHOT_TAKEN', vm.name, {
      snapshot: id,
      name: named,
      parent: vm.current === null ? '' : getSnapshot(vm, vm.current)!.name,
      memory: withMemory,
      power: vm.power,
      location: plan?.location ?? '',
    }),
  );
  if (plan?.overlays) events.push(event('OVERLAY_CREATED', vm.name, { files: plan.overlays, backing: plan.images, name: named }));
  const kept = keptDirect(vm);
  if (kept.disks.length > 0) events.push(event('DIRECT_DISKS_KEPT', vm.name, { ...kept, op: 'take' }));
  if (pauses) events.push(event('VM_RESUMED_AFTER_SNAPSHOT', vm.name));
  if (lab.platform === 'libvirt' && a.halt && online) {
    next = { ...next, power: 'poweroff', runtime: null };
    events.push(event('VM_HALTED_AFTER_SNAPSHOT', vm.name));
    events.push(event('POWER_CHANGED', vm.name, { from: vm.power, to: 'poweroff', op: 'halt' }));
  }
  return done({ ...withVm(lab, next), seq: lab.seq + 1 }, events);
}

const PROXMOX_NAME = /^[a-z][a-z0-9_-]+$/i;

function chooseName(lab: LabState, vm: Vm, a: TakeAction, ctx: StepContext): string | Outcome {
  const requested = a.name?.trim() ?? '';
  if (requested.length > nameLimit(lab.platform)) return refuse('NAME_TOO_LONG', { vm: vm.name, length: requested.length, max: nameLimit(lab.platform), platform: lab.platform });
  if (lab.platform === 'libvirt') {
    // virsh snapshot-create-as without a name: libvirt uses the creation time in seconds.
    const name = requested === '' ? String(Math.floor(ctx.now / 1000)) : requested;
    if (findByName(vm, name)) return refuse('NAME_TAKEN', { vm: vm.name, name });
    return name;
  }
  if (requested === '') return refuse('NAME_EMPTY', { vm: vm.name });
  if (lab.platform === 'proxmox') {
    if (!PROXMOX_NAME.test(requested)) return refuse('NAME_INVALID', { vm: vm.name, name: requested, pattern: '[a-z][a-z0-9_-]+' });
    if (requested === 'current') return refuse('NAME_RESERVED', { vm: vm.name, name: requested });
    if (findByName(vm, requested)) return refuse('NAME_TAKEN', { vm: vm.name, name: requested });
    return requested;
  }
  return a.uniqueName ? uniqueName(vm, requested, a.uniqueName, ctx) : requested;
}

const findByName = (vm: Vm, name: string): boolean => snapshotsNamed(vm, name).length > 0;

/**
 * VBoxManage's `--uniquename`: with Number or Timestamp, a taken name (or any name, with Force)
 * gets a suffix, tried up to 500 times (VBoxManageSnapshot.cpp).
 */
function uniqueName(vm: Vm, name: string, flags: UniqueNameFlags, ctx: StepContext): string | Outcome {
  if (!flags.number && !flags.timestamp) return name;
  if (!findByName(vm, name) && !flags.force) return name;
  let count = flags.number ? (flags.force ? 1 : 2) : 0;
  while (count < 500) {
    const suffix = flags.number ? String(count) : isoSeconds(ctx.now + count * 1000);
    const candidate = flags.space ? `${name} ${suffix}` : `${name}${suffix}`;
    count++;
    if (!findByName(vm, candidate)) return candidate;
  }
  return refuse('UNIQUE_NAME_EXHAUSTED', { vm: vm.name, name });
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
