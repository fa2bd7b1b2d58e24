import { foldIfNoSnapshots, withVm } from '../disk/current';
import { freedByMerge, vmPhysicalBytes } from '../disk/usage';
import { layeredFiles } from '../disk/layout';
import { composeDeltas, diffViews, snapshotView } from '../disk/view';
import type { DeleteSnapshotAction } from '../model/actions';
import type { LabState, SimEvent, Snapshot, Vm } from '../model/types';
import { childrenOf, descendantsOf } from '../tree/tree';
import { done, event, isRefusal, lookupSnapshot, lookupVm, refuse, type Outcome } from './outcome';
import { getSnapshot, listSnapshots, putSnapshots, removeSnapshots } from '../model/snapshot-store';
import { deleteRefusal, mergeChains, movedImages } from './libvirt-chains';

/**
 * Delete: the snapshot disappears from the tree, its layer is merged into whatever was built on
 * it (its children and, if it is current, the current state), and those are re-parented to its
 * parent. The current state's data never changes (SPEC S4).
 */
export function deleteSnapshot(lab: LabState, a: DeleteSnapshotAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const snap = lookupSnapshot(vm, a.snapshot);
  if (isRefusal(snap)) return { ok: false, refusal: snap };
  if (vm.disk.lost) return refuse('BASE_DISK_LOST', { vm: vm.name });
  const scope = a.scope ?? 'self';
  if (scope !== 'self' && lab.platform !== 'libvirt') {
    return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: scope === 'withChildren' ? '--children' : '--children-only', platform: lab.platform });
  }

  const doomed = scope === 'self' ? [snap.id] : scope === 'withChildren' ? [snap.id, ...descendantsOf(vm, snap.id)] : descendantsOf(vm, snap.id);
  const clones = Object.values(lab.vms)
    .filter((o) => o.linkedFrom?.vm === vm.name && o.linkedFrom.snapshot !== null && doomed.includes(o.linkedFrom.snapshot))
    .map((o) => o.name);
  if (clones.length > 0) return refuse('SNAPSHOT_HAS_LINKED_CLONES', { vm: vm.name, snapshot: snap.name, clones });

  if (lab.platform === 'libvirt') {
    const refused = deleteRefusal(lab, vm, snap, scope);
    if (refused) return refused;
  }

  if (lab.platform === 'virtualbox') {
    // The current state counts as a child: its differencing image is built on the snapshot too.
    const children = childrenOf(vm, snap.id).length;
    if (children > 1) return refuse('SNAPSHOT_HAS_CHILDREN', { vm: vm.name, snapshot: snap.name, count: children });
    if (vm.current === snap.id && children >= 1) return refuse('CURRENT_SNAPSHOT_HAS_CHILD', { vm: vm.name, snapshot: snap.name });
  }

  let next = vm;
  const events: SimEvent[] = [];
  if (scope === 'self') {
    const merged = mergeAway(next, snap);
    next = merged.vm;
    events.push(...merged.events);
    if (snap.location === 'external') {
      const chains = mergeChains(next, snap);
      next = putSnapshots({ ...next, disks: chains.disks }, movedImages(listSnapshots(next), chains.merged, chains.into));
      if (chains.merged.length > 0) events.push(event('OVERLAY_MERGED', vm.name, { files: chains.merged, into: chains.into }));
    }
  } else {
    next = dropSubtree(next, doomed);
    for (const id of doomed) events.push(event('SNAPSHOT_DELETED', vm.name, { snapshot: id, name: getSnapshot(vm, id)!.name, freedBytes: 0 }));
  }
  if (next.current !== vm.current) {
    const from = vm.current === null ? '' : getSnapshot(vm, vm.current)!.name;
    const to = next.current === null ? '' : getSnapshot(next, next.current)!.name;
    events.push(event('CURRENT_SNAPSHOT_CHANGED', vm.name, { from, to }));
  }
  next = foldIfNoSnapshots(next);
  const after = withVm(lab, next);
  const freed = scope === 'self' ? freedByMerge(lab, vm, next, snap) : vmPhysicalBytes(lab, vm) - vmPhysicalBytes(after, next);
  const deleted = events.find((e) => e.code === 'SNAPSHOT_DELETED');
  if (deleted) deleted.params = { ...deleted.params, freedBytes: freed };
  return done(after, events);
}

/** One snapshot out: its layer goes under each child's layer and under the current state's. */
function mergeAway(vm: Vm, snap: Snapshot): { vm: Vm; events: SimEvent[] } {
  const children = childrenOf(vm, snap.id);
  const rebased = children.map((child) => ({ ...child, parent: snap.parent, delta: composeDeltas(snap.delta, child.delta) }));
  const remaining = putSnapshots(removeSnapshots(vm, [snap.id]), rebased);
  const isCurrent = vm.current === snap.id;
  const disk = isCurrent ? { ...vm.disk, delta: composeDeltas(snap.delta, vm.disk.delta) } : vm.disk;
  const mergedInto = [...children.map((c) => c.name), ...(isCurrent ? ['(current state)'] : [])];
  const events: SimEvent[] = [event('SNAPSHOT_DELETED', vm.name, { snapshot: snap.id, name: snap.name, freedBytes: 0 })];
  if (mergedInto.length > 0) events.push(event('SNAPSHOT_MERGED', vm.name, { name: snap.name, into: mergedInto }));
  if (children.length > 0) {
    const parent = snap.parent === null ? '' : getSnapshot(vm, snap.parent)!.name;
    events.push(event('CHILDREN_REPARENTED', vm.name, { children: children.map((c) => c.name), parent }));
  }
  return { vm: { ...remaining, disk, current: isCurrent ? snap.parent : vm.current }, events };
}

/**
 * libvirt `--children` / `--children-only`: whole subtrees go. If the current snapshot was among
 * them, the nearest surviving ancestor becomes current, and the current state's layer is
 * recomputed against it so the data stays the same.
 */
function dropSubtree(vm: Vm, doomed: string[]): Vm {
  const gone = new Set(doomed);
  const kept = removeSnapshots(vm, doomed);
  if (vm.current === null || !gone.has(vm.current)) return kept;
  let current: string | null = vm.current;
  while (current !== null && gone.has(current)) current = getSnapshot(vm, current)!.parent;
  const pruned: Vm = { ...kept, current };
  const under = current === null ? vm.disk.base : snapshotView(pruned, current);
  return { ...pruned, disk: { ...vm.disk, delta: diffViews(under, layeredFiles(vm.disk)) } };
}
