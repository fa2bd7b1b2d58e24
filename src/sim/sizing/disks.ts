import { localDiskGb } from './policy';
import type { DiskFormat, Vm } from './types';

/** Formats whose image files hold their own snapshots (qcow2 internal snapshots, VMware delta disks, Hyper-V differencing disks). */
export const SNAPSHOT_FORMATS: readonly DiskFormat[] = ['qcow2', 'vmdk', 'vhdx'];

/**
 * Host space a VM's local disks take now. A thick (preallocated) disk takes its whole virtual
 * size; a thin one (a sparse raw file or a growing qcow2) what the guest has written. Snapshots
 * add the old copies of clusters the guest rewrote after them.
 */
export function allocatedGb(vm: Vm): number {
  const local = localDiskGb(vm);
  if (local === 0) return 0;
  return (vm.provisioning === 'thick' ? local : vm.diskWrittenGb) + vm.snapshotGb;
}

/**
 * The most the disks can take if the guest fills them and, with snapshots, rewrites everything:
 * each snapshot can keep one full copy of the disk.
 */
export function worstCaseGb(vm: Vm): number {
  const local = localDiskGb(vm);
  return local * (1 + vm.snapshots);
}
