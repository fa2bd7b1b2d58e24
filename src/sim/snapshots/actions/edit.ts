import { withVm } from '../disk/current';
import { nameLimit } from '../model/naming';
import { layeredFiles } from '../disk/layout';
import { diffViews, snapshotView } from '../disk/view';
import type { EditSnapshotAction, SetCurrentAction } from '../model/actions';
import type { LabState } from '../model/types';
import { done, event, isRefusal, lookupSnapshot, lookupVm, refuse, type Outcome } from './outcome';
import { getSnapshot, putSnapshots } from '../model/snapshot-store';

/** VBoxManage `snapshot edit`: rename or re-describe; names may repeat on VirtualBox (SPEC V6). */
export function editSnapshot(lab: LabState, a: EditSnapshotAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (lab.platform !== 'virtualbox') return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: 'snapshot edit', platform: lab.platform });
  const snap = lookupSnapshot(vm, a.snapshot);
  if (isRefusal(snap)) return { ok: false, refusal: snap };
  if (a.name === undefined && a.description === undefined) return refuse('NOTHING_TO_CHANGE', { vm: vm.name });
  const name = a.name === undefined ? snap.name : a.name.trim();
  if (name === '') return refuse('NAME_EMPTY', { vm: vm.name });
  if (name.length > nameLimit(lab.platform)) return refuse('NAME_TOO_LONG', { vm: vm.name, length: name.length, max: nameLimit(lab.platform), platform: lab.platform });
  const edited = { ...snap, name, description: a.description ?? snap.description };
  const next = putSnapshots(vm, [edited]);
  return done(withVm(lab, next), [event('SNAPSHOT_EDITED', vm.name, { snapshot: snap.id, from: snap.name, name })]);
}

/**
 * `virsh snapshot-current DOMAIN NAME`: only the "current" pointer moves; the disk keeps its
 * data, and the next snapshot becomes a child of the chosen one (SPEC L5).
 */
export function setCurrent(lab: LabState, a: SetCurrentAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (lab.platform !== 'libvirt') return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: 'snapshot-current', platform: lab.platform });
  const snap = lookupSnapshot(vm, a.snapshot);
  if (isRefusal(snap)) return { ok: false, refusal: snap };
  const delta = diffViews(snapshotView(vm, snap.id), layeredFiles(vm.disk));
  const next = { ...vm, current: snap.id, disk: { ...vm.disk, delta } };
  const from = vm.current === null ? '' : getSnapshot(vm, vm.current)!.name;
  return done(withVm(lab, next), [event('CURRENT_SNAPSHOT_CHANGED', vm.name, { from, to: snap.name })]);
}
