import type { Snapshot, SnapshotStore, Vm } from './types';

/**
 * A VM's snapshots, in buckets of consecutive ids: adding or removing one copies a bucket, not
 * every snapshot, so a VM with hundreds of snapshots still steps in microseconds. Everything
 * outside this file goes through these functions.
 */

const BUCKET = 32;

/*
 * Snapshot ids are `s<seq>`: snapshot n sits in slot n % 32 of bucket ⌊n / 32⌋ (arrays, with
 * null for a free slot or an emptied bucket), so walking the buckets visits snapshots in creation
 * order. Anything else (a name, a UUID) lands in no slot.
 */
function slotOf(id: string): [bucket: number, slot: number] | null {
  const n = Number(id.slice(1));
  return id.startsWith('s') && Number.isSafeInteger(n) && n >= 0 ? [Math.floor(n / BUCKET), n % BUCKET] : null;
}

export function getSnapshot(vm: Pick<Vm, 'snapshots'>, id: string): Snapshot | undefined {
  const at = slotOf(id);
  return at ? (vm.snapshots[at[0]]?.[at[1]] ?? undefined) : undefined;
}

/*
 * Derived lists are cached per store object. The store is never mutated (every change makes a
 * new one), so a cached list can never go stale; the cache lives outside the state, which stays
 * plain JSON.
 */
const inOrder = new WeakMap<SnapshotStore, readonly Snapshot[]>();
const byParent = new WeakMap<SnapshotStore, ReadonlyMap<string | null, readonly Snapshot[]>>();
const byName = new WeakMap<SnapshotStore, ReadonlyMap<string, readonly Snapshot[]>>();
const byUuid = new WeakMap<SnapshotStore, ReadonlyMap<string, Snapshot>>();

/** Every snapshot, in creation order (shared: do not mutate). */
export function listSnapshots(vm: Pick<Vm, 'snapshots'>): readonly Snapshot[] {
  let list = inOrder.get(vm.snapshots);
  if (!list) {
    const out: Snapshot[] = [];
    for (const bucket of vm.snapshots) if (bucket) for (const s of bucket) if (s) out.push(s);
    list = Object.freeze(out);
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

/** The snapshot with this UUID, if any. */
export function snapshotWithUuid(vm: Pick<Vm, 'snapshots'>, uuid: string): Snapshot | undefined {
  let index = byUuid.get(vm.snapshots);
  if (!index) {
    index = new Map(listSnapshots(vm).map((s) => [s.uuid, s]));
    byUuid.set(vm.snapshots, index);
  }
  return index.get(uuid);
}

export function hasSnapshots(vm: Pick<Vm, 'snapshots'>): boolean {
  return vm.snapshots.some((bucket) => bucket !== null);
}

export function snapshotCount(vm: Pick<Vm, 'snapshots'>): number {
  return listSnapshots(vm).length;
}

/** Adds or replaces snapshots. */
export function putSnapshots(vm: Vm, snaps: Snapshot[]): Vm {
  if (snaps.length === 0) return vm;
  const store: SnapshotStore = vm.snapshots.slice();
  const copied = new Set<number>();
  for (const s of snaps) {
    const at = slotOf(s.id);
    if (!at) throw new RangeError(`snapshot id "${s.id}" is not of the form s<number>`);
    const [key, slot] = at;
    while (store.length <= key) store.push(null);
    if (!copied.has(key)) {
      store[key] = store[key]?.slice() ?? [];
      copied.add(key);
    }
    const bucket = store[key]!;
    while (bucket.length < slot) bucket.push(null);
    bucket[slot] = s;
  }
  return { ...vm, snapshots: store };
}

export function removeSnapshots(vm: Vm, ids: string[]): Vm {
  if (ids.length === 0) return vm;
  const store: SnapshotStore = vm.snapshots.slice();
  const copied = new Set<number>();
  for (const id of ids) {
    const at = slotOf(id);
    if (!at || !store[at[0]]?.[at[1]]) continue;
    const [key, slot] = at;
    if (!copied.has(key)) {
      store[key] = store[key]!.slice();
      copied.add(key);
    }
    const bucket = store[key]!;
    bucket[slot] = null;
    if (bucket.every((x) => x === null)) store[key] = null;
  }
  while (store.length > 0 && store[store.length - 1] === null) store.pop();
  return { ...vm, snapshots: store };
}
