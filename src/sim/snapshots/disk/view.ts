import type { Delta, FileMap, Vm } from '../model/types';
import { pathToRoot } from '../tree/tree';
import { getSnapshot, listSnapshots } from '../model/snapshot-store';

/**
 * Views: what a disk shows at a snapshot. A snapshot stores only its differencing layer, so its
 * view is the base disk with every layer from the root down to it applied in order, exactly as
 * a chain of differencing images is read (SPEC D2).
 */

export function applyDelta(base: FileMap, delta: Delta): FileMap {
  const out: FileMap = { ...base };
  for (const [path, id] of Object.entries(delta)) {
    if (id === null) delete out[path];
    else out[path] = id;
  }
  return out;
}

/** Layer `over` written on top of layer `under` (used when a snapshot is merged away). */
export function composeDeltas(under: Delta, over: Delta): Delta {
  return { ...under, ...over };
}

/** The delta that turns `from` into `to`. */
export function diffViews(from: FileMap, to: FileMap): Delta {
  const delta: Delta = {};
  for (const [path, id] of Object.entries(to)) if (from[path] !== id) delta[path] = id;
  for (const path of Object.keys(from)) if (!(path in to)) delta[path] = null;
  return delta;
}

/**
 * Reads from the snapshot up towards the base, taking each path from the nearest layer that has
 * it: one pass over the layers on the path, no intermediate copies.
 */
export function snapshotView(vm: Vm, snapshotId: string): FileMap {
  const view: FileMap = {};
  const seen = new Set<string>();
  for (const id of pathToRoot(vm, snapshotId)) {
    for (const [path, block] of Object.entries(getSnapshot(vm, id)!.delta)) {
      if (seen.has(path)) continue;
      seen.add(path);
      if (block !== null) view[path] = block;
    }
  }
  for (const [path, block] of Object.entries(vm.disk.base)) if (!seen.has(path)) view[path] = block;
  return view;
}

/** The view under the current state: its current snapshot's, or the base disk. */
export function currentParentView(vm: Vm): FileMap {
  return vm.current === null ? vm.disk.base : snapshotView(vm, vm.current);
}

/** Every snapshot's view, computed top-down once (O(snapshots × files)). */
export function allSnapshotViews(vm: Vm): Record<string, FileMap> {
  const views: Record<string, FileMap> = {};
  const byParent = new Map<string | null, string[]>();
  for (const snap of listSnapshots(vm)) {
    const list = byParent.get(snap.parent) ?? [];
    list.push(snap.id);
    byParent.set(snap.parent, list);
  }
  const stack: Array<{ id: string; under: FileMap }> = (byParent.get(null) ?? []).map((id) => ({
    id,
    under: vm.disk.base,
  }));
  while (stack.length > 0) {
    const { id, under } = stack.pop()!;
    const view = applyDelta(under, getSnapshot(vm, id)!.delta);
    views[id] = view;
    for (const child of byParent.get(id) ?? []) stack.push({ id: child, under: view });
  }
  return views;
}

export function sameView(a: FileMap, b: FileMap): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
