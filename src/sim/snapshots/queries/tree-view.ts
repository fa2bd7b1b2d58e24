import { ownValue } from '../../core/own';
import { diskUsage } from '../disk/usage';
import type { Warning } from '../model/reasons';
import type { LabState, PowerState, SnapshotLocation } from '../model/types';
import { chainLength, childrenOf } from '../tree/tree';
import { vmWarnings } from './warnings';
import { getSnapshot, snapshotCount } from '../model/snapshot-store';

/**
 * The snapshot tree as plain nested data for a view: every snapshot, plus one `current` node
 * ("you are here") under the current snapshot, as VirtualBox's "Current State" and Proxmox's
 * "current / You are here!" show it.
 */
export interface TreeNode {
  kind: 'snapshot' | 'current';
  /** Snapshot id, or `current` for the you-are-here node. */
  id: string;
  name: string;
  uuid: string;
  description: string;
  /** Epoch ms; null for the current node. */
  createdAt: number | null;
  ageHours: number | null;
  /** The snapshot the current state hangs under. */
  isCurrentSnapshot: boolean;
  youAreHere: boolean;
  hasMemory: boolean;
  /** Power state when taken (snapshots) or now (current node). */
  power: PowerState;
  /** Bytes of its own differencing layer (for the current node: changes since the snapshot). */
  layerBytes: number;
  /** Bytes only this snapshot still holds: what deleting it frees (0 for the current node). */
  uniqueBytes: number;
  /** libvirt: internal (inside the images) or external (overlay files); null elsewhere and for the current node. */
  location: SnapshotLocation | null;
  /** Warnings that concern this node (e.g. stale). */
  warnings: Warning[];
  children: TreeNode[];
}

export interface SnapshotTreeView {
  vm: string;
  roots: TreeNode[];
  /** How many snapshots lie between the base disk and the current state. */
  chainLength: number;
  snapshotCount: number;
}

const HOUR = 3_600_000;

export function snapshotTree(lab: LabState, vmName: string, now: number): SnapshotTreeView | null {
  const vm = ownValue(lab.vms, vmName);
  if (!vm) return null;
  const usage = diskUsage(lab, vmName)!;
  const warnings = vmWarnings(lab, vmName, now);
  const currentNode: TreeNode = {
    kind: 'current',
    id: 'current',
    name: 'Current State',
    uuid: vm.uuid,
    description: '',
    createdAt: null,
    ageHours: null,
    isCurrentSnapshot: false,
    youAreHere: true,
    hasMemory: vm.runtime !== null,
    power: vm.power,
    layerBytes: usage.currentLayerBytes,
    uniqueBytes: 0,
    location: null,
    warnings: warnings.filter((w) => w.code === 'LONG_CHAIN'),
    children: [],
  };
  const build = (id: string): TreeNode => {
    const s = getSnapshot(vm, id)!;
    const children = childrenOf(vm, id).map((c) => build(c.id));
    if (vm.current === id) children.push(currentNode);
    return {
      kind: 'snapshot',
      id,
      name: s.name,
      uuid: s.uuid,
      description: s.description,
      createdAt: s.createdAt,
      ageHours: Math.max(0, Math.floor((now - s.createdAt) / HOUR)),
      isCurrentSnapshot: vm.current === id,
      youAreHere: false,
      hasMemory: s.memory !== null,
      power: s.power,
      layerBytes: usage.perSnapshot[id]!.layerBytes,
      uniqueBytes: usage.perSnapshot[id]!.uniqueBytes,
      location: s.location ?? null,
      warnings: warnings.filter((w) => w.params['snapshot'] === id),
      children,
    };
  };
  const roots = childrenOf(vm, null).map((r) => build(r.id));
  if (vm.current === null) roots.push(currentNode);
  return { vm: vm.name, roots, chainLength: chainLength(vm), snapshotCount: snapshotCount(vm) };
}

/** The same tree as a flat list in display order, with depth: the text alternative for a graph. */
export function flattenTree(view: SnapshotTreeView): Array<{ node: TreeNode; depth: number }> {
  const out: Array<{ node: TreeNode; depth: number }> = [];
  const walk = (n: TreeNode, depth: number): void => {
    out.push({ node: n, depth });
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const r of view.roots) walk(r, 0);
  return out;
}
