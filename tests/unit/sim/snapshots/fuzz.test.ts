import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonJson, roundTrip } from '../../../../src/sim/core';
import { apply, checkLab, diskUsage, explainEvent, explainRefusal, runCommand, snapshotsInOrder, snapshotView, type Action, type FileMap, type LabState, type Runtime, type Settings, getSnapshot, listSnapshots } from '../../../../src/sim/snapshots';
import { blockSize } from '../../../../src/sim/snapshots/disk/blocks';
import { layeredFiles } from '../../../../src/sim/snapshots/disk/layout';
import { chainFrom } from '../../../../src/sim/snapshots/actions/libvirt-chains';
import { at, makeLab } from './helpers';

/**
 * Random operation sequences against every platform (DESIGN rule 7). Operations are abstract
 * choices ("restore the 3rd snapshot") turned into concrete actions against the current state,
 * so most of them are meaningful and some are refused on purpose.
 */

type DataMode = 'normal' | 'writethrough' | 'immutable' | 'shareable' | 'multiattach';

/** Each platform; VirtualBox also with a data disk in every mode, libvirt with two disks on three releases. */
const PLATFORMS: ReadonlyArray<{ platform: 'virtualbox' | 'libvirt' | 'proxmox'; storage?: 'zfs' | 'qcow2'; data?: DataMode; libvirtVersion?: string }> = [
  { platform: 'virtualbox' },
  { platform: 'virtualbox', data: 'writethrough' },
  { platform: 'virtualbox', data: 'immutable' },
  { platform: 'virtualbox', data: 'multiattach' },
  { platform: 'virtualbox', data: 'shareable' },
  { platform: 'libvirt' },
  { platform: 'libvirt', data: 'normal', libvirtVersion: '8.0.0' },
  { platform: 'libvirt', data: 'normal', libvirtVersion: '9.0.0' },
  { platform: 'libvirt', data: 'normal', libvirtVersion: '10.0.0' },
  { platform: 'proxmox', storage: 'zfs' },
  { platform: 'proxmox', storage: 'qcow2', data: 'normal' },
];

const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('take' as const), name: fc.constantFrom('alpha', 'beta', 'gamma', 'daily', 's2', 's5', ''), memory: fc.boolean(), live: fc.boolean(), halt: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('takeLibvirt' as const),
      name: fc.constantFrom('ext', 'pre', 's3', ''),
      memory: fc.boolean(),
      location: fc.constantFrom(undefined, 'internal' as const, 'external' as const),
      spec: fc.option(fc.record({ disk: fc.nat({ max: 2 }), location: fc.constantFrom(undefined, 'internal' as const, 'external' as const), file: fc.constantFrom(undefined, '/var/lib/libvirt/images/x.qcow2') }), { nil: undefined }),
      memoryFile: fc.constantFrom(undefined, '/var/lib/libvirt/qemu/m.save'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('mode' as const), disk: fc.nat({ max: 2 }), mode: fc.constantFrom('normal' as const, 'writethrough' as const, 'immutable' as const, 'shareable' as const, 'multiattach' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('restore' as const), pick: fc.nat(), after: fc.constantFrom(undefined, 'running' as const, 'paused' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('delete' as const), pick: fc.nat(), scope: fc.constantFrom('self' as const, 'self' as const, 'withChildren' as const, 'childrenOnly' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('setCurrent' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('edit' as const), pick: fc.nat(), name: fc.constantFrom('renamed', 'alpha', 's3') }) },
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant('power' as const), op: fc.constantFrom('start' as const, 'shutdown' as const, 'poweroff' as const, 'pause' as const, 'resume' as const, 'save' as const, 'discardState' as const, 'reboot' as const, 'reset' as const) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('write' as const),
      path: fc.constantFrom('/root/a', '/root/b', '/srv/data', '/srv/data/orders.db', '/srv/data/new', '/etc/nginx/nginx.conf', '/etc/hostname'),
      content: fc.string({ maxLength: 6 }),
      size: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: undefined }),
      append: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), path: fc.constantFrom('/root', '/root/a', '/srv', '/srv/data', '/etc/nginx', '/sbin', '/'), recursive: fc.boolean(), noPreserveRoot: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('apt' as const), op: fc.constantFrom('install' as const, 'upgrade' as const, 'uninstall' as const), pkg: fc.constantFrom('nginx', 'git', 'htop', 'curl') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('service' as const), command: fc.constantFrom('start' as const, 'stop' as const, 'restart' as const, 'reload' as const, 'enable' as const, 'disable' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('configure' as const), memoryMb: fc.constantFrom(512, 1024, 2048), cpus: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('clone' as const), pick: fc.nat(), linked: fc.boolean(), fromSnapshot: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('template' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('switch' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('lose' as const), rare: fc.integer({ min: 0, max: 29 }) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function toAction(lab: LabState, vmName: string, op: Op, n: number): Action | null {
  const vm = lab.vms[vmName]!;
  const snaps = snapshotsInOrder(vm);
  const pickSnap = (pick: number): string => {
    if (snaps.length === 0) return 'missing';
    const s = snaps[pick % snaps.length]!;
    return pick % 4 === 0 ? s.name : s.uuid;
  };
  const g = (guest: Extract<Action, { type: 'guest' }>['guest']): Action => ({ type: 'guest', vm: vmName, guest });
  switch (op.k) {
    case 'take':
      return { type: 'take', vm: vmName, name: op.name, memory: op.memory, live: op.live, halt: op.halt };
    case 'takeLibvirt':
      return {
        type: 'take',
        vm: vmName,
        name: op.name,
        memory: op.memory,
        ...(op.location ? { location: op.location } : {}),
        ...(op.spec ? { disks: [{ disk: op.spec.disk, ...(op.spec.location ? { location: op.spec.location } : {}), ...(op.spec.file ? { file: op.spec.file } : {}) }] } : {}),
        ...(op.memoryFile ? { memoryFile: op.memoryFile } : {}),
      };
    case 'mode':
      return { type: 'setDiskMode', vm: vmName, disk: op.disk, mode: op.mode };
    case 'restore':
      return { type: 'restore', vm: vmName, snapshot: pickSnap(op.pick), ...(op.after ? { after: op.after } : {}) };
    case 'delete':
      return { type: 'deleteSnapshot', vm: vmName, snapshot: pickSnap(op.pick), scope: op.scope };
    case 'setCurrent':
      return { type: 'setCurrent', vm: vmName, snapshot: pickSnap(op.pick) };
    case 'edit':
      return { type: 'editSnapshot', vm: vmName, snapshot: pickSnap(op.pick), name: op.name };
    case 'power':
      return { type: 'power', vm: vmName, op: op.op };
    case 'write':
      return g({ op: 'write', path: op.path, content: op.content, append: op.append, ...(op.size ? { size: op.size } : {}) });
    case 'remove':
      return g({ op: 'remove', path: op.path, recursive: op.recursive, force: true, noPreserveRoot: op.noPreserveRoot });
    case 'apt':
      return g(op.op === 'uninstall' ? { op: 'uninstall', packages: [op.pkg], purge: false } : { op: op.op, packages: op.op === 'upgrade' ? [] : [op.pkg] });
    case 'service':
      return g({ op: 'service', service: 'nginx', command: op.command });
    case 'configure':
      return { type: 'configure', vm: vmName, memoryMb: op.memoryMb, cpus: op.cpus };
    case 'clone':
      return { type: 'clone', vm: vmName, name: `c${n}`, mode: op.linked ? 'linked' : 'full', ...(op.fromSnapshot && snaps.length > 0 ? { snapshot: pickSnap(op.pick) } : {}) };
    case 'template':
      return { type: 'template', vm: vmName };
    case 'lose':
      return op.rare === 0 ? { type: 'loseBaseDisk', vm: vmName } : null;
    case 'switch':
      return null;
  }
}

interface Saved {
  files: FileMap;
  settings: Settings;
  memory: Runtime | null;
}

/** Runs one sequence and checks every invariant after every step; returns the final lab. */
function runSequence(platform: (typeof PLATFORMS)[number], ops: Op[]): LabState {
  const { data, ...scenario } = platform;
  let lab = makeLab({
    ...scenario,
    repo: { nginx: '1.26.0-1' },
    vms: [
      {
        name: 'web',
        power: 'running',
        packages: { 'openssh-server': '1:9.2p1-2+deb12u3', nginx: '1.24.0-2' },
        files: [{ path: '/srv/data/orders.db', content: 'orders' }],
        ...(data ? { disks: [{}, { mount: '/srv/data', size: '8G', mode: data, fixed: data === 'shareable' }] } : {}),
      },
    ],
  });
  const saved = new Map<string, Saved>();
  let target = 'web';
  ops.forEach((op, n) => {
    if (op.k === 'switch') {
      const names = Object.keys(lab.vms);
      target = names[op.pick % names.length]!;
      return;
    }
    const action = toAction(lab, target, op, n);
    if (!action) return;
    const before = lab;
    const vmBefore = before.vms[target]!;
    const usageBefore = action.type === 'deleteSnapshot' ? diskUsage(before, target) : null;
    const r = apply(before, action, at(n));
    if (r.refused) {
      expect(r.state).toBe(before);
      expect(explainRefusal(r.refused)).not.toMatch(/undefined|NaN/);
      return;
    }
    lab = r.state;
    for (const e of r.events) expect(explainEvent(e)).not.toMatch(/undefined|NaN/);
    expect(checkLab(lab)).toEqual([]);
    expect(findNonJson(lab)).toBeNull();
    if (n % 7 === 0) {
      const copy = roundTrip(before);
      expect(copy).toEqual(before);
      expect(apply(copy, action, at(n))).toEqual(r);
    }
    const vm = lab.vms[target]!;
    if (action.type === 'take') {
      const id = String(r.events.find((e) => e.code === 'SNAPSHOT_TAKEN')!.params['snapshot']);
      // A snapshot saves the layered disks only: write-through and shareable ones are left out (V10).
      saved.set(`${target}/${id}`, { files: layeredFiles(vmBefore.disk), settings: vmBefore.settings, memory: getSnapshot(vm, id)!.memory });
      if (getSnapshot(vm, id)!.memory) expect(getSnapshot(vm, id)!.memory).toEqual(vmBefore.runtime);
      expect(vm.disk.direct).toBe(vmBefore.disk.direct);
    }
    if (action.type === 'restore') {
      const s = saved.get(`${target}/${vm.current}`)!;
      expect(layeredFiles(vm.disk)).toEqual(s.files);
      expect(vm.disk.direct).toEqual(vmBefore.disk.direct);
      expect(vm.settings).toEqual(s.settings);
      if (s.memory) expect(vm.runtime).toEqual(s.memory);
    }
    if (action.type === 'setDiskMode') {
      // A disk joining the layers enters the base image, so every snapshot now shows it (V13).
      for (const [key, record] of saved) {
        const [vmName, id] = key.split('/') as [string, string];
        if (vmName === target && getSnapshot(vm, id)) saved.set(key, { ...record, files: snapshotView(vm, id) });
      }
    }
    if (lab.platform === 'libvirt') {
      for (const d of vm.disks) expect(new Set(d.chain).size, `chain ${d.chain.join(' → ')}`).toBe(d.chain.length);
      for (const s of listSnapshots(vm)) s.images?.forEach((f, i) => expect(chainFrom(vm.disks[i]!, f).at(-1)).toBe(vm.disks[i]!.volume));
    }
    if (action.type === 'deleteSnapshot') {
      expect(vm.disk.files).toEqual(vmBefore.disk.files);
      expect([vm.power, vm.runtime, vm.settings]).toEqual([vmBefore.power, vmBefore.runtime, vmBefore.settings]);
      if ((action.scope ?? 'self') === 'self') {
        const deleted = r.events.find((e) => e.code === 'SNAPSHOT_DELETED')!;
        expect(deleted.params['freedBytes']).toBe(usageBefore!.perSnapshot[String(deleted.params['snapshot'])]!.uniqueBytes);
      }
    }
    const u = diskUsage(lab, target)!;
    const uniqueTotal = Object.values(u.perSnapshot).reduce((sum, x) => sum + x.uniqueBytes, 0);
    expect(uniqueTotal).toBeLessThanOrEqual(u.snapshotBytes);
    // Physical bytes are what some point in time still shows: recompute from materialised views.
    const shown = new Set([...Object.values(vm.disk.files), ...listSnapshots(vm).map((s) => s.id).flatMap((id) => Object.values(snapshotView(vm, id)))]);
    expect(u.perDisk.reduce((sum, d) => sum + d.logicalBytes, 0)).toBe(u.logicalBytes);
    if (vm.linkedFrom) for (const id of Object.values(vm.disk.base)) shown.delete(id);
    expect(u.physicalBytes).toBe([...shown].reduce((sum, id) => sum + blockSize(lab.store, id), 0));
    // What a snapshot saved never changes while it exists, whatever happens around it.
    for (const [name, v] of Object.entries(lab.vms)) {
      for (const s of listSnapshots(v)) {
        const record = saved.get(`${name}/${s.id}`)!;
        expect(snapshotView(v, s.id)).toEqual(record.files);
        expect([s.settings, s.memory]).toEqual([record.settings, record.memory]);
      }
    }
  });
  return lab;
}

describe('fuzz: random operation sequences', () => {
  for (const platform of PLATFORMS) {
    const label = `${platform.platform}${platform.storage ? `/${platform.storage}` : ''}${platform.data ? ` with a ${platform.data} data disk` : ''}${platform.libvirtVersion ? ` on libvirt ${platform.libvirtVersion}` : ''}`;
    it(`S2/S4/T1/E1/E2/D4/D6/V10/L9: invariants hold on ${label} (restore = saved state, delete keeps current data, tree, chains, JSON)`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 5, maxLength: 60 }), (ops) => {
          runSequence(platform, ops);
        }),
        { seed: 20250115, numRuns: 60 },
      );
    });
  }

  it('K1: the console never throws on random input lines', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const words = ['VBoxManage', 'snapshot', 'web', 'take', 'restore', 'delete', 'list', '--live', 'qm', 'virsh', 'apt', 'install', 'nginx', 'rm', '-rf', '/', '"', "'", '&&', ';', '>', 'echo', 'x', 'sed', '-i', 's/a/b/', 'systemctl', 'restart', 'cat', 'ssh', 'sim', 'disk-failure'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), fc.string({ maxLength: 12 }), (ws, tail) => {
        const r = runCommand(lab, `${ws.join(' ')} ${tail}`, at());
        expect(Array.isArray(r.output)).toBe(true);
        expect(r.output.join('\n')).not.toMatch(/undefined|NaN/);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  /** Lines that can only be an error, in the wording of bash, VBoxManage, virsh, virt-clone, qm and apt. */
  const ERROR_LINE = /^(bash: |VBoxManage: error: |error: |ERROR {4}|E: |\d{3} [A-Z]|unknown command|can't |unable to |snapshot '.*' does not exist|Configuration file |ssh: |cat: |ls: |rm: |sed: )/;

  for (const platform of ['virtualbox', 'libvirt', 'proxmox'] as const) {
    it(`K1: on ${platform}, a command that prints an error never exits 0, and a refusal never exits 0`, () => {
      let lab = makeLab({ platform, vms: [{ name: 'web', power: 'running' }, { name: 'db', power: 'poweroff' }] });
      lab = runCommand(lab, { virtualbox: 'VBoxManage snapshot web take s1', libvirt: 'virsh snapshot-create-as web s1', proxmox: 'qm snapshot 100 s1' }[platform], at()).state;
      const words = {
        virtualbox: ['VBoxManage', 'snapshot', 'web', 'db', 'nope', 'take', 'restore', 'restorecurrent', 'delete', 'edit', 'list', 'showvminfo', 'startvm', 'controlvm', 'pause', 'resume', 'poweroff', 'savestate', 'modifyvm', '--memory', '--cpus', 'clonevm', '--name', '--snapshot', 'discardstate', 's1', '--current'],
        libvirt: ['virsh', 'virt-clone', 'snapshot-create-as', 'snapshot-revert', 'snapshot-delete', 'snapshot-current', 'snapshot-info', 'snapshot-parent', 'snapshot-list', 'start', 'destroy', 'suspend', 'resume', 'web', 'db', 'nope', 's1', '--current', '--children', '--disk-only', '--original', '--auto-clone'],
        proxmox: ['qm', 'snapshot', 'rollback', 'delsnapshot', 'listsnapshot', 'start', 'stop', 'suspend', 'resume', 'clone', 'template', 'set', '100', '101', '105', 'web', 's1', 'nope', '--full', '--memory', '--vmstate', '--start'],
      }[platform];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...words, 'cat', 'ls', 'rm', '/nope', 'apt', 'install', 'frob'), { minLength: 1, maxLength: 6 }), (ws) => {
          const r = runCommand(lab, ws.join(' '), at());
          const errors = r.output.filter((l) => ERROR_LINE.test(l));
          if (errors.length > 0 || r.refused) expect([ws.join(' '), r.exitCode]).not.toEqual([ws.join(' '), 0]);
        }),
        { seed: 11, numRuns: 400 },
      );
    });
  }
});
