import type { DiskSpec, TakeAction } from '../model/actions';
import { diskTarget } from '../model/naming';
import type { AttachedDisk, LabState, Params, Snapshot, SnapshotLocation, Vm } from '../model/types';
import { childrenOf, descendantsOf, pathToRoot } from '../tree/tree';
import { getSnapshot, listSnapshots } from '../model/snapshot-store';
import { refuse, type Outcome } from './outcome';

/**
 * libvirt's internal and external snapshots (SPEC L8-L12). An internal snapshot lives inside the
 * qcow2 images; an external one freezes every image and puts a new overlay file on top, which
 * takes the writes from then on. The layers of the snapshot tree are the same either way; what
 * differs is which files hold them (each disk's backing chain) and which operations libvirt
 * supports, by release.
 */

/** "9.9.0" → [9, 9, 0]; compares release numbers. */
export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** libvirt 9.0.0 deletes external snapshots; 9.9.0 reverts to them (NEWS). */
export const DELETE_EXTERNAL_SINCE = '9.0.0';
export const REVERT_EXTERNAL_SINCE = '9.9.0';

/**
 * The overlay libvirt names when no file is given: the image's path without its suffix, then a dot
 * and the snapshot name (`web.qcow2` → `web.pre-upgrade`; snapshot_conf.c
 * `virDomainSnapshotDefAssignExternalNames`).
 */
export function overlayName(image: string, name: string): string {
  const slash = image.lastIndexOf('/');
  const dot = image.lastIndexOf('.');
  return `${dot > slash ? image.slice(0, dot) : image}.${name}`;
}

/**
 * What a VM's snapshots record about files, cached per snapshot store (never mutated, so never
 * stale; the cache lives outside the plain-JSON state): every file in their chains and overlays,
 * and the images their external ones froze (the top of each chain they recorded).
 */
interface SnapshotFiles {
  all: ReadonlySet<string>;
  backing: ReadonlySet<string>;
  frozen: ReadonlyMap<string, Snapshot>;
}
const filesCache = new WeakMap<Vm['snapshots'], SnapshotFiles>();

function snapshotFiles(vm: Vm): SnapshotFiles {
  let files = filesCache.get(vm.snapshots);
  if (!files) {
    const all = new Set<string>();
    const backing = new Set<string>();
    const frozen = new Map<string, Snapshot>();
    for (const s of listSnapshots(vm)) {
      for (const c of s.chains ?? []) {
        for (const f of c) {
          all.add(f);
          backing.add(f);
        }
        if (s.location === 'external' && c[0] !== undefined && !frozen.has(c[0])) frozen.set(c[0], s);
      }
      for (const f of s.overlays ?? []) all.add(f);
    }
    files = { all, backing, frozen };
    filesCache.set(vm.snapshots, files);
  }
  return files;
}

/** Every image file the lab knows: any disk's chain and any snapshot's chains and overlays. */
function fileExists(lab: LabState, file: string): boolean {
  for (const vm of Object.values(lab.vms)) {
    if (vm.disks.some((d) => d.volume === file || d.chain.includes(file))) return true;
    if (snapshotFiles(vm).all.has(file)) return true;
  }
  return false;
}

export interface TakePlan {
  location: SnapshotLocation;
  chains: string[][];
  overlays: string[] | null;
  disks: AttachedDisk[];
}


/**
 * Where a new snapshot's state goes (qemu_snapshot.c `qemuSnapshotCreateAlignDisks`,
 * `qemuSnapshotPrepare`): `--disk-only` and `--memspec` default every disk to external, anything
 * else to internal; a disk spec may choose; a snapshot cannot mix the two.
 */
export function planTake(lab: LabState, vm: Vm, a: TakeAction, name: string): TakePlan | Outcome {
  const online = vm.power !== 'poweroff';
  const diskOnly = a.memory === false;
  if (a.memoryFile !== undefined && (diskOnly || !online)) return refuse('MEMORY_NEEDS_RUNNING', { vm: vm.name, diskOnly });
  const fallback: SnapshotLocation = diskOnly || a.memoryFile !== undefined ? 'external' : (a.location ?? 'internal');
  const specs = new Map<number, DiskSpec>();
  for (const spec of a.disks ?? []) {
    if (!Number.isInteger(spec.disk) || spec.disk < 0 || spec.disk >= vm.disks.length) {
      return refuse('UNKNOWN_DISK', { vm: vm.name, disk: String(spec.disk), known: vm.disks.map((_, i) => diskTarget(lab.platform, i)) });
    }
    specs.set(spec.disk, spec);
  }
  const locations = vm.disks.map((_, i) => specs.get(i)?.location ?? (specs.has(i) && specs.get(i)!.file !== undefined ? 'external' : fallback));
  const internal = locations.indexOf('internal');
  if (diskOnly && online && internal !== -1) return refuse('EXTERNAL_REQUIRED', { vm: vm.name, disk: diskTarget(lab.platform, internal) });
  const external = locations.includes('external');
  const memoryInternal = online && !diskOnly && a.memoryFile === undefined;
  if ((internal !== -1 && external) || (memoryInternal && external) || (a.memoryFile !== undefined && internal !== -1)) {
    return refuse('SNAPSHOT_LOCATION_MIXED', { vm: vm.name });
  }
  const chains = vm.disks.map((d) => d.chain.slice());
  if (!external) return { location: 'internal', chains, overlays: null, disks: vm.disks };
  const overlays: string[] = [];
  for (const [i, d] of vm.disks.entries()) {
    const file = specs.get(i)?.file ?? overlayName(d.chain[0]!, name);
    if (fileExists(lab, file) || overlays.includes(file)) return refuse('OVERLAY_EXISTS', { vm: vm.name, disk: diskTarget(lab.platform, i), file });
    overlays.push(file);
  }
  return { location: 'external', chains, overlays, disks: vm.disks.map((d, i) => ({ ...d, chain: [overlays[i]!, ...d.chain] })) };
}

const sameChain = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((f, i) => f === b[i]);

export interface RevertPlan {
  disks: AttachedDisk[];
  created: string[];
  discarded: string[];
  /** The reverted snapshot with its overlays updated (libvirt records the new ones on a leaf). */
  snapshot: Snapshot;
}

/**
 * Reverting (qemu_snapshot.c `qemuSnapshotRevert*`): the disks go back to the backing chain that
 * holds the snapshot's state. An external snapshot gets a fresh overlay on top, named after the
 * time in seconds; the overlay the current state wrote to is deleted (SPEC L10).
 */
export function planRevert(lab: LabState, vm: Vm, snap: Snapshot, now: number): RevertPlan | Outcome {
  if (snap.location === 'external' && !versionAtLeast(lab.libvirtVersion, REVERT_EXTERNAL_SINCE)) {
    return refuse('REVERT_EXTERNAL_UNSUPPORTED', { vm: vm.name, snapshot: snap.name, version: lab.libvirtVersion, since: REVERT_EXTERNAL_SINCE });
  }
  const chains = snap.chains ?? vm.disks.map((d) => d.chain);
  if (snap.location === 'internal' && listSnapshots(vm).some((s) => s.location === 'external')) {
    // The images that hold an internal snapshot may since have become an external snapshot's
    // backing files; reverting inside them would change that snapshot's state too.
    const { frozen } = snapshotFiles(vm);
    const top = chains.map((c) => c[0]!).find((f) => frozen.has(f));
    if (top !== undefined) return refuse('INTERNAL_UNDER_EXTERNAL', { vm: vm.name, snapshot: snap.name, external: frozen.get(top)!.name, file: top });
  }
  // Only an overlay no snapshot keeps as its state is deleted; a disk without overlays has none.
  const discarded = vm.disks.every((d) => d.chain.length === 1) ? [] : vm.disks.map((d) => d.chain[0]!).filter((f, i) => f !== vm.disks[i]!.volume && !snapshotFiles(vm).backing.has(f));
  const created: string[] = [];
  const disks = vm.disks.map((d, i) => {
    const chain = chains[i] ?? [d.volume];
    if (snap.location !== 'external') return sameChain(d.chain, chain) ? d : { ...d, chain: chain.slice() };
    const file = overlayName(chain[0]!, String(Math.floor(now / 1000)));
    created.push(file);
    return { ...d, chain: [file, ...chain] };
  });
  const clash = created.find((f) => !discarded.includes(f) && fileExists(lab, f));
  if (clash !== undefined) return refuse('OVERLAY_EXISTS', { vm: vm.name, disk: diskTarget(lab.platform, created.indexOf(clash)), file: clash });
  const leaf = childrenOf(vm, snap.id).length === 0;
  return { disks, created, discarded, snapshot: snap.location === 'external' && leaf ? { ...snap, overlays: created } : snap };
}

/**
 * Which external deletions libvirt supports (qemu_snapshot.c `qemuSnapshotDeleteValidate` and
 * `qemuSnapshotDeleteExternalPrepareData`), checked in its order; null when it may go ahead.
 */
export function deleteRefusal(lab: LabState, vm: Vm, snap: Snapshot, scope: 'self' | 'withChildren' | 'childrenOnly'): Outcome | null {
  const subtree = descendantsOf(vm, snap.id).map((id) => getSnapshot(vm, id)!);
  const doomed = scope === 'self' ? [snap] : scope === 'withChildren' ? [snap, ...subtree] : subtree;
  const externalCount = doomed.filter((s) => s.location === 'external').length;
  if (externalCount > 0 && !versionAtLeast(lab.libvirtVersion, DELETE_EXTERNAL_SINCE)) {
    return refuse('DELETE_EXTERNAL_UNSUPPORTED', { vm: vm.name, snapshot: snap.name, count: externalCount, version: lab.libvirtVersion, since: DELETE_EXTERNAL_SINCE });
  }
  const restricted = (why: string, extra: Params = {}): Outcome => refuse('EXTERNAL_DELETE_RESTRICTED', { vm: vm.name, snapshot: snap.name, why, ...extra });
  if (snap.location === 'internal' && vm.power !== 'poweroff') {
    const moved = vm.disks.findIndex((d, i) => snap.chains?.[i]?.[0] !== d.chain[0]);
    if (moved !== -1) return refuse('INTERNAL_DISK_CHANGED', { vm: vm.name, snapshot: snap.name, disk: diskTarget(lab.platform, moved) });
  }
  if (scope !== 'self') {
    const ext = subtree.filter((s) => s.location === 'external').length;
    if (ext > 0) return restricted(ext < subtree.length ? 'children-mixed' : 'children-external');
  }
  if (snap.location !== 'external') return null;
  const children = childrenOf(vm, snap.id).length;
  if (scope === 'withChildren') return restricted('with-children');
  if (vm.current === snap.id && children > 0) return restricted('active-not-leaf');
  const inActiveChain = vm.current !== null && pathToRoot(vm, vm.current).includes(snap.id);
  if (vm.current !== snap.id && children > 0 && !inActiveChain) return restricted('outside-chain');
  if (children > 1) return restricted('multiple-children', { count: children });
  const merges = vm.current === snap.id || children > 0;
  const parent = snap.parent === null ? undefined : getSnapshot(vm, snap.parent);
  if (merges && parent?.location === 'internal') return restricted('internal-parent', { parent: parent.name });
  return null;
}

/**
 * After an external snapshot is merged away (blockcommit), the overlay directly above the image
 * that held its state leaves every chain: the VM's and those recorded by other snapshots.
 */
export function mergeChains(vm: Vm, snap: Snapshot): { disks: AttachedDisk[]; merged: string[]; into: string[] } {
  const merged: string[] = [];
  const into: string[] = [];
  const disks = vm.disks.map((d, i) => {
    const state = snap.chains?.[i]?.[0];
    const at = state === undefined ? -1 : d.chain.indexOf(state);
    if (at <= 0) return d;
    merged.push(d.chain[at - 1]!);
    into.push(state!);
    return { ...d, chain: d.chain.filter((_, j) => j !== at - 1) };
  });
  return { disks, merged, into };
}

/** Drops merged overlays from the chains other snapshots recorded (their state now lives below). */
export function withoutFiles(snaps: readonly Snapshot[], files: readonly string[]): Snapshot[] {
  if (files.length === 0) return [];
  return snaps
    .filter((s) => s.chains?.some((c) => c.some((f) => files.includes(f))))
    .map((s) => ({ ...s, chains: s.chains!.map((c) => c.filter((f) => !files.includes(f))) }));
}
