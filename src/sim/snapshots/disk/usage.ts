import type { LabState, Vm } from '../model/types';
import { blockSize } from './blocks';
import { allSnapshotViews } from './view';

/**
 * Copy-on-write accounting (SPEC D1-D4). Two numbers per snapshot:
 * - `layerBytes`: the data written between its parent and it (its differencing layer);
 * - `uniqueBytes`: the data only it still holds, i.e. what deleting it frees (ZFS "used").
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
  /** The base disk (for a linked clone: the source's snapshot it reads through). */
  baseBytes: number;
  /** The current state's own layer: changes since the current snapshot. */
  currentLayerBytes: number;
  /** All snapshot layers together. */
  snapshotBytes: number;
  /** Bytes this VM's disks occupy on the host, each block counted once. */
  physicalBytes: number;
  /** Base bytes a linked clone shares with its source instead of owning (0 otherwise). */
  sharedWithSourceBytes: number;
  perSnapshot: Record<string, SnapshotUsage>;
}

function sumDistinct(lab: LabState, ids: Iterable<string | null>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const id of ids) {
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    total += blockSize(lab.store, id);
  }
  return total;
}

/** Blocks this VM's own layers hold (its base too, unless it borrows it as a linked clone). */
function ownBlockIds(vm: Vm): Array<string | null> {
  const ids: Array<string | null> = [];
  if (!vm.linkedFrom) ids.push(...Object.values(vm.disk.base));
  ids.push(...Object.values(vm.disk.delta));
  for (const s of Object.values(vm.snapshots)) ids.push(...Object.values(s.delta));
  return ids;
}

export function vmPhysicalBytes(lab: LabState, vm: Vm): number {
  return sumDistinct(lab, ownBlockIds(vm));
}

export function diskUsage(lab: LabState, vmName: string): DiskUsage | null {
  const vm = lab.vms[vmName];
  if (!vm) return null;
  const views = allSnapshotViews(vm);
  // How many views (snapshots, current state, linked clones' bases) still see each block.
  const refs = new Map<string, number>();
  const count = (view: Record<string, string>): void => {
    for (const id of new Set(Object.values(view))) refs.set(id, (refs.get(id) ?? 0) + 1);
  };
  for (const v of Object.values(views)) count(v);
  count(vm.disk.files);
  for (const other of Object.values(lab.vms)) if (other.linkedFrom?.vm === vm.name) count(other.disk.base);

  const perSnapshot: Record<string, SnapshotUsage> = {};
  for (const s of Object.values(vm.snapshots)) {
    const unique = Object.values(views[s.id] ?? {}).filter((id) => refs.get(id) === 1);
    perSnapshot[s.id] = {
      id: s.id,
      layerBytes: sumDistinct(lab, Object.values(s.delta)),
      uniqueBytes: sumDistinct(lab, unique),
    };
  }
  const baseBytes = sumDistinct(lab, Object.values(vm.disk.base));
  return {
    vm: vm.name,
    logicalBytes: sumDistinct(lab, Object.values(vm.disk.files)),
    baseBytes,
    currentLayerBytes: sumDistinct(lab, Object.values(vm.disk.delta)),
    snapshotBytes: sumDistinct(
      lab,
      Object.values(vm.snapshots).flatMap((s) => Object.values(s.delta)),
    ),
    physicalBytes: vmPhysicalBytes(lab, vm),
    sharedWithSourceBytes: vm.linkedFrom ? baseBytes : 0,
    perSnapshot,
  };
}

/** Bytes all disks of the lab occupy on the host, shared blocks counted once. */
export function labPhysicalBytes(lab: LabState): number {
  return sumDistinct(
    lab,
    Object.values(lab.vms).flatMap((vm) => ownBlockIds(vm)),
  );
}
