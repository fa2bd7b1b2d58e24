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

const bucketOf = (id: string): string => String(Math.floor(Number(id.slice(1)) / BUCKET));

export function emptyStore(): BlockStore {
  return { buckets: {}, next: 1, count: 0, live: 0 };
}

export function getBlock(store: BlockStore, id: string): Block | undefined {
  return store.buckets[bucketOf(id)]?.[id];
}

export function blockSize(store: BlockStore, id: string): number {
  return getBlock(store, id)?.size ?? 0;
}

export function blockContent(store: BlockStore, id: string): string {
  return getBlock(store, id)?.content ?? '';
}

/** Bytes a text file occupies: its length, at least one byte once it exists. */
export function textSize(content: string): number {
  return Math.max(1, new TextEncoder().encode(content).length);
}

/** Adds one block; copies only the bucket it lands in. */
export function addBlock(store: BlockStore, content: string, size?: number): { store: BlockStore; id: string } {
  const id = `b${store.next}`;
  const key = bucketOf(id);
  const bucket = { ...(store.buckets[key] ?? {}), [id]: { content, size: size ?? textSize(content) } };
  return {
    id,
    store: { buckets: { ...store.buckets, [key]: bucket }, next: store.next + 1, count: store.count + 1, live: store.live },
  };
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
  const buckets: Record<string, Record<string, Block>> = {};
  let count = 0;
  for (const [key, bucket] of Object.entries(lab.store.buckets)) {
    let kept: Record<string, Block> | null = null;
    let changed = false;
    for (const [id, block] of Object.entries(bucket)) {
      if (refs.has(id)) {
        (kept ??= {})[id] = block;
        count++;
      } else changed = true;
    }
    if (kept) buckets[key] = changed ? kept : bucket;
  }
  return { ...lab, store: { buckets, next: lab.store.next, count, live: count } };
}
