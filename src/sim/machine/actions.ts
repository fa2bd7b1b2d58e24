/**
 * Building and changing VMs (SPEC M6-M16): the actions behind `VBoxManage createvm/modifyvm/
 * storagectl/storageattach/createmedium`, `virsh define/setvcpus/setmem/attach-interface` and
 * `qm create/set/destroy`. They work on the snapshot engine's lab state, where each VM keeps its
 * hardware (`Vm.hw`), so the same VM can be snapshotted, sized and wired without a second copy.
 */
import { withVm } from '../snapshots/disk/current';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from '../snapshots/actions/outcome';
import { LIMITS } from '../snapshots/actions/configure';
import { uuidFor } from '../snapshots/model/ids';
import type { AttachedDisk, LabState, SimEvent, Vm } from '../snapshots/model/types';
import { controller, DEFAULT_CONTROLLER, freshHardware, MAX_PORTS, macFor, nic } from './defaults';
import type { Attachment, BootDevice, Bus, DeviceType, Forward, Hardware, Medium, NicAttachment, NicConfig } from './types';

export interface CreateVmAction {
  type: 'createVm';
  name: string;
  ostype?: string;
  /** VirtualBox: `--register`; false leaves a settings file for `registervm`. libvirt `define` and `qm create` always register. */
  register?: boolean;
  vmid?: number;
  memoryMb?: number;
  cpus?: number;
  /** Hardware fields given at creation (libvirt domain XML, `qm create` options). */
  hw?: Partial<Hardware>;
  /** libvirt `virsh create`: a transient domain that starts at once. */
  start?: boolean;
}

export interface RegisterVmAction {
  type: 'registerVm';
  /** The settings file (`…/web/web.vbox`) or the VM name. */
  file: string;
}

export interface UnregisterVmAction {
  type: 'unregisterVm';
  vm: string;
  /** `--delete` / `--remove-all-storage` / `qm destroy`: also delete its disk images. */
  deleteMedia?: boolean;
}

/** Everything `modifyvm`, `qm set` and `virsh set*` change that is not a NIC or a disk. */
export interface ModifyVmAction {
  type: 'modifyVm';
  vm: string;
  memoryMb?: number;
  cpus?: number;
  sockets?: number;
  vramMb?: number;
  /** Boot slot (1–4) → device. */
  boot?: Array<{ slot: number; device: BootDevice }>;
  ostype?: string;
  firmware?: Hardware['firmware'];
  ioapic?: boolean;
  graphics?: string;
  agent?: boolean;
  description?: string;
  name?: string;
  /** libvirt `<memory>` / `<vcpu>` maxima (`setmaxmem`, `setvcpus --maximum`). */
  maxMemoryMb?: number;
  maxCpus?: number;
  /**
   * Which copy changes (virsh --config / --live): `config` (default) is the stored definition the
   * next boot uses; `live` only the running guest (within its maxima); `both` both.
   */
  scope?: 'config' | 'live' | 'both';
}

export interface SetNicAction {
  type: 'setNic';
  vm: string;
  slot: number;
  attachment?: NicAttachment;
  network?: string | null;
  model?: string;
  cable?: boolean;
  localhostReachable?: boolean;
  mac?: string;
  /** VirtualBox `controlvm` and virsh `--live` change a running VM's NIC. */
  live?: boolean;
}

export interface PortForwardAction {
  type: 'portForward';
  vm: string;
  slot: number;
  op: 'add' | 'delete';
  rule?: Forward;
  name?: string;
  live?: boolean;
}

export interface CreateMediumAction {
  type: 'createMedium';
  location: string;
  sizeMb: number;
  format?: string;
  variant?: Medium['variant'];
}

export interface StorageCtlAction {
  type: 'storageCtl';
  vm: string;
  name: string;
  bus?: Bus;
  controller?: string;
  portCount?: number;
  bootable?: boolean;
  remove?: boolean;
}

export interface StorageAttachAction {
  type: 'storageAttach';
  vm: string;
  controller: string;
  port: number;
  device: number;
  deviceType?: DeviceType;
  /** A medium's path or UUID, `none` (detach) or `emptydrive` (empty DVD drive). */
  medium: string;
}

/** The installer on the DVD runs to the end: the first disk gets an installed system (SPEC M14; a simulator step). */
export interface InstallOsAction {
  type: 'installOs';
  vm: string;
}

export type MachineAction =
  | CreateVmAction
  | RegisterVmAction
  | UnregisterVmAction
  | ModifyVmAction
  | SetNicAction
  | PortForwardAction
  | CreateMediumAction
  | StorageCtlAction
  | StorageAttachAction
  | InstallOsAction;

export const MACHINE_ACTIONS: ReadonlyArray<MachineAction['type']> = [
  'createVm',
  'registerVm',
  'unregisterVm',
  'modifyVm',
  'setNic',
  'portForward',
  'createMedium',
  'storageCtl',
  'storageAttach',
  'installOs',
];

/** VM names: 1–64 characters, no path separators or control characters (SPEC M6). */
export const VM_NAME_MAX = 64;
const NAME_OK = /^[^/\\\u0000-\u001f]{1,64}$/;

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function vboxSettingsFile(name: string): string {
  return `/root/VirtualBox VMs/${name}/${name}.vbox`;
}

function nameProblem(lab: LabState, name: unknown): Outcome | null {
  if (typeof name !== 'string' || name.trim() === '') return refuse('VM_NAME_INVALID', { name: typeof name === 'string' ? name : String(name), reason: 'empty' });
  if (!NAME_OK.test(name)) return refuse('VM_NAME_INVALID', { name: name.slice(0, 80), reason: name.length > VM_NAME_MAX ? 'long' : 'characters' });
  if (Object.hasOwn(lab.vms, name) || lab.unregistered.some((v) => v.name === name)) return refuse('VM_NAME_TAKEN', { vm: name, name });
  return null;
}

/** SPEC M6: a new VM with the tool's defaults plus what the command gave. */
export function createVm(lab: LabState, a: CreateVmAction): Outcome {
  const bad = nameProblem(lab, a.name);
  if (bad) return bad;
  const taken = new Set([...Object.values(lab.vms), ...lab.unregistered].map((v) => v.vmid));
  if (a.vmid !== undefined) {
    if (!isInt(a.vmid, 100, 999_999_999)) return refuse('INVALID_SETTING', { vm: a.name, field: 'vmid', value: String(a.vmid), min: 100, max: 999_999_999 });
    if (taken.has(a.vmid)) return refuse('VMID_TAKEN', { vm: a.name, vmid: a.vmid });
  }
  let vmid = a.vmid ?? 100;
  while (taken.has(vmid)) vmid++;
  const memoryMb = a.memoryMb ?? (lab.platform === 'virtualbox' ? 128 : lab.platform === 'proxmox' ? 512 : 1024);
  const cpus = a.cpus ?? 1;
  for (const [field, value] of [['memoryMb', memoryMb], ['cpus', cpus]] as const) {
    const { min, max } = LIMITS[field];
    if (!isInt(value, min, max)) return refuse('INVALID_SETTING', { vm: a.name, field, value: String(value), min, max });
  }
  const uuid = uuidFor(lab.seed, `vm-${lab.seq}`);
  const base = freshHardware(lab.platform, a.ostype ?? (lab.platform === 'proxmox' ? 'other' : 'Other'));
  const hw: Hardware = {
    ...base,
    nics: base.nics.map((n) => ({ ...n, mac: macFor(lab.platform, uuid, n.slot) })),
    ...(a.hw ?? {}),
  };
  const sockets = hw.sockets;
  if (!isInt(sockets, 1, 4) || cpus % sockets !== 0) {
    return refuse('INVALID_SETTING', { vm: a.name, field: 'sockets', value: String(sockets), min: 1, max: 4 });
  }
  const vm: Vm = {
    name: a.name,
    uuid,
    vmid,
    settings: { memoryMb, cpus },
    hw,
    power: 'poweroff',
    runtime: null,
    disk: { base: {}, files: {}, delta: {}, direct: {}, lost: false },
    disks: disksFor(lab, hw),
    snapshots: [],
    current: null,
    template: false,
    linkedFrom: null,
  };
  const next = { ...lab, seq: lab.seq + 1 };
  const events: SimEvent[] = [event('VM_CREATED', vm.name, { uuid, vmid, ostype: hw.ostype, registered: a.register !== false, file: vboxSettingsFile(vm.name) })];
  if (a.register === false && lab.platform === 'virtualbox') return done({ ...next, unregistered: [...lab.unregistered, vm] }, events);
  return done(withVm(next.console.vm === '' ? { ...next, console: { vm: vm.name } } : next, vm), events);
}

export function registerVm(lab: LabState, a: RegisterVmAction): Outcome {
  const file = a.file.trim();
  const found = lab.unregistered.find((v) => vboxSettingsFile(v.name) === file || v.name === file || file.endsWith(`/${v.name}.vbox`) || file === `${v.name}.vbox`);
  if (!found) return refuse('SETTINGS_FILE_NOT_FOUND', { file, known: lab.unregistered.map((v) => vboxSettingsFile(v.name)) });
  if (Object.hasOwn(lab.vms, found.name)) return refuse('VM_NAME_TAKEN', { vm: found.name, name: found.name });
  const next = { ...lab, unregistered: lab.unregistered.filter((v) => v !== found), console: lab.console.vm === '' ? { vm: found.name } : lab.console };
  return done(withVm(next, found), [event('VM_REGISTERED', found.name, { file: vboxSettingsFile(found.name) })]);
}

/** SPEC M7: a running VM cannot be removed; `--delete` also deletes the media only it uses. */
export function unregisterVm(lab: LabState, a: UnregisterVmAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (vm.power === 'running' || vm.power === 'paused') return refuse('VM_LOCKED', { vm: vm.name, power: vm.power, op: 'unregister' });
  const clones = Object.values(lab.vms).filter((v) => v.linkedFrom?.vm === vm.name).map((v) => v.name);
  if (clones.length > 0) return refuse('SNAPSHOT_HAS_LINKED_CLONES', { vm: vm.name, snapshot: vm.name, clones });
  const vms = { ...lab.vms };
  delete vms[vm.name];
  const used = new Set(vm.hw.attachments.filter((x) => x.type === 'hdd').map((x) => x.medium));
  for (const d of vm.disks) used.add(d.uuid);
  const usedElsewhere = new Set(Object.values(vms).flatMap((v) => v.hw.attachments.map((x) => x.medium)));
  const deleted = a.deleteMedia ? lab.media.filter((m) => m.kind === 'hdd' && used.has(m.uuid) && !usedElsewhere.has(m.uuid)) : [];
  const media = lab.media.filter((m) => !deleted.includes(m));
  const console = lab.console.vm === vm.name ? { vm: Object.keys(vms)[0] ?? '' } : lab.console;
  const kept = a.deleteMedia || lab.platform !== 'virtualbox' ? lab.unregistered : [...lab.unregistered, { ...vm, power: 'poweroff' as const, runtime: null }];
  return done({ ...lab, vms, media, console, unregistered: kept }, [
    event('VM_REMOVED', vm.name, { deleted: deleted.map((m) => m.location), vmid: vm.vmid, settings: a.deleteMedia === true }),
  ]);
}

/** Which settings a running VM accepts (SPEC M8). */
function runningRefusal(lab: LabState, vm: Vm, op: string): Outcome | null {
  if (vm.power === 'poweroff') return null;
  if (lab.platform === 'virtualbox') return refuse('SETTINGS_LOCKED', { vm: vm.name, power: vm.power, op });
  return null;
}

/** SPEC M8-M9: `modifyvm` / `qm set` / `virsh set…`. Units are the tools' own (MB). */
export function modifyVm(lab: LabState, a: ModifyVmAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const keys = Object.keys(a).filter((k) => k !== 'type' && k !== 'vm' && k !== 'scope');
  if (keys.length === 0) return refuse('NOTHING_TO_CHANGE', { vm: vm.name });
  const scope = a.scope ?? 'config';
  if (scope !== 'config') return liveChange(lab, vm, a, scope);
  const locked = runningRefusal(lab, vm, 'modifyvm');
  if (locked) return locked;
  const settings = { ...vm.settings };
  const hw: Hardware = { ...vm.hw };
  const bad = (field: string, value: unknown, min: number, max: number): Outcome =>
    refuse('INVALID_SETTING', { vm: vm.name, field, value: typeof value === 'number' || typeof value === 'string' ? value : String(value), min, max });
  if (a.memoryMb !== undefined) {
    if (!isInt(a.memoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max)) return bad('memoryMb', a.memoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max);
    settings.memoryMb = a.memoryMb;
  }
  if (a.cpus !== undefined) {
    if (!isInt(a.cpus, LIMITS.cpus.min, LIMITS.cpus.max)) return bad('cpus', a.cpus, LIMITS.cpus.min, LIMITS.cpus.max);
    settings.cpus = a.cpus;
  }
  if (a.sockets !== undefined) {
    if (!isInt(a.sockets, 1, 4)) return bad('sockets', a.sockets, 1, 4);
    hw.sockets = a.sockets;
  }
  if (a.vramMb !== undefined) {
    if (!isInt(a.vramMb, 0, 256)) return bad('vramMb', a.vramMb, 0, 256);
    hw.vramMb = a.vramMb;
  }
  if (a.boot !== undefined) {
    const boot = [...hw.boot];
    for (const b of a.boot) {
      if (!isInt(b.slot, 1, 4)) return bad('boot', b.slot, 1, 4);
      boot[b.slot - 1] = b.device;
    }
    hw.boot = boot;
  }
  if (a.ostype !== undefined) hw.ostype = a.ostype;
  if (a.firmware !== undefined) hw.firmware = a.firmware;
  if (a.ioapic !== undefined) hw.ioapic = a.ioapic;
  if (a.graphics !== undefined) hw.graphics = a.graphics;
  if (a.agent !== undefined) hw.agent = a.agent;
  if (a.description !== undefined) hw.description = a.description.slice(0, 8192);
  if (a.maxMemoryMb !== undefined) {
    if (!isInt(a.maxMemoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max)) return bad('memoryMb', a.maxMemoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max);
    hw.maxMemoryMb = a.maxMemoryMb;
    // qemuDomainSetMemoryFlags: a new maximum below the current memory lowers the current memory.
    if (a.memoryMb === undefined && settings.memoryMb > a.maxMemoryMb) settings.memoryMb = a.maxMemoryMb;
  }
  if (a.maxCpus !== undefined) {
    if (!isInt(a.maxCpus, LIMITS.cpus.min, LIMITS.cpus.max)) return bad('cpus', a.maxCpus, LIMITS.cpus.min, LIMITS.cpus.max);
    hw.maxCpus = a.maxCpus;
    if (a.cpus === undefined && settings.cpus > a.maxCpus) settings.cpus = a.maxCpus;
  }
  if (hw.maxMemoryMb !== null && settings.memoryMb > hw.maxMemoryMb) {
    return refuse('ABOVE_MAXIMUM', { vm: vm.name, field: 'memoryMb', value: settings.memoryMb, max: hw.maxMemoryMb });
  }
  if (hw.maxCpus !== null && settings.cpus > hw.maxCpus) return refuse('ABOVE_MAXIMUM', { vm: vm.name, field: 'cpus', value: settings.cpus, max: hw.maxCpus });
  if (settings.cpus % hw.sockets !== 0 && lab.platform !== 'virtualbox') {
    return bad('sockets', hw.sockets, 1, settings.cpus);
  }
  let next = lab;
  let target = vm;
  if (a.name !== undefined && a.name !== vm.name) {
    const taken = nameProblem(lab, a.name);
    if (taken) return taken;
    const vms = { ...lab.vms };
    delete vms[vm.name];
    target = { ...vm, name: a.name };
    next = { ...lab, vms, console: lab.console.vm === vm.name ? { vm: a.name } : lab.console };
  }
  const changed: Vm = { ...target, settings, hw };
  const events: SimEvent[] = [event('HARDWARE_CHANGED', changed.name, { fields: keys, memoryMb: settings.memoryMb, cpus: settings.cpus })];
  if (vm.runtime !== null && (settings.memoryMb !== vm.settings.memoryMb || settings.cpus !== vm.settings.cpus)) {
    events.push(event('SETTINGS_PENDING', changed.name, { ...settings }));
  }
  return done(withVm(next, changed), events);
}

/**
 * SPEC M9: virsh `--live`: the running guest's memory (balloon) and vCPUs change at once, within
 * the maxima; the maximum memory of a running domain never changes live.
 */
function liveChange(lab: LabState, vm: Vm, a: ModifyVmAction, scope: 'live' | 'both'): Outcome {
  if (vm.runtime === null || vm.power === 'poweroff') return refuse('NOT_RUNNING', { vm: vm.name, op: 'live change', power: vm.power });
  if (a.maxMemoryMb !== undefined) return refuse('MAXMEM_LIVE', { vm: vm.name });
  const maxMem = vm.hw.maxMemoryMb ?? vm.settings.memoryMb;
  const maxCpus = vm.hw.maxCpus ?? vm.settings.cpus;
  if (a.memoryMb !== undefined && (!isInt(a.memoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max) || a.memoryMb > maxMem)) {
    return refuse('ABOVE_MAXIMUM', { vm: vm.name, field: 'memoryMb', value: Number.isFinite(a.memoryMb) ? a.memoryMb : 0, max: maxMem });
  }
  if (a.cpus !== undefined && (!isInt(a.cpus, 1, LIMITS.cpus.max) || a.cpus > maxCpus)) {
    return refuse('ABOVE_MAXIMUM', { vm: vm.name, field: 'cpus', value: Number.isFinite(a.cpus) ? a.cpus : 0, max: maxCpus });
  }
  const booted = { memoryMb: a.memoryMb ?? vm.runtime.booted.memoryMb, cpus: a.cpus ?? vm.runtime.booted.cpus };
  const settings = scope === 'both' ? { memoryMb: a.memoryMb ?? vm.settings.memoryMb, cpus: a.cpus ?? vm.settings.cpus } : vm.settings;
  const next: Vm = { ...vm, settings, runtime: { ...vm.runtime, booted } };
  return done(withVm(lab, next), [event('HARDWARE_CHANGED', vm.name, { fields: Object.keys(a).filter((k) => k === 'memoryMb' || k === 'cpus'), memoryMb: booted.memoryMb, cpus: booted.cpus, live: true })]);
}

/** SPEC M10: NICs 1–8; VirtualBox changes a running VM's NIC only through `controlvm`. */
export function setNic(lab: LabState, a: SetNicAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (!isInt(a.slot, 1, 8)) return refuse('INVALID_SETTING', { vm: vm.name, field: 'nic', value: String(a.slot), min: 1, max: 8 });
  if (!a.live) {
    const locked = runningRefusal(lab, vm, 'modifyvm');
    if (locked) return locked;
  }
  const existing = vm.hw.nics.find((n) => n.slot === a.slot);
  if (a.attachment === 'none' && !existing) return done(lab, []);
  if (a.network !== undefined && a.network !== null) {
    const problem = networkProblem(lab, a.attachment ?? existing?.attachment ?? 'nat', a.network);
    if (problem) return refuse('NETWORK_NOT_FOUND', { vm: vm.name, ...problem });
  }
  const modelDefault = lab.platform === 'virtualbox' ? '82540EM' : 'virtio';
  const base: NicConfig = existing ?? nic(a.slot, 'null', null, modelDefault, macFor(lab.platform, vm.uuid, a.slot));
  const updated: NicConfig = {
    ...base,
    ...(a.attachment !== undefined ? { attachment: a.attachment } : {}),
    ...(a.network !== undefined ? { network: a.network } : {}),
    ...(a.model !== undefined ? { model: a.model } : {}),
    ...(a.cable !== undefined ? { cable: a.cable } : {}),
    ...(a.localhostReachable !== undefined ? { localhostReachable: a.localhostReachable } : {}),
    ...(a.mac !== undefined ? { mac: a.mac } : {}),
  };
  const nics = a.attachment === 'none' ? vm.hw.nics.filter((n) => n.slot !== a.slot) : [...vm.hw.nics.filter((n) => n.slot !== a.slot), updated].sort((x, y) => x.slot - y.slot);
  return done(withVm(lab, { ...vm, hw: { ...vm.hw, nics } }), [
    event('NIC_CHANGED', vm.name, { slot: a.slot, attachment: a.attachment === 'none' ? 'none' : updated.attachment, network: updated.network ?? '', removed: a.attachment === 'none' }),
  ]);
}

function networkProblem(lab: LabState, attachment: NicAttachment, network: string): { network: string; kind: string; known: string[] } | null {
  const known =
    attachment === 'hostonly'
      ? lab.host.hostOnly.map((h) => h.name)
      : attachment === 'natnetwork'
        ? lab.host.networks.map((n) => n.name)
        : attachment === 'bridged'
          ? lab.host.interfaces
          : null;
  if (known === null || known.includes(network)) return null;
  return { network, kind: attachment, known };
}

/** SPEC M11: NAT port forwards, unique by name and by host port. */
export function portForward(lab: LabState, a: PortForwardAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (!a.live) {
    const locked = runningRefusal(lab, vm, 'modifyvm');
    if (locked) return locked;
  }
  const n = vm.hw.nics.find((x) => x.slot === a.slot);
  if (!n) return refuse('NIC_NOT_PRESENT', { vm: vm.name, slot: a.slot });
  if (a.op === 'delete') {
    const name = a.name ?? '';
    if (!n.forwards.some((f) => f.name === name)) return refuse('FORWARD_NOT_FOUND', { vm: vm.name, name, known: n.forwards.map((f) => f.name) });
    const nics = vm.hw.nics.map((x) => (x === n ? { ...x, forwards: x.forwards.filter((f) => f.name !== name) } : x));
    return done(withVm(lab, { ...vm, hw: { ...vm.hw, nics } }), [event('FORWARD_CHANGED', vm.name, { slot: a.slot, name, op: 'delete' })]);
  }
  const rule = a.rule;
  if (!rule) return refuse('NOTHING_TO_CHANGE', { vm: vm.name });
  if (!isInt(rule.hostPort, 1, 65535) || !isInt(rule.guestPort, 1, 65535)) {
    return refuse('INVALID_SETTING', { vm: vm.name, field: 'port', value: String(isInt(rule.hostPort, 1, 65535) ? rule.guestPort : rule.hostPort), min: 1, max: 65535 });
  }
  if (n.forwards.some((f) => f.name === rule.name)) return refuse('FORWARD_EXISTS', { vm: vm.name, name: rule.name });
  const clash = Object.values(lab.vms)
    .flatMap((v) => v.hw.nics.flatMap((x) => x.forwards.map((f) => ({ vm: v.name, f }))))
    .find(({ f }) => f.hostPort === rule.hostPort && f.protocol === rule.protocol && (f.hostIp === rule.hostIp || f.hostIp === '' || rule.hostIp === ''));
  const events: SimEvent[] = [event('FORWARD_CHANGED', vm.name, { slot: a.slot, name: rule.name, op: 'add', hostPort: rule.hostPort, guestPort: rule.guestPort })];
  if (clash) events.push(event('FORWARD_PORT_SHARED', vm.name, { hostPort: rule.hostPort, other: clash.vm, name: clash.f.name }));
  const nics = vm.hw.nics.map((x) => (x === n ? { ...x, forwards: [...x.forwards, rule] } : x));
  return done(withVm(lab, { ...vm, hw: { ...vm.hw, nics } }), events);
}

/** SPEC M12: `createmedium disk`: a new, empty image in the media registry. */
export function createMedium(lab: LabState, a: CreateMediumAction): Outcome {
  const location = a.location.trim();
  if (location === '') return refuse('MEDIUM_NOT_FOUND', { file: location });
  if (!isInt(a.sizeMb, 1, 64 * 1024 * 1024)) return refuse('INVALID_SETTING', { vm: '', field: 'size', value: String(a.sizeMb), min: 1, max: 64 * 1024 * 1024 });
  if (lab.media.some((m) => m.location === location)) return refuse('MEDIUM_EXISTS', { file: location });
  const uuid = uuidFor(lab.seed, `medium-${lab.seq}`);
  const medium: Medium = { uuid, location, kind: 'hdd', format: a.format ?? 'VDI', capacityMb: a.sizeMb, variant: a.variant ?? 'Standard', installer: null, bootable: false };
  return done({ ...lab, seq: lab.seq + 1, media: [...lab.media, medium] }, [event('MEDIUM_CREATED', '', { file: location, uuid, sizeMb: a.sizeMb, format: medium.format, variant: medium.variant })]);
}

/** SPEC M13: controllers are named; names are unique per VM; a bus has a port range. */
export function storageCtl(lab: LabState, a: StorageCtlAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const locked = runningRefusal(lab, vm, 'storagectl');
  if (locked) return locked;
  const existing = vm.hw.controllers.find((c) => c.name === a.name);
  if (a.remove) {
    if (!existing) return refuse('CONTROLLER_NOT_FOUND', { vm: vm.name, controller: a.name, known: vm.hw.controllers.map((c) => c.name) });
    const hw = { ...vm.hw, controllers: vm.hw.controllers.filter((c) => c !== existing), attachments: vm.hw.attachments.filter((x) => x.controller !== a.name) };
    return done(withVm(lab, { ...vm, hw }), [event('CONTROLLER_CHANGED', vm.name, { controller: a.name, op: 'remove' })]);
  }
  if (a.bus !== undefined && existing) return refuse('CONTROLLER_EXISTS', { vm: vm.name, controller: a.name });
  if (!existing && a.bus === undefined) return refuse('CONTROLLER_NOT_FOUND', { vm: vm.name, controller: a.name, known: vm.hw.controllers.map((c) => c.name) });
  const made = existing ?? controller(a.name, a.bus!);
  const type = a.controller ?? made.type;
  const portCount = a.portCount ?? made.portCount;
  const max = MAX_PORTS[made.bus] ?? 1;
  if (!isInt(portCount, 1, max)) return refuse('INVALID_SETTING', { vm: vm.name, field: 'portcount', value: String(portCount), min: 1, max });
  if (a.controller !== undefined && !controllerFits(made.bus, type)) {
    return refuse('CONTROLLER_TYPE', { vm: vm.name, controller: a.name, bus: made.bus, type, expected: CONTROLLER_TYPES[made.bus] ?? [] });
  }
  const updated = { ...made, type, portCount, bootable: a.bootable ?? made.bootable };
  const controllers = existing ? vm.hw.controllers.map((c) => (c === existing ? updated : c)) : [...vm.hw.controllers, updated];
  return done(withVm(lab, { ...vm, hw: { ...vm.hw, controllers } }), [event('CONTROLLER_CHANGED', vm.name, { controller: a.name, op: existing ? 'change' : 'add', bus: updated.bus, type })]);
}

export const CONTROLLER_TYPES: Record<string, string[]> = {
  ide: ['PIIX3', 'PIIX4', 'ICH6'],
  sata: ['IntelAhci'],
  scsi: ['LsiLogic', 'BusLogic'],
  sas: ['LsiLogicSas'],
  floppy: ['I82078'],
  usb: ['USB'],
  pcie: ['NVMe'],
  virtio: ['VirtIO'],
};

function controllerFits(bus: Bus, type: string): boolean {
  return (CONTROLLER_TYPES[bus] ?? []).includes(type);
}

/** IDE: ports 0–1 (primary, secondary) × devices 0–1 (master, slave); other buses: device 0. */
function slotProblem(bus: Bus, portCount: number, port: number, device: number): { max: number; field: 'port' | 'device' } | null {
  if (!isInt(port, 0, portCount - 1)) return { field: 'port', max: portCount - 1 };
  const devices = bus === 'ide' ? 2 : 1;
  if (!isInt(device, 0, devices - 1)) return { field: 'device', max: devices - 1 };
  return null;
}

/**
 * SPEC M13-M14: attach a disk or DVD image to a controller port. A disk needs a controller; an
 * ISO goes in a DVD drive; `none` removes the device; while the VM runs only a DVD drive's
 * medium may change (VirtualBox hot-plugs no other device unless the port is marked hot-pluggable).
 */
export function storageAttach(lab: LabState, a: StorageAttachAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const ctl = vm.hw.controllers.find((c) => c.name === a.controller);
  if (!ctl) return refuse('CONTROLLER_NOT_FOUND', { vm: vm.name, controller: a.controller, known: vm.hw.controllers.map((c) => c.name) });
  const slot = slotProblem(ctl.bus, ctl.portCount, a.port, a.device);
  if (slot) return refuse('INVALID_SETTING', { vm: vm.name, field: slot.field, value: String(slot.field === 'port' ? a.port : a.device), min: 0, max: slot.max });
  const here = vm.hw.attachments.find((x) => x.controller === ctl.name && x.port === a.port && x.device === a.device);
  const running = vm.power !== 'poweroff';
  const others = vm.hw.attachments.filter((x) => x !== here);
  const medium = a.medium.trim();
  if (medium === 'none') {
    if (!here) return refuse('NOTHING_ATTACHED', { vm: vm.name, controller: ctl.name, port: a.port, device: a.device });
    if (running && lab.platform !== 'proxmox') return refuse('HOTPLUG_UNSUPPORTED', { vm: vm.name, controller: ctl.name });
    const hw = { ...vm.hw, attachments: others };
    const disks = here.type === 'hdd' ? vm.disks.filter((d, i) => i === 0 || d.uuid !== here.medium) : vm.disks;
    return done(withVm(lab, { ...vm, hw, disks }), [event('MEDIUM_DETACHED', vm.name, { controller: ctl.name, port: a.port, device: a.device, type: here.type })]);
  }
  const type: DeviceType = a.deviceType ?? here?.type ?? (medium === 'emptydrive' || /\.iso$/i.test(medium) ? 'dvddrive' : 'hdd');
  // Proxmox hot-plugs disks by default (hotplug: network,disk,usb); VirtualBox only swaps discs.
  if (running && lab.platform !== 'proxmox' && !(here && here.type === 'dvddrive' && type === 'dvddrive')) return refuse('HOTPLUG_UNSUPPORTED', { vm: vm.name, controller: ctl.name });
  if (medium === 'emptydrive') {
    if (type !== 'dvddrive') return refuse('EMPTY_NEEDS_DVD', { vm: vm.name });
    return attachDone(lab, vm, others, { controller: ctl.name, port: a.port, device: a.device, type, medium: null });
  }
  let next = lab;
  let m = lab.media.find((x) => x.location === medium || x.uuid === medium) ?? (medium.includes('/') ? undefined : lab.media.find((x) => basename(x.location) === medium));
  if (!m && type === 'dvddrive') {
    const file = lab.host.files.find((f) => f.path === medium || basename(f.path) === medium);
    if (file && /\.iso$/i.test(file.path)) {
      // Attaching an ISO image registers it (as `VBoxManage list dvds` then shows).
      m = { uuid: uuidFor(lab.seed, `medium-${lab.seq}`), location: file.path, kind: 'dvd', format: 'RAW', capacityMb: 650, variant: 'Standard', installer: installerOf(file.content), bootable: false };
      next = { ...lab, seq: lab.seq + 1, media: [...lab.media, m] };
    }
  }
  if (!m && type === 'hdd' && lab.host.files.some((f) => (f.path === medium || basename(f.path) === medium) && /\.iso$/i.test(f.path))) {
    return refuse('MEDIUM_WRONG_TYPE', { vm: vm.name, file: medium, kind: 'dvd', type });
  }
  if (!m) return refuse('MEDIUM_NOT_FOUND', { vm: vm.name, file: medium, known: [...lab.media.map((x) => x.location), ...lab.host.files.map((f) => f.path)] });
  if ((type === 'hdd') !== (m.kind === 'hdd')) return refuse('MEDIUM_WRONG_TYPE', { vm: vm.name, file: m.location, kind: m.kind, type });
  if (m.kind === 'hdd') {
    const owner = Object.values(next.vms).find((v) => v.name !== vm.name && v.hw.attachments.some((x) => x.medium === m!.uuid));
    if (owner) return refuse('DISK_IN_USE', { vm: vm.name, disk: m.location, other: owner.name });
    if (others.some((x) => x.medium === m!.uuid)) return refuse('DISK_IN_USE', { vm: vm.name, disk: m.location, other: vm.name });
  }
  return attachDone(next, vm, others, { controller: ctl.name, port: a.port, device: a.device, type, medium: m.uuid });
}

function attachDone(lab: LabState, vm: Vm, others: Attachment[], att: Attachment): Outcome {
  const hw = { ...vm.hw, attachments: [...others, att] };
  const disks = att.type === 'hdd' && att.medium !== null && !vm.disks.some((d) => d.uuid === att.medium) ? [...vm.disks, attachedDisk(lab, vm, att.medium)] : vm.disks;
  const medium = lab.media.find((m) => m.uuid === att.medium);
  return done(withVm(lab, { ...vm, hw, disks }), [
    event('MEDIUM_ATTACHED', vm.name, { controller: att.controller, port: att.port, device: att.device, type: att.type, file: medium?.location ?? 'emptydrive' }),
  ]);
}

/** A registry medium as the snapshot engine's disk: the first disk holds `/`, others `/mnt/diskN` (a simplification, SPEC M14). */
function attachedDisk(lab: LabState, vm: Vm, uuid: string): AttachedDisk {
  const m = lab.media.find((x) => x.uuid === uuid)!;
  const mount = vm.disks.length === 0 ? '/' : `/mnt/disk${vm.disks.length}`;
  return { mount, capacity: m.capacityMb * 1048576, mode: 'normal', fixed: m.variant === 'Fixed', uuid, volume: m.location, chain: [m.location], overlays: [] };
}

function disksFor(lab: LabState, hw: Hardware): AttachedDisk[] {
  const out: AttachedDisk[] = [];
  for (const att of hw.attachments) {
    if (att.type !== 'hdd' || att.medium === null) continue;
    const m = lab.media.find((x) => x.uuid === att.medium);
    if (!m) continue;
    out.push({ mount: out.length === 0 ? '/' : `/mnt/disk${out.length}`, capacity: m.capacityMb * 1048576, mode: 'normal', fixed: m.variant === 'Fixed', uuid: m.uuid, volume: m.location, chain: [m.location], overlays: [] });
  }
  return out;
}

function basename(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
  return cut < 0 ? path : path.slice(cut + 1);
}

/** An ISO file's installer: the text after "ISO 9660: " in the host file (the simulator's own marker). */
export function installerOf(content: string): string | null {
  const m = /^ISO 9660: (.+)$/m.exec(content);
  return m ? m[1]!.trim() : null;
}

export { DEFAULT_CONTROLLER };
