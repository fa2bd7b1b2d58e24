/**
 * Everything a student (through a widget button or a typed command) can do to a lab. Actions
 * name VMs by name and snapshots by UUID or name (`findSnapshot`), never by internal id.
 */

import type { MachineAction } from '../../machine/actions';
import type { DiskMode, SnapshotLocation } from './types';

/** VBoxManage `--uniquename Number,Timestamp,Space,Force` (SPEC V7). */
export interface UniqueNameFlags {
  number?: boolean;
  timestamp?: boolean;
  space?: boolean;
  force?: boolean;
}

export interface TakeAction {
  type: 'take';
  vm: string;
  /** libvirt names an unnamed snapshot after the creation time in seconds (SPEC L2). */
  name?: string;
  description?: string;
  /**
   * Save RAM of a running VM. VirtualBox always does (SPEC V2); libvirt does unless
   * `--disk-only` (false); Proxmox only with `--vmstate 1` (true).
   */
  memory?: boolean;
  /** VirtualBox `--live`: do not pause the VM while taking. */
  live?: boolean;
  /** libvirt `--halt`: stop the domain after the snapshot is taken. */
  halt?: boolean;
  uniqueName?: UniqueNameFlags;
  /**
   * libvirt: where every disk's state goes. `--disk-only` (memory: false) and `--memspec` make
   * external snapshots, anything else internal ones (SPEC L8).
   */
  location?: SnapshotLocation;
  /** libvirt `--diskspec`: one disk's location and overlay file, by its index in `Vm.disks`. */
  disks?: DiskSpec[];
  /** libvirt `--memspec`: save the memory to this file, an external full-system snapshot. */
  memoryFile?: string;
}

export interface DiskSpec {
  disk: number;
  location?: SnapshotLocation;
  /** The overlay to create; libvirt names it after the image and the snapshot when omitted. */
  file?: string;
}

export interface RestoreAction {
  type: 'restore';
  vm: string;
  snapshot: string;
  /** libvirt `--running` / `--paused`, Proxmox `--start` (running). */
  after?: 'running' | 'paused';
}

export interface DeleteSnapshotAction {
  type: 'deleteSnapshot';
  vm: string;
  snapshot: string;
  /** libvirt `--children` / `--children-only` (SPEC L4). */
  scope?: 'self' | 'withChildren' | 'childrenOnly';
}

export interface EditSnapshotAction {
  type: 'editSnapshot';
  vm: string;
  snapshot: string;
  name?: string;
  description?: string;
}

/** libvirt `snapshot-current DOMAIN NAME`: move the pointer, keep the data (SPEC L5). */
export interface SetCurrentAction {
  type: 'setCurrent';
  vm: string;
  snapshot: string;
}

export interface CloneAction {
  type: 'clone';
  vm: string;
  name: string;
  mode: 'full' | 'linked';
  /** Clone this snapshot's state instead of the current state. */
  snapshot?: string;
  vmid?: number;
}

export interface TemplateAction {
  type: 'template';
  vm: string;
}

export type PowerOp =
  | 'start'
  | 'shutdown'
  | 'poweroff'
  | 'pause'
  | 'resume'
  | 'save'
  | 'discardState'
  | 'reboot'
  | 'reset';

export interface PowerAction {
  type: 'power';
  vm: string;
  op: PowerOp;
  /** VirtualBox `startvm --type`: a window (gui) or none (headless). */
  frontend?: 'gui' | 'headless';
}

export interface ConfigureAction {
  type: 'configure';
  vm: string;
  memoryMb?: number;
  cpus?: number;
}

export type ServiceCommand = 'start' | 'stop' | 'restart' | 'reload' | 'enable' | 'disable';

export type GuestOp =
  | { op: 'write'; path: string; content: string; size?: number; append?: boolean }
  | { op: 'replace'; path: string; search: string; replacement: string; all: boolean }
  | { op: 'remove'; path: string; recursive: boolean; force: boolean; noPreserveRoot: boolean }
  | { op: 'install'; packages: string[] }
  | { op: 'uninstall'; packages: string[]; purge: boolean }
  | { op: 'upgrade'; packages: string[] }
  | { op: 'service'; service: string; command: ServiceCommand };

export interface GuestAction {
  type: 'guest';
  vm: string;
  guest: GuestOp;
}

/** "Snapshots are not backups": the storage holding the base disk fails (SPEC A3). */
export interface LoseBaseDiskAction {
  type: 'loseBaseDisk';
  vm: string;
}

/**
 * VirtualBox `modifymedium --type` / `storageattach --mtype`: change how snapshots treat one
 * disk (SPEC V10-V13), by its index in `Vm.disks`.
 */
export interface SetDiskModeAction {
  type: 'setDiskMode';
  vm: string;
  disk: number;
  mode: DiskMode;
}

/** Which VM's shell the console's guest commands go to. */
export interface FocusAction {
  type: 'focus';
  vm: string;
  /** Set by `ssh`: how the host reached the guest (its name, its IP address, or a NAT port forward). */
  via?: ConsoleVia;
}

export interface ConsoleVia {
  by: 'name' | 'address' | 'forward';
  target: string;
}

export type Action =
  | TakeAction
  | RestoreAction
  | DeleteSnapshotAction
  | EditSnapshotAction
  | SetCurrentAction
  | CloneAction
  | TemplateAction
  | PowerAction
  | ConfigureAction
  | GuestAction
  | LoseBaseDiskAction
  | SetDiskModeAction
  | FocusAction
  | MachineAction;

/** Time comes in from outside (DESIGN rule 1): epoch milliseconds. */
export interface StepContext {
  now: number;
}
