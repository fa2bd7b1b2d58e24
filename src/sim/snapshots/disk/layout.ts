import type { AttachedDisk, Disk, DiskMode, FileMap, Vm } from '../model/types';
import { LAYERED_MODES } from '../model/types';

/**
 * Which disk holds which file (SPEC D6). The guest sees one file system; every path lives on the
 * disk whose mount point is the longest one containing it, the system disk (`/`) holding the rest.
 */

const within = (path: string, mount: string): boolean => mount === '/' || path === mount || path.startsWith(`${mount}/`);

export function diskIndexOf(disks: readonly AttachedDisk[], path: string): number {
  if (disks.length === 1) return 0;
  let best = 0;
  let bestLength = 0;
  disks.forEach((d, i) => {
    if (d.mount.length > bestLength && within(path, d.mount)) {
      best = i;
      bestLength = d.mount.length;
    }
  });
  return best;
}

/** Snapshots capture and restore this disk (normal, immutable, multi-attach). */
export const isLayered = (mode: DiskMode): boolean => LAYERED_MODES.includes(mode);

/** Every disk is snapshotted and written through layers: the common, fast case. */
export const allLayered = (disks: readonly AttachedDisk[]): boolean => disks.every((d) => isLayered(d.mode));

/** Does this path live on a disk that snapshots leave out (write-through, shareable)? */
export function isDirectPath(disks: readonly AttachedDisk[], path: string): boolean {
  return !allLayered(disks) && !isLayered(disks[diskIndexOf(disks, path)]!.mode);
}

/** The current files that snapshots track: everything but the write-through disks' files. */
export function layeredFiles(disk: Disk): FileMap {
  let empty = true;
  for (const _ in disk.direct) {
    empty = false;
    break;
  }
  if (empty) return disk.files;
  const out: FileMap = {};
  for (const path in disk.files) if (!(path in disk.direct)) out[path] = disk.files[path]!;
  return out;
}

/** A snapshot's view plus the write-through disks as they are now: what a restore leaves. */
export function withDirect(view: FileMap, disk: Disk): FileMap {
  for (const _ in disk.direct) return { ...view, ...disk.direct };
  return view;
}

/** The system disk's image: what refusals quote (`local-zfs:vm-100-disk-0`, `web01.vdi`). */
/** The system disk's image; a VM without disks (a new one from the VM builder) has none: "". */
export const systemVolume = (vm: Pick<Vm, 'disks'>): string => vm.disks[0]?.volume ?? '';

/** Disks snapshots leave out (write-through, shareable, SPEC V10), for events: their mount points and modes. */
export function keptDirect(vm: Pick<Vm, 'disks'>): { disks: string[]; modes: string[] } {
  const kept = vm.disks.filter((d) => !isLayered(d.mode));
  return { disks: kept.map((d) => d.mount), modes: kept.map((d) => d.mode) };
}
