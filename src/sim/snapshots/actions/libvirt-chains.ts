import type { DiskSpec, TakeAction } from '../model/actions';
import { diskTarget } from '../model/naming';
import type { AttachedDisk, LabState, OverlayFile, Params, Snapshot, SnapshotLocation, Vm } from '../model/types';
import { childrenOf, descendantsOf, pathToRoot } from '../tree/tree';
import { getSnapshot, listSnapshots } from '../model/snapshot-store';
import { refuse, type Outcome } from './outcome';

/**
 * libvirt's internal and external snapshots (SPEC L8-L12). An internal snapshot lives inside the
 * qcow2 images; an external one freezes every image and puts a new overlay file on top, which
 * takes the writes from then on. The layers of the snapshot tree are the same either way; what
 * differs is which files hold them (each disk's backing chain) and which operations libvirt
 * supports, by release. Each disk keeps its overlay files with their backing files; a snapshot
 * keeps the image that holds its state, and chains are walked from there.
 */

/** "9.9.0" ≥ "9.0.0": compares release numbers. */
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

/** The backing chain from `top` down to the disk's image, top first. */
export function chainFrom(disk: Pick<AttachedDisk, 'volume' | 'overlays'>, top: string): string[] {
  const backing = new Map(disk.overlays.map((o) => [o.file, o.backing]));
  const chain = [top];
  let cur = top;
  while (cur !== disk.volume) {
    const next = backing.get(cur);
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}

/** Every image file the lab holds: the disks' images and their overlays. */
function fileExists(lab: LabState, file: string): boolean {
  return Object.values(lab.vms).some((vm) => vm.disks.some((d) => d.volume === file || d.overlays.some((o) => o.file === file)));
}

export interface TakePlan {
  location: SnapshotLocation;
  images: string[];
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
  const locations = vm.disks.map((_, i) => specs.get(i)?.location ?? (specs.get(i)?.file !== undefined ? 'external' : fallback));
  const internal = locations.indexOf('internal');
  if (diskOnly && online && internal !== -1) return refuse('EXTERNAL_REQUIRED', { vm: vm.name, disk: diskTarget(lab.platform, internal) });
  const external = locations.includes('external');
  const memoryInternal = online && !diskOnly && a.memoryFile === undefined;
  if ((internal !== -1 && external) || (memoryInternal && external) || (a.memoryFile !== undefined && internal !== -1)) {
    return refuse('SNAPSHOT_LOCATION_MIXED', { vm: vm.name });
  }
  const images = vm.disks.map((d) => d.chain[0]!);
  if (!external) return { location: 'internal', images, overlays: null, disks: vm.disks };
  const overlays: string[] = [];
  for (const [i, d] of vm.disks.entries()) {
    const file = specs.get(i)?.file ?? overlayName(d.chain[0]!, name);
    if (fileExists(lab, file) || overlays.includes(file)) return refuse('OVERLAY_EXISTS', { vm: vm.name, disk: diskTarget(lab.platform, i), file });
    overlays.push(file);
  }
  const disks = vm.disks.map((d, i) => ({ ...d, chain: [overlays[i]!, ...d.chain], overlays: [...d.overlays, { file: overlays[i]!, backing: d.chain[0]! }] }));
  return { location: 'external', images, overlays, disks };
}

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
  const images = snap.images ?? vm.disks.map((d) => d.volume);
  if (snap.location === 'internal') {
    // The images that hold an internal snapshot may since have become an external snapshot's
    // backing files; reverting inside them would change that snapshot's state too.
    const frozen = listSnapshots(vm).find((s) => s.location === 'external' && s.images?.some((f, i) => f === images[i]));
    if (frozen) {
      const file = images.find((f, i) => frozen.images?.[i] === f)!;
      return refuse('INTERNAL_UNDER_EXTERNAL', { vm: vm.name, snapshot: snap.name, external: frozen.name, file });
    }
  }
  // The overlay the current state wrote to goes, unless a snapshot keeps its state in it.
  const discarded = vm.disks
    .map((d) => d.chain[0]!)
    .filter((f, i) => f !== vm.disks[i]!.volume && !listSnapshots(vm).some((s) => s.images?.[i] === f));
  const created: string[] = [];
  const disks = vm.disks.map((d, i) => {
    const top = images[i] ?? d.volume;
    const kept = discarded.includes(d.chain[0]!) ? d.overlays.filter((o) => o.file !== d.chain[0]) : d.overlays;
    const chain = chainFrom({ volume: d.volume, overlays: kept }, top);
    if (snap.location !== 'external') return kept === d.overlays && sameChain(chain, d.chain) ? d : { ...d, chain, overlays: kept };
    const file = overlayName(top, String(Math.floor(now / 1000)));
    created.push(file);
    return { ...d, chain: [file, ...chain], overlays: [...kept, { file, backing: top }] };
  });
  const clash = created.find((f, i) => f !== vm.disks[i]!.chain[0] && fileExists(lab, f));
  if (clash !== undefined) return refuse('OVERLAY_EXISTS', { vm: vm.name, disk: diskTarget(lab.platform, created.indexOf(clash)), file: clash });
  const leaf = childrenOf(vm, snap.id).length === 0;
  return { disks, created, discarded, snapshot: snap.location === 'external' && leaf ? { ...snap, overlays: created } : snap };
}

const sameChain = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((f, i) => f === b[i]);

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
    const moved = vm.disks.findIndex((d, i) => snap.images?.[i] !== d.chain[0]);
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

export interface MergedChains {
  disks: AttachedDisk[];
  /** Per disk the overlay merged away and the image it went into (none for a leaf off the active chain). */
  merged: string[];
  into: string[];
}

/**
 * After an external snapshot is merged away (block commit), the overlay directly above the image
 * that held its state leaves the disk: files and snapshots built on it are now built on that image.
 */
export function mergeChains(vm: Vm, snap: Snapshot): MergedChains {
  const merged: string[] = [];
  const into: string[] = [];
  const disks = vm.disks.map((d, i) => {
    const state = snap.images?.[i];
    const at = state === undefined ? -1 : d.chain.indexOf(state);
    if (at <= 0) return d;
    const gone = d.chain[at - 1]!;
    merged.push(gone);
    into.push(state!);
    const overlays: OverlayFile[] = d.overlays.filter((o) => o.file !== gone).map((o) => (o.backing === gone ? { ...o, backing: state! } : o));
    return { ...d, chain: d.chain.filter((_, j) => j !== at - 1), overlays };
  });
  return { disks, merged, into };
}

/** Snapshots whose state was in a merged overlay now find it in the image it was merged into. */
export function movedImages(snaps: readonly Snapshot[], merged: readonly string[], into: readonly string[]): Snapshot[] {
  if (merged.length === 0) return [];
  const to = new Map(merged.map((f, i) => [f, into[i]!]));
  return snaps.filter((s) => s.images?.some((f) => to.has(f))).map((s) => ({ ...s, images: s.images!.map((f) => to.get(f) ?? f) }));
}
