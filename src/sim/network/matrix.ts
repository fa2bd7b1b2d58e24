import { fail, ok, type Issue, type Result } from '../core/issues';
import { entriesOf, type Entry } from './entries';
import { isPort } from './ports';
import { endpointIds, evaluate, route } from './reachability';
import { unknownReference } from './references';
import { indexTopology } from './topology-index';
import type { Protocol, Topology } from './types';
import type { BlockCode, Verdict } from './verdict';
import { vantagesOf, type Vantage } from './vantages';

export interface MatrixCell {
  from: string;
  to: string;
  ok: boolean;
  /** Why not, when blocked. */
  code: BlockCode | null;
  /** Where the connection ends up (a forward may deliver it elsewhere), when ok. */
  deliveredTo: { node: string; port: number } | null;
}

export interface Matrix {
  port: number;
  protocol: Protocol;
  /** Row and column order. */
  nodes: string[];
  /** cells[i][j]: can nodes[i] open a connection to nodes[j]? */
  cells: MatrixCell[][];
}

/**
 * All pairs for one port: the table a view shows beside the graph. Each source's ways out and
 * each target's ways in are computed once, then combined for every pair.
 */
export function reachabilityMatrix(t: Topology, options: { port: number; protocol: Protocol; nodes?: string[] }): Result<Matrix> {
  const all = endpointIds(t);
  const nodes = options.nodes ?? all;
  const issues: Issue[] = nodes.flatMap((id, i) => (all.includes(id) ? [] : [unknownReference(['nodes', i], 'machine', id, all)]));
  if (!isPort(options.port)) issues.push({ path: ['port'], message: `expected a port 1–65535, got ${JSON.stringify(options.port)}` });
  if (issues.length > 0) return fail(...issues);

  const ix = indexTopology(t);
  const { port, protocol } = options;
  const infos = nodes.map((id) => ix.endpoints.get(id)!);
  const vantages: Vantage[][] = infos.map((info) => vantagesOf(ix, info));
  const entries: Entry[][] = infos.map((info) => entriesOf(ix, info, port, protocol));
  const cells = nodes.map((from, i) =>
    nodes.map((to, j): MatrixCell => {
      const query = { from, to, port, protocol };
      const v: Verdict = i === j ? evaluate(ix, query) : route(ix, query, infos[i]!, infos[j]!, vantages[i]!, entries[j]!, false);
      return { from, to, ok: v.ok, code: v.blocked?.code ?? null, deliveredTo: v.deliveredTo };
    }),
  );
  return ok({ port, protocol, nodes, cells });
}
