/**
 * Snapshot labs show the goal as a picture (Learn Git Branching's goal view): the tree the worked
 * solution leads to, beside the student's current tree, both as indented text rows.
 */
import { replay, solutionLog, type Variant } from '../../lab/run';
import type { SimAdapter } from '../../lab/sims/adapter';
import type { LabState } from '../../sim/snapshots/model/types';
import { flattenTree, snapshotTree } from '../../sim/snapshots/queries/tree-view';

export interface TreeRow {
  key: string;
  depth: number;
  label: string;
  current: boolean;
}

export function treeRows(lab: LabState, now: number): TreeRow[] {
  const view = snapshotTree(lab, lab.console.vm, now);
  if (!view) return [];
  return flattenTree(view).map(({ node, depth }) => ({
    key: node.id,
    depth,
    label: node.kind === 'current' ? 'Current state (you are here)' : node.name,
    current: node.isCurrentSnapshot,
  }));
}

export function targetRows(variant: Variant, adapter: SimAdapter<unknown, unknown>): TreeRow[] | null {
  if (variant.solution.length === 0) return null;
  const end = replay(variant, adapter, solutionLog(variant, adapter));
  return treeRows(end.state as LabState, end.clock);
}
