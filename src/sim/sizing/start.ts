import { logicalCpus, physicalCores } from './host';
import type { Host } from './types';

/** VirtualBox presents at most 32 virtual CPUs to a VM (VirtualBox manual, Processor tab). */
export const VIRTUALBOX_MAX_VCPUS = 32;

/**
 * Would each hypervisor start a VM with this many vCPUs on this host? Separate from any sizing
 * policy: this is the tool's own check when the VM is powered on.
 *
 * - Proxmox VE (qemu-server) refuses sockets × cores above the node's logical CPUs:
 *   "MAX n vcpus allowed per VM on this node" [pve-qemu-server].
 * - QEMU/KVM under libvirt starts it; above the host's online CPUs QEMU warns that the number
 *   "exceeds the recommended cpus supported by KVM", and only KVM's own maximum refuses [qemu-kvm].
 * - VirtualBox allows up to 32 vCPUs and advises against more than the physical cores,
 *   hyper-threads not counted [vbox-manual].
 */
export interface StartCheck {
  vcpus: number;
  logicalCpus: number;
  physicalCores: number;
  proxmox: 'starts' | 'refused';
  libvirt: 'starts' | 'starts-with-warning';
  virtualbox: 'starts' | 'advised-against' | 'refused';
}

export function startCheck(host: Host, vcpus: number): StartCheck {
  const logical = logicalCpus(host);
  const cores = physicalCores(host);
  return {
    vcpus,
    logicalCpus: logical,
    physicalCores: cores,
    proxmox: vcpus > logical ? 'refused' : 'starts',
    libvirt: vcpus > logical ? 'starts-with-warning' : 'starts',
    virtualbox: vcpus > VIRTUALBOX_MAX_VCPUS ? 'refused' : vcpus > cores ? 'advised-against' : 'starts',
  };
}

/** True when some hypervisor would refuse or warn. */
export const startConcerns = (s: StartCheck): boolean => s.proxmox !== 'starts' || s.libvirt !== 'starts' || s.virtualbox !== 'starts';
