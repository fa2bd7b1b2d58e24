/** Snapshot goals, answered by the snapshot engine's queries (SPEC G-P rules). */
import { formatBytes } from '../../sim/snapshots/explain';
import { modeWord } from '../../sim/snapshots/explain/format';
import { diskUsage } from '../../sim/snapshots/disk/usage';
import { snapshotView } from '../../sim/snapshots/disk/view';
import { installedPackages } from '../../sim/snapshots/guest/packages';
import { getSnapshot } from '../../sim/snapshots/model/snapshot-store';
import type { LabState, Snapshot, Vm } from '../../sim/snapshots/model/types';
import { readFile } from '../../sim/snapshots/queries/files';
import { guestSummary } from '../../sim/snapshots/queries/summary';
import { childrenOf, findSnapshotByName, snapshotsInOrder } from '../../sim/snapshots/tree/tree';
import { evaluateCombined, type Evaluated } from './evaluate';
import type { Check, SnapshotCheck } from './checks';

/** The snapshot engine's state plus the sandbox clock (service and age answers depend on it). */
export interface SnapshotWorld {
  lab: LabState;
  now: number;
}

const quote = (s: string): string => `"${s}"`;
const within = (n: number, min?: number, max?: number): boolean => (min === undefined || n >= min) && (max === undefined || n <= max);

function vmOf(c: { vm?: string | undefined }, lab: LabState): Vm | { error: string } {
  const name = c.vm ?? lab.console.vm;
  return lab.vms[name] ?? { error: `unknown VM "${name}" (known: ${Object.keys(lab.vms).map(quote).join(', ')})` };
}

function named(vm: Vm, name: string): Snapshot | undefined {
  return findSnapshotByName(vm, name);
}

export function snapshotLeaf(c: SnapshotCheck, w: SnapshotWorld): Evaluated {
  const { lab, now } = w;
  if (c.kind === 'clone') {
    const vm = lab.vms[c.name];
    if (!vm) return { met: false, detail: `There is no VM named "${c.name}" yet.` };
    const linked = vm.linkedFrom;
    if (c.mode === 'full' && linked) return { met: false, detail: `${c.name} is a linked clone, not a full one.` };
    if (c.mode === 'linked' && !linked) return { met: false, detail: `${c.name} is not a linked clone: it owns a full copy of its disk.` };
    if (c.of !== undefined && linked && linked.vm !== c.of) return { met: false, detail: `${c.name} is linked to ${linked.vm}, not ${c.of}.` };
    if (c.snapshot !== undefined) {
      const source = linked ? lab.vms[linked.vm] : undefined;
      const snap = source && linked?.snapshot ? getSnapshot(source, linked.snapshot) : undefined;
      if (snap?.name !== c.snapshot) return { met: false, detail: `${c.name} is not based on snapshot "${c.snapshot}".` };
    }
    return { met: true, detail: `${c.name} exists${linked ? `, linked to ${linked.vm}` : ''}.` };
  }
  const vm = vmOf(c, lab);
  if ('error' in vm) return vm;
  switch (c.kind) {
    case 'snapshot-exists': {
      const s = named(vm, c.name);
      return s ? { met: true, detail: `${vm.name} has a snapshot "${c.name}".` } : { met: false, detail: `${vm.name} has no snapshot "${c.name}".` };
    }
    case 'current-snapshot': {
      const cur = vm.current ? getSnapshot(vm, vm.current) : undefined;
      return { met: cur?.name === c.name, detail: cur ? `The current snapshot of ${vm.name} is "${cur.name}".` : `${vm.name} has no current snapshot.` };
    }
    case 'parent-of': {
      const s = named(vm, c.snapshot);
      if (!s) return { met: false, detail: `${vm.name} has no snapshot "${c.snapshot}".` };
      const parent = s.parent ? getSnapshot(vm, s.parent) : undefined;
      const met = c.parent === null ? parent === undefined : parent?.name === c.parent;
      return { met, detail: parent ? `"${c.snapshot}" was taken on top of "${parent.name}".` : `"${c.snapshot}" is a root snapshot.` };
    }
    case 'children': {
      const s = named(vm, c.snapshot);
      if (!s) return { met: false, detail: `${vm.name} has no snapshot "${c.snapshot}".` };
      const kids = childrenOf(vm, s.id);
      return { met: within(kids.length, c.min, c.max), detail: `"${c.snapshot}" has ${kids.length} child snapshot${kids.length === 1 ? '' : 's'}${kids.length ? ` (${kids.map((k) => quote(k.name)).join(', ')})` : ''}.` };
    }
    case 'snapshot-count': {
      const n = snapshotsInOrder(vm).length;
      return { met: within(n, c.min, c.max), detail: `${vm.name} has ${n} snapshot${n === 1 ? '' : 's'}.` };
    }
    case 'service': {
      const g = guestSummary(lab, vm.name, now)!;
      const s = g.services.find((x) => x.name === c.service);
      const status = s?.status ?? 'inactive';
      return { met: status === c.status, detail: s ? `${c.service} on ${vm.name} is ${status}.` : `${vm.name} has no ${c.service} service.` };
    }
    case 'file': {
      const f = readFile(lab, vm.name, c.path);
      if (!f) return { met: c.exists === false, detail: `${c.path} does not exist on ${vm.name}.` };
      if (c.exists === false) return { met: false, detail: `${c.path} still exists on ${vm.name}.` };
      if (c.equals !== undefined && f.content !== c.equals) return { met: false, detail: `${c.path} on ${vm.name} does not have the expected contents.` };
      if (c.contains !== undefined && !f.content.includes(c.contains)) return { met: false, detail: `${c.path} on ${vm.name} does not contain "${c.contains}".` };
      return { met: true, detail: `${c.path} on ${vm.name} is as wanted.` };
    }
    case 'package': {
      let version: string | undefined;
      let where = `on ${vm.name}`;
      if (c.snapshot !== undefined) {
        const s = named(vm, c.snapshot);
        if (!s) return { met: false, detail: `${vm.name} has no snapshot "${c.snapshot}".` };
        version = installedPackages(lab.store, snapshotView(vm, s.id))[c.package];
        where = `in snapshot "${s.name}" of ${vm.name}`;
      } else {
        version = guestSummary(lab, vm.name, now)!.packages.find((x) => x.name === c.package)?.version;
      }
      if (version === undefined) return { met: !c.installed, detail: `${c.package} is not installed ${where}.` };
      if (!c.installed) return { met: false, detail: `${c.package} ${version} is installed ${where}.` };
      return { met: c.version === undefined || version === c.version, detail: `${c.package} ${version} is installed ${where}.` };
    }
    case 'power':
      return { met: vm.power === c.state, detail: `${vm.name} is ${vm.power}.` };
    case 'snapshot-location': {
      if (lab.platform !== 'libvirt') return { error: `snapshot locations (internal, external) are libvirt's; this lab runs ${lab.platform}` };
      const s = named(vm, c.snapshot);
      if (!s) return { met: false, detail: `${vm.name} has no snapshot "${c.snapshot}".` };
      const where = s.location ?? 'internal';
      const files = s.overlays?.length ? ` (overlay ${s.overlays.join(', ')})` : '';
      return { met: where === c.location, detail: `"${s.name}" is an ${where} snapshot${files}.` };
    }
    case 'disk-mode': {
      const disk = vm.disks.find((d) => d.mount === c.mount);
      if (!disk) return { error: `${vm.name} has no disk mounted at ${c.mount} (its disks: ${vm.disks.map((d) => d.mount).join(', ')})` };
      return { met: disk.mode === c.mode, detail: `The disk at ${c.mount} of ${vm.name} (${disk.volume}) is ${modeWord(disk.mode)}.` };
    }
    case 'disk-usage-at-most': {
      const u = diskUsage(lab, vm.name)!;
      return { met: u.physicalBytes <= c.bytes, detail: `${vm.name} takes ${formatBytes(u.physicalBytes)} on the host (at most ${formatBytes(c.bytes)} wanted).` };
    }
  }
}

export const evaluateSnapshots = (check: Check<SnapshotCheck>, w: SnapshotWorld): Evaluated => evaluateCombined(check, w, snapshotLeaf);
