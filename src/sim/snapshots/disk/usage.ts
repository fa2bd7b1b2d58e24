import type { FileMap, LabState, Vm } from '../model/types';
import { blockSize } from './blocks';
import { allSnapshotViews } from './view';

/**
 * Copy-on-write accounting (SPEC D1-D4). The host keeps every block that some point in time
 * still shows: the current state or any snapshot. So:
 * - `uniqueBytes` of a snapshot: blocks only it still shows, i.e. what deleting it frees
 *   (the "used" of a ZFS snapshot);
 * - `layerBytes`: the data written between its parent and it (its differencing layer).
 * A fresh snapshot has 0 unique bytes; they grow as the current state overwrites what it saw.
 */

export interface SnapshotUsage {
  id: string;
  layerBytes: number;
  uniqueBytes: number;
}

export interface DiskUsage {
  vm: string;
  /** What the guest sees: the size of its current file system. */
  logicalBytes: number;
  /** The base disk as created (for a linked clone: the source data it reads through). */
  baseBytes: number;
  /** The current state's own layer: what changed since the current snapshot. */
  currentLayerBytes: number;
  /** Bytes only snapshots still hold: what deleting every snapshot would free. */
  snapshotBytes: number;
  /** Bytes this VM occupies on the host, every block counted once. */
  physicalBytes: number;
  /** Bytes a linked clone reads from its source instead of owning (0 otherwise). */
  sharedWithSourceBytes: number;
  perSnapshot: Record<string, SnapshotUsage>;
}

function sumDistinct(lab: LabState, ids: Iterable<string | null>, exclude?: Set<string>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const id of ids) {
    if (id === null || seen.has(id) || exclude?.has(id)) continue;
    seen.add(id);
    total += blockSize(lab.store, id);
  }
  return total;
}

const idsOf = (views: FileMap[]): string[] => views.flatMap((v) => Object.values(v));

/** A linked clone's base blocks belong to its source. */
const borrowed = (vm: Vm): Set<string> | undefined => (vm.linkedFrom ? new Set(Object.values(vm.disk.base)) : undefined);

export function vmPhysicalBytes(lab: LabState, vm: Vm): number {
  return sumDistinct(lab, idsOf([vm.disk.files, ...Object.values(allSnapshotViews(vm))]), borrowed(vm));
}

export function diskUsage(lab: LabState, vmName: string): DiskUsage | null {
  const vm = lab.vms[vmName];
  if (!vm) return null;
  const views = allSnapshotViews(vm);
  // How many points in time (snapshots, current state, linked clones' bases) show each block.
  const refs = new Map<string, number>();
  const count = (view: FileMap): void => {
    for (const id of new Set(Object.values(view))) refs.set(id, (refs.get(id) ?? 0) + 1);
  };
  for (const v of Object.values(views)) count(v);
  count(vm.disk.files);
  for (const other of Object.values(lab.vms)) if (other.linkedFrom?.vm === vm.name) count(other.disk.base);

  const perSnapshot: Record<string, SnapshotUsage> = {};
  for (const s of Object.values(vm.snapshots)) {
    perSnapshot[s.id] = {
      id: s.id,
      layerBytes: sumDistinct(lab, Object.values(s.delta)),
      uniqueBytes: sumDistinct(lab, Object.values(views[s.id] ?? {}).filter((id) => refs.get(id) === 1)),
    };
  }
  const current = new Set(Object.values(vm.disk.files));
  const shared = borrowed(vm);
  const baseBytes = sumDistinct(lab, Object.values(vm.disk.base));
  return {
    vm: vm.name,
    logicalBytes: sumDistinct(lab, current),
    baseBytes,
    currentLayerBytes: sumDistinct(lab, Object.values(vm.disk.delta)),
    snapshotBytes: sumDistinct(lab, idsOf(Object.values(views)), new Set([...current, ...(shared ?? [])])),
    physicalBytes: vmPhysicalBytes(lab, vm),
    sharedWithSourceBytes: shared ? baseBytes : 0,
    perSnapshot,
  };
}

/** Bytes all disks of the lab occupy on the host, shared blocks counted once. */
export function labPhysicalBytes(lab: LabState): number {
  return sumDistinct(
    lab,
    Object.values(lab.vms).flatMap((vm) => idsOf([vm.disk.files, ...Object.values(allSnapshotViews(vm))])),
  );
}
