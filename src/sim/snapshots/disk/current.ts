import type { Delta, FileMap, LabState, Vm } from '../model/types';
import { addBlock } from './blocks';
import { allLayered, diskIndexOf, isDirectPath } from './layout';
import { hasSnapshots } from '../model/snapshot-store';

/**
 * Writing to the current state. New data always goes to the current state's own layer
 * (its differencing image); snapshots below it are never touched (SPEC D1). Files on disks that
 * snapshots leave out go straight to those disks (SPEC V10).
 */

export interface FileWrite {
  path: string;
  content: string;
  size?: number;
}

export function withVm(lab: LabState, vm: Vm): LabState {
  return { ...lab, vms: { ...lab.vms, [vm.name]: vm } };
}

export function writeCurrent(lab: LabState, vm: Vm, writes: FileWrite[], removals: string[] = []): { lab: LabState; vm: Vm } {
  let store = lab.store;
  const files = { ...vm.disk.files };
  const delta = { ...vm.disk.delta };
  const mixed = !allLayered(vm.disks);
  let direct = vm.disk.direct;
  const directCopy = (): FileMap => (direct === vm.disk.direct ? (direct = { ...direct }) : direct);
  for (const path of removals) {
    delete files[path];
    if (mixed && isDirectPath(vm.disks, path)) delete directCopy()[path];
    else delta[path] = null;
  }
  for (const w of writes) {
    const added = addBlock(store, w.content, w.size);
    store = added.store;
    files[w.path] = added.id;
    if (mixed && isDirectPath(vm.disks, w.path)) directCopy()[w.path] = added.id;
    else delta[w.path] = added.id;
  }
  const next = foldIfNoSnapshots({ ...vm, disk: { ...vm.disk, files, delta, direct } });
  return { lab: withVm({ ...lab, store }, next), vm: next };
}

/**
 * Without snapshots a normal disk is a single image: writes land in the base disk itself, and
 * deleting the last snapshot merges everything back into it (SPEC D3). A linked clone keeps its
 * own layer, because its base belongs to the source; so do immutable and multi-attach disks,
 * whose base images VirtualBox never writes (SPEC V11-V12).
 */
export function foldIfNoSnapshots(vm: Vm): Vm {
  if (vm.linkedFrom || hasSnapshots(vm)) return vm;
  const { delta } = vm.disk;
  let changed = false;
  for (const _ in delta) {
    changed = true;
    break;
  }
  if (!changed) return vm;
  if (!vm.disks.some((d) => d.mode === 'immutable' || d.mode === 'multiattach')) {
    return { ...vm, disk: { ...vm.disk, base: layeredBase(vm), delta: {} } };
  }
  // Fold only the paths of disks that write to their own image.
  const base: FileMap = { ...vm.disk.base };
  const kept: Delta = {};
  for (const path in delta) {
    const mode = vm.disks[diskIndexOf(vm.disks, path)]!.mode;
    if (mode === 'immutable' || mode === 'multiattach') {
      kept[path] = delta[path]!;
      continue;
    }
    const id = delta[path]!;
    if (id === null) delete base[path];
    else base[path] = id;
  }
  return { ...vm, disk: { ...vm.disk, base, delta: kept } };
}

/** Without snapshots and with every layered disk normal, the base is the current files minus the direct ones. */
function layeredBase(vm: Vm): FileMap {
  const { files, direct } = vm.disk;
  for (const _ in direct) {
    const out: FileMap = {};
    for (const p in files) if (!(p in direct)) out[p] = files[p]!;
    return out;
  }
  return files;
}
