import { fail, ok, type Issue, type Result } from '../core/issues';
import { diagnoseNoRoute } from './diagnose';
import { entriesOf, type Entry } from './entries';
import { checkRoute, checkService } from './filters';
import { isLoopback, LOOPBACK } from './ip';
import { isPort } from './ports';
import { unknownReference } from './references';
import { indexTopology, type EndpointInfo, type TopologyIndex } from './topology-index';
import { INTERNET, type Topology } from './types';
import { vantagesOf, type Vantage } from './vantages';
import { STAGE, type Block, type Hop, type Query, type Verdict } from './verdict';

/**
 * Can `from` open a connection to `to` on this port? The verdict carries the path hop by hop
 * (with every address translation) or the first thing that stopped the connection, with the
 * configuration element responsible. Unknown ids or a bad port give issues instead.
 */
export function canConnect(t: Topology, q: Query): Result<Verdict> {
  const issues = checkQuery(t, q);
  return issues.length > 0 ? fail(...issues) : ok(evaluate(indexTopology(t), q));
}

/** Ids a query may name: VMs, hosts, devices and "internet". */
export function endpointIds(t: Topology): string[] {
  return [...t.vms.map((v) => v.id), ...t.hosts.map((h) => h.id), ...t.devices.map((d) => d.id), INTERNET];
}

export function checkQuery(t: Topology, q: Query): Issue[] {
  const issues: Issue[] = [];
  const ix = indexTopology(t);
  for (const field of ['from', 'to'] as const) {
    if (!ix.endpoints.has(q[field])) issues.push(unknownReference([field], 'machine', q[field], endpointIds(t)));
  }
  if (!isPort(q.port)) issues.push({ path: ['port'], message: `expected a port 1–65535, got ${JSON.stringify(q.port)}` });
  if (q.protocol !== 'tcp' && q.protocol !== 'udp') issues.push({ path: ['protocol'], message: `expected "tcp" or "udp", got ${JSON.stringify(q.protocol)}` });
  return issues;
}

/** The engine's inner query, on a prebuilt index and with ids already checked. */
export function evaluate(ix: TopologyIndex, q: Query): Verdict {
  const source = ix.endpoints.get(q.from)!;
  const target = ix.endpoints.get(q.to)!;
  if (q.from === q.to) return selfVerdict(source, q);
  return route(ix, q, source, target, vantagesOf(ix, source), entriesOf(ix, target, q.port, q.protocol), true);
}

export function meets(v: Vantage, e: Entry): boolean {
  if (v.at !== e.at) return false;
  if (v.at === 'internet') return true;
  if (v.at === 'host-local') return v.host === e.host;
  // On an internal network the static addresses must also be in the same subnet.
  return v.segment === e.segment && v.subnet === e.subnet;
}

/**
 * Try every way out of the source against every way into the target. The shortest route that
 * passes every check wins; when none does, the failure that got furthest explains it best.
 */
export function route(
  ix: TopologyIndex,
  q: Query,
  source: EndpointInfo,
  target: EndpointInfo,
  vantages: Vantage[],
  entries: Entry[],
  /** Build the hop-by-hop path (a matrix only needs the verdict). */
  withPath: boolean,
): Verdict {
  let success: { v: Vantage; e: Entry; length: number } | null = null;
  let failure: { v: Vantage; e: Entry; block: Block; length: number } | null = null;
  for (const e of entries) {
    for (const v of vantages) {
      if (!meets(v, e)) continue;
      const length = v.steps.length + e.steps.length;
      const block = checkRoute(ix, v, e, q.protocol);
      if (block === null) {
        if (success === null || length < success.length) success = { v, e, length };
      } else if (failure === null || block.stage > failure.block.stage || (block.stage === failure.block.stage && length < failure.length)) {
        failure = { v, e, block, length };
      }
    }
  }
  if (success) {
    const path = withPath ? hops(success.v, success.e) : [];
    return { ok: true, query: q, path, blocked: null, deliveredTo: { node: success.e.arrive.endpoint.id, port: success.e.arrive.port } };
  }
  if (failure) {
    return { ok: false, query: q, path: withPath ? partialPath(failure.v, failure.e, failure.block) : [], blocked: failure.block, deliveredTo: null };
  }
  // No route at all: nothing was sent anywhere, so the path is empty and the block explains why.
  return { ok: false, query: q, path: [], blocked: diagnoseNoRoute(ix, source, target, q, vantages, meets), deliveredTo: null };
}

function hops(v: Vantage, e: Entry): Hop[] {
  const out: Hop[] = v.steps.map((s) => ({ code: s.code, node: s.node, edge: s.edge, src: s.src, dst: e.dst, dstPort: e.dstPort, translation: s.translation }));
  for (const s of e.steps) out.push({ code: s.code, node: s.node, edge: s.edge, src: v.src, dst: s.dst, dstPort: s.dstPort, translation: s.translation });
  return out;
}

/** The hops the packet made before it was stopped. */
function partialPath(v: Vantage, e: Entry, block: Block): Hop[] {
  const all = hops(v, e);
  switch (block.stage) {
    case STAGE.egress:
      return all.slice(0, 1);
    case STAGE.hostFirewall:
      return all.slice(0, v.steps.length);
    case STAGE.ingress:
      return all.slice(0, -1);
    default:
      return all;
  }
}

/** A machine connecting to itself uses its loopback interface: no network, no firewall. */
function selfVerdict(endpoint: EndpointInfo, q: Query): Verdict {
  const hop: Hop = { code: 'loopback', node: endpoint.id, edge: null, src: LOOPBACK, dst: LOOPBACK, dstPort: q.port, translation: null };
  if (endpoint.kind === 'internet') return { ok: true, query: q, path: [hop], blocked: null, deliveredTo: { node: endpoint.id, port: q.port } };
  const service = endpoint.services.find((s) => s.port === q.port && s.protocol === q.protocol);
  const own = new Set(endpoint.ifaces.map((i) => i.address));
  const arrivedAt = service && !isLoopback(service.listen) && own.has(service.listen) ? service.listen : LOOPBACK;
  const block = checkService(endpoint, q.port, q.protocol, arrivedAt, true);
  return block === null
    ? { ok: true, query: q, path: [hop], blocked: null, deliveredTo: { node: endpoint.id, port: q.port } }
    : { ok: false, query: q, path: [hop], blocked: block, deliveredTo: null };
}
