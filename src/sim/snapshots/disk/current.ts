import type { LabState, Vm } from '../model/types';
import { addBlock } from './blocks';
import { hasSnapshots } from '../model/snapshot-store';

/**
 * Writing to the current state. New data always goes to the current state's own layer
 * (its differencing image); snapshots below it are never touched (SPEC D1).
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
  for (const path of removals) {
    delete files[path];
    delta[path] = null;
  }
  for (const w of writes) {
    const added = addBlock(store, w.content, w.size);
    store = added.store;
    files[w.path] = added.id;
    delta[w.path] = added.id;
  }
  const next = foldIfNoSnapshots({ ...vm, disk: { ...vm.disk, files, delta } });
  return { lab: withVm({ ...lab, store }, next), vm: next };
}

/**
 * Without snapshots a disk is a single image: writes land in the base disk itself, and
 * deleting the last snapshot merges everything back into it (SPEC D3). A linked clone keeps
 * its own layer, because its base belongs to the source.
 */
export function foldIfNoSnapshots(vm: Vm): Vm {
  if (vm.linkedFrom || hasSnapshots(vm) || Object.keys(vm.disk.delta).length === 0) return vm;
  return { ...vm, disk: { ...vm.disk, base: vm.disk.files, delta: {} } };
}
