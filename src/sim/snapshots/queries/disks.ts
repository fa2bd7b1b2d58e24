import { blockSize } from '../disk/blocks';
import { diskIndexOf, isLayered } from '../disk/layout';
import type { DiskUsage } from '../disk/usage';
import { diskTarget, guestDevice } from '../model/naming';
import { listSnapshots } from '../model/snapshot-store';
import type { DiskMode, LabState, Vm } from '../model/types';

/** One attached disk as a view or a console shows it (SPEC D6, V10, L9). */
export interface DiskSummary {
  index: number;
  /** How the host tool names the slot: `SATA (1, 0)`, `vdb`, `scsi1`. */
  target: string;
  /** The guest's device, e.g. `/dev/sdb`. */
  device: string;
  mount: string;
  mode: DiskMode;
  capacity: number;
  /** What the guest sees on this disk now. */
  usedBytes: number;
  /** Snapshots capture and restore this disk. */
  inSnapshots: boolean;
  volume: string;
  /** The image the VM writes to, then its backing files down to `volume` (libvirt). */
  chain: string[];
  /** Bytes in the image the VM writes to now: the active overlay, or the whole disk when it has none. */
  activeBytes: number;
  /** Bytes each image of `chain` holds, in the same order. */
  chainBytes: number[];
}

/**
 * What one image of a disk's backing chain holds (libvirt, SPEC L9): the base image holds the data
 * from before any snapshot; every other file holds the layers written while it was the top image,
 * which are the layers of the snapshots that recorded it as their top, and the current layer if
 * the VM writes to it now. Internal snapshots live inside the image that was on top.
 */
export function imageBytes(lab: LabState, vm: Vm, index: number, file: string): number {
  const disk = vm.disks[index]!;
  const seen = new Set<string>();
  let total = 0;
  const add = (map: Record<string, string | null>): void => {
    for (const path in map) {
      const id = map[path];
      if (id === null || id === undefined || seen.has(id) || diskIndexOf(vm.disks, path) !== index) continue;
      seen.add(id);
      total += blockSize(lab.store, id);
    }
  };
  if (file === disk.volume) add(vm.disk.base);
  for (const s of listSnapshots(vm)) if ((s.images?.[index] ?? disk.volume) === file) add(s.delta);
  if (disk.chain[0] === file) add(vm.disk.delta);
  return total;
}

/** Bytes in the image the VM writes to now: the active overlay, or the whole disk without one. */
export function activeImageBytes(lab: LabState, vm: Vm, index: number, usage: DiskUsage): number {
  const disk = vm.disks[index]!;
  return disk.chain.length === 1 ? (usage.perDisk[index]?.physicalBytes ?? 0) : imageBytes(lab, vm, index, disk.chain[0]!);
}

export function diskSummaries(lab: LabState, vm: Vm, usage: DiskUsage): DiskSummary[] {
  return vm.disks.map((d, i) => ({
    index: i,
    target: diskTarget(lab.platform, i),
    device: guestDevice(lab.platform, i),
    mount: d.mount,
    mode: d.mode,
    capacity: d.capacity,
    usedBytes: usage.perDisk[i]?.logicalBytes ?? 0,
    inSnapshots: isLayered(d.mode),
    volume: d.volume,
    chain: d.chain,
    activeBytes: activeImageBytes(lab, vm, i, usage),
    chainBytes: d.chain.length === 1 ? [activeImageBytes(lab, vm, i, usage)] : d.chain.map((f) => imageBytes(lab, vm, i, f)),
  }));
}
