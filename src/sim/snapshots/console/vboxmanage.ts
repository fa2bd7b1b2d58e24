import { ownValue } from '../../core/own';
import { closest } from '../../core/suggest';
import type { PowerOp, StepContext, UniqueNameFlags } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, PowerState, Snapshot, Vm } from '../model/types';
import { childrenOf, findSnapshot } from '../tree/tree';
import { hint, perform, printed, PROGRESS, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';
import { getSnapshot, hasSnapshots, listSnapshots } from '../model/snapshot-store';
import { systemVolume } from '../disk/layout';
import { vboxMediumPath } from '../model/naming';
import { listHdds, modifyMedium, showMediumInfo, storageAttach } from './vbox-media';
import {
  controlvmNic,
  createmedium,
  createvm,
  guestproperty,
  listMore,
  modifyvmFull,
  registervm,
  showvminfo,
  storageattachMachine,
  storagectl,
  unregistervm,
} from './vbox-machine';

/** `VBoxManage …` with VirtualBox's own output and error wording (SPEC K2, V1-V8). */

const SUBCOMMANDS = [
  'snapshot', 'startvm', 'controlvm', 'modifyvm', 'clonevm', 'list', 'showvminfo', 'discardstate', 'storageattach', 'modifymedium', 'showmediuminfo',
  'createvm', 'registervm', 'unregistervm', 'createmedium', 'createhd', 'storagectl', 'guestproperty',
];
const SNAPSHOT_SUBS = ['take', 'delete', 'restore', 'restorecurrent', 'edit', 'list', 'showvminfo'];
const CONTROL_SUBS = ['pause', 'resume', 'reset', 'poweroff', 'savestate', 'acpipowerbutton', 'reboot'];

const err = (text: string): string => `VBoxManage: error: ${text}`;
const details = (code: string, hex: string, component: string, iface = 'IMachine'): string =>
  err(`Details: code ${code} (${hex}), component ${component}, interface ${iface}, callee nsISupports`);

export const MACHINE_STATE: Record<PowerState, string> = { running: 'Running', paused: 'Paused', saved: 'Saved', poweroff: 'PoweredOff' };

function findVm(lab: LabState, ref: string): Vm | undefined {
  return ownValue(lab.vms, ref) ?? Object.values(lab.vms).find((v) => v.uuid === ref);
}

function unknownVm(lab: LabState, ref: string): string[] {
  const near = closest(ref, Object.keys(lab.vms));
  return [
    err(`Could not find a registered machine named '${ref}'`),
    details('VBOX_E_OBJECT_NOT_FOUND', '0x80bb0001', 'VirtualBoxWrap', 'IVirtualBox'),
    ...(near ? [hint(`did you mean "${near}"?`)] : []),
  ];
}

function syntax(message: string, usage: string): string[] {
  return [err(message), `Usage: ${usage}`];
}

const SNAPSHOT_USAGE: Record<string, string> = {
  take: 'VBoxManage snapshot <vm> take <snapshot-name> [--description=description] [--live] [--uniquename Number,Timestamp,Space,Force]',
  delete: 'VBoxManage snapshot <vm> delete <snapshot-name>',
  restore: 'VBoxManage snapshot <vm> restore <snapshot-name>',
  restorecurrent: 'VBoxManage snapshot <vm> restorecurrent',
  edit: 'VBoxManage snapshot <vm> edit <snapshot-name | --current> [--description=description] [--name=new-name]',
  list: 'VBoxManage snapshot <vm> list [--details | --machinereadable]',
  showvminfo: 'VBoxManage snapshot <vm> showvminfo <snapshot-name>',
};

/** Tool wording for each engine refusal. */
function refusalLines(lab: LabState, r: Refusal): string[] {
  const p = r.params;
  const vm = String(p['vm'] ?? '');
  switch (r.code) {
    case 'UNKNOWN_VM':
      return unknownVm(lab, vm);
    case 'UNKNOWN_SNAPSHOT':
    case 'NO_SNAPSHOTS':
      return [
        err(`Could not find a snapshot named '${String(p['snapshot'] ?? '')}'`),
        details('VBOX_E_OBJECT_NOT_FOUND', '0x80bb0001', 'MachineWrap'),
        ...(p['suggestion'] ? [hint(`did you mean "${String(p['suggestion'])}"?`)] : []),
      ];
    case 'RESTORE_WHILE_RUNNING':
      return [
        err(`Cannot delete the current state of the running machine (machine state: ${MACHINE_STATE[p['power'] as PowerState] ?? 'Running'})`),
        details('VBOX_E_INVALID_VM_STATE', '0x80bb0002', 'SessionMachine'),
      ];
    case 'SNAPSHOT_HAS_CHILDREN':
      return [
        err(
          `Snapshot '${String(p['snapshot'])}' of the machine '${vm}' cannot be deleted, because it has ${String(p['count'])} child snapshots, which is more than the one snapshot allowed for deletion`,
        ),
        details('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007', 'SessionMachine'),
      ];
    case 'CURRENT_SNAPSHOT_HAS_CHILD':
      return [
        err(`Snapshot '${String(p['snapshot'])}' of the machine '${vm}' cannot be deleted, because it is the current snapshot and has one child snapshot`),
        details('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007', 'SessionMachine'),
      ];
    case 'SNAPSHOT_HAS_LINKED_CLONES': {
      const clones = Array.isArray(p['clones']) ? p['clones'].length : 1;
      const owner = ownValue(lab.vms, vm);
      return [err(`Medium '${owner ? vboxMediumPath(vm, systemVolume(owner)) : vm}' involved in the merge operation has more than one child medium (${clones + 1})`)];
    }
    case 'BASE_DISK_LOST': {
      const owner = ownValue(lab.vms, vm);
      const file = vboxMediumPath(vm, owner ? systemVolume(owner) : `${vm}.vdi`);
      return [err(`Could not open the medium '${file}'.`), err(`VD: error VERR_FILE_NOT_FOUND opening image file '${file}' (VERR_FILE_NOT_FOUND)`)];
    }
    case 'ALREADY_RUNNING':
      return [err(`The machine '${vm}' is already locked by a session (or being locked or unlocked)`), details('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007', 'MachineWrap')];
    case 'NOT_RUNNING':
      return [err(`Machine '${vm}' is not currently running.`)];
    case 'NOT_PAUSED':
    case 'VM_PAUSED':
      return [err(`Invalid machine state: ${MACHINE_STATE[ownValue(lab.vms, vm)?.power ?? 'running']}`), details('VBOX_E_INVALID_VM_STATE', '0x80bb0002', 'ConsoleWrap', 'IConsole')];
    case 'NOT_SAVED':
      return [err(`Machine '${vm}' is not in the Saved state (machine state: ${MACHINE_STATE[p['power'] as PowerState] ?? 'PoweredOff'})`)];
    case 'SETTINGS_LOCKED':
      return p['power'] === 'saved'
        ? [err('The machine is not mutable (state is Saved)'), details('VBOX_E_INVALID_VM_STATE', '0x80bb0002', 'MachineWrap')]
        : [err(`The machine '${vm}' is already locked for a session (or being unlocked)`), details('VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007', 'MachineWrap')];
    case 'INVALID_SETTING':
      return p['field'] === 'cpus'
        ? [err(`Invalid number of CPUs: ${String(p['value'])} (must be in range [${String(p['min'])}, ${String(p['max'])}])`)]
        : [err(`Invalid RAM size: ${String(p['value'])} MB (must be in range [${String(p['min'])}, ${String(p['max'])}] MB)`)];
    case 'LINKED_CLONE_NEEDS_SNAPSHOT':
      return [err('Linked clone can only be created from a snapshot')];
    case 'VM_NAME_TAKEN':
      return [err(`Machine settings file '/root/VirtualBox VMs/${String(p['name'])}/${String(p['name'])}.vbox' already exists`)];
    case 'NAME_TOO_LONG':
      return [err(`The name is ${String(p['length'])} characters long; this lab takes at most ${String(p['max'])}`)];
    case 'UNIQUE_NAME_EXHAUSTED':
      return [err('Failed to generate a unique snapshot name')];
    default:
      return [err(r.code.toLowerCase().replace(/_/g, ' '))];
  }
}

export function vboxmanage(lab: LabState, args: string[], ctx: StepContext): Handled {
  const sub = args[0];
  if (!sub) return printed(lab, ['Usage: VBoxManage <command> [<command-options>]', `Commands: ${SUBCOMMANDS.join(', ')}`], 2);
  if (!SUBCOMMANDS.includes(sub)) {
    const near = closest(sub, SUBCOMMANDS);
    return printed(lab, [err(`Invalid command '${sub}'`), ...(near ? [hint(`did you mean "VBoxManage ${near}"?`)] : [])], 2);
  }
  if (sub === 'list') return list(lab, args.slice(1));
  if (sub === 'createvm') return createvm(lab, args.slice(1), ctx);
  if (sub === 'registervm') return registervm(lab, args.slice(1), ctx);
  if (sub === 'createmedium') return createmedium(lab, args.slice(1), ctx);
  // `createhd` is VBoxManage's older name for `createmedium disk`, still accepted (and in many scripts).
  if (sub === 'createhd') return createmedium(lab, ['disk', ...args.slice(1)], ctx);
  if (sub === 'modifymedium') return modifyMedium(lab, args.slice(1), ctx);
  if (sub === 'showmediuminfo') return showMediumInfo(lab, args.slice(1));
  // guestproperty and showvminfo take options before or after the VM.
  const vmRef = sub === 'guestproperty' ? args[2] : args.slice(1).find((a) => !a.startsWith('--'));
  if (!vmRef) return printed(lab, [err('Not enough parameters'), `Usage: VBoxManage ${sub} <uuid|vmname> …`], 2);
  const vm = findVm(lab, vmRef);
  if (!vm) return refusedWith(lab, { code: 'UNKNOWN_VM', params: { vm: vmRef, suggestion: closest(vmRef, Object.keys(lab.vms)) ?? '' } }, unknownVm(lab, vmRef), 1);
  const rest = sub === 'guestproperty' ? [args[1]!, ...args.slice(3)] : args.slice(1).filter((_word, i, all) => i !== all.indexOf(vmRef));
  const fail = (r: Refusal): string[] => refusalLines(lab, r);
  switch (sub) {
    case 'unregistervm':
      return unregistervm(lab, vm, rest, ctx);
    case 'storagectl':
      return storagectl(lab, vm, rest, ctx);
    case 'guestproperty':
      return guestproperty(lab, vm, rest);
    case 'showvminfo':
      return rest.includes('--machinereadable') || rest.includes('--details') || vm.hw.controllers.length > 0 || vm.hw.nics.length > 0 ? showvminfo(lab, vm, rest) : printed(lab, showVmInfo(vm));
    case 'snapshot':
      return snapshot(lab, vm, rest, ctx);
    case 'startvm': {
      const typeIndex = rest.findIndex((a) => a === '--type' || a.startsWith('--type='));
      const startType = typeIndex < 0 ? 'gui' : rest[typeIndex]!.includes('=') ? rest[typeIndex]!.split('=')[1]! : (rest[typeIndex + 1] ?? '');
      if (!['gui', 'headless', 'sdl', 'separate'].includes(startType)) {
        return printed(lab, [err(`Invalid session type '${startType}'`), hint('use --type headless (no window) or --type gui')], 2);
      }
      return perform(lab, { type: 'power', vm: vm.name, op: 'start', frontend: startType === 'headless' ? 'headless' : 'gui' }, ctx, {
        ok: (events) => [
          `Waiting for VM "${vm.name}" to power on...`,
          `VM "${vm.name}" has been successfully started.`,
          ...(events.some((e) => e.code === 'NO_BOOTABLE_MEDIUM') ? [hint(`${vm.name}'s screen says "FATAL: No bootable medium found! System halted." (no disk with a system, no installer disc)`)] : []),
          ...(events.some((e) => e.code === 'BOOTED_INSTALLER') ? [hint(`${vm.name} booted the installer from its DVD drive (sim install-os ${vm.name} finishes the installation)`)] : []),
        ],
        refused: fail,
      });
    }
    case 'controlvm':
      return controlvm(lab, vm, rest, ctx);
    case 'discardstate':
      return perform(lab, { type: 'power', vm: vm.name, op: 'discardState' }, ctx, { ok: () => [], refused: fail });
    case 'modifyvm':
      return onlySizes(rest) ? modifyvm(lab, vm, rest, ctx) : modifyvmFull(lab, vm, rest, ctx);
    case 'clonevm':
      return clonevm(lab, vm, rest, ctx);
    case 'storageattach':
      return isTypeChangeInPlace(lab, vm, rest) ? storageAttach(lab, vm, rest, ctx) : storageattachMachine(lab, vm, rest, ctx);
    default:
      return printed(lab, showVmInfo(vm));
  }
}

function snapshot(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const sub = args[0];
  if (!sub) return printed(lab, syntax('Not enough parameters', Object.values(SNAPSHOT_USAGE).join('\n       ')), 2);
  if (!SNAPSHOT_SUBS.includes(sub)) {
    const near = closest(sub, SNAPSHOT_SUBS);
    return printed(lab, [err(`Invalid parameter '${sub}'`), ...(near ? [hint(`did you mean "${near}"?`)] : [])], 2);
  }
  const fail = (r: Refusal): string[] => refusalLines(lab, r);
  const opts = parseOptions(args.slice(1), ['description', 'desc', 'uniquename', 'name']);
  if ('error' in opts) return printed(lab, syntax(opts.error, SNAPSHOT_USAGE[sub]!), 2);
  const name = opts.positional[0];
  switch (sub) {
    case 'take': {
      if (name === undefined) return printed(lab, syntax('Missing snapshot name', SNAPSHOT_USAGE.take!), 2);
      const unique = opts.values.get('uniquename');
      const flags = unique === undefined ? undefined : parseUnique(unique);
      // errorArgument in VBoxManageSnapshot.cpp: RTEXITCODE_FAILURE, not the syntax code.
      if (flags === null) return printed(lab, [err(`Invalid unique name description '${unique}'`)], 1);
      return perform(
        lab,
        {
          type: 'take',
          vm: vm.name,
          name,
          description: opts.values.get('description') ?? opts.values.get('desc') ?? '',
          live: opts.flags.has('live'),
          ...(flags ? { uniqueName: flags } : {}),
        },
        ctx,
        {
          ok: (events, next) => {
            const id = String(events.find((e) => e.code === 'SNAPSHOT_TAKEN')!.params['snapshot']);
            return [PROGRESS, `Snapshot taken. UUID: ${getSnapshot(ownValue(next.vms, vm.name)!, id)!.uuid}`];
          },
          refused: fail,
        },
      );
    }
    case 'restore':
    case 'delete':
    case 'restorecurrent': {
      if (sub === 'restorecurrent' && opts.positional.length > 0) return printed(lab, syntax('Too many arguments', SNAPSHOT_USAGE.restorecurrent!), 2);
      if (sub !== 'restorecurrent' && opts.positional.length !== 1) return printed(lab, syntax('Expecting snapshot name only', SNAPSHOT_USAGE[sub]!), 2);
      const snap = sub === 'restorecurrent' ? (vm.current ? getSnapshot(vm, vm.current) : undefined) : findSnapshot(vm, name!);
      if (!snap) return sub === 'restorecurrent' ? noSnapshots(lab, vm) : unknownSnapshot(lab, vm, name!);
      const banner = `${sub === 'delete' ? 'Deleting' : 'Restoring'} snapshot '${snap.name}' (${snap.uuid})`;
      const action = sub === 'delete' ? ({ type: 'deleteSnapshot', vm: vm.name, snapshot: snap.uuid } as const) : ({ type: 'restore', vm: vm.name, snapshot: snap.uuid } as const);
      // VBoxManage prints the banner before it asks VirtualBox, so the banner precedes an error too.
      return perform(lab, action, ctx, { ok: () => [banner, PROGRESS], refused: (r) => [banner, ...fail(r)] });
    }
    case 'edit': {
      const target = opts.flags.has('current') ? (vm.current ? getSnapshot(vm, vm.current)?.uuid : null) : name === undefined ? undefined : findSnapshot(vm, name)?.uuid;
      if (target === undefined || target === null) {
        if (opts.flags.has('current')) return noSnapshots(lab, vm);
        if (name === undefined) return printed(lab, syntax('Missing snapshot name', SNAPSHOT_USAGE.edit!), 2);
        return unknownSnapshot(lab, vm, name);
      }
      return perform(
        lab,
        { type: 'editSnapshot', vm: vm.name, snapshot: target, ...(opts.values.has('name') ? { name: opts.values.get('name')! } : {}), ...(opts.values.has('description') ? { description: opts.values.get('description')! } : {}) },
        ctx,
        { ok: () => [], refused: fail },
      );
    }
    case 'list': {
      if (!hasSnapshots(vm)) return noSnapshots(lab, vm);
      return printed(lab, opts.flags.has('machinereadable') ? machineReadable(vm) : treeLines(vm, opts.flags.has('details')));
    }
    default: {
      if (name === undefined) return printed(lab, syntax('Expecting snapshot name only', SNAPSHOT_USAGE.showvminfo!), 2);
      const snap = findSnapshot(vm, name);
      if (!snap) return unknownSnapshot(lab, vm, name);
      return printed(lab, [
        `Name:            ${vm.name}`,
        `Snapshot:        ${snap.name} (UUID: ${snap.uuid})`,
        `Memory size:     ${snap.settings.memoryMb}MB`,
        `Number of CPUs:  ${snap.settings.cpus}`,
        `State:           ${snap.memory ? 'saved' : 'powered off'}`,
      ]);
    }
  }
}

/** VBoxManage's own lookups fail before VirtualBox is asked; the reason is still data (SPEC K1). */
function unknownSnapshot(lab: LabState, vm: Vm, name: string): Handled {
  const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: name, suggestion: closest(name, listSnapshots(vm).map((s) => s.name)) ?? '' } };
  return refusedWith(lab, r, refusalLines(lab, r), 1);
}

/** `FindSnapshot` / `CurrentSnapshot` came back empty: VBoxManage prints this and fails. */
function noSnapshots(lab: LabState, vm: Vm): Handled {
  return refusedWith(lab, { code: 'NO_SNAPSHOTS', params: { vm: vm.name } }, ['This machine does not have any snapshots'], 1);
}

function parseUnique(text: string): UniqueNameFlags | null {
  const flags: UniqueNameFlags = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const key = (['number', 'timestamp', 'space', 'force'] as const).find((k) => k.startsWith(part.toLowerCase()));
    if (!key) return null;
    flags[key] = true;
  }
  return flags;
}

/** `   Name: base (UUID: …)` with three more spaces per level and ` *` on the current snapshot. */
function treeLines(vm: Vm, detailed: boolean): string[] {
  const lines: string[] = [];
  const walk = (s: Snapshot, prefix: string): void => {
    lines.push(`   ${prefix}Name: ${s.name} (UUID: ${s.uuid})${vm.current === s.id ? ' *' : ''}`);
    if (detailed && s.description) lines.push(`   ${prefix}Description:`, s.description);
    for (const c of childrenOf(vm, s.id)) walk(c, `${prefix}   `);
  };
  for (const root of childrenOf(vm, null)) walk(root, '');
  return lines;
}

function machineReadable(vm: Vm): string[] {
  const lines: string[] = [];
  const walk = (s: Snapshot, prefix: string): void => {
    lines.push(`SnapshotName${prefix}="${s.name}"`, `SnapshotUUID${prefix}="${s.uuid}"`);
    if (s.description) lines.push(`SnapshotDescription${prefix}="${s.description}"`);
    if (vm.current === s.id) lines.push(`CurrentSnapshotName="${s.name}"`, `CurrentSnapshotUUID="${s.uuid}"`, `CurrentSnapshotNode="SnapshotName${prefix}"`);
    childrenOf(vm, s.id).forEach((c, i) => walk(c, `${prefix}-${i + 1}`));
  };
  for (const root of childrenOf(vm, null)) walk(root, '');
  return lines;
}

function controlvm(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const sub = args[0];
  const nicChange = sub ? controlvmNic(lab, vm, sub, args.slice(1), ctx) : null;
  if (nicChange) return nicChange;
  if (!sub || !CONTROL_SUBS.includes(sub)) {
    const near = sub ? closest(sub, CONTROL_SUBS) : undefined;
    return printed(lab, [err(sub ? `Invalid parameter '${sub}'` : 'Not enough parameters.'), ...(near ? [hint(`did you mean "${near}"?`)] : [])], 2);
  }
  const ops: Record<string, PowerOp> = { pause: 'pause', resume: 'resume', reset: 'reset', poweroff: 'poweroff', savestate: 'save', acpipowerbutton: 'shutdown', reboot: 'reboot' };
  const op = ops[sub]!;
  if (vm.power !== 'running' && vm.power !== 'paused') {
    // VBoxManage's own check; the reason is the one the engine gives for the same power step.
    const r: Refusal = op === 'resume' ? { code: 'NOT_PAUSED', params: { vm: vm.name, power: vm.power } } : { code: 'NOT_RUNNING', params: { vm: vm.name, op, power: vm.power } };
    return refusedWith(lab, r, refusalLines(lab, { code: 'NOT_RUNNING', params: { vm: vm.name } }), 1);
  }
  const progress = sub === 'poweroff' || sub === 'savestate';
  return perform(lab, { type: 'power', vm: vm.name, op }, ctx, { ok: () => (progress ? [PROGRESS] : []), refused: (r) => refusalLines(lab, r) });
}

function modifyvm(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['memory', 'cpus']);
  if ('error' in opts) return printed(lab, [err(opts.error)], 2);
  const unknown = [...opts.flags, ...[...opts.values.keys()].filter((k) => k !== 'memory' && k !== 'cpus')];
  if (unknown.length > 0 || opts.positional.length > 0) {
    return printed(lab, [err(`Unsupported option '${unknown[0] ?? opts.positional[0]}' (this lab knows --memory and --cpus)`)], 2);
  }
  const memory = opts.values.get('memory');
  const cpus = opts.values.get('cpus');
  return perform(
    lab,
    { type: 'configure', vm: vm.name, ...(memory !== undefined ? { memoryMb: Number(memory) } : {}), ...(cpus !== undefined ? { cpus: Number(cpus) } : {}) },
    ctx,
    { ok: () => [], refused: (r) => refusalLines(lab, r) },
  );
}

function clonevm(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['name', 'snapshot', 'options', 'mode', 'basefolder', 'groups', 'uuid']);
  if ('error' in opts) return printed(lab, [err(opts.error)], 2);
  const name = opts.values.get('name') ?? `${vm.name} Clone`;
  const linked = (opts.values.get('options') ?? '').split(',').some((o) => o.toLowerCase() === 'link');
  const snapshotRef = opts.values.get('snapshot');
  const snap = snapshotRef === undefined ? undefined : findSnapshot(vm, snapshotRef);
  if (snapshotRef !== undefined && !snap) {
    const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: snapshotRef } };
    return refusedWith(lab, r, refusalLines(lab, r), 1);
  }
  return perform(
    lab,
    { type: 'clone', vm: vm.name, name, mode: linked ? 'linked' : 'full', ...(snap ? { snapshot: snap.uuid } : {}) },
    ctx,
    { ok: () => [PROGRESS, `Machine has been successfully cloned as "${name}"`], refused: (r) => refusalLines(lab, r) },
  );
}

function list(lab: LabState, args: string[]): Handled {
  const what = args.find((a) => !a.startsWith('-'));
  if (what === 'hdds') return printed(lab, listHdds(lab));
  const more = what ? listMore(lab, what) : null;
  if (more) return more;
  if (what !== 'vms' && what !== 'runningvms') {
    const near = what ? closest(what, LISTS) : undefined;
    return printed(lab, [err(`Invalid parameter '${what ?? ''}'`), hint(near ? `did you mean "VBoxManage list ${near}"?` : `VBoxManage list ${LISTS.join('|')}`)], 2);
  }
  const vms = Object.values(lab.vms).filter((v) => what === 'vms' || v.power === 'running' || v.power === 'paused');
  return printed(lab, vms.map((v) => `"${v.name}" {${v.uuid}}`));
}

const LISTS = ['vms', 'runningvms', 'ostypes', 'hdds', 'dvds', 'hostonlyifs', 'natnetworks'];

/** `modifyvm` with only --memory/--cpus keeps the snapshot labs' original path (SPEC K2). */
function onlySizes(args: string[]): boolean {
  const opts = parseOptions(args, ['memory', 'cpus']);
  return !('error' in opts) && opts.flags.size === 0 && opts.positional.length === 0 && [...opts.values.keys()].every((k) => k === 'memory' || k === 'cpus') && opts.values.size > 0;
}

/** `storageattach … --medium <the disk already there> --mtype T` changes that disk's type (vbox-media.ts). */
function isTypeChangeInPlace(lab: LabState, vm: Vm, args: string[]): boolean {
  const opts = parseOptions(args, ['storagectl', 'port', 'device', 'type', 'medium', 'mtype', 'comment']);
  if ('error' in opts || !opts.values.has('mtype')) return false;
  const medium = opts.values.get('medium') ?? '';
  const at = vm.hw.attachments.find((a) => a.controller === opts.values.get('storagectl') && a.port === Number(opts.values.get('port') ?? '0') && a.device === Number(opts.values.get('device') ?? '0'));
  const m = at ? lab.media.find((x) => x.uuid === at.medium) : undefined;
  return !!m && (m.location === medium || m.uuid === medium || m.location.endsWith(`/${medium}`) || vboxMediumPath(vm.name, m.location) === medium || m.location === medium.split('/').pop());
}

function showVmInfo(vm: Vm): string[] {
  const state = { running: 'running', paused: 'paused', saved: 'saved', poweroff: 'powered off' }[vm.power];
  const current = vm.current ? getSnapshot(vm, vm.current) : undefined;
  return [
    `Name:                        ${vm.name}`,
    `UUID:                        ${vm.uuid}`,
    `Memory size:                 ${vm.settings.memoryMb}MB`,
    `Number of CPUs:              ${vm.settings.cpus}`,
    `State:                       ${state}`,
    ...vm.disks.map(
      (d, i) =>
        `${`SATA (${i}, 0):`.padEnd(29)}${vboxMediumPath(vm.name, d.volume)} (UUID: ${d.uuid})${vm.linkedFrom ? ` (linked clone of ${vm.linkedFrom.vm})` : ''}${vm.disk.lost ? ' (inaccessible)' : ''}`,
    ),
    ...(current ? ['Snapshots:', ...treeLines(vm, false), `Current snapshot:            ${current.name}`] : []),
  ];
}
