import { DEFAULT_BALLOON_TARGET_PERCENT } from './balloon';
import { presetPolicy } from './policy';
import type { Host, HostStorage, PolicyPreset, SizingState, VmDetails, VmOptions } from './types';

/** Host settings beyond the sizes, as a host has them unless told otherwise: no storage in RAM, Proxmox's 80 % ballooning target. */
export const DEFAULT_HOST_EXTRAS: { cpuModel: string | null; storage: HostStorage; balloonTargetPercent: number } = {
  cpuModel: null,
  storage: { kind: 'none' },
  balloonTargetPercent: DEFAULT_BALLOON_TARGET_PERCENT,
};

/** A typical lab server: one 8-core CPU with SMT, 32 GB RAM, 500 GB disk. */
export const DEFAULT_HOST: Host = {
  name: 'lab-host',
  sockets: 1,
  coresPerSocket: 8,
  threadsPerCore: 2,
  ramMb: 32768,
  diskGb: 500,
  cpuVendor: 'intel',
  ...DEFAULT_HOST_EXTRAS,
};

/**
 * Options a new VM gets unless told otherwise: a portable CPU model (Proxmox VE's default
 * x86-64-v2-AES), a thin qcow2 disk, a paravirtual NIC and a balloon device.
 */
export const DEFAULT_VM_OPTIONS: VmOptions = {
  cpuType: 'x86-64-v2-AES',
  diskFormat: 'qcow2',
  provisioning: 'thin',
  nic: 'virtio',
  balloon: true,
};

/**
 * A new VM's details: one socket (Proxmox's default; cores = vCPUs), fixed memory (no balloon
 * minimum), nothing written to its disks yet and no snapshots.
 */
export const DEFAULT_VM_DETAILS: VmDetails = { sockets: 1, balloonMinMb: null, diskWrittenGb: 0, snapshots: 0, snapshotGb: 0 };

export function createState(preset: PolicyPreset = 'course', host: Host = DEFAULT_HOST): SizingState {
  return { host: { ...host, storage: { ...host.storage } }, vms: [], policy: presetPolicy(preset), cluster: [] };
}
