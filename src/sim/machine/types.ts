/**
 * The shared machine model (SPEC M1): one definition of a VM's virtual hardware, the media it
 * uses and the host it sits on. The snapshot engine keeps it on every VM (`Vm.hw`) and in every
 * snapshot; the network and sizing engines read it through `views.ts`. Plain JSON only.
 */

export type Firmware = 'bios' | 'efi';

/** `--boot<N>`: VirtualBox's four boot slots; libvirt's `<boot dev>` and Proxmox's `boot: order=` map onto them. */
export type BootDevice = 'none' | 'floppy' | 'dvd' | 'disk' | 'net';
export const BOOT_DEVICES: readonly BootDevice[] = ['none', 'floppy', 'dvd', 'disk', 'net'];

/** Storage buses, as `VBoxManage storagectl --add` names them. */
export type Bus = 'ide' | 'sata' | 'scsi' | 'sas' | 'floppy' | 'usb' | 'pcie' | 'virtio';
export const BUSES: readonly Bus[] = ['ide', 'sata', 'scsi', 'sas', 'floppy', 'usb', 'pcie', 'virtio'];

export interface StorageController {
  name: string;
  bus: Bus;
  /** The chipset emulated: PIIX4, IntelAhci, LsiLogic, NVMe, VirtIO… */
  type: string;
  portCount: number;
  bootable: boolean;
}

export type DeviceType = 'hdd' | 'dvddrive';

/** A device on a controller port; `medium` is a medium UUID, or null for an empty DVD drive. */
export interface Attachment {
  controller: string;
  port: number;
  device: number;
  type: DeviceType;
  medium: string | null;
}

/** How a NIC is attached: VirtualBox's `--nic<N>` values; libvirt and Proxmox use `bridged` (a bridge) or `natnetwork` (a libvirt NAT network). */
export type NicAttachment = 'none' | 'null' | 'nat' | 'natnetwork' | 'bridged' | 'intnet' | 'hostonly' | 'generic';
export const NIC_ATTACHMENTS: readonly NicAttachment[] = ['none', 'null', 'nat', 'natnetwork', 'bridged', 'intnet', 'hostonly', 'generic'];

export interface Forward {
  name: string;
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPort: number;
  guestIp: string;
  guestPort: number;
}

export interface NicConfig {
  /** 1–8 (`--nic1` … `--nic8`; libvirt and Proxmox number their interfaces from 0, shown as slot − 1). */
  slot: number;
  attachment: NicAttachment;
  /** bridged: host interface or bridge; intnet: network name; hostonly: host-only interface; natnetwork: NAT network (libvirt: network name). */
  network: string | null;
  /** Emulated card: 82540EM, virtio… (`--nictype<N>`, libvirt `<model type>`, Proxmox `virtio=`/`e1000=`). */
  model: string;
  mac: string;
  cable: boolean;
  /** NAT port forwards (`--natpf<N>`). */
  forwards: Forward[];
  /** `--nat-localhostreachable<N>` (VirtualBox 7 default off). */
  localhostReachable: boolean;
}

export interface Hardware {
  /** VirtualBox OS type id (`Ubuntu_64`), libvirt `<os><type>` machine or Proxmox `ostype` (`l26`). */
  ostype: string;
  firmware: Firmware;
  /** vCPUs = sockets × cores; `Vm.settings.cpus` holds the total. */
  sockets: number;
  vramMb: number;
  boot: BootDevice[];
  ioapic: boolean;
  graphics: string;
  controllers: StorageController[];
  attachments: Attachment[];
  nics: NicConfig[];
  /** libvirt `<memory>` (the most the guest may be given), null when it equals the configured memory. */
  maxMemoryMb: number | null;
  /** libvirt `<vcpu>` maximum (current = `Vm.settings.cpus`), null when equal. */
  maxCpus: number | null;
  /** QEMU guest agent channel (Proxmox `agent: 1`, libvirt `org.qemu.guest_agent.0`). */
  agent: boolean;
  description: string;
}

export type MediumKind = 'hdd' | 'dvd';

export interface Medium {
  uuid: string;
  /** Full path (VirtualBox, libvirt) or Proxmox volume id (`local-zfs:vm-100-disk-0`). */
  location: string;
  kind: MediumKind;
  format: string;
  /** Virtual size in MB (DVD images: their file size). */
  capacityMb: number;
  variant: 'Standard' | 'Fixed';
  /** An installer ISO's operating system (e.g. "Debian 12"); null for disks. */
  installer: string | null;
  /** A disk with a boot loader on it (a system was installed, even if damaged since); false for a new, blank disk. */
  bootable: boolean;
}

export interface HostOnlyIf {
  name: string;
  cidr: string;
  hostAddress: string;
  dhcp: boolean;
}

export interface VirtualNetwork {
  /** VirtualBox NAT network, or libvirt network (`default`, forward mode nat, bridge virbr0). */
  name: string;
  cidr: string;
  bridge: string;
  active: boolean;
}

/** The machine the VMs run on, and what it offers them. */
export interface HostInfo {
  name: string;
  cpus: number;
  memoryMb: number;
  diskGb: number;
  /** The LAN the host is on: bridged NICs get DHCP leases here. */
  lan: { cidr: string; gateway: string; dhcpStart: string };
  /** Host interfaces a NIC can bridge to (`enp3s0`, `br0`, `vmbr0`). */
  interfaces: string[];
  hostOnly: HostOnlyIf[];
  networks: VirtualNetwork[];
  /** Files on the host a command may read (libvirt domain XML, ISO images); path → text. */
  files: Array<{ path: string; content: string }>;
}
