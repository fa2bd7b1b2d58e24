import type { Graph } from './engine';

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  positions: Record<string, Point>;
  /** A narrow box (a phone): short labels, tighter columns. */
  compact: boolean;
  /** Height the drawing needs at zoom 1, so the view can size its box and keep labels readable. */
  height: number;
}

const COLUMN = 150;
const NARROW_COLUMN = 74;
const ROW = 120;
const NARROW_ROW = 112;
const MARGIN = 56;
/** Below this width the drawing switches to short labels (ids) so four machines fit side by side. */
export const COMPACT_BELOW = 520;

/**
 * A layered drawing that reads like a network diagram: the internet on top, then whatever is one
 * cable further away, level by level. Levels wider than the box wrap into extra rows, so a phone
 * gets a taller picture rather than unreadably small labels. Deterministic: the same graph and
 * width always give the same positions, so an edit that changes nothing structural moves nothing.
 */
export function layeredLayout(graph: Graph, boxWidth: number): Layout {
  const compact = boxWidth < COMPACT_BELOW;
  const column = compact ? NARROW_COLUMN : COLUMN;
  const rowHeight = compact ? NARROW_ROW : ROW;
  const perRow = Math.max(2, Math.floor(boxWidth / column));
  // Machines with no cable at all (an unplugged VM) get a row of their own at the bottom.
  const linked = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  const alone = graph.nodes.filter((n) => !linked.has(n.id) && n.kind !== 'internet').map((n) => n.id);
  const connected: Graph = { nodes: graph.nodes.filter((n) => !alone.includes(n.id)), edges: graph.edges };
  const levels = [...orderLevels(connected, depths(connected)), ...(alone.length > 0 ? [alone] : [])];
  const positions: Record<string, Point> = {};
  let row = 0;
  for (const level of levels) {
    for (let start = 0; start < level.length; start += perRow) {
      const chunk = level.slice(start, start + perRow);
      // A level with few nodes spreads out, so the captions of its links do not collide.
      const spacing = Math.min(2 * column, Math.max(column, (boxWidth - 40) / chunk.length));
      chunk.forEach((id, i) => {
        positions[id] = { x: (i - (chunk.length - 1) / 2) * spacing, y: row * rowHeight };
      });
      row++;
    }
  }
  return { positions, compact, height: Math.max(1, row - 1) * rowHeight + 2 * MARGIN + 24 };
}

/** Breadth-first distance from the internet; pieces not connected to it hang below their host. */
function depths(graph: Graph): Map<string, number> {
  const neighbours = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    neighbours.get(e.source)?.push(e.target);
    neighbours.get(e.target)?.push(e.source);
  }
  const depth = new Map<string, number>();
  const spread = (root: string, d: number) => {
    const queue = [root];
    depth.set(root, d);
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const next of neighbours.get(id) ?? []) {
        if (depth.has(next)) continue;
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
    }
  };
  const first = graph.nodes[0];
  if (first) spread(first.id, 0);
  for (const node of graph.nodes) {
    if (depth.has(node.id)) continue;
    const parentDepth = node.parent === null ? undefined : depth.get(node.parent);
    spread(node.id, parentDepth === undefined ? 1 : parentDepth + 1);
  }
  return depth;
}

/** Nodes per level, each level sorted by where its neighbours in the level above sit (fewer crossings). */
function orderLevels(graph: Graph, depth: Map<string, number>): string[][] {
  const levels: string[][] = [];
  for (const node of graph.nodes) {
    const d = depth.get(node.id)!;
    (levels[d] ??= []).push(node.id);
  }
  const dense = levels.filter((l) => l !== undefined);
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  for (let i = 1; i < dense.length; i++) {
    const above = new Map(dense[i - 1]!.map((id, k) => [id, k]));
    const key = new Map(
      dense[i]!.map((id, k) => {
        const ks = (neighbours.get(id) ?? []).flatMap((n) => (above.has(n) ? [above.get(n)!] : []));
        return [id, ks.length > 0 ? ks.reduce((a, b) => a + b, 0) / ks.length : k];
      }),
    );
    dense[i] = [...dense[i]!].sort((a, b) => key.get(a)! - key.get(b)!);
  }
  return dense;
}
