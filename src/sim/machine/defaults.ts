import type { Platform } from '../snapshots/model/types';
import type { Hardware, HostInfo, NicConfig, StorageController } from './types';

/**
 * What a fresh VM has, per tool (SPEC M2). VirtualBox `createvm` without `--default`: 128 MB,
 * one CPU, 8 MB video memory, BIOS, boot order floppy, DVD, disk, none, NIC 1 on NAT with an
 * Intel PRO/1000 MT Desktop (82540EM), no storage controllers. Proxmox `qm create` with no options:
 * 512 MB, one socket × one core, SeaBIOS, no disks and no NIC. libvirt needs a domain XML; its
 * defaults are what the XML leaves out.
 */
export function freshHardware(platform: Platform, ostype: string): Hardware {
  return {
    ostype,
    firmware: 'bios',
    sockets: 1,
    vramMb: platform === 'virtualbox' ? 8 : 16,
    boot: platform === 'virtualbox' ? ['floppy', 'dvd', 'disk', 'none'] : ['disk', 'dvd', 'net', 'none'],
    ioapic: platform !== 'virtualbox',
    graphics: platform === 'virtualbox' ? 'vboxvga' : platform === 'proxmox' ? 'std' : 'vga',
    controllers: [],
    attachments: [],
    nics: platform === 'virtualbox' ? [nic(1, 'nat', null, '82540EM', macFor(platform, 'fresh', 1))] : [],
    agent: false,
    maxMemoryMb: null,
    maxCpus: null,
    description: '',
  };
}

export function nic(slot: number, attachment: NicConfig['attachment'], network: string | null, model: string, mac: string): NicConfig {
  return { slot, attachment, network, model, mac, cable: true, forwards: [], localhostReachable: false };
}

/** The controller type each bus gets when `--controller` is not given (VBoxManage storagectl). */
export const DEFAULT_CONTROLLER: Record<string, string> = {
  ide: 'PIIX4',
  sata: 'IntelAhci',
  scsi: 'LsiLogic',
  sas: 'LsiLogicSas',
  floppy: 'I82078',
  usb: 'USB',
  pcie: 'NVMe',
  virtio: 'VirtIO',
};

/** Ports per bus: IDE has two channels of two devices; SATA up to 30 (VBoxManage storagectl). */
export const MAX_PORTS: Record<string, number> = { ide: 2, sata: 30, scsi: 16, sas: 255, floppy: 1, usb: 8, pcie: 255, virtio: 255 };
export const DEFAULT_PORTS: Record<string, number> = { ide: 2, sata: 30, scsi: 16, sas: 8, floppy: 1, usb: 8, pcie: 1, virtio: 1 };

export function controller(name: string, bus: StorageController['bus']): StorageController {
  return { name, bus, type: DEFAULT_CONTROLLER[bus] ?? 'PIIX4', portCount: DEFAULT_PORTS[bus] ?? 1, bootable: true };
}

/**
 * MAC addresses by vendor prefix: VirtualBox 08:00:27, QEMU/libvirt 52:54:00, Proxmox BC:24:11.
 * Derived from the VM's UUID/seed so a lab prints the same address on every load.
 */
export function macFor(platform: Platform, seed: string, slot: number): string {
  let h = 2166136261;
  for (const ch of `${seed}#${slot}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const tail = [(h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff].map((b) => b.toString(16).padStart(2, '0'));
  if (platform === 'virtualbox') return `080027${tail.join('')}`.toUpperCase();
  if (platform === 'libvirt') return `52:54:00:${tail.join(':')}`;
  return `BC:24:11:${tail.join(':')}`.toUpperCase();
}

/** The host a lab runs on when its scenario does not describe one. */
export function defaultHost(platform: Platform): HostInfo {
  const common = { cpus: 8, memoryMb: 32768, diskGb: 1000, lan: { cidr: '192.168.1.0/24', gateway: '192.168.1.1', dhcpStart: '192.168.1.100' } };
  if (platform === 'virtualbox') {
    return {
      ...common,
      name: 'student-pc',
      interfaces: ['enp3s0'],
      hostOnly: [{ name: 'vboxnet0', cidr: '192.168.56.0/24', hostAddress: '192.168.56.1', dhcp: true }],
      networks: [{ name: 'NatNetwork', cidr: '10.0.2.0/24', bridge: '', active: true }],
      files: [{ path: '/root/iso/debian-12.8.0-amd64-netinst.iso', content: 'ISO 9660: Debian 12.8.0 amd64 netinst' }],
    };
  }
  if (platform === 'libvirt') {
    return {
      ...common,
      name: 'kvm-host',
      interfaces: ['enp3s0', 'br0'],
      hostOnly: [],
      networks: [{ name: 'default', cidr: '192.168.122.0/24', bridge: 'virbr0', active: true }],
      files: [{ path: '/var/lib/libvirt/images/debian-12.8.0-amd64-netinst.iso', content: 'ISO 9660: Debian 12.8.0 amd64 netinst' }],
    };
  }
  return {
    ...common,
    name: 'pve',
    interfaces: ['vmbr0'],
    hostOnly: [],
    networks: [],
    files: [{ path: 'local:iso/debian-12.8.0-amd64-netinst.iso', content: 'ISO 9660: Debian 12.8.0 amd64 netinst' }],
  };
}
