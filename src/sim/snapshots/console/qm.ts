import { ownValue } from '../../core/own';
import { closest, knownList } from '../../core/suggest';
import type { StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, PowerState, Snapshot, Vm } from '../model/types';
import { childrenOf, findSnapshotByName } from '../tree/tree';
import { hint, perform, printed, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';
import { explainRefusal } from '../explain';
import { qmConfig, qmCreate, qmDestroy, qmGuest, qmSet } from './qm-machine';
import { listSnapshots } from '../model/snapshot-store';
import { systemVolume } from '../disk/layout';

/** `qm …` with Proxmox VE's wording (SPEC K4, P1-P5). VMs are addressed by numeric VM ID. */

const COMMANDS = ['snapshot', 'rollback', 'delsnapshot', 'listsnapshot', 'start', 'stop', 'shutdown', 'suspend', 'resume', 'reboot', 'reset', 'status', 'list', 'set', 'clone', 'template', 'config', 'create', 'destroy', 'guest'];

const STATUS: Record<PowerState, string> = { running: 'running', paused: 'running', saved: 'stopped', poweroff: 'stopped' };

function refusalLines(lab: LabState, r: Refusal): string[] {
  const p = r.params;
  const vm = ownValue(lab.vms, p['vm']);
  const id = vm ? vm.vmid : 0;
  switch (r.code) {
    case 'UNKNOWN_SNAPSHOT':
    case 'NO_SNAPSHOTS':
      return [`snapshot '${String(p['snapshot'] ?? '')}' does not exist`, ...(p['suggestion'] ? [hint(`did you mean "${String(p['suggestion'])}"?`)] : [])];
    case 'NAME_TAKEN':
      return [`snapshot name '${String(p['name'])}' already used`];
    case 'NAME_RESERVED':
      return [`unable to use snapshot name '${String(p['name'])}' (reserved name)`];
    case 'NAME_INVALID':
      return ['400 Parameter verification failed.', `snapname: invalid format - invalid configuration ID '${String(p['name'])}'`];
    case 'NAME_TOO_LONG':
      return ['400 Parameter verification failed.', `snapname: value may only be ${String(p['max'])} characters long`];
    case 'NAME_EMPTY':
      return ['400 not enough arguments', 'qm snapshot <vmid> <snapname> [OPTIONS]'];
    case 'NOT_MOST_RECENT':
      return [`can't rollback, '${String(p['snapshot'])}' is not most recent snapshot on '${String(p['volume'])}'`];
    case 'IS_TEMPLATE':
      return [
        p['op'] === 'start'
          ? "you can't start a vm if it's a template"
          : p['op'] === 'rollback'
            ? "you can't rollback if vm is a template"
            : "you can't take a snapshot if it's a template",
      ];
    case 'TEMPLATE_HAS_SNAPSHOTS':
      return ['unable to create template, because VM contains snapshots'];
    case 'TEMPLATE_RUNNING':
      return ["you can't convert a VM to template if VM is running"];
    case 'ALREADY_TEMPLATE':
      return ["you can't convert a template to a template"];
    case 'ALREADY_RUNNING':
      return [`VM ${id} already running`];
    case 'NOT_RUNNING':
    case 'VM_PAUSED':
      return [`VM ${id} not running`];
    case 'NOT_PAUSED':
      return [`VM ${id} not paused`];
    case 'LINKED_CLONE_NEEDS_TEMPLATE':
      return ["Linked clone feature is not supported for drive 'scsi0'"];
    case 'FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED':
      return ["Full clone feature is not supported for drive 'scsi0'"];
    case 'VMID_TAKEN':
      return [`unable to create VM ${String(p['vmid'])}: config file already exists`];
    case 'VM_NAME_TAKEN':
      return [`400 Parameter verification failed.`, `name: a VM named '${String(p['name'])}' already exists in this lab`];
    case 'BASE_DISK_LOST':
      return [`storage '${lab.storageId}' does not exist or is not available: no such volume '${vm ? systemVolume(vm) : ''}'`];
    case 'INVALID_SETTING':
      return p['field'] === 'cpus' || p['field'] === 'memoryMb'
        ? ['400 Parameter verification failed.', `${p['field'] === 'cpus' ? 'cores' : 'memory'}: value must have a minimum value of ${String(p['min'])}`]
        : ['400 Parameter verification failed.', `${String(p['field'])}: ${explainRefusal(r)}`];
    default:
      return [r.code.toLowerCase().replace(/_/g, ' ')];
  }
}

function resolveVmid(lab: LabState, text: string | undefined): Vm | Handled {
  const usage = (lines: string[]): Handled => printed(lab, lines, 255);
  if (text === undefined) return usage(['400 not enough arguments', 'qm <command> <vmid> [OPTIONS]']);
  if (!/^\d+$/.test(text)) {
    const byName = ownValue(lab.vms, text);
    return usage(['400 Parameter verification failed.', `vmid: type check ('integer') failed - got '${text}'`, ...(byName ? [hint(`qm addresses VMs by number: ${text} is VM ${byName.vmid}`)] : [])]);
  }
  const vm = Object.values(lab.vms).find((v) => v.vmid === Number(text));
  if (!vm) {
    const ids = Object.values(lab.vms).map((v) => String(v.vmid));
    const r: Refusal = { code: 'UNKNOWN_VM', params: { vm: text, suggestion: '', known: knownList(ids) } };
    return refusedWith(lab, r, [`Configuration file 'nodes/pve/qemu-server/${text}.conf' does not exist`, hint(`VM IDs in this lab: ${ids.join(', ')}`)], 255);
  }
  return vm;
}

const bool = (v: string | undefined): boolean => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
/** Proxmox's boolean parameters: bare `--full` means 1 (PVE::JSONSchema get_options, Getopt `:s`). */
const BOOLEAN_OPTIONS = ['vmstate', 'start', 'force', 'full'] as const;
const BOOLEAN_WORDS = ['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'];

export function qm(lab: LabState, args: string[], ctx: StepContext): Handled {
  const cmd = args[0];
  if (!cmd || !COMMANDS.includes(cmd)) {
    const near = cmd ? closest(cmd, COMMANDS) : undefined;
    return printed(lab, [cmd ? `unknown command 'qm ${cmd}'` : 'ERROR: no command specified', 'USAGE: qm <COMMAND> [ARGS] [OPTIONS]', ...(near ? [hint(`did you mean "qm ${near}"?`)] : [])], 255);
  }
  if (cmd === 'list') return listVms(lab);
  if (cmd === 'create') return qmCreate(lab, args.slice(1), ctx, (r) => refusalLines(lab, r));
  if (cmd === 'set' || cmd === 'destroy' || cmd === 'guest') {
    const ref = cmd === 'guest' ? args[2] : args.slice(1).find((a) => !a.startsWith('--'));
    const target = resolveVmid(lab, ref);
    if ('output' in target) return target;
    if (cmd === 'destroy') return qmDestroy(lab, target, args.slice(2), ctx);
    if (cmd === 'guest') return qmGuest(lab, target, [args[1] ?? '', ...args.slice(3)]);
    return qmSet(lab, target, args.slice(1).filter((a) => a !== ref), ctx, (r) => refusalLines(lab, r));
  }
  const opts = parseOptions(args.slice(1), ['description', 'memory', 'cores', 'name', 'snapname', 'target'], BOOLEAN_OPTIONS);
  if ('error' in opts) return printed(lab, ['400 Parameter verification failed.', opts.error], 255);
  const notBool = BOOLEAN_OPTIONS.find((o) => opts.values.has(o) && !BOOLEAN_WORDS.includes(opts.values.get(o)!.toLowerCase()));
  if (notBool) return printed(lab, ['400 Parameter verification failed.', `${notBool}: type check ('boolean') failed - got '${opts.values.get(notBool)}'`], 255);
  const vm = resolveVmid(lab, opts.positional[0]);
  if ('output' in vm) return vm;
  const fail = (r: Refusal): string[] => refusalLines(lab, r);
  const snapRef = opts.positional[1];
  const needSnap = (): Snapshot | Handled => {
    if (snapRef === undefined) return printed(lab, ['400 not enough arguments', `qm ${cmd} <vmid> <snapname>`], 255);
    const snap = findSnapshotByName(vm, snapRef);
    if (!snap) {
      const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: snapRef, suggestion: closest(snapRef, listSnapshots(vm).map((s) => s.name)) ?? '' } };
      return refusedWith(lab, r, refusalLines(lab, r), 255);
    }
    return snap;
  };
  switch (cmd) {
    case 'snapshot': {
      const vmstate = bool(opts.values.get('vmstate'));
      return perform(lab, { type: 'take', vm: vm.name, name: snapRef ?? '', description: opts.values.get('description') ?? '', memory: vmstate }, ctx, {
        ok: (events) => [
          ...(events.some((e) => e.code === 'SNAPSHOT_TAKEN' && e.params['memory'] === true) ? [`saving VM state and RAM using storage '${lab.storageId}'`] : []),
          ...vm.disks.map((d, i) => `snapshotting 'drive-scsi${i}' (${d.volume})`),
        ],
        refused: fail,
      }, 255);
    }
    case 'rollback': {
      const snap = needSnap();
      if ('output' in snap) return snap;
      return perform(lab, { type: 'restore', vm: vm.name, snapshot: snap.uuid, ...(bool(opts.values.get('start')) ? { after: 'running' as const } : {}) }, ctx, { ok: () => [], refused: fail }, 255);
    }
    case 'delsnapshot': {
      const snap = needSnap();
      if ('output' in snap) return snap;
      return perform(lab, { type: 'deleteSnapshot', vm: vm.name, snapshot: snap.uuid }, ctx, { ok: () => [], refused: fail }, 255);
    }
    case 'listsnapshot':
      return printed(lab, snapshotTree(vm));
    case 'status':
      return printed(lab, [`status: ${STATUS[vm.power]}`]);
    case 'config':
      return qmConfig(lab, vm);
    case 'set': {
      const memory = opts.values.get('memory');
      const cores = opts.values.get('cores');
      return perform(
        lab,
        { type: 'configure', vm: vm.name, ...(memory !== undefined ? { memoryMb: Number(memory) } : {}), ...(cores !== undefined ? { cpus: Number(cores) } : {}) },
        ctx,
        { ok: () => [], refused: fail },
        255,
      );
    }
    case 'clone': {
      const newid = opts.positional[1];
      if (newid === undefined || !/^\d+$/.test(newid)) return printed(lab, ['400 Parameter verification failed.', `newid: type check ('integer') failed - got '${newid ?? ''}'`], 255);
      const full = opts.values.has('full') ? bool(opts.values.get('full')) : opts.flags.has('full') || !vm.template;
      const snapname = opts.values.get('snapname');
      const snap = snapname === undefined ? undefined : findSnapshotByName(vm, snapname);
      if (snapname !== undefined && !snap) {
        const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: snapname } };
        return refusedWith(lab, r, refusalLines(lab, r), 255);
      }
      const name = opts.values.get('name') ?? `Copy-of-VM-${vm.name}`;
      return perform(
        lab,
        { type: 'clone', vm: vm.name, name, mode: full ? 'full' : 'linked', vmid: Number(newid), ...(snap ? { snapshot: snap.uuid } : {}) },
        ctx,
        { ok: () => vm.disks.map((d, i) => `create ${full ? 'full' : 'linked'} clone of drive scsi${i} (${d.volume})`), refused: fail },
        255,
      );
    }
    case 'template':
      return perform(lab, { type: 'template', vm: vm.name }, ctx, { ok: () => [], refused: fail }, 255);
    default:
      return power(lab, vm, cmd, ctx, fail);
  }
}

function power(lab: LabState, vm: Vm, cmd: string, ctx: StepContext, fail: (r: Refusal) => string[]): Handled {
  const op = ({ start: 'start', stop: 'poweroff', shutdown: 'shutdown', suspend: 'pause', resume: 'resume', reboot: 'reboot', reset: 'reset' } as const)[cmd as 'start'];
  return perform(lab, { type: 'power', vm: vm.name, op }, ctx, { ok: () => [], refused: fail }, 255);
}

function listVms(lab: LabState): Handled {
  const lines = ['      VMID NAME                 STATUS     MEM(MB)    BOOTDISK(GB) PID'];
  for (const vm of Object.values(lab.vms).sort((a, b) => a.vmid - b.vmid)) {
    const running = vm.power === 'running' || vm.power === 'paused';
    lines.push(
      `${String(vm.vmid).padStart(10)} ${vm.name.padEnd(20)} ${STATUS[vm.power].padEnd(10)} ${String(vm.settings.memoryMb).padEnd(10)} ${((vm.disks[0]?.capacity ?? 0) / 1024 ** 3).toFixed(2).padStart(12)} ${running ? String(1000 + vm.vmid) : '0'}`,
    );
  }
  return printed(lab, lines);
}

/** PVE::GuestHelpers::print_snapshot_tree: `` `-> name`` lines, children indented by four spaces. */
function snapshotTree(vm: Vm): string[] {
  const lines: string[] = [];
  const row = (prefix: string, name: string, time: string, description: string): void => {
    const width = Math.max(0, 30 - prefix.length);
    lines.push(`${prefix} ${name.padEnd(width)} ${time.padEnd(23)} ${description}`);
  };
  const fmt = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  const walk = (s: Snapshot, prefix: string): void => {
    row(prefix, s.name, fmt(s.createdAt), s.description.split('\n')[0] || 'no-description');
    for (const c of childrenOf(vm, s.id)) walk(c, `    ${prefix}`);
    if (vm.current === s.id) row(`    ${prefix}`, 'current', '', 'You are here!');
  };
  for (const root of childrenOf(vm, null)) walk(root, '`->');
  if (vm.current === null) row('`->', 'current', '', 'You are here!');
  return lines;
}
