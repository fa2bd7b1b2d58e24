import type { SnapshotTreeView, TreeNode } from './engine';

/**
 * The drawing beside the tree list. The list shows one node per row in depth-first order, so the
 * drawing only needs a column per node: a first child continues its parent's line, every later
 * child opens a column right of everything drawn so far. Lines then never cross a node.
 */
export const ROW = 52;
export const COL = 22;

export interface DrawnNode {
  id: string;
  /** `base` is the base disk every root snapshot is built on (drawn as the first row). */
  kind: TreeNode['kind'] | 'base';
  isCurrentSnapshot: boolean;
  x: number;
  y: number;
}

export interface Drawing {
  nodes: DrawnNode[];
  /** SVG path data, one per parent-child edge. */
  edges: { id: string; d: string; toCurrent: boolean }[];
  width: number;
  height: number;
}

export const BASE_ID = 'base-disk';

/**
 * Where the list's rows are, measured in the page (their centres from the list's top, and the list's
 * height): rows grow with long names, so the drawing follows them. Without it (before the page has
 * laid the list out) every row is ROW high.
 */
export interface RowGeometry {
  centres: readonly number[];
  height: number;
}

export function layoutTree(view: SnapshotTreeView, rows: RowGeometry | null = null): Drawing {
  const nodes: DrawnNode[] = [];
  const edges: Drawing['edges'] = [];
  let row = 0;
  let maxCol = 0;
  if (rows !== null && rows.centres.length !== countRows(view)) rows = null;
  const centre = (col: number, r: number) => ({ x: col * COL + COL / 2, y: rows?.centres[r] ?? r * ROW + ROW / 2 });

  const place = (node: TreeNode, col: number, parent: { x: number; y: number }): void => {
    const at = centre(col, row++);
    maxCol = Math.max(maxCol, col);
    nodes.push({ id: node.id, kind: node.kind, isCurrentSnapshot: node.isCurrentSnapshot, ...at });
    // Same column: straight down. New column: bend across just below the parent, then down.
    const d =
      parent.x === at.x
        ? `M${parent.x},${parent.y}V${at.y}`
        : `M${parent.x},${parent.y}C${parent.x},${parent.y + ROW * 0.45} ${at.x},${parent.y + ROW * 0.2} ${at.x},${parent.y + ROW * 0.7}V${at.y}`;
    edges.push({ id: node.id, d, toCurrent: node.kind === 'current' });
    node.children.forEach((child, i) => place(child, i === 0 ? col : maxCol + 1, at));
  };
  const base = centre(0, row++);
  nodes.push({ id: BASE_ID, kind: 'base', isCurrentSnapshot: false, ...base });
  view.roots.forEach((root, i) => place(root, i === 0 ? 0 : maxCol + 1, base));
  return { nodes, edges, width: (maxCol + 1) * COL, height: rows ? rows.height : row * ROW };
}

/** Rows of the list: the base disk, then every node depth first. */
function countRows(view: SnapshotTreeView): number {
  const count = (n: TreeNode): number => 1 + n.children.reduce((sum, c) => sum + count(c), 0);
  return 1 + view.roots.reduce((sum, r) => sum + count(r), 0);
}
