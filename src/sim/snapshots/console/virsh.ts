import { closest } from '../../core/suggest';
import type { StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, PowerState, Snapshot, Vm } from '../model/types';
import { childrenOf, descendantsOf, findSnapshotByName, snapshotsInOrder } from '../tree/tree';
import { hint, perform, printed, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';
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
  'setmaxmem',
  'setmem',
  'setvcpus',
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
    default:
      return [`error: ${r.code.toLowerCase().replace(/_/g, ' ')}`];
  }
}

function findDomain(lab: LabState, ref: string): Vm | undefined {
  return lab.vms[ref] ?? Object.values(lab.vms).find((v) => v.uuid === ref);
}

export function virsh(lab: LabState, args: string[], ctx: StepContext): Handled {
  const cmd = args[0];
  if (!cmd) return printed(lab, ['Usage: virsh <command> [args]', `Commands this lab knows: ${COMMANDS.join(', ')}`], 1);
  if (!COMMANDS.includes(cmd)) {
    const near = closest(cmd, COMMANDS);
    return printed(lab, [`error: unknown command: '${cmd}'`, ...(near ? [hint(`did you mean "virsh ${near}"?`)] : [])], 1);
  }
  if (cmd === 'list') return listDomains(lab, args.slice(1));
  const valued = cmd === 'snapshot-create-as' ? ['name', 'description', 'memspec', 'diskspec'] : cmd === 'snapshot-list' ? ['from'] : [];
  const opts = parseOptions(args.slice(1), valued);
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
      return perform(
        lab,
        {
          type: 'take',
          vm: vm.name,
          ...(name !== undefined ? { name } : {}),
          ...(description !== undefined ? { description } : {}),
          memory: !opts.flags.has('disk-only'),
          halt: opts.flags.has('halt'),
        },
        ctx,
        { ok: (events) => [`Domain snapshot ${String(events.find((e) => e.code === 'SNAPSHOT_TAKEN')!.params['name'])} created`], refused: fail('create snapshot of') },
      );
    }
    case 'snapshot-list':
      return printed(lab, snapshotList(vm, opts.flags));
    case 'snapshot-revert': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      const after = opts.flags.has('running') ? 'running' : opts.flags.has('paused') ? 'paused' : undefined;
      return perform(lab, { type: 'restore', vm: vm.name, snapshot: snap.uuid, ...(after ? { after } : {}) }, ctx, { ok: () => [], refused: fail('revert') });
    }
    case 'snapshot-delete': {
      const snap = snapArg();
      if ('output' in snap) return snap;
      if (opts.flags.has('children') && opts.flags.has('children-only')) return printed(lab, ['error: Options --children and --children-only are mutually exclusive'], 1);
      const scope = opts.flags.has('children') ? 'withChildren' : opts.flags.has('children-only') ? 'childrenOnly' : 'self';
      return perform(lab, { type: 'deleteSnapshot', vm: vm.name, snapshot: snap.uuid, scope }, ctx, {
        ok: () => [scope === 'childrenOnly' ? `Domain snapshot ${snap.name} children deleted` : `Domain snapshot ${snap.name} deleted`],
        refused: (r) => [...refusalLines(r, 'delete'), `error: Failed to delete snapshot ${snap.name}`],
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
      return printed(lab, opts.flags.has('name') ? [cur.name] : snapshotXml(vm, cur));
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
        pad('Location:', 'internal'),
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
      return printed(lab, [
        `Name:           ${vm.name}`,
        `UUID:           ${vm.uuid}`,
        `State:          ${STATE[vm.power]}`,
        `CPU(s):         ${vm.runtime?.booted.cpus ?? vm.settings.cpus}`,
        `Max memory:     ${vm.settings.memoryMb * 1024} KiB`,
        `Used memory:    ${(vm.runtime?.booted.memoryMb ?? vm.settings.memoryMb) * 1024} KiB`,
        `Persistent:     yes`,
      ]);
    case 'domstate':
      return printed(lab, [STATE[vm.power]]);
    case 'setmaxmem':
    case 'setmem': {
      const kib = parseKib(opts.positional[1] ?? '');
      if (kib === null) return printed(lab, [`error: Invalid value of '${opts.positional[1] ?? ''}' for memory size`], 1);
      return perform(lab, { type: 'configure', vm: vm.name, memoryMb: Math.floor(kib / 1024) }, ctx, { ok: () => [], refused: fail('set memory of') });
    }
    case 'setvcpus': {
      const n = Number(opts.positional[1]);
      if (!Number.isInteger(n)) return printed(lab, [`error: Invalid number of virtual CPUs`], 1);
      return perform(lab, { type: 'configure', vm: vm.name, cpus: n }, ctx, { ok: () => [], refused: fail('set vcpus of') });
    }
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

/** virsh sizes: a bare number is KiB; suffixes K, M, G (binary) as virsh accepts them. */
function parseKib(text: string): number | null {
  const m = /^(\d+)\s*(k|kib|m|mib|g|gib)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'k').toLowerCase()[0]!;
  return Number(m[1]) * (unit === 'g' ? 1024 * 1024 : unit === 'm' ? 1024 : 1);
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

function snapshotXml(vm: Vm, s: Snapshot): string[] {
  return [
    '<domainsnapshot>',
    `  <name>${s.name}</name>`,
    ...(s.description ? [`  <description>${s.description}</description>`] : []),
    `  <state>${snapState(s)}</state>`,
    ...(s.parent ? ['  <parent>', `    <name>${getSnapshot(vm, s.parent)!.name}</name>`, '  </parent>'] : []),
    `  <creationTime>${Math.floor(s.createdAt / 1000)}</creationTime>`,
    `  <memory snapshot='${s.memory ? 'internal' : 'no'}'/>`,
    '</domainsnapshot>',
  ];
}

/** `virt-clone --original SRC --name NEW --auto-clone` (full clones only). */
export function virtClone(lab: LabState, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['original', 'o', 'name', 'n', 'file', 'f']);
  if ('error' in opts) return printed(lab, [`virt-clone: error: ${opts.error}`], 2);
  const src = opts.values.get('original') ?? opts.values.get('o');
  const name = opts.values.get('name') ?? opts.values.get('n') ?? (src ? `${src}-clone` : undefined);
  if (!src) return printed(lab, ['ERROR    --original or --original-xml is required'], 1);
  if (!lab.vms[src]) {
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
