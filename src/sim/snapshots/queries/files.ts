import { ownValue } from '../../core/own';
import { blockContent, blockSize } from '../disk/blocks';
import { isDirectory, listDirectory, resolvePath, type DirEntry } from '../guest/fs';
import type { LabState } from '../model/types';

/**
 * Reading the current state's disk, for a file viewer. Unlike the console's `cat`, this works
 * whatever the power state: it looks at the disk image, not into a running guest.
 */
export function readFile(lab: LabState, vmName: string, path: string): { path: string; content: string; bytes: number } | null {
  const vm = ownValue(lab.vms, vmName);
  const abs = resolvePath(path);
  const id = vm?.disk.files[abs];
  if (!vm || id === undefined) return null;
  return { path: abs, content: blockContent(lab.store, id), bytes: blockSize(lab.store, id) };
}

export function listFiles(lab: LabState, vmName: string, dir: string): DirEntry[] | null {
  const vm = ownValue(lab.vms, vmName);
  const abs = resolvePath(dir);
  if (!vm || !isDirectory(vm.disk.files, abs)) return null;
  return listDirectory(vm.disk.files, abs);
}
