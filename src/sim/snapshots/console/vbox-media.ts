import { ownValue } from '../../core/own';
import { closest } from '../../core/suggest';
import { diskUsage } from '../disk/usage';
import type { StepContext } from '../model/actions';
import { vboxMediumPath } from '../model/naming';
import type { Refusal } from '../model/reasons';
import type { DiskMode, LabState, Vm } from '../model/types';
import { hint, perform, printed, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';

/**
 * VBoxManage's disk commands (SPEC K2, V10-V13): `list hdds`, `showmediuminfo`, `modifymedium
 * --type` and `storageattach --mtype`. Both changes go through Medium::setType, so they refuse
 * alike; storageattach first checks its controller and port (VBoxManageStorageController.cpp).
 */

const err = (text: string): string => `VBoxManage: error: ${text}`;

/** parseMediumType in VBoxManageDisk.cpp, case-insensitive; `readonly` is for DVDs and floppies. */
const MEDIUM_TYPES: Record<string, DiskMode | 'readonly'> = {
  normal: 'normal',
  writethrough: 'writethrough',
  immutable: 'immutable',
  shareable: 'shareable',
  readonly: 'readonly',
  multiattach: 'multiattach',
};

function parseType(text: string): DiskMode | 'readonly' | null {
  const key = text.toLowerCase();
  return Object.hasOwn(MEDIUM_TYPES, key) ? MEDIUM_TYPES[key]! : null;
}

interface Found {
  vm: Vm;
  index: number;
  path: string;
}

/** Every hard disk image of every VM, as `list hdds` enumerates them. */
function media(lab: LabState): Found[] {
  return Object.values(lab.vms).flatMap((vm) => vm.disks.map((d, index) => ({ vm, index, path: vboxMediumPath(vm.name, d.volume) })));
}

/** A medium by UUID, full path or file name, the ways VBoxManage's openMedium finds one. */
function findMedium(lab: LabState, ref: string): Found | undefined {
  return media(lab).find((m) => {
    const d = m.vm.disks[m.index]!;
    return d.uuid === ref || m.path === ref || d.volume === ref || m.path.endsWith(`/${ref}`);
  });
}

function unknownMedium(lab: LabState, ref: string, vm?: Vm): Handled {
  const names = media(lab).map((m) => m.vm.disks[m.index]!.volume);
  const near = closest(ref, names);
  const abs = ref.startsWith('/') ? ref : `/root/${ref}`;
  const r: Refusal = { code: 'UNKNOWN_DISK', params: { vm: vm?.name ?? '', disk: ref, known: names } };
  return refusedWith(
    lab,
    r,
    [
      err(`Could not find file for the medium '${abs}' (VERR_FILE_NOT_FOUND)`),
      err('Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium, callee nsISupports'),
      ...(near ? [hint(`did you mean "${near}"?`)] : []),
    ],
    1,
  );
}

const TYPE_LINE: Record<DiskMode, string> = {
  normal: 'normal (base)',
  writethrough: 'writethrough',
  immutable: 'immutable',
  shareable: 'shareable',
  multiattach: 'multiattach',
};

const mb = (bytes: number): number => Math.round(bytes / 1024 ** 2);

function mediumLines(lab: LabState, m: Found, withUsage: boolean): string[] {
  const d = m.vm.disks[m.index]!;
  const source = m.vm.linkedFrom ? ownValue(lab.vms, m.vm.linkedFrom.vm) : undefined;
  const lines = [
    `UUID:           ${d.uuid}`,
    `Parent UUID:    ${source ? (source.disks[m.index]?.uuid ?? 'base') : 'base'}`,
    `State:          ${m.vm.disk.lost ? 'inaccessible' : 'created'}`,
    `Type:           ${source ? `${d.mode} (differencing)` : TYPE_LINE[d.mode]}`,
    `Location:       ${m.path}`,
    'Storage format: VDI',
  ];
  if (withUsage) lines.push(`Format variant: ${d.fixed ? 'fixed' : 'dynamic'} default`);
  lines.push(`Capacity:       ${mb(d.capacity)} MBytes`);
  if (withUsage) {
    const usage = diskUsage(lab, m.vm.name)!;
    lines.push(`Size on disk:   ${mb(usage.perDisk[m.index]?.physicalBytes ?? 0)} MBytes`, 'Encryption:     disabled', `In use by VMs:  ${m.vm.name} (UUID: ${m.vm.uuid})`);
  } else {
    lines.push('Encryption:     disabled');
  }
  return lines;
}

/** `VBoxManage list hdds`: every registered hard disk image, a blank line after each. */
export function listHdds(lab: LabState): string[] {
  return media(lab).flatMap((m) => [...mediumLines(lab, m, false), '']);
}

/** `VBoxManage showmediuminfo [disk] <uuid|filename>`. */
export function showMediumInfo(lab: LabState, args: string[]): Handled {
  const words = args[0] === 'disk' ? args.slice(1) : args;
  const ref = words.find((w) => !w.startsWith('-'));
  if (!ref) return printed(lab, [err('Medium name or UUID required'), 'Usage: VBoxManage showmediuminfo [disk|dvd|floppy] <uuid|filename>'], 2);
  const m = findMedium(lab, ref);
  return m ? printed(lab, mediumLines(lab, m, true)) : unknownMedium(lab, ref);
}

/** What a refused setType prints: VirtualBox's message, then VBoxManage's own summary line. */
function setTypeLines(lab: LabState, r: Refusal, summary: string | null): string[] {
  const p = r.params;
  const vm = ownValue(lab.vms, p['vm']);
  const index = vm ? vm.disks.findIndex((d) => d.volume === p['disk']) : -1;
  const file = vm && index >= 0 ? vboxMediumPath(vm.name, vm.disks[index]!.volume) : String(p['disk'] ?? '');
  const detail = (code: string, hex: string): string => err(`Details: code ${code} (${hex}), component MediumWrap, interface IMedium, callee nsISupports`);
  const tail = summary ? [err(summary)] : [];
  switch (r.code) {
    case 'MEDIUM_LOCKED':
      return [err(`Medium '${file}' is locked for writing by another task`), detail('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007'), ...tail];
    case 'MEDIUM_ATTACHED':
      return [err(`Cannot change the type of medium '${file}' because it is attached to ${String(p['count'])} virtual machines`), detail('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007'), ...tail];
    case 'MEDIUM_HAS_CHILDREN':
      return [err(`Cannot change type for medium '${file}' since it has ${String(p['count'])} child media`), detail('VBOX_E_OBJECT_IN_USE', '0x80bb000c'), ...tail];
    case 'MEDIUM_DIFFERENCING':
      return [err(`Cannot change the type of medium '${file}' because it is a differencing medium`), detail('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007'), ...tail];
    case 'SHAREABLE_NEEDS_FIXED':
      return [err(`Cannot change type for medium '${file}' to 'Shareable' since it is a dynamic medium storage unit`), detail('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007'), ...tail];
    case 'MEDIUM_READONLY':
      return [err(`Cannot change type for medium '${file}' to 'Readonly' since it is a hard disk`), detail('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007'), ...tail];
    case 'SETTINGS_LOCKED':
      return [err('The machine is not mutable (state is Saved)'), err('Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports')];
    default:
      return [err(r.code.toLowerCase().replace(/_/g, ' '))];
  }
}

function changeType(lab: LabState, m: Found, type: DiskMode | 'readonly', ctx: StepContext, summary: string | null): Handled {
  const d = m.vm.disks[m.index]!;
  if (type === 'readonly') {
    const r: Refusal = { code: 'MEDIUM_READONLY', params: { vm: m.vm.name, disk: d.volume, mount: d.mount } };
    return refusedWith(lab, r, setTypeLines(lab, r, summary), 1);
  }
  return perform(lab, { type: 'setDiskMode', vm: m.vm.name, disk: m.index, mode: type }, ctx, { ok: () => [], refused: (r) => setTypeLines(lab, r, summary) });
}

/** `VBoxManage modifymedium [disk] <uuid|filename> --type <type>` (VBoxManageDisk.cpp). */
export function modifyMedium(lab: LabState, args: string[], ctx: StepContext): Handled {
  const words = args[0] === 'disk' ? args.slice(1) : args;
  const opts = parseOptions(words, ['type', 'autoreset', 'description', 'compact', 'resize']);
  if ('error' in opts) return printed(lab, [err(opts.error)], 2);
  const ref = opts.positional[0];
  if (!ref) return printed(lab, [err('Medium name or UUID required'), 'Usage: VBoxManage modifymedium [disk|dvd|floppy] <uuid|filename> [--type normal|writethrough|immutable|shareable|readonly|multiattach]'], 2);
  const typeText = opts.values.get('type');
  if (typeText === undefined) return printed(lab, [err(`No operation specified`), hint('this lab changes disks with --type, e.g. --type writethrough')], 2);
  const type = parseType(typeText);
  if (type === null) return printed(lab, [err(`Invalid medium type '${typeText}'`)], 1);
  const m = findMedium(lab, ref);
  if (!m) return unknownMedium(lab, ref);
  return changeType(lab, m, type, ctx, null);
}

/**
 * `VBoxManage storageattach VM --storagectl SATA --port N [--device 0] [--type hdd] --medium F
 * --mtype T`: this lab attaches each disk once, so the medium must be the one already at that port;
 * the type change is the part it models.
 */
export function storageAttach(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['storagectl', 'port', 'device', 'type', 'medium', 'mtype', 'comment']);
  if ('error' in opts) return printed(lab, [err(opts.error)], 2);
  const ctl = opts.values.get('storagectl');
  if (ctl === undefined) return printed(lab, [err('Storage controller name not specified')], 2);
  if (ctl !== 'SATA') return printed(lab, [err(`Could not find a controller named '${ctl}'`), hint('this lab\'s VMs have one controller, "SATA"')], 1);
  const portText = opts.values.get('port');
  if (portText === undefined) return printed(lab, [err('Port not specified')], 2);
  const port = Number(portText);
  const device = Number(opts.values.get('device') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 29 || device !== 0) return printed(lab, [err(`Invalid port/device ${portText}/${opts.values.get('device') ?? '0'}`)], 1);
  const medium = opts.values.get('medium');
  if (medium === undefined) return printed(lab, [err('Missing --medium argument')], 1);
  const disk = vm.disks[port];
  if (medium.toLowerCase() === 'none' || medium.toLowerCase() === 'emptydrive') {
    return printed(lab, [err('this lab keeps every disk attached: detaching is not modelled'), hint(`change a disk's type in place: --medium ${disk?.volume ?? 'FILE'} --mtype writethrough`)], 1);
  }
  const m = findMedium(lab, medium);
  if (!m) return unknownMedium(lab, medium, vm);
  if (!disk || m.vm !== vm || m.index !== port) {
    return printed(lab, [err(`this lab attaches each disk where it is: SATA port ${port} of ${vm.name} holds ${disk ? disk.volume : 'nothing'}`), hint(`${vm.name}'s disks: ${vm.disks.map((d, i) => `port ${i}: ${d.volume}`).join(', ')}`)], 1);
  }
  const typeText = opts.values.get('mtype');
  if (typeText === undefined) return printed(lab, []);
  const type = parseType(typeText);
  if (type === null) return printed(lab, [err(`Invalid medium type '${typeText}'`)], 1);
  // VBoxManage locks the session machine first: a Saved VM is not mutable.
  if (vm.power === 'saved') {
    const r: Refusal = { code: 'SETTINGS_LOCKED', params: { vm: vm.name, power: vm.power } };
    return refusedWith(lab, r, setTypeLines(lab, r, null), 1);
  }
  return changeType(lab, m, type, ctx, 'Failed to set the medium type');
}
