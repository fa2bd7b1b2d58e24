import { withVm, foldIfNoSnapshots } from '../disk/current';
import { diskIndexOf, isLayered } from '../disk/layout';
import type { SetDiskModeAction } from '../model/actions';
import type { FileMap, LabState, Vm } from '../model/types';
import { hasSnapshots, snapshotChildren } from '../model/snapshot-store';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from './outcome';

/**
 * `VBoxManage modifymedium --type` and `storageattach --mtype` (MediumImpl.cpp `setType`, SPEC
 * V13). VirtualBox changes a medium's type only while no running VM holds it, never to immutable
 * or multi-attach while it is attached, and never to write-through or shareable while it has
 * differencing images on top (snapshots, or the immutable disk's own); shareable needs a
 * fixed-size image.
 */
export function setDiskMode(lab: LabState, a: SetDiskModeAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (lab.platform !== 'virtualbox') return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: 'disk modes', platform: lab.platform });
  const disk = vm.disks[a.disk];
  if (!Number.isInteger(a.disk) || disk === undefined) {
    return refuse('UNKNOWN_DISK', { vm: vm.name, disk: String(a.disk), known: vm.disks.map((d) => d.volume) });
  }
  const p = { vm: vm.name, disk: disk.volume, mount: disk.mount, from: disk.mode, to: a.mode };
  if (disk.mode === a.mode) return done(lab, []);
  // A linked clone's disks are differencing images on its source's snapshot.
  if (vm.linkedFrom) return refuse('MEDIUM_DIFFERENCING', p);
  if (vm.power === 'running' || vm.power === 'paused') return refuse('MEDIUM_LOCKED', { ...p, power: vm.power });
  if (a.mode === 'immutable' || a.mode === 'multiattach') return refuse('MEDIUM_ATTACHED', { ...p, count: 1 });
  if (a.mode === 'writethrough' || a.mode === 'shareable') {
    const children = disk.mode === 'immutable' || disk.mode === 'multiattach' ? 1 : snapshotChildren(vm, null).length;
    if (children > 0 || (isLayered(disk.mode) && hasSnapshots(vm))) return refuse('MEDIUM_HAS_CHILDREN', { ...p, count: Math.max(1, children) });
    if (a.mode === 'shareable' && !disk.fixed) return refuse('SHAREABLE_NEEDS_FIXED', p);
  }
  const disks = vm.disks.map((d, i) => (i === a.disk ? { ...d, mode: a.mode } : d));
  const next = foldIfNoSnapshots(moveData({ ...vm, disks }, vm, a.disk));
  return done(withVm(lab, next), [event('DISK_MODE_CHANGED', vm.name, p)]);
}

/**
 * Into or out of the layers: a disk that snapshots now leave out keeps its files outside every
 * layer; one they now capture joins the base image, so every existing snapshot shows its content
 * as of this change (they never captured it; the simulator's reading of "not restored").
 */
function moveData(next: Vm, before: Vm, index: number): Vm {
  const was = isLayered(before.disks[index]!.mode);
  const now = isLayered(next.disks[index]!.mode);
  if (was === now) return next;
  const mine = (path: string): boolean => diskIndexOf(next.disks, path) === index;
  const { disk } = next;
  if (!now) {
    // No snapshots (checked above) and a normal disk: its files sit in the base image.
    const base: FileMap = {};
    const direct: FileMap = { ...disk.direct };
    for (const path in disk.base) (mine(path) ? direct : base)[path] = disk.base[path]!;
    return { ...next, disk: { ...disk, base, direct } };
  }
  const base: FileMap = { ...disk.base };
  const direct: FileMap = {};
  for (const path in disk.direct) (mine(path) ? base : direct)[path] = disk.direct[path]!;
  return { ...next, disk: { ...disk, base, direct } };
}
