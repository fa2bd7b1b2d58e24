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

/** Every snapshot, in no particular order (cheapest: for sums, searches and checks). */
export function eachSnapshot(vm: Pick<Vm, 'snapshots'>): Snapshot[] {
  const out: Snapshot[] = [];
  for (const bucket of Object.values(vm.snapshots)) for (const s of Object.values(bucket)) out.push(s);
  return out;
}

/** Every snapshot, in creation order. */
export function listSnapshots(vm: Pick<Vm, 'snapshots'>): Snapshot[] {
  return eachSnapshot(vm).sort((a, b) => a.seq - b.seq);
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
