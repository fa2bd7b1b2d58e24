import type { LabState } from './types';

/** How each tool names a VM's disk, so refusals can quote the volume the way the tool does. */
export function volumeName(lab: Pick<LabState, 'platform' | 'storage' | 'storageId'>, name: string, vmid: number, template = false): string {
  if (lab.platform === 'virtualbox') return `${name}.vdi`;
  if (lab.platform === 'libvirt') return `/var/lib/libvirt/images/${name}.qcow2`;
  const prefix = template ? 'base' : 'vm';
  return lab.storage === 'qcow2'
    ? `${lab.storageId}:${vmid}/${prefix}-${vmid}-disk-0.qcow2`
    : `${lab.storageId}:${prefix}-${vmid}-disk-0`;
}
