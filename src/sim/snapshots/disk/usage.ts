import { ownValue } from '../../core/own';
import type { DiskMode, FileMap, LabState, Snapshot, Vm } from '../model/types';
import { blockSize } from './blocks';
import { diskIndexOf, isLayered } from './layout';
import { allSnapshotViews } from './view';
import { listSnapshots } from '../model/snapshot-store';

/**
 * Copy-on-write accounting (SPEC D1-D4). The host keeps every block that some point in time
 * still shows: the current state or any snapshot. So:
 * - `uniqueBytes` of a snapshot: blocks only it still shows, i.e. what deleting it frees
 *   (the "used" of a ZFS snapshot);
 * - `layerBytes`: the data written between its parent and it (its differencing layer).
 * A fresh snapshot has 0 unique bytes; they grow as the current state overwrites what it saw.
 */

export interface SnapshotUsage {
  id: string;
  layerBytes: number;
  uniqueBytes: number;
}

export interface DiskUsage {
  vm: string;
  /** What the guest sees: the size of its current file system. */
  logicalBytes: number;
  /** The base disk as created (for a linked clone: the source data it reads through). */
  baseBytes: number;
  /** The current state's own layer: what changed since the current snapshot. */
  currentLayerBytes: number;
  /** Bytes only snapshots still hold: what deleting every snapshot would free. */
  snapshotBytes: number;
  /** Bytes this VM occupies on the host, every block counted once. */
  physicalBytes: number;
  /** Bytes a linked clone reads from its source instead of owning (0 otherwise). */
  sharedWithSourceBytes: number;
  perSnapshot: Record<string, SnapshotUsage>;
  /** The same figures for each attached disk, system disk first (SPEC D6). */
  perDisk: DiskShare[];
}

export interface DiskShare {
  index: number;
  mount: string;
  mode: DiskMode;
  capacity: number;
  /** Snapshots capture and restore this disk (SPEC V10). */
  inSnapshots: boolean;
  logicalBytes: number;
  /** Changes since the current snapshot on this disk (0 for a disk snapshots leave out). */
  currentLayerBytes: number;
  /** Bytes of this disk that only snapshots still hold. */
  snapshotBytes: number;
  physicalBytes: number;
}

function sumDistinct(lab: LabState, ids: Iterable<string | null>, exclude?: Set<string>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const id of ids) {
    if (id === null || seen.has(id) || exclude?.has(id)) continue;
    seen.add(id);
    total += blockSize(lab.store, id);
  }
  return total;
}

/** A linked clone's base blocks belong to its source. */
const borrowed = (vm: Vm): Set<string> | undefined => (vm.linkedFrom ? new Set(Object.values(vm.disk.base)) : undefined);

/**
 * Every block some view shows, without materialising the views: a block in a snapshot's layer
 * is always shown by that snapshot and one in the current layer by the current state, so only
 * base blocks need a check, namely whether some view at the top of the tree still reads them.
 */
function visibleBlocks(vm: Vm): Array<string | null> {
  const ids: Array<string | null> = Object.values(vm.disk.delta);
  for (const path in vm.disk.direct) ids.push(vm.disk.direct[path]!);
  // A base path is hidden only if every top-level view overrides it.
  const hiddenBy = new Map<string, number>();
  let tops = 0;
  const top = (delta: Record<string, string | null>): void => {
    tops++;
    for (const path in delta) hiddenBy.set(path, (hiddenBy.get(path) ?? 0) + 1);
  };
  if (vm.current === null) top(vm.disk.delta);
  for (const s of listSnapshots(vm)) {
    for (const path in s.delta) ids.push(s.delta[path]!);
    if (s.parent === null) top(s.delta);
  }
  for (const path in vm.disk.base) if ((hiddenBy.get(path) ?? 0) < tops || tops === 0) ids.push(vm.disk.base[path]!);
  return ids;
}

export function vmPhysicalBytes(lab: LabState, vm: Vm): number {
  return sumDistinct(lab, visibleBlocks(vm), borrowed(vm));
}

/**
 * For a few paths: which of the wanted blocks the snapshot layers hold there, and how many
 * top-level snapshots override each path (hiding the base disk's block). One pass over the layers
 * that looks only at the paths asked about, so a delete costs what its own layer touches.
 */
interface PathLayers {
  blocks: Map<string, Set<string>>;
  rootsOverriding: Map<string, number>;
  roots: number;
}

function pathLayers(vm: Vm, paths: readonly string[], wanted: ReadonlySet<string>): PathLayers {
  const blocks = new Map<string, Set<string>>();
  const rootsOverriding = new Map<string, number>();
  let roots = 0;
  for (const s of listSnapshots(vm)) {
    const root = s.parent === null;
    if (root) roots++;
    for (const path of paths) {
      const id = s.delta[path];
      if (id === undefined) continue;
      // Only the blocks asked about are recorded; any other block at the path still overrides it.
      if (id !== null && wanted.has(id)) {
        const set = blocks.get(path);
        if (set) set.add(id);
        else blocks.set(path, new Set([id]));
      }
      if (root) rootsOverriding.set(path, (rootsOverriding.get(path) ?? 0) + 1);
    }
  }
  return { blocks, rootsOverriding, roots };
}

/** Does some point in time of this VM (a snapshot or the current state) show block `id` at `path`? */
function shows(vm: Vm, layers: PathLayers, path: string, id: string): boolean {
  if (vm.disk.delta[path] === id) return true;
  if (layers.blocks.get(path)?.has(id)) return true;
  // The base disk's block is shown unless every top-level view (root snapshots, and the current
  // state when it hangs directly on the base) overrides the path.
  const rootsHide = (layers.rootsOverriding.get(path) ?? 0) === layers.roots;
  const currentHides = vm.current !== null || path in vm.disk.delta;
  return vm.disk.base[path] === id && !(rootsHide && currentHides);
}

/**
 * What merging `snap` away freed (SPEC D4), without recounting the whole disk: only its own
 * layer's blocks and, for a top-level snapshot, base blocks can stop being shown by every
 * point in time.
 */
export function freedByMerge(lab: LabState, before: Vm, after: Vm, snap: Snapshot): number {
  const paths = new Set(Object.keys(snap.delta));
  // Removing a top-level view can orphan base blocks that every remaining top-level view overrides.
  if (snap.parent === null) {
    for (const s of listSnapshots(after)) if (s.parent === null) for (const p in s.delta) paths.add(p);
    if (after.current === null) for (const p in after.disk.delta) paths.add(p);
    for (const p in before.disk.base) if (after.disk.base[p] !== before.disk.base[p]) paths.add(p);
  }
  const shared = borrowed(before);
  // The blocks that could be freed: the merged layer's own, and the base disk's at those paths.
  const list = [...paths];
  const wanted = new Set<string>();
  for (const path of list) {
    const own = snap.delta[path];
    if (own !== undefined && own !== null) wanted.add(own);
    const base = before.disk.base[path];
    if (base !== undefined) wanted.add(base);
  }
  const layersAfter = pathLayers(after, list, wanted);
  // Needed only for base blocks: a block in the merged layer was shown by `snap` itself.
  let layersBefore: PathLayers | undefined;
  const freed = new Set<string>();
  for (const path of list) {
    const own = snap.delta[path];
    if (own !== undefined && own !== null && !shared?.has(own) && !freed.has(own) && !shows(after, layersAfter, path, own)) freed.add(own);
    const base = before.disk.base[path];
    if (base === undefined || shared?.has(base) || freed.has(base) || shows(after, layersAfter, path, base)) continue;
    if (shows(before, (layersBefore ??= pathLayers(before, list, wanted)), path, base)) freed.add(base);
  }
  return sumDistinct(lab, freed);
}

export function diskUsage(lab: LabState, vmName: string): DiskUsage | null {
  const vm = ownValue(lab.vms, vmName);
  if (!vm) return null;
  const views = allSnapshotViews(vm);
  // How many points in time (snapshots, current state, linked clones' bases) show each block.
  const refs = new Map<string, number>();
  const count = (view: FileMap): void => {
    for (const id of new Set(Object.values(view))) refs.set(id, (refs.get(id) ?? 0) + 1);
  };
  for (const v of Object.values(views)) count(v);
  count(vm.disk.files);
  for (const other of Object.values(lab.vms)) if (other.linkedFrom?.vm === vm.name) count(other.disk.base);

  const perSnapshot: Record<string, SnapshotUsage> = {};
  for (const s of listSnapshots(vm)) {
    perSnapshot[s.id] = {
      id: s.id,
      layerBytes: sumDistinct(lab, Object.values(s.delta)),
      uniqueBytes: sumDistinct(lab, Object.values(views[s.id] ?? {}).filter((id) => refs.get(id) === 1)),
    };
  }
  const shared = borrowed(vm);
  const baseBytes = sumDistinct(lab, Object.values(vm.disk.base));
  const physicalBytes = vmPhysicalBytes(lab, vm);
  const currentLayerBytes = sumDistinct(lab, Object.values(vm.disk.delta));
  const logicalBytes = sumDistinct(lab, Object.values(vm.disk.files));
  const snapshotBytes = physicalBytes - sumDistinct(lab, Object.values(vm.disk.files), shared);
  return {
    vm: vm.name,
    logicalBytes,
    baseBytes,
    currentLayerBytes,
    snapshotBytes,
    physicalBytes,
    sharedWithSourceBytes: shared ? baseBytes : 0,
    perSnapshot,
    perDisk:
      vm.disks.length === 1
        ? [{ ...share(vm, 0), logicalBytes, currentLayerBytes, snapshotBytes, physicalBytes }]
        : perDisk(lab, vm, views, shared),
  };
}

function share(vm: Vm, index: number): Omit<DiskShare, 'logicalBytes' | 'currentLayerBytes' | 'snapshotBytes' | 'physicalBytes'> {
  const d = vm.disks[index]!;
  return { index, mount: d.mount, mode: d.mode, capacity: d.capacity, inSnapshots: isLayered(d.mode) };
}

/** Per disk: the blocks every point in time shows, split by the disk each path lives on. */
function perDisk(lab: LabState, vm: Vm, views: Record<string, FileMap>, shared: Set<string> | undefined): DiskShare[] {
  const n = vm.disks.length;
  const shown = Array.from({ length: n }, () => new Set<string>());
  const current = Array.from({ length: n }, () => new Set<string>());
  const layer = Array.from({ length: n }, () => new Set<string>());
  const add = (sets: Set<string>[], map: Record<string, string | null>): void => {
    for (const path in map) {
      const id = map[path];
      if (id !== null && id !== undefined) sets[diskIndexOf(vm.disks, path)]!.add(id);
    }
  };
  for (const v of Object.values(views)) add(shown, v);
  add(shown, vm.disk.files);
  add(current, vm.disk.files);
  add(layer, vm.disk.delta);
  const bytes = (set: Set<string>, skipShared: boolean): number => sumDistinct(lab, set, skipShared ? shared : undefined);
  return vm.disks.map((_, i) => {
    const physicalBytes = bytes(shown[i]!, true);
    return {
      ...share(vm, i),
      logicalBytes: bytes(current[i]!, false),
      currentLayerBytes: bytes(layer[i]!, false),
      snapshotBytes: physicalBytes - bytes(current[i]!, true),
      physicalBytes,
    };
  });
}

/** Bytes all disks of the lab occupy on the host, shared blocks counted once. */
export function labPhysicalBytes(lab: LabState): number {
  return sumDistinct(
    lab,
    Object.values(lab.vms).flatMap((vm) => {
      const own = visibleBlocks(vm);
      const shared = borrowed(vm);
      return shared ? own.filter((id) => id === null || !shared.has(id)) : own;
    }),
  );
}
