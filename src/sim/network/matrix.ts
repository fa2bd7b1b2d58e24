import { fail, ok, type Issue, type Result } from '../core/issues';
import { entriesOf, type Entry } from './entries';
import { checkFlow, endpointIds, evaluate, route } from './reachability';
import { unknownReference } from './references';
import { indexTopology } from './topology-index';
import type { IpProtocol, Topology } from './types';
import type { BlockCode, Query, Verdict } from './verdict';
import { vantagesOf, type Vantage } from './vantages';

export interface MatrixCell {
  from: string;
  to: string;
  ok: boolean;
  /** Why not, when blocked. */
  code: BlockCode | null;
  /** Where the connection ends up (a forward may deliver it elsewhere), when ok. */
  deliveredTo: { node: string; port: number | null } | null;
}

export interface Matrix {
  /** Null for protocols without ports (a ping matrix). */
  port: number | null;
  protocol: IpProtocol;
  /** Row and column order. */
  nodes: string[];
  /** cells[i][j]: can nodes[i] open a connection to nodes[j]? */
  cells: MatrixCell[][];
}

/**
 * All pairs for one port (or one protocol without ports, such as a ping): the table a view shows
 * beside the graph. Each source's ways out and each target's ways in are computed once, then
 * combined for every pair.
 */
export function reachabilityMatrix(t: Topology, options: { port?: number | null; protocol?: string | number; nodes?: string[] }): Result<Matrix> {
  const all = endpointIds(t);
  const nodes = options.nodes ?? all;
  const issues: Issue[] = nodes.flatMap((id, i) => (all.includes(id) ? [] : [unknownReference(['nodes', i], 'machine', id, all)]));
  const flow = checkFlow(options.protocol, options.port, issues);
  if (issues.length > 0 || flow === null) return fail(...issues);

  const ix = indexTopology(t);
  const { port, protocol } = flow;
  const infos = nodes.map((id) => ix.endpoints.get(id)!);
  const vantages: Vantage[][] = infos.map((info) => vantagesOf(ix, info, flow));
  const entries: Entry[][] = infos.map((info) => entriesOf(ix, info, flow));
  const cells = nodes.map((from, i) =>
    nodes.map((to, j): MatrixCell => {
      const query: Query = { from, to, port, protocol };
      const v: Verdict = i === j ? evaluate(ix, query) : route(ix, query, infos[i]!, infos[j]!, vantages[i]!, entries[j]!, false);
      return { from, to, ok: v.ok, code: v.blocked?.code ?? null, deliveredTo: v.deliveredTo };
    }),
  );
  return ok({ port, protocol, nodes, cells });
}
