/**
 * The state of a snapshot lab: plain JSON only (DESIGN rule 2). One lab holds the VMs of one
 * platform, the block store their disks share, and the event log. Every step returns a new
 * state; unchanged parts are shared with the old one.
 */

import type { Hardware, HostInfo, Medium } from '../../machine/types';

/** Which tool's rules apply (SPEC V*, L*, P*). */
export type Platform = 'virtualbox' | 'libvirt' | 'proxmox';

/**
 * Where the disks live. VirtualBox always uses differencing images (`vdi`); libvirt uses qcow2
 * images (internal snapshots inside them, external ones as overlay files); Proxmox's rollback
 * rules depend on the storage (SPEC P3).
 */
export type StorageKind = 'vdi' | 'qcow2' | 'zfs' | 'lvm-thin' | 'ceph';

/** `saved` is VirtualBox's "Saved" state (memory written to disk, VM not running). */
export type PowerState = 'running' | 'paused' | 'saved' | 'poweroff';

/**
 * VirtualBox medium types (VBox manual 5.4 "Special Image Write Modes"): what a snapshot does to
 * a disk. libvirt and Proxmox snapshot every disk of a VM, so their disks are always `normal`.
 */
export type DiskMode = 'normal' | 'writethrough' | 'immutable' | 'shareable' | 'multiattach';

/** Modes whose disks snapshots capture and restore (the rest are left out, SPEC V10). */
export const LAYERED_MODES: readonly DiskMode[] = ['normal', 'immutable', 'multiattach'];

/** One disk attached to a VM. The first is the system disk, mounted at `/` (SPEC D6). */
export interface AttachedDisk {
  /** Where the guest mounts it: every file at or below this path lives on this disk. */
  mount: string;
  /** Virtual size in bytes (what `df` shows as Size). */
  capacity: number;
  mode: DiskMode;
  /** A fixed-size image (VirtualBox makes only those shareable). */
  fixed: boolean;
  uuid: string;
  /** The base image or volume, as the tool names it. */
  volume: string;
  /**
   * The image the VM writes to, then each backing file down to `volume` (SPEC L9). Only libvirt's
   * external snapshots grow it; elsewhere it is `[volume]`.
   */
  chain: string[];
  /**
   * libvirt: every overlay file of this disk that still exists, with the file it is written on
   * (its backing file). The chains of other branches follow from it, so a snapshot records only
   * its top image and a deep tree costs one entry per overlay, not one chain per snapshot.
   */
  overlays: OverlayFile[];
}

export interface OverlayFile {
  file: string;
  backing: string;
}

export interface Settings {
  memoryMb: number;
  cpus: number;
}

/** A reason as data (DESIGN rule 3): a code plus parameters; `explain` renders the text. */
export type Param = string | number | boolean | string[];
export type Params = Record<string, Param>;

export interface Reason<C extends string = string> {
  code: C;
  params: Params;
}

export type ServiceStatus = 'active' | 'failed' | 'inactive';

export interface ServiceRuntime {
  status: ServiceStatus;
  /** Why the last start failed (e.g. the nginx config error), null when it did not. */
  failure: Reason | null;
  /** Block id of the config file the running daemon loaded; shows "changed on disk, not reloaded". */
  config: string | null;
}

/** What lives in RAM: lost on power off, kept by pause/save, captured by a memory snapshot. */
export interface Runtime {
  /** The virtual hardware the guest booted with (config changes apply at the next boot). */
  booted: Settings;
  services: Record<string, ServiceRuntime>;
  /** Set when the guest could not boot (e.g. /sbin/init was deleted). */
  panic: Reason | null;
  bootedAt: number;
  /** VirtualBox: started with a window (gui) or headless (`startvm --type headless`). */
  frontend?: 'gui' | 'headless';
}

/** path → block id: what a disk shows at one point in time. */
export type FileMap = Record<string, string>;
/** Changes against the parent layer: path → new block id, or null for a deleted path. */
export type Delta = Record<string, string | null>;

export interface Snapshot {
  id: string;
  uuid: string;
  name: string;
  description: string;
  parent: string | null;
  /** Creation order; ties in time are broken by it (ZFS "most recent" and listings). */
  seq: number;
  createdAt: number;
  /**
   * The disk changes made between the parent snapshot and this one: the differencing layer.
   * A root snapshot's delta is against the base disk.
   */
  delta: Delta;
  settings: Settings;
  /** The rest of the machine definition when the snapshot was taken (SPEC M1, M5): a key into `LabState.hardware`, restored with it. */
  hw: string;
  /** The memory state when the VM was running, paused or saved; null for a disk-only snapshot. */
  memory: Runtime | null;
  /** The VM's power state when the snapshot was taken. */
  power: PowerState;
  /**
   * libvirt only (SPEC L8): `internal` keeps the state inside the qcow2 images, `external` froze
   * them and put new overlay files on top. Absent on the other platforms (as are the next two).
   */
  location?: SnapshotLocation;
  /** libvirt: per disk (in `Vm.disks` order) the image that holds this snapshot's state (the top when it was taken). */
  images?: string[];
  /** libvirt external: per disk the overlay the snapshot created, which took the writes after it. */
  overlays?: string[];
  /** libvirt `--memspec`: the file holding the saved memory (an external full-system snapshot). */
  memoryFile?: string;
}

export type SnapshotLocation = 'internal' | 'external';

export interface Disk {
  /** The base disk as the VM was created (a linked clone's base is its source's snapshot). */
  base: FileMap;
  /** The current state, materialised so reads are O(1); always equals current snapshot view + delta. */
  files: FileMap;
  /** Changes since the current snapshot: the current state's differencing layer. */
  delta: Delta;
  /**
   * Files on disks that snapshots leave out (VirtualBox write-through and shareable, SPEC V10).
   * They are in `files` too but in no layer: a take does not capture them, a restore keeps them.
   */
  direct: FileMap;
  /** The base disk is gone (SPEC A3): every snapshot and linked clone built on it is unusable. */
  lost: boolean;
}

export interface LinkedSource {
  vm: string;
  /** The source snapshot id; null for a Proxmox template (its base volume). */
  snapshot: string | null;
}

/** Snapshots in buckets by id (see snapshot-store.ts); read them through its functions. */
export type SnapshotStore = Array<Array<Snapshot | null> | null>;

export interface Vm {
  name: string;
  uuid: string;
  /** Proxmox addresses VMs by number; kept for every platform so presets can switch. */
  vmid: number;
  settings: Settings;
  /** The VM's virtual hardware beyond CPUs and memory: the shared machine model (src/sim/machine, SPEC M1). */
  hw: Hardware;
  power: PowerState;
  runtime: Runtime | null;
  /** The data of every attached disk: one file system, layered by snapshots (see `Disk`). */
  disk: Disk;
  /** The attached disks, system disk first: mount points, modes, images (SPEC D6). */
  disks: AttachedDisk[];
  snapshots: SnapshotStore;
  /** The current snapshot: parent of the current state and of the next snapshot. */
  current: string | null;
  /** Proxmox template: read-only, cannot start, source of linked clones. */
  template: boolean;
  linkedFrom: LinkedSource | null;
}

export interface Block {
  /** Bytes this block occupies on the virtual disk (simulated). */
  size: number;
  content: string;
}

/**
 * File contents, shared by id between snapshots, clones and the current state. Blocks sit in
 * buckets of consecutive ids so that adding one copies a bucket, not the whole store.
 * Unreferenced blocks are swept now and then (amortised), never by a reader.
 */
export interface BlockStore {
  /** Block n at `buckets[⌊n / 64⌋][n % 64]`; null where a sweep freed it (see disk/blocks.ts). */
  buckets: Array<Array<Block | null> | null>;
  next: number;
  /** Blocks held now, swept or not. */
  count: number;
  /** Blocks held after the last sweep; the next sweep runs when the store has doubled. */
  live: number;
}

/** Thresholds for the warnings of SPEC W1-W2 (VMware's snapshot guidance by default). */
export interface Policy {
  maxChain: number;
  maxAgeHours: number;
}

export interface LogEntry {
  seq: number;
  at: number;
  action: Reason;
  events: SimEvent[];
}

export interface SimEvent extends Reason<EventCode> {
  vm: string;
}

export interface LabState {
  version: 1;
  id: string;
  title: string;
  seed: string;
  platform: Platform;
  storage: StorageKind;
  /** Storage id shown in Proxmox volume names, e.g. `local-zfs`. */
  storageId: string;
  vms: Record<string, Vm>;
  store: BlockStore;
  /** Package versions the apt repository offers (the upgrade candidates). */
  repo: Record<string, string>;
  policy: Policy;
  /** The libvirt release the lab runs, e.g. "10.0.0": external snapshot rules depend on it (SPEC L10-L11). */
  libvirtVersion: string;
  /** The VM whose shell the console's guest commands go to; `via` when an ssh login from the host got there. */
  console: { vm: string; via?: { by: 'name' | 'address' | 'forward'; target: string } };
  /** The host the VMs run on: its networks, interfaces and files (SPEC M1). */
  host: HostInfo;
  /** The media registry: every disk image and ISO the tool knows (`VBoxManage list hdds`, a storage pool). */
  media: Medium[];
  /** VirtualBox: VMs created without `--register` (or unregistered), by settings file, waiting for `registervm`. */
  unregistered: Vm[];
  /** Every distinct hardware configuration a snapshot recorded, by content key (SPEC M5). */
  hardware: Record<string, Hardware>;
  /** Counter for ids and uuids; never reused. */
  seq: number;
  /** The most recent steps, newest last (bounded, see LOG_LIMIT). */
  log: LogEntry[];
}

export type EventCode =
  | 'SNAPSHOT_TAKEN'
  | 'VM_PAUSED_FOR_SNAPSHOT'
  | 'VM_RESUMED_AFTER_SNAPSHOT'
  | 'VM_HALTED_AFTER_SNAPSHOT'
  | 'SNAPSHOT_RESTORED'
  | 'CURRENT_STATE_DISCARDED'
  | 'VM_STOPPED_FOR_ROLLBACK'
  | 'SNAPSHOT_DELETED'
  | 'SNAPSHOT_MERGED'
  | 'CHILDREN_REPARENTED'
  | 'CURRENT_SNAPSHOT_CHANGED'
  | 'SNAPSHOT_EDITED'
  | 'VM_CLONED'
  | 'TEMPLATE_CREATED'
  | 'POWER_CHANGED'
  | 'VM_BOOTED'
  | 'KERNEL_PANIC'
  | 'SETTINGS_CHANGED'
  | 'SETTINGS_PENDING'
  | 'FILE_WRITTEN'
  | 'PATHS_REMOVED'
  | 'PACKAGE_INSTALLED'
  | 'PACKAGE_REMOVED'
  | 'PACKAGE_UPGRADED'
  | 'SERVICE_STARTED'
  | 'SERVICE_FAILED'
  | 'SERVICE_STOPPED'
  | 'SERVICE_RELOADED'
  | 'SERVICE_RELOAD_FAILED'
  | 'SERVICE_ENABLED'
  | 'SERVICE_DISABLED'
  | 'BASE_DISK_LOST'
  | 'IMMUTABLE_RESET'
  | 'DIRECT_DISKS_KEPT'
  | 'DISK_MODE_CHANGED'
  | 'OVERLAY_CREATED'
  | 'OVERLAY_DISCARDED'
  | 'OVERLAY_MERGED'
  | 'CONSOLE_FOCUSED'
  | 'BOOTED_INSTALLER'
  | 'NO_BOOTABLE_MEDIUM'
  | 'OS_INSTALLED'
  | 'VM_CREATED'
  | 'VM_REGISTERED'
  | 'VM_REMOVED'
  | 'HARDWARE_CHANGED'
  | 'NIC_CHANGED'
  | 'FORWARD_CHANGED'
  | 'FORWARD_PORT_SHARED'
  | 'MEDIUM_CREATED'
  | 'CONTROLLER_CHANGED'
  | 'MEDIUM_ATTACHED'
  | 'MEDIUM_DETACHED';
