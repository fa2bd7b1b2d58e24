import type { Snapshot, SnapshotStore, Vm } from './types';

/**
 * A VM's snapshots, in buckets of consecutive ids: adding or removing one copies a bucket, not
 * every snapshot, so a VM with hundreds of snapshots still steps in microseconds. Everything
 * outside this file goes through these functions.
 */

const BUCKET = 32;

/** Snapshot ids are `s<seq>`; anything else (a name, a UUID) lands in no bucket. */
const bucketOf = (id: string): string => String(Math.floor(Number(id.slice(1)) / BUCKET));

export function getSnapshot(vm: Pick<Vm, 'snapshots'>, id: string): Snapshot | undefined {
  return vm.snapshots[bucketOf(id)]?.[id];
}

/*
 * Derived lists are cached per store object. The store is never mutated (every change makes a
 * new one), so a cached list can never go stale; the cache lives outside the state, which stays
 * plain JSON.
 */
const inOrder = new WeakMap<SnapshotStore, readonly Snapshot[]>();
const byParent = new WeakMap<SnapshotStore, ReadonlyMap<string | null, readonly Snapshot[]>>();
const byName = new WeakMap<SnapshotStore, ReadonlyMap<string, readonly Snapshot[]>>();
const byLayer = new WeakMap<SnapshotStore, LayerIndex>();

/** Every snapshot, in creation order (shared: do not mutate). */
export function listSnapshots(vm: Pick<Vm, 'snapshots'>): readonly Snapshot[] {
  let list = inOrder.get(vm.snapshots);
  if (!list) {
    const out: Snapshot[] = [];
    for (const bucket of Object.values(vm.snapshots)) for (const s of Object.values(bucket)) out.push(s);
    list = Object.freeze(out.sort((a, b) => a.seq - b.seq));
    inOrder.set(vm.snapshots, list);
  }
  return list;
}

/** The children of a snapshot (or the roots, for `null`), in creation order. */
export function snapshotChildren(vm: Pick<Vm, 'snapshots'>, parent: string | null): readonly Snapshot[] {
  let index = byParent.get(vm.snapshots);
  if (!index) {
    const map = new Map<string | null, Snapshot[]>();
    for (const s of listSnapshots(vm)) {
      const list = map.get(s.parent);
      if (list) list.push(s);
      else map.set(s.parent, [s]);
    }
    index = map;
    byParent.set(vm.snapshots, index);
  }
  return index.get(parent) ?? [];
}

/** Snapshots with this name (several on VirtualBox), in creation order. */
export function snapshotsNamed(vm: Pick<Vm, 'snapshots'>, name: string): readonly Snapshot[] {
  let index = byName.get(vm.snapshots);
  if (!index) {
    const map = new Map<string, Snapshot[]>();
    for (const s of listSnapshots(vm)) {
      const list = map.get(s.name);
      if (list) list.push(s);
      else map.set(s.name, [s]);
    }
    index = map;
    byName.set(vm.snapshots, index);
  }
  return index.get(name) ?? [];
}

export interface LayerIndex {
  /** path → block ids some snapshot layer writes there. */
  blocks: ReadonlyMap<string, ReadonlySet<string>>;
  /** path → how many top-level snapshots override it (hiding the base disk's block). */
  rootsOverriding: ReadonlyMap<string, number>;
  roots: number;
}

/** Which blocks the snapshot layers hold, by path: answers "is this block still shown?" in O(1). */
export function layerIndex(vm: Pick<Vm, 'snapshots'>): LayerIndex {
  let index = byLayer.get(vm.snapshots);
  if (!index) {
    const blocks = new Map<string, Set<string>>();
    const rootsOverriding = new Map<string, number>();
    let roots = 0;
    for (const s of listSnapshots(vm)) {
      for (const [path, id] of Object.entries(s.delta)) {
        if (id !== null) {
          const set = blocks.get(path);
          if (set) set.add(id);
          else blocks.set(path, new Set([id]));
        }
        if (s.parent === null) rootsOverriding.set(path, (rootsOverriding.get(path) ?? 0) + 1);
      }
      if (s.parent === null) roots++;
    }
    index = { blocks, rootsOverriding, roots };
    byLayer.set(vm.snapshots, index);
  }
  return index;
}

export function hasSnapshots(vm: Pick<Vm, 'snapshots'>): boolean {
  for (const key in vm.snapshots) if (key) return true;
  return false;
}

export function snapshotCount(vm: Pick<Vm, 'snapshots'>): number {
  let n = 0;
  for (const bucket of Object.values(vm.snapshots)) n += Object.keys(bucket).length;
  return n;
}

/** Adds or replaces snapshots. */
export function putSnapshots(vm: Vm, snaps: Snapshot[]): Vm {
  if (snaps.length === 0) return vm;
  const store: SnapshotStore = { ...vm.snapshots };
  const copied = new Set<string>();
  for (const s of snaps) {
    const key = bucketOf(s.id);
    if (!copied.has(key)) {
      store[key] = { ...(store[key] ?? {}) };
      copied.add(key);
    }
    store[key]![s.id] = s;
  }
  return { ...vm, snapshots: store };
}

export function removeSnapshots(vm: Vm, ids: string[]): Vm {
  if (ids.length === 0) return vm;
  const store: SnapshotStore = { ...vm.snapshots };
  for (const id of ids) {
    const key = bucketOf(id);
    const bucket = store[key];
    if (!bucket?.[id]) continue;
    const next: Record<string, Snapshot> = {};
    for (const [k, s] of Object.entries(bucket)) if (k !== id) next[k] = s;
    if (Object.keys(next).length === 0) delete store[key];
    else store[key] = next;
  }
  return { ...vm, snapshots: store };
}
