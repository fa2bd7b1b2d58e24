import type { Snapshot, Vm } from '../model/types';
import { getSnapshot, listSnapshots, snapshotChildren, snapshotWithUuid, snapshotsNamed } from '../model/snapshot-store';

/** Queries over a VM's snapshot tree. Parent pointers are the only structure stored (SPEC T1). */

/** Snapshots in creation order. */
export function snapshotsInOrder(vm: Vm): readonly Snapshot[] {
  return listSnapshots(vm);
}

/** Children in creation order; `null` gives the roots. */
export function childrenOf(vm: Vm, id: string | null): readonly Snapshot[] {
  return snapshotChildren(vm, id);
}

/** [id, parent, grandparent, …, root]. Stops at a missing parent rather than looping. */
export function pathToRoot(vm: Vm, id: string): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let cur: string | null = id;
  while (cur !== null && getSnapshot(vm, cur) && !seen.has(cur)) {
    seen.add(cur);
    path.push(cur);
    cur = getSnapshot(vm, cur)!.parent;
  }
  return path;
}

/** Every snapshot below `id`, not including it. */
export function descendantsOf(vm: Vm, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const child of childrenOf(vm, cur)) {
      out.push(child.id);
      stack.push(child.id);
    }
  }
  return out;
}

/** How many differencing layers a read of the current state may pass through (SPEC W1). */
export function chainLength(vm: Vm): number {
  return vm.current === null ? 0 : pathToRoot(vm, vm.current).length;
}

/** The newest existing snapshot (ZFS's "most recent", SPEC P3). */
export function mostRecentSnapshot(vm: Vm): Snapshot | undefined {
  const all = snapshotsInOrder(vm);
  return all[all.length - 1];
}

/** Depth-first, children in creation order: the order VirtualBox searches names in. */
export function preorder(vm: Vm): Snapshot[] {
  const out: Snapshot[] = [];
  const visit = (s: Snapshot): void => {
    out.push(s);
    for (const c of childrenOf(vm, s.id)) visit(c);
  };
  for (const root of childrenOf(vm, null)) visit(root);
  return out;
}

/**
 * A snapshot as a user or an action names it: by UUID, then by name. Names need not be unique on
 * VirtualBox; like `IMachine::findSnapshot` the first match in a depth-first walk wins (SPEC V6).
 * Internal ids are never matched: they are not something a user types, and an id such as `s2`
 * would shadow a snapshot *named* "s2" (SPEC T3).
 */
export function findSnapshot(vm: Vm, ref: string): Snapshot | undefined {
  return snapshotWithUuid(vm, ref) ?? findSnapshotByName(vm, ref);
}

/** By name only, as virsh and qm look snapshots up (neither takes a UUID). */
export function findSnapshotByName(vm: Vm, name: string): Snapshot | undefined {
  const named = snapshotsNamed(vm, name);
  if (named.length <= 1) return named[0];
  return preorder(vm).find((s) => s.name === name);
}

export function snapshotNames(vm: Vm): string[] {
  return preorder(vm).map((s) => s.name);
}
