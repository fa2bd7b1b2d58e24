import type { AttachedDisk, Platform } from '../snapshots/model/types';
import { controller, freshHardware, macFor, nic } from './defaults';
import type { Attachment, Hardware, Medium } from './types';

/**
 * The hardware of a VM a scenario describes by its disks alone (SPEC M4): an installed Debian
 * guest with its disks on the tool's usual bus (VirtualBox SATA + an empty IDE DVD drive, libvirt
 * virtio, Proxmox SCSI) and one NIC on the tool's default network.
 */
export function presetHardware(platform: Platform, seed: string, disks: readonly AttachedDisk[], ostype?: string): Hardware {
  const hw = freshHardware(platform, ostype ?? (platform === 'proxmox' ? 'l26' : 'Debian_64'));
  const attachments: Attachment[] = [];
  if (platform === 'virtualbox') {
    const sata = { ...controller('SATA', 'sata'), portCount: Math.max(1, disks.length) };
    const ide = controller('IDE', 'ide');
    disks.forEach((d, i) => attachments.push({ controller: 'SATA', port: i, device: 0, type: 'hdd', medium: d.uuid }));
    attachments.push({ controller: 'IDE', port: 1, device: 0, type: 'dvddrive', medium: null });
    return {
      ...hw,
      vramMb: 16,
      graphics: 'vmsvga',
      ioapic: true,
      boot: ['dvd', 'disk', 'none', 'none'],
      controllers: [ide, sata],
      attachments,
      nics: [nic(1, 'nat', null, '82540EM', macFor(platform, seed, 1))],
    };
  }
  const bus = platform === 'libvirt' ? 'virtio' : 'scsi';
  const ctl = { ...controller(bus === 'virtio' ? 'virtio' : 'scsi', bus), type: platform === 'proxmox' ? 'virtio-scsi-single' : 'VirtIO' };
  disks.forEach((d, i) => attachments.push({ controller: ctl.name, port: i, device: 0, type: 'hdd', medium: d.uuid }));
  return {
    ...hw,
    controllers: [ctl],
    attachments,
    boot: ['disk', 'none', 'none', 'none'],
    nics: [nic(1, 'bridged', platform === 'libvirt' ? null : 'vmbr0', 'virtio', macFor(platform, seed, 1))].map((n) =>
      platform === 'libvirt' ? { ...n, attachment: 'natnetwork' as const, network: 'default' } : n,
    ),
    agent: false,
  };
}

/** The media registry entry of an attached disk (its base image). */
export function diskMedium(platform: Platform, d: AttachedDisk): Medium {
  const format = platform === 'virtualbox' ? (d.volume.endsWith('.vmdk') ? 'VMDK' : 'VDI') : platform === 'libvirt' ? 'qcow2' : 'raw';
  return { uuid: d.uuid, location: d.volume, kind: 'hdd', format, capacityMb: Math.round(d.capacity / 1048576), variant: d.fixed ? 'Fixed' : 'Standard', installer: null, bootable: d.mount === '/' };
}

/** A clone's hardware: the same, with its new disks in place of the source's and new MAC addresses. */
export function cloneHardware(platform: Platform, hw: Hardware, from: readonly AttachedDisk[], to: readonly AttachedDisk[], seed: string): Hardware {
  const map = new Map(from.map((d, i) => [d.uuid, to[i]?.uuid ?? d.uuid]));
  return {
    ...hw,
    attachments: hw.attachments.map((a) => (a.medium !== null && map.has(a.medium) ? { ...a, medium: map.get(a.medium)! } : a)),
    nics: hw.nics.map((n) => ({ ...n, mac: macFor(platform, seed, n.slot) })),
  };
}
