import { createRng } from '../../src/sim/core/rng';
import { apply } from '../../src/sim/snapshots/apply';
import { runCommand } from '../../src/sim/snapshots/console/run';
import { diskUsage } from '../../src/sim/snapshots/disk/usage';
import { formatBytes } from '../../src/sim/snapshots/explain/format';
import type { Action } from '../../src/sim/snapshots/model/actions';
import type { LabState } from '../../src/sim/snapshots/model/types';
import { listSnapshots, snapshotCount } from '../../src/sim/snapshots/model/snapshot-store';
import { createLab } from '../../src/sim/snapshots/scenario/create';
import { snapshotScenarioSchema } from '../../src/sim/snapshots/scenario/schema';
import { measure, section } from './harness';

/**
 * 10,000 random operations on one VM: takes, restores, deletes, guest writes, package changes
 * and power changes. Prints the time and how the state grows, to show that snapshots share
 * unchanged data instead of copying it.
 */

const NOW = Date.UTC(2025, 0, 15, 12);

/** Variants: a second disk at /srv/data (write-through on VirtualBox), and libvirt taking only disk-only (external) snapshots. */
interface Variant {
  dataDisk?: boolean;
  external?: boolean;
}

function freshLab(platform: 'virtualbox' | 'libvirt' | 'proxmox', variant: Variant = {}): LabState {
  const scenario = snapshotScenarioSchema.parse({
    id: 'bench',
    title: 'Bench',
    platform,
    ...(platform === 'proxmox' ? { storage: 'qcow2' } : {}),
    repo: { nginx: '1.26.0-1' },
    policy: { maxChain: 1000 },
    vms: [
      {
        name: 'web',
        power: 'running',
        packages: { 'openssh-server': '1:9.2p1-2+deb12u3', cron: '3.0pl1-162', nginx: '1.24.0-2' },
        ...(variant.dataDisk ? { disks: [{}, { mount: '/srv/data', size: '64G', ...(platform === 'virtualbox' ? { mode: 'writethrough', fixed: true } : {}) }] } : {}),
      },
    ],
  });
  const lab = createLab(scenario, { now: NOW });
  if (!lab.ok) throw new Error('bench scenario does not load');
  return lab.value;
}

interface RunStats {
  lab: LabState;
  applied: number;
  refused: number;
  maxSnapshots: number;
}

/** Probabilities of each kind of step; the rest of the time the guest writes a file. */
interface Mix {
  take: number;
  restore: number;
  delete: number;
}

/** A student's session: snapshots come and go, most steps change files in the guest. */
const REALISTIC: Mix = { take: 0.08, restore: 0.06, delete: 0.1 };
/** Far more takes than deletes: the tree grows to hundreds of snapshots (a stress test). */
const SNAPSHOT_HEAVY: Mix = { take: 0.2, restore: 0.1, delete: 0.12 };

function randomOps(platform: 'virtualbox' | 'libvirt' | 'proxmox', count: number, seed: string, mix: Mix, variant: Variant = {}): RunStats {
  const rng = createRng(seed);
  let lab = freshLab(platform, variant);
  let applied = 0;
  let refused = 0;
  let maxSnapshots = 0;
  for (let i = 0; i < count; i++) {
    const snaps = listSnapshots(lab.vms['web']!);
    // Actions name snapshots by UUID or name, never by internal id (SPEC T3).
    const pick = (): string => (snaps.length === 0 ? 'none' : rng.pick(snaps).uuid);
    let roll = rng.next();
    let action: Action;
    if ((roll -= mix.take) < 0) action = { type: 'take', vm: 'web', name: `s${i}`, ...(variant.external ? { memory: false } : {}) };
    else if ((roll -= mix.restore) < 0) action = { type: 'restore', vm: 'web', snapshot: pick() };
    else if ((roll -= mix.delete) < 0) action = { type: 'deleteSnapshot', vm: 'web', snapshot: pick() };
    else if ((roll -= 0.05) < 0) action = { type: 'power', vm: 'web', op: rng.pick(['start', 'poweroff', 'pause', 'resume', 'reboot'] as const) };
    else if ((roll -= 0.03) < 0) action = { type: 'guest', vm: 'web', guest: { op: rng.bool() ? 'upgrade' : 'install', packages: rng.bool() ? [] : ['git'] } };
    else if ((roll -= 0.03) < 0) action = { type: 'guest', vm: 'web', guest: { op: 'remove', path: rng.pick(['/srv', '/root', '/usr/bin/git']), recursive: true, force: true, noPreserveRoot: false } };
    else {
      const path = `/srv/data/file${rng.int(0, 39)}`;
      action = { type: 'guest', vm: 'web', guest: { op: 'write', path, content: `v${i}`, size: rng.int(1, 4) * 1024 * 1024 } };
    }
    const r = apply(lab, action, { now: NOW + i * 1000 });
    if (r.refused) refused++;
    else applied++;
    lab = r.state;
    maxSnapshots = Math.max(maxSnapshots, snapshotCount(lab.vms['web']!));
  }
  return { lab, applied, refused, maxSnapshots };
}

function report(stats: RunStats): void {
  const { lab, applied, refused, maxSnapshots } = stats;
  const usage = diskUsage(lab, 'web')!;
  console.log(`    applied ${applied}, refused ${refused}; snapshots now ${snapshotCount(lab.vms['web']!)} (max ${maxSnapshots}); blocks held ${lab.store.count}`);
  console.log(`    disk: logical ${formatBytes(usage.logicalBytes)}, physical ${formatBytes(usage.physicalBytes)}, held only by snapshots ${formatBytes(usage.snapshotBytes)}`);
}

section('Snapshot engine: 10,000 random operations on one VM (a student session: snapshots come and go)');
for (const platform of ['virtualbox', 'libvirt', 'proxmox'] as const) {
  let stats: RunStats | undefined;
  measure(`${platform}: 10,000 operations`, () => (stats = randomOps(platform, 10_000, `bench/${platform}`, REALISTIC)), { targetMs: 100, rounds: 9 });
  report(stats!);
}

section('The same session with a second disk: a write-through data disk on VirtualBox, a normal one on libvirt');
for (const platform of ['virtualbox', 'libvirt'] as const) {
  let stats: RunStats | undefined;
  measure(`${platform}, two disks: 10,000 operations`, () => (stats = randomOps(platform, 10_000, `disks/${platform}`, REALISTIC, { dataDisk: true })), { targetMs: 100, rounds: 9 });
  report(stats!);
}

section('libvirt with two disks and only external (disk-only) snapshots: libvirt refuses most of their deletions, so the tree and the backing chains grow');
{
  let stats: RunStats | undefined;
  measure('libvirt, external snapshots: 10,000 operations', () => (stats = randomOps('libvirt', 10_000, 'external/libvirt', REALISTIC, { dataDisk: true, external: true })), { rounds: 3 });
  report(stats!);
}

section('Stress: 10,000 operations with far more takes than deletes (hundreds of snapshots)');
for (const platform of ['virtualbox', 'libvirt', 'proxmox'] as const) {
  let stats: RunStats | undefined;
  measure(`${platform}: 10,000 operations`, () => (stats = randomOps(platform, 10_000, `stress/${platform}`, SNAPSHOT_HEAVY)), { rounds: 3 });
  report(stats!);
}

section('Memory: sharing versus copying');
{
  const base = freshLab('virtualbox');
  const fileCount = Object.keys(base.vms['web']!.disk.files).length;
  const baseJson = JSON.stringify(base).length;
  let lab = base;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) {
    lab = apply(lab, { type: 'take', vm: 'web', name: `t${i}` }, { now: NOW + i }).state;
    if (i % 10 === 0) lab = apply(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: `/srv/f${i % 50}`, content: `v${i}` } }, { now: NOW + i }).state;
  }
  const json = JSON.stringify(lab).length;
  const copyPerSnapshot = JSON.stringify(base.vms['web']!.disk.files).length;
  console.log(`  1,000 snapshots (100 file writes in between) of a VM with ${fileCount} files:`);
  console.log(`    JSON ${formatBytes(baseJson)} → ${formatBytes(json)} (+${formatBytes(json - baseJson)}, ${Math.round((json - baseJson) / 1000)} bytes per snapshot incl. its saved RAM and log)`);
  console.log(`    blocks held: ${base.store.count} → ${lab.store.count} (one per write, none per snapshot)`);
  console.log(`    copying the file map into every snapshot would add at least ${formatBytes(copyPerSnapshot * 1000)} of ids alone`);
  console.log(`    heap delta (rough, GC-dependent): ${formatBytes(process.memoryUsage().heapUsed - heapBefore)}`);
}

section('Hostile input: a pasted 100,000-character snapshot name (issue 15: it froze the page for 25 s)');
for (const [platform, line] of [
  ['virtualbox', 'VBoxManage snapshot web take'],
  ['libvirt', 'virsh snapshot-create-as web'],
  ['proxmox', 'qm snapshot 100'],
] as const) {
  const lab = freshLab(platform);
  const name = 'n'.repeat(100_000);
  measure(`${platform}: typed in the console, refused`, () => runCommand(lab, `${line} ${name}`, { now: NOW }), { targetMs: 16, note: 'one frame' });
  measure(`${platform}: restore of an unknown 100,000-character name`, () => apply(lab, { type: 'restore', vm: 'web', snapshot: name }, { now: NOW }), { targetMs: 16, note: 'one frame' });
}
