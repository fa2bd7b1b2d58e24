import { actionIssue, bool, finite, int, isRecord, issueText, list, nullable, object, oneOf, optional, text, type Rule, type Shape } from '../../core/shape';
import { closest } from '../../core/suggest';
import type { Action } from './actions';
import { refusal, type Refusal } from './reasons';

/**
 * The shape of every action, checked before any handler runs (SPEC E6): whatever a widget, a lab log
 * or a test hands in (a number for a VM name, `after: "x"`, NaN), the engine refuses it with a reason
 * naming the field, and never throws or stores a value JSON cannot hold. Extra fields are ignored.
 */
const location = optional(oneOf('internal', 'external'));
const BOOT = ['none', 'floppy', 'dvd', 'disk', 'net'];
const NIC = ['none', 'null', 'nat', 'natnetwork', 'bridged', 'intnet', 'hostonly', 'generic'];
const BUSES = ['ide', 'sata', 'scsi', 'sas', 'floppy', 'usb', 'pcie', 'virtio'];
const forward = object({ name: text, protocol: oneOf('tcp', 'udp'), hostIp: text, hostPort: finite, guestIp: text, guestPort: finite });
/** Hardware given at creation (domain XML, qm create): only plain data of the right kinds. */
const hardware: Rule = object({
  ostype: optional(text),
  firmware: optional(oneOf('bios', 'efi')),
  sockets: optional(finite),
  vramMb: optional(finite),
  boot: optional(list(oneOf(...BOOT))),
  ioapic: optional(bool),
  graphics: optional(text),
  agent: optional(bool),
  description: optional(text),
  maxMemoryMb: optional(nullable(finite)),
  maxCpus: optional(nullable(finite)),
  controllers: optional(list(object({ name: text, bus: oneOf(...BUSES), type: text, portCount: finite, bootable: bool }))),
  attachments: optional(list(object({ controller: text, port: finite, device: finite, type: oneOf('hdd', 'dvddrive'), medium: nullable(text) }))),
  nics: optional(list(object({ slot: finite, attachment: oneOf(...NIC), network: nullable(text), model: text, mac: text, cable: bool, forwards: list(forward), localhostReachable: bool }))),
});
const GUEST: Record<string, Shape> = {
  write: { path: text, content: text, size: optional(int(0)), append: optional(bool) },
  replace: { path: text, search: text, replacement: text, all: bool },
  remove: { path: text, recursive: bool, force: bool, noPreserveRoot: bool },
  install: { packages: list(text) },
  uninstall: { packages: list(text), purge: bool },
  upgrade: { packages: list(text) },
  service: { service: text, command: oneOf('start', 'stop', 'restart', 'reload', 'enable', 'disable') },
};
const guestOp: Rule = (v) => {
  const op = isRecord(v) && Object.hasOwn(v, 'op') ? v['op'] : undefined;
  if (typeof op === 'string' && Object.hasOwn(GUEST, op)) return object(GUEST[op]!)(v);
  return object({ op: oneOf(...Object.keys(GUEST)) })(v);
};

const SHAPES: Record<Action['type'], Shape> = {
  take: {
    vm: text,
    name: optional(text),
    description: optional(text),
    memory: optional(bool),
    live: optional(bool),
    halt: optional(bool),
    uniqueName: optional(object({ number: optional(bool), timestamp: optional(bool), space: optional(bool), force: optional(bool) })),
    location,
    disks: optional(list(object({ disk: int(0), location, file: optional(text) }))),
    memoryFile: optional(text),
  },
  restore: { vm: text, snapshot: text, after: optional(oneOf('running', 'paused')) },
  deleteSnapshot: { vm: text, snapshot: text, scope: optional(oneOf('self', 'withChildren', 'childrenOnly')) },
  editSnapshot: { vm: text, snapshot: text, name: optional(text), description: optional(text) },
  setCurrent: { vm: text, snapshot: text },
  clone: { vm: text, name: text, mode: oneOf('full', 'linked'), snapshot: optional(text), vmid: optional(int(1, 999_999_999)) },
  template: { vm: text },
  power: { vm: text, op: oneOf('start', 'shutdown', 'poweroff', 'pause', 'resume', 'save', 'discardState', 'reboot', 'reset'), frontend: optional(oneOf('gui', 'headless')) },
  configure: { vm: text, memoryMb: optional(finite), cpus: optional(finite) },
  guest: { vm: text, guest: guestOp },
  loseBaseDisk: { vm: text },
  setDiskMode: { vm: text, disk: int(0), mode: oneOf('normal', 'writethrough', 'immutable', 'shareable', 'multiattach') },
  focus: { vm: text, via: optional(object({ by: oneOf('name', 'address', 'forward'), target: text })) },
  // The machine model's actions (src/sim/machine/actions.ts, SPEC M6-M16).
  createVm: { name: text, ostype: optional(text), register: optional(bool), vmid: optional(finite), memoryMb: optional(finite), cpus: optional(finite), start: optional(bool), hw: optional(hardware) },
  registerVm: { file: text },
  unregisterVm: { vm: text, deleteMedia: optional(bool) },
  modifyVm: {
    vm: text,
    memoryMb: optional(finite),
    cpus: optional(finite),
    sockets: optional(finite),
    vramMb: optional(finite),
    boot: optional(list(object({ slot: finite, device: oneOf(...BOOT) }))),
    ostype: optional(text),
    firmware: optional(oneOf('bios', 'efi')),
    ioapic: optional(bool),
    graphics: optional(text),
    agent: optional(bool),
    description: optional(text),
    name: optional(text),
    maxMemoryMb: optional(finite),
    maxCpus: optional(finite),
    scope: optional(oneOf('config', 'live', 'both')),
  },
  setNic: { vm: text, slot: finite, attachment: optional(oneOf(...NIC)), network: optional(nullable(text)), model: optional(text), cable: optional(bool), localhostReachable: optional(bool), mac: optional(text), live: optional(bool) },
  portForward: { vm: text, slot: finite, op: oneOf('add', 'delete'), rule: optional(forward), name: optional(text), live: optional(bool) },
  createMedium: { location: text, sizeMb: finite, format: optional(text), variant: optional(oneOf('Standard', 'Fixed')) },
  storageCtl: { vm: text, name: text, bus: optional(oneOf(...BUSES)), controller: optional(text), portCount: optional(finite), bootable: optional(bool), remove: optional(bool) },
  storageAttach: { vm: text, controller: text, port: finite, device: finite, deviceType: optional(oneOf('hdd', 'dvddrive')), medium: text },
  installOs: { vm: text },
};

/** null when `input` has the shape of an action; otherwise the refusal that names the wrong field. */
export function actionShapeRefusal(input: unknown): Refusal | null {
  const issue = actionIssue(input, SHAPES, closest);
  if (!issue) return null;
  const type = isRecord(input) && typeof input['type'] === 'string' && Object.hasOwn(SHAPES, input['type']) ? input['type'] : '';
  return refusal('INVALID_ACTION', { ...(type ? { type } : {}), problem: issueText(issue) });
}
