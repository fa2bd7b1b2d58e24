import type { Block, BlockStore, LabState } from '../model/types';
import { listSnapshots } from '../model/snapshot-store';

/**
 * The block store: every version of every file is one immutable block, referenced by id from
 * base disks, differencing layers and current states. Sharing ids is what makes a snapshot
 * cost nothing until the data diverges (SPEC D1), and keeps memory proportional to what
 * changed rather than to the number of snapshots (SPEC D5).
 */

const BUCKET = 64;
/** Garbage the store may hold beyond twice its live size before a sweep. */
const SWEEP_SLACK = 1024;

/*
 * Block ids are `b<n>`; block n sits in slot n % 64 of bucket ⌊n / 64⌋. Buckets are arrays (a
 * freed slot is null, an emptied bucket is null) rather than objects keyed by id: copying an
 * array is a flat copy, while an object that gains a never-seen key on every write makes the
 * JavaScript engine build a new hidden class each time (measured: a third of a write's cost).
 */
function slotOf(id: string): [bucket: number, slot: number] | null {
  const n = Number(id.slice(1));
  return id.startsWith('b') && Number.isSafeInteger(n) && n > 0 ? [Math.floor(n / BUCKET), n % BUCKET] : null;
}

export function emptyStore(): BlockStore {
  return { buckets: [], next: 1, count: 0, live: 0 };
}

export function getBlock(store: BlockStore, id: string): Block | undefined {
  const at = slotOf(id);
  return at ? (store.buckets[at[0]]?.[at[1]] ?? undefined) : undefined;
}

export function blockSize(store: BlockStore, id: string): number {
  return getBlock(store, id)?.size ?? 0;
}

export function blockContent(store: BlockStore, id: string): string {
  return getBlock(store, id)?.content ?? '';
}

const encoder = new TextEncoder();

/** Bytes a text file occupies: its length, at least one byte once it exists. */
export function textSize(content: string): number {
  return Math.max(1, encoder.encode(content).length);
}

/** Adds one block; copies only the bucket it lands in (and the short list of buckets). */
export function addBlock(store: BlockStore, content: string, size?: number): { store: BlockStore; id: string } {
  const n = store.next;
  const key = Math.floor(n / BUCKET);
  const bucket = store.buckets[key]?.slice() ?? [];
  while (bucket.length < n % BUCKET) bucket.push(null);
  bucket[n % BUCKET] = { content, size: size ?? textSize(content) };
  const buckets = store.buckets.slice();
  while (buckets.length < key) buckets.push(null);
  buckets[key] = bucket;
  return { id: `b${n}`, store: { buckets, next: n + 1, count: store.count + 1, live: store.live } };
}

/** Every block id some disk of some VM can still reach. */
export function referencedBlocks(lab: LabState): Set<string> {
  const refs = new Set<string>();
  const addAll = (map: Record<string, string | null>): void => {
    for (const id of Object.values(map)) if (id !== null) refs.add(id);
  };
  for (const vm of Object.values(lab.vms)) {
    addAll(vm.disk.base);
    addAll(vm.disk.files);
    addAll(vm.disk.delta);
    addAll(vm.disk.direct);
    for (const snap of listSnapshots(vm)) addAll(snap.delta);
  }
  return refs;
}

/** Drops unreachable blocks. Amortised: only when the store has doubled since the last sweep. */
export function sweepIfDue(lab: LabState): LabState {
  const { store } = lab;
  if (store.count <= 2 * store.live + SWEEP_SLACK) return lab;
  return sweep(lab);
}

export function sweep(lab: LabState): LabState {
  const refs = referencedBlocks(lab);
  let count = 0;
  const buckets = lab.store.buckets.map((bucket, key) => {
    if (!bucket) return null;
    let changed = false;
    let kept = 0;
    const next = bucket.map((block, slot) => {
      if (block === null) return null;
      if (refs.has(`b${key * BUCKET + slot}`)) {
        kept++;
        return block;
      }
      changed = true;
      return null;
    });
    count += kept;
    return kept === 0 ? null : changed ? next : bucket;
  });
  return { ...lab, store: { buckets, next: lab.store.next, count, live: count } };
}
