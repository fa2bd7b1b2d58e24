import { ownValue } from '../../core/own';
import { closest } from '../../core/suggest';
import type { DiskSpec, StepContext } from '../model/actions';
import { diskUsage } from '../disk/usage';
import { diskTarget } from '../model/naming';
import { activeImageBytes } from '../queries/disks';
import type { Refusal } from '../model/reasons';
import type { LabState, PowerState, Snapshot, Vm } from '../model/types';
import { childrenOf, descendantsOf, findSnapshotByName, snapshotsInOrder } from '../tree/tree';
import { hint, perform, printed, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';
import { attachInterface, defineDomain, detachInterface, domifaddr, dominfo, dumpxml, netDhcpLeases, netList, undefineDomain, VIRSH_MACHINE_COMMANDS, virshSetSize } from './virsh-machine';
import { getSnapshot, listSnapshots } from '../model/snapshot-store';

/** `virsh …` and `virt-clone` with libvirt's wording (SPEC K3, L1-L6). */

const COMMANDS = [
  'snapshot-create-as',
  'snapshot-create',
  'snapshot-list',
  'snapshot-revert',
  'snapshot-delete',
  'snapshot-current',
  'snapshot-info',
  'snapshot-parent',
  'snapshot-dumpxml',
  'start',
  'shutdown',
  'destroy',
  'suspend',
  'resume',
  'reboot',
  'reset',
  'list',
  'dominfo',
  'domstate',
  'domblklist',
  'domblkinfo',
  'setmaxmem',
  'setmem',
  'setvcpus',
  ...VIRSH_MACHINE_COMMANDS,
];

const STATE: Record<PowerState, string> = { running: 'running', paused: 'paused', saved: 'shut off', poweroff: 'shut off' };

const fmtTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000`;

const snapState = (s: Snapshot): string => (s.memory === null ? (s.power === 'poweroff' ? 'shutoff' : 'disk-snapshot') : STATE[s.power]);

function refusalLines(r: Refusal, verb: string): string[] {
  const p = r.params;
  const vm = String(p['vm'] ?? '');
  const invalid = (what: string): string[] => [`error: Failed to ${verb} domain '${vm}'`, `error: Requested operation is not valid: ${what}`];
  switch (r.code) {
    case 'UNKNOWN_VM':
      return [`error: failed to get domain '${vm}'`, ...(p['suggestion'] ? [hint(`did you mean "${String(p['suggestion'])}"?`)] : [])];
    case 'UNKNOWN_SNAPSHOT':
    case 'NO_SNAPSHOTS':
      return [
        `error: Domain snapshot not found: no domain snapshot with matching name '${String(p['snapshot'] ?? '')}'`,
        ...(p['suggestion'] ? [hint(`did you mean "${String(p['suggestion'])}"?`)] : []),
      ];
    case 'NAME_TAKEN':
      return [`error: operation failed: domain moment ${String(p['name'])} already exists`];
    case 'ALREADY_RUNNING':
      return invalid('domain is already running');
    case 'NOT_RUNNING':
      return invalid('domain is not running');
    case 'NOT_PAUSED':
      return invalid(p['power'] === 'running' ? 'domain is already running' : 'domain is not running');
    case 'VM_PAUSED':
      return invalid('domain is not running');
    case 'BASE_DISK_LOST':
      return [`error: Failed to ${verb} domain '${vm}'`, `error: Cannot access storage file '/var/lib/libvirt/images/${vm}.qcow2': No such file or directory`];
    case 'CLONE_SOURCE_RUNNING':
      return ['ERROR    Domain with devices to clone must be paused or shutoff.'];
    case 'VM_NAME_TAKEN':
      return [`ERROR    Invalid name for new guest: Guest name '${String(p['name'])}' is already in use.`];
    case 'INVALID_SETTING':
      return [`error: invalid argument: ${p['field'] === 'cpus' ? 'requested vcpus' : 'memory size'} ${String(p['value'])} is out of range`];
    case 'UNKNOWN_DISK':
      return verb === 'get'
        ? [`error: invalid argument: invalid path ${String(p['disk'])} not assigned to domain`]
        : [`error: unsupported configuration: no disk named '${String(p['disk'])}'`];
    case 'SNAPSHOT_LOCATION_MIXED':
      return [unsupported('mixing internal and external targets for a snapshot is not yet supported')];
    case 'EXTERNAL_REQUIRED':
      return [unsupported(`active qemu domains require external disk snapshots; disk ${String(p['disk'])} requested internal`)];
    case 'MEMORY_NEEDS_RUNNING':
      return [unsupported('memory state cannot be saved with offline or disk-only snapshot')];
    case 'OVERLAY_EXISTS':
      return [unsupported(`external snapshot file for disk ${String(p['disk'])} already exists and is not a block device: ${String(p['file'])}`)];
    case 'REVERT_EXTERNAL_UNSUPPORTED':
      return [unsupported('revert to external snapshot not supported yet')];
    case 'DELETE_EXTERNAL_UNSUPPORTED':
      return [unsupported(`deletion of ${String(p['count'])} external disk snapshots not supported yet`)];
    case 'EXTERNAL_DELETE_RESTRICTED':
      return [Object.hasOwn(EXTERNAL_DELETE_ERRORS, String(p['why'])) ? EXTERNAL_DELETE_ERRORS[String(p['why'])]! : unsupported('deletion of external disk snapshots not supported')];
    case 'NAME_TOO_LONG':
      return [`error: the name is ${String(p['length'])} characters long; this lab takes at most ${String(p['max'])}`];
    case 'INTERNAL_DISK_CHANGED':
      return [`error: Operation not supported: disk image '${String(p['disk'])}' for internal snapshot '${String(p['snapshot'])}' is not the same as disk image currently used by VM`];
    case 'INTERNAL_UNDER_EXTERNAL':
      return [`error: this lab will not revert inside ${String(p['file'])}: external snapshot '${String(p['external'])}' keeps its state there`];
    default:
      return [`error: ${r.code.toLowerCase().replace(/_/g, ' ')}`];
  }
}

/** virsh says what failed, then libvirt's reason; some reasons already carry their own first line. */
const failedFirst = (first: string, lines: string[]): string[] => (lines[0]?.startsWith('error: Failed') ? lines : [first, ...lines]);

const unsupported = (text: string): string => `error: unsupported configuration: ${text}`;

/** qemu_snapshot.c `qemuSnapshotDeleteValidate` and friends, by the engine's reason. */
const EXTERNAL_DELETE_ERRORS: Record<string, string> = {
  'children-external': unsupported('deletion of external children disk snapshots not supported'),
  'children-mixed': unsupported('deletion of external and internal children disk snapshots not supported'),
  'with-children': unsupported('deletion of external disk snapshots with children not supported'),
  'active-not-leaf': unsupported('deletion of active external snapshot that is not a leaf snapshot is not supported'),
  'outside-chain': unsupported('deletion of non-leaf external snapshot that is not in active chain is not supported'),
  'multiple-children': unsupported('deletion of external disk snapshot with multiple children snapshots not supported'),
  'internal-parent': 'error: Operation not supported: deleting external snapshot that has internal snapshot as parent not supported',
};

function findDomain(lab: LabState, ref: string): Vm | undefined {
  return ownValue(lab.vms, ref) ?? Object.values(lab.vms).find((v) => v.uuid === ref);
}

export function virsh(lab: LabState, args: string[], ctx: StepContext): Handled {
  const cmd = args[0];
  if (!cmd) return printed(lab, ['Usage: virsh <command> [args]', `Commands this lab knows: ${COMMANDS.join(', ')}`], 1);
  if (!COMMANDS.includes(cmd)) {
    const near = closest(cmd, COMMANDS);
    return printed(lab, [`error: unknown command: '${cmd}'`, ...(near ? [hint(`did you mean "virsh ${near}"?`)] : [])], 1);
  }
  if (cmd === 'list') return listDomains(lab, args.slice(1));
  if (cmd === 'define' || cmd === 'create') return defineDomain(lab, cmd, args.slice(1), ctx);
  if (cmd === 'net-list') return netList(lab, args.slice(1));
  if (cmd === 'net-dhcp-leases') return netDhcpLeases(lab, args.slice(1));
  // --diskspec may be given once per disk; every other option once.
  const [rest, diskspecs] = cmd === 'snapshot-create-as' ? takeRepeated(args.slice(1), 'diskspec') : [args.slice(1), []];
  const valued = cmd === 'snapshot-create-as' ? ['name', 'description', 'memspec'] : cmd === 'snapshot-list' ? ['from'] : cmd === 'domifaddr' ? ['source', 'interface'] : ['attach-interface', 'detach-interface'].includes(cmd) ? ['type', 'source', 'model', 'mac', 'target'] : [];
  const opts = parseOptions(rest, valued);
  if ('error' in opts) return printed(lab, [`error: ${opts.error}`], 1);
  const domRef = opts.positional[0];
  if (!domRef) return printed(lab, [`error: command '${cmd}' requires <domain> option`], 1);
  const vm = findDomain(lab, domRef);
  if (!vm) {
    const r: Refusal = { code: 'UNKNOWN_VM', params: { vm: domRef, suggestion: closest(domRef, Object.keys(lab.vms)) ?? '' } };
    return refusedWith(lab, r, refusalLines(r, 'get'), 1);
  }
  const fail = (verb: string) => (r: Refusal): string[] => refusalLines(r, verb);
  const snapArg = (): Snapshot | Handled => {
    const ref = opts.positional[1];
    if (opts.flags.has('current')) {
      if (ref !== undefined) return printed(lab, ['error: --snapshotname and --current are mutually exclusive'], 1);
      return vm.current ? getSnapshot(vm, vm.current)! : noCurrent(lab, vm);
    }
    if (ref === undefined) return printed(lab, ['error: --snapshotname or --current is required'], 1);
    const snap = findSnapshotByName(vm, ref);
    if (!snap) {
      const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: ref, suggestion: closest(ref, listSnapshots(vm).map((s) => s.name)) ?? '' } };
      return refusedWith(lab, r, refusalLines(r, 'get'), 1);
    }
    return snap;
  };

  switch (cmd) {
    case 'snapshot-create-as':
    case 'snapshot-create': {
      const name = cmd === 'snapshot-create' ? undefined : (opts.values.get('name') ?? opts.positional[1]);
      const description = opts.values.get('description') ?? (opts.values.has('name') ? opts.positional[1] : opts.positional[2]);
      const disks: DiskSpec[] = [];
      for (const spec of diskspecs) {
        const d = parseDiskspec(vm, spec);
        if ('line' in d) return d.refusal ? refusedWith(lab, d.refusal, [d.line], 1) : printed(lab, [d.line], 1);
        disks.push(d);
      }
      const memspec = opts.values.get('memspec');
      const memoryFile = memspec === undefined ? undefined : parseMemspec(memspec);
      if (memoryFile !== undefined && typeof memoryFile !== 'string') return printed(lab, [memoryFile.line], 1);
      return perform(
        lab,
        {
          type: 'take',
          vm: vm.name,
          ...(name !== undefined ? { name } : {}),
          ...(description !== undefined ? { description } : {}),
          memory: !opts.flags.has('disk-only'),
          halt: opts.flags.has('halt'),
          ...(disks.length > 0 ? { disks } : {}),
          ...(memoryFile !== undefined ? { memoryFile } : {}),
        },
        ctx,
        { ok: (events) => [`Domain snapshot ${String(events.find((e) => e.code === 'SNAPSHOT_TAKEN')!.params['name'])} created`], refused: fail('create snapshot of') },
      );
    }
    case 'snapshot-dumpxml': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      return printed(lab, snapshotXml(lab, vm, snap));
    }
    case 'domblklist':
      return printed(lab, [' Target   Source', '------------------------------------------------', ...vm.disks.map((d, i) => ` ${diskTarget(lab.platform, i).padEnd(8)} ${d.chain[0]}`)]);
    case 'domblkinfo': {
      const target = opts.positional[1];
      if (target === undefined) return printed(lab, ["error: command 'domblkinfo' requires <device> option"], 1);
      const index = vm.disks.findIndex((d, i) => diskTarget(lab.platform, i) === target || d.chain[0] === target);
      if (index === -1) {
        const r: Refusal = { code: 'UNKNOWN_DISK', params: { vm: vm.name, disk: target, known: vm.disks.map((_, i) => diskTarget(lab.platform, i)) } };
        return refusedWith(lab, r, refusalLines(r, 'get'), 1);
      }
      const d = vm.disks[index]!;
      const usage = diskUsage(lab, vm.name)!;
      // The active image's allocation (qemu's "disk size"); a raw size for the virtual capacity.
      const allocation = activeImageBytes(lab, vm, index, usage);
      return printed(lab, [`Capacity:       ${d.capacity}`, `Allocation:     ${allocation}`, `Physical:       ${allocation}`]);
    }
    case 'snapshot-list':
      return printed(lab, snapshotList(vm, opts.flags));
    case 'snapshot-revert': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      const after = opts.flags.has('running') ? 'running' : opts.flags.has('paused') ? 'paused' : undefined;
      return perform(lab, { type: 'restore', vm: vm.name, snapshot: snap.uuid, ...(after ? { after } : {}) }, ctx, {
        ok: () => [],
        refused: (r) => failedFirst(`error: Failed to revert snapshot ${snap.name}`, refusalLines(r, 'revert')),
      });
    }
    case 'snapshot-delete': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      if (opts.flags.has('children') && opts.flags.has('children-only')) return printed(lab, ['error: Options --children and --children-only are mutually exclusive'], 1);
      const scope = opts.flags.has('children') ? 'withChildren' : opts.flags.has('children-only') ? 'childrenOnly' : 'self';
      return perform(lab, { type: 'deleteSnapshot', vm: vm.name, snapshot: snap.uuid, scope }, ctx, {
        ok: () => [scope === 'childrenOnly' ? `Domain snapshot ${snap.name} children deleted` : `Domain snapshot ${snap.name} deleted`],
        refused: (r) => failedFirst(`error: Failed to delete snapshot ${snap.name}`, refusalLines(r, 'delete')),
      });
    }
    case 'snapshot-current': {
      const target = opts.positional[1];
      if (target !== undefined) {
        if (opts.flags.has('name')) return printed(lab, ['error: Options --name and --snapshotname are mutually exclusive'], 1);
        const snap = findSnapshotByName(vm, target);
        if (!snap) {
          const r: Refusal = { code: 'UNKNOWN_SNAPSHOT', params: { vm: vm.name, snapshot: target } };
          return refusedWith(lab, r, refusalLines(r, 'get'), 1);
        }
        return perform(lab, { type: 'setCurrent', vm: vm.name, snapshot: snap.uuid }, ctx, { ok: () => [`Snapshot ${snap.name} set as current`], refused: fail('set') });
      }
      if (!vm.current) return noCurrent(lab, vm);
      const cur = getSnapshot(vm, vm.current)!;
      return printed(lab, opts.flags.has('name') ? [cur.name] : snapshotXml(lab, vm, cur));
    }
    case 'snapshot-info': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      const pad = (k: string, v: string | number): string => `${k.padEnd(15)} ${v}`;
      return printed(lab, [
        pad('Name:', snap.name),
        pad('Domain:', vm.name),
        pad('Current:', vm.current === snap.id ? 'yes' : 'no'),
        pad('State:', snapState(snap)),
        pad('Location:', snap.location ?? 'internal'),
        pad('Parent:', snap.parent ? getSnapshot(vm, snap.parent)!.name : '-'),
        pad('Children:', childrenOf(vm, snap.id).length),
        pad('Descendants:', descendantsOf(vm, snap.id).length),
        pad('Metadata:', 'yes'),
      ]);
    }
    case 'snapshot-parent': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      if (!snap.parent) return printed(lab, [`error: snapshot '${snap.name}' has no parent`], 1);
      return printed(lab, [getSnapshot(vm, snap.parent)!.name]);
    }
    case 'dominfo':
      return dominfo(lab, vm);
    case 'dumpxml':
      return dumpxml(lab, vm);
    case 'undefine':
      return undefineDomain(lab, vm, rest, ctx);
    case 'domifaddr':
      return domifaddr(lab, vm, rest);
    case 'attach-interface':
      return attachInterface(lab, vm, rest, ctx);
    case 'detach-interface':
      return detachInterface(lab, vm, rest, ctx);
    case 'domstate':
      return printed(lab, [STATE[vm.power]]);
    case 'setmaxmem':
    case 'setmem':
    case 'setvcpus':
      return virshSetSize(lab, vm, cmd, rest, ctx);
    default:
      return power(lab, vm, cmd, ctx);
  }
}

/** No current snapshot to act on: an error with the reason as data (SPEC K1). */
function noCurrent(lab: LabState, vm: Vm): Handled {
  const r: Refusal = listSnapshots(vm).length === 0 ? { code: 'NO_SNAPSHOTS', params: { vm: vm.name } } : { code: 'NO_CURRENT_SNAPSHOT', params: { vm: vm.name } };
  return refusedWith(lab, r, [`error: domain '${vm.name}' has no current snapshot`], 1);
}

function power(lab: LabState, vm: Vm, cmd: string, ctx: StepContext): Handled {
  const table = {
    start: ['start', 'started'],
    shutdown: ['shutdown', 'is being shutdown'],
    destroy: ['poweroff', 'destroyed'],
    suspend: ['pause', 'suspended'],
    resume: ['resume', 'resumed'],
    reboot: ['reboot', 'is being rebooted'],
    reset: ['reset', 'was reset'],
  } as const;
  const [op, done] = table[cmd as keyof typeof table];
  const verb = cmd === 'destroy' ? 'destroy' : cmd;
  return perform(lab, { type: 'power', vm: vm.name, op }, ctx, { ok: () => [`Domain '${vm.name}' ${done}`], refused: (r) => refusalLines(r, verb) });
}

function listDomains(lab: LabState, args: string[]): Handled {
  const all = args.includes('--all');
  const lines = [' Id   Name           State', '--------------------------------'];
  let id = 1;
  for (const vm of Object.values(lab.vms)) {
    const active = vm.power === 'running' || vm.power === 'paused';
    if (!active && !all) continue;
    lines.push(` ${(active ? String(id++) : '-').padEnd(4)} ${vm.name.padEnd(14)} ${STATE[vm.power]}`);
  }
  return printed(lab, lines);
}

function snapshotList(vm: Vm, flags: Set<string>): string[] {
  if (flags.has('tree')) {
    const lines: string[] = [];
    const walk = (s: Snapshot, indent: string): void => {
      const kids = childrenOf(vm, s.id);
      kids.forEach((k, i) => {
        const last = i === kids.length - 1;
        lines.push(`${indent}  |`, `${indent}  +- ${k.name}`);
        walk(k, `${indent}${last ? '   ' : '  |'} `);
      });
    };
    for (const root of childrenOf(vm, null)) {
      lines.push(root.name);
      walk(root, '');
      lines.push('');
    }
    return lines;
  }
  let snaps = [...snapshotsInOrder(vm)];
  if (flags.has('roots')) snaps = snaps.filter((s) => s.parent === null);
  if (flags.has('leaves')) snaps = snaps.filter((s) => childrenOf(vm, s.id).length === 0);
  if (flags.has('current') && vm.current) snaps = snaps.filter((s) => descendantsOf(vm, vm.current!).includes(s.id));
  if (flags.has('internal')) snaps = snaps.filter((s) => s.location !== 'external');
  if (flags.has('external')) snaps = snaps.filter((s) => s.location === 'external');
  if (flags.has('disk-only')) snaps = snaps.filter((s) => snapState(s) === 'disk-snapshot');
  snaps.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  if (flags.has('name')) return snaps.map((s) => s.name);
  const parent = flags.has('parent');
  const head = parent ? ` ${'Name'.padEnd(20)} ${'Creation Time'.padEnd(25)} ${'State'.padEnd(15)} Parent` : ` ${'Name'.padEnd(20)} ${'Creation Time'.padEnd(25)} State`;
  return [
    head,
    '------------------------------------------------------------',
    ...snaps.map((s) => {
      const base = ` ${s.name.padEnd(20)} ${fmtTime(s.createdAt).padEnd(25)} `;
      return parent ? `${base}${snapState(s).padEnd(15)} ${s.parent ? getSnapshot(vm, s.parent)!.name : ''}` : `${base}${snapState(s)}`;
    }),
  ];
}

/** `virsh snapshot-dumpxml` (formatsnapshot): the snapshot's state, memory and one line per disk. */
function snapshotXml(lab: LabState, vm: Vm, s: Snapshot): string[] {
  const memory = s.memoryFile !== undefined ? `  <memory snapshot='external' file='${xml(s.memoryFile)}'/>` : `  <memory snapshot='${s.memory ? 'internal' : 'no'}'/>`;
  const disks = vm.disks.map((_, i) => {
    const target = diskTarget(lab.platform, i);
    const overlay = s.overlays?.[i];
    return overlay === undefined
      ? [`    <disk name='${target}' snapshot='internal'/>`]
      : [`    <disk name='${target}' snapshot='external' type='file'>`, "      <driver type='qcow2'/>", `      <source file='${xml(overlay)}'/>`, '    </disk>'];
  });
  return [
    '<domainsnapshot>',
    `  <name>${xml(s.name)}</name>`,
    ...(s.description ? [`  <description>${xml(s.description)}</description>`] : []),
    `  <state>${snapState(s)}</state>`,
    ...(s.parent ? ['  <parent>', `    <name>${xml(getSnapshot(vm, s.parent)!.name)}</name>`, '  </parent>'] : []),
    `  <creationTime>${Math.floor(s.createdAt / 1000)}</creationTime>`,
    memory,
    '  <disks>',
    ...disks.flat(),
    '  </disks>',
    '</domainsnapshot>',
  ];
}

/** Escapes text for XML output (a snapshot name may hold any character). */
const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

/** Pulls every `--name VALUE` / `--name=VALUE` out of the words: virsh options that may repeat. */
function takeRepeated(words: string[], name: string): [string[], string[]] {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === `--${name}` && i + 1 < words.length) values.push(words[++i]!);
    else if (w.startsWith(`--${name}=`)) values.push(w.slice(name.length + 3));
    else rest.push(w);
  }
  return [rest, values];
}

/**
 * `--diskspec disk[,snapshot=type][,driver=type][,file=name]` (virsh-snapshot.c
 * `virshParseSnapshotDiskspec`). The disk is its target (vda) or its current source file.
 */
function parseDiskspec(vm: Vm, spec: string): DiskSpec | { line: string; refusal: Refusal | null } {
  const [disk = '', ...parts] = spec.split(',');
  const index = vm.disks.findIndex((d, i) => diskTarget('libvirt', i) === disk || d.chain[0] === disk);
  if (index === -1) {
    return { line: `error: unsupported configuration: no disk named '${disk}'`, refusal: { code: 'UNKNOWN_DISK', params: { vm: vm.name, disk, known: vm.disks.map((_, i) => diskTarget('libvirt', i)) } } };
  }
  const fail = (line: string): { line: string; refusal: null } => ({ line, refusal: null });
  const out: DiskSpec = { disk: index };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    if (key === 'snapshot') {
      if (value === 'internal' || value === 'external') out.location = value;
      else if (value === 'no' || value === 'manual') return fail(`error: this lab snapshots every disk: snapshot=${value} is not modelled`);
      else return fail(`error: XML error: unknown disk snapshot setting '${value}'`);
    } else if (key === 'file') {
      out.file = value;
    } else if (key === 'driver') {
      if (value !== 'qcow2') return fail(`error: unsupported configuration: external snapshot format for disk ${disk} is unsupported: ${value}`);
    } else {
      return fail(`error: invalid argument: unknown diskspec field '${key}'`);
    }
  }
  return out;
}

/** `--memspec [file=]name[,snapshot=external]`: the memory goes to a file. */
function parseMemspec(spec: string): string | { line: string } {
  let file: string | undefined;
  for (const part of spec.split(',')) {
    if (part.startsWith('file=')) file = part.slice(5);
    else if (part === 'snapshot=external') continue;
    else if (part.startsWith('snapshot=')) return { line: `error: this lab models --memspec FILE (an external memory file), not ${part}` };
    else if (!part.includes('=')) file = part;
  }
  return file ? file : { line: 'error: --memspec needs a file' };
}

/** `virt-clone --original SRC --name NEW --auto-clone` (full clones only). */
export function virtClone(lab: LabState, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['original', 'o', 'name', 'n', 'file', 'f']);
  if ('error' in opts) return printed(lab, [`virt-clone: error: ${opts.error}`], 2);
  const src = opts.values.get('original') ?? opts.values.get('o');
  const name = opts.values.get('name') ?? opts.values.get('n') ?? (src ? `${src}-clone` : undefined);
  if (!src) return printed(lab, ['ERROR    --original or --original-xml is required'], 1);
  if (!ownValue(lab.vms, src)) {
    const r: Refusal = { code: 'UNKNOWN_VM', params: { vm: src, suggestion: closest(src, Object.keys(lab.vms)) ?? '' } };
    return refusedWith(lab, r, [`ERROR    Domain '${src}' was not found.`], 1);
  }
  if (!opts.flags.has('auto-clone') && !opts.values.has('file') && !opts.values.has('f')) {
    return printed(lab, ['ERROR    Either --auto-clone or --file is required, use \'--auto-clone --file\' to mix'], 1);
  }
  return perform(lab, { type: 'clone', vm: src, name: name!, mode: 'full' }, ctx, {
    ok: () => [`Allocating '${name}.qcow2'`, '', `Clone '${name}' created successfully.`],
    refused: (r) => refusalLines(r, 'clone'),
  });
}
