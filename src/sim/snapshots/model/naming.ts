import type { LabState } from './types';

/**
 * How each tool names a VM's disks, so refusals and listings quote them the way the tool does.
 * Disk 0 is the system disk; further disks get the names each tool gives a second disk.
 */
export function volumeName(lab: Pick<LabState, 'platform' | 'storage' | 'storageId'>, name: string, vmid: number, template = false, index = 0): string {
  if (lab.platform === 'virtualbox') return index === 0 ? `${name}.vdi` : `${name}_${index}.vdi`;
  if (lab.platform === 'libvirt') return `/var/lib/libvirt/images/${name}${index === 0 ? '' : `-${index}`}.qcow2`;
  const prefix = template ? 'base' : 'vm';
  return lab.storage === 'qcow2'
    ? `${lab.storageId}:${vmid}/${prefix}-${vmid}-disk-${index}.qcow2`
    : `${lab.storageId}:${prefix}-${vmid}-disk-${index}`;
}

/** A VirtualBox image's full path, as VBoxManage prints it. */
export const vboxMediumPath = (vm: string, file: string): string => (file.startsWith('/') ? file : `/root/VirtualBox VMs/${vm}/${file}`);

/** How the guest names disk `index`: virtio disks are vda, vdb; SATA and SCSI disks sda, sdb. */
export function guestDevice(platform: LabState['platform'], index: number): string {
  return `/dev/${platform === 'libvirt' ? 'vd' : 'sd'}${String.fromCharCode(97 + (index % 26))}`;
}

/** How the host tool names the slot: `SATA (1, 0)`, `vdb`, `scsi1`. */
export function diskTarget(platform: LabState['platform'], index: number): string {
  if (platform === 'virtualbox') return `SATA (${index}, 0)`;
  if (platform === 'libvirt') return `vd${String.fromCharCode(97 + (index % 26))}`;
  return `scsi${index}`;
}

/**
 * The longest snapshot (or clone) name each platform takes (SPEC E6). Proxmox documents 40
 * characters (pve-common's `pve-snapshot-name`: format pve-configid, maxLength 40). VirtualBox and
 * libvirt document no limit; libvirt keeps each snapshot in a file named after it, so the simulator
 * uses the longest file name Linux allows (NAME_MAX, 255), which also keeps a pasted 100,000-character
 * name from reaching the engine's lists.
 */
export function nameLimit(platform: LabState['platform']): number {
  return platform === 'proxmox' ? 40 : 255;
}
