import { presetPolicy } from './policy';
import type { Host, PolicyPreset, SizingState, VmOptions } from './types';

/** A typical lab server: one 8-core CPU with SMT, 32 GB RAM, 500 GB disk. */
export const DEFAULT_HOST: Host = {
  name: 'lab-host',
  sockets: 1,
  coresPerSocket: 8,
  threadsPerCore: 2,
  ramMb: 32768,
  diskGb: 500,
  cpuVendor: 'intel',
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

export function createState(preset: PolicyPreset = 'course', host: Host = DEFAULT_HOST): SizingState {
  return { host: { ...host }, vms: [], policy: presetPolicy(preset) };
}
