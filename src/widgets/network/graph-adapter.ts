import type { Core, ElementDefinition } from 'cytoscape';
import type { Graph, Highlight, Query } from './engine';
import type { Layout } from './layout';

/**
 * The only code that touches cytoscape's model: it makes a rendered graph match the engine's
 * plain nodes and edges by id, and marks what a verdict highlights. The engine decides; this
 * only draws.
 */

interface NodeData {
  id: string;
  kind: string;
  /** Name and addresses: "Web server (NAT)\n10.0.2.15". */
  label: string;
  /** For a narrow drawing: the id the sentences use, and the addresses: "web\n10.0.2.15". */
  short: string;
  display: string;
}
interface EdgeData {
  id: string;
  source: string;
  target: string;
  mode: string;
  /** The full label (with addresses), shown on the links of the current path. */
  label: string;
  /** The short one, shown everywhere else so the drawing stays readable. */
  caption: string;
  display: string;
}

function nodeData(n: Graph['nodes'][number]): NodeData {
  const withAddresses = (name: string) => (n.sublabel ? `${name}\n${n.sublabel}` : name);
  const machine = n.kind === 'vm' || n.kind === 'host' || n.kind === 'device' || n.kind === 'router';
  const label = withAddresses(n.label);
  return { id: n.id, kind: n.kind, label, short: withAddresses(machine ? n.id : n.label), display: label };
}

function edgeData(e: Graph['edges'][number]): EdgeData {
  return { id: e.id, source: e.source, target: e.target, mode: e.mode, label: e.label, caption: e.caption, display: e.caption };
}

/** Nodes are created where the layout puts them, so no edge is ever drawn between two nodes on the same spot. */
export function elementsFor(graph: Graph, layout: Layout): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: nodeData(n), position: { ...(layout.positions[n.id] ?? { x: 0, y: 0 }) } })),
    ...graph.edges.map((e) => ({ group: 'edges' as const, data: edgeData(e) })),
  ];
}

/**
 * Patch the instance to match `graph`: remove what is gone, add what is new, update labels and
 * modes in place, and redraw an edge whose end moved. Elements that did not change are not
 * touched, so cytoscape redraws only what an edit affected.
 */
export function patchGraph(cy: Core, graph: Graph, layout: Layout): void {
  const wanted = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      if (ele.inside() && !wanted.has(ele.id())) {
        ele.remove();
      }
    });
    for (const n of graph.nodes) {
      const data = nodeData(n);
      const existing = cy.getElementById(n.id);
      if (existing.empty()) {
        cy.add({ group: 'nodes', data, position: { ...(layout.positions[n.id] ?? { x: 0, y: 0 }) } });
      } else {
        if (existing.data('label') !== data.label || existing.data('short') !== data.short) existing.data({ label: data.label, short: data.short });
        if (existing.data('kind') !== data.kind) existing.data('kind', data.kind);
      }
    }
    for (const e of graph.edges) {
      const data = edgeData(e);
      const before = cy.getElementById(e.id);
      // An adapter moved to another network: the same edge id now ends elsewhere.
      if (!before.empty() && (before.data('source') !== e.source || before.data('target') !== e.target)) before.remove();
      const existing = cy.getElementById(e.id);
      if (existing.empty()) {
        cy.add({ group: 'edges', data });
      } else {
        if (existing.data('label') !== data.label) existing.data({ label: data.label, caption: data.caption });
        if (existing.data('mode') !== data.mode) existing.data('mode', data.mode);
      }
    }
  });
}

/** What the graph shows as marked, read back from cytoscape itself (for the caption and tests). */
export interface Marks {
  onPath: string[];
  blocked: string[];
}

/**
 * Mark the path and the blocking element; the two ends of the question are labelled "from" and
 * "to", and the links of the path show their full labels (addresses, forwards).
 */
export function markVerdict(cy: Core, h: Highlight, q: Query, compact: boolean): Marks {
  cy.batch(() => {
    cy.elements().removeClass('on-path blocked end');
    cy.nodes().forEach((node) => {
      node.data('display', node.data(compact ? 'short' : 'label'));
    });
    // On a phone the adapters' captions would pile up; the legend and the path's own labels say enough.
    cy.edges().forEach((edge) => {
      edge.data('display', compact && edge.id().startsWith('nic:') ? '' : edge.data('caption'));
    });
    for (const id of [...h.nodes, ...h.edges]) {
      const ele = cy.getElementById(id);
      ele.addClass('on-path');
      if (ele.isEdge()) ele.data('display', ele.data('label'));
    }
    for (const id of [q.from, q.to]) cy.getElementById(id).addClass('end');
    for (const id of [h.blockedNode, h.blockedEdge]) {
      if (id === null) continue;
      const ele = cy.getElementById(id);
      ele.addClass('blocked');
      ele.data('display', `✗ ${String(ele.data(ele.isNode() ? 'display' : 'label'))}`);
    }
    const from = cy.getElementById(q.from);
    const to = cy.getElementById(q.to);
    if (q.from === q.to) from.data('display', `${String(from.data('display'))}\n(from and to)`);
    else {
      from.data('display', `${String(from.data('display'))}\n(from)`);
      to.data('display', `${String(to.data('display'))}\n(to)`);
    }
  });
  return {
    onPath: cy.$('.on-path').map((e) => e.id()),
    blocked: cy.$('.blocked').map((e) => e.id()),
  };
}

/** Place the nodes and fit them in the box, never zooming in past 1 (labels stay their real size). */
export function placeNodes(cy: Core, layout: Layout): void {
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const p = layout.positions[node.id()];
      if (p) node.position(p);
    });
    // An adapter's caption goes at the end of its link away from node labels (which sit below their
    // nodes): next to the VM when the link rises from it, next to the network when it falls.
    cy.edges('[id ^= "nic:"]').forEach((edge) => {
      edge.toggleClass('caption-at-target', edge.source().position('y') < edge.target().position('y'));
    });
  });
  cy.fit(undefined, layout.compact ? 8 : 28);
  if (cy.zoom() > 1) {
    cy.zoom(1);
    cy.center();
  }
}

/**
 * The machine or network drawn at a point of the box (px from its top left corner), or null. A
 * node's label counts as part of it, so a tap on "web (NAT)" picks web; the smallest match wins.
 */
export function nodeAt(cy: Core, x: number, y: number): string | null {
  let best: { id: string; area: number } | null = null;
  cy.nodes().forEach((node) => {
    const b = node.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
    if (x < b.x1 || x > b.x2 || y < b.y1 || y > b.y2) return;
    const area = b.w * b.h;
    if (best === null || area < best.area) best = { id: node.id(), area };
  });
  return best === null ? null : (best as { id: string }).id;
}
