import { shown } from '../core/shape';
import { fail, ok, type Issue, type Result } from '../core/issues';
import { diagnoseAddress, diagnoseNoRoute } from './diagnose';
import { entriesOf, type Entry, type Flow } from './entries';
import { checkRoute } from './filters';
import { isIp, LOOPBACK } from './ip';
import { isPort } from './ports';
import { hasPorts, parseIpProtocol, protocolProblem } from './protocols';
import { unknownReference } from './references';
import { indexTopology, type EndpointInfo, type TopologyIndex } from './topology-index';
import { INTERNET, type Topology } from './types';
import { vantagesOf, type Vantage } from './vantages';
import { STAGE, type Block, type Hop, type Query, type QueryInput, type Verdict } from './verdict';

/**
 * Can `from` open a connection to `to` on this port? The verdict carries the path hop by hop
 * (with every address translation) or the first thing that stopped the connection, with the
 * configuration element responsible. Unknown ids, a bad protocol, port or address give issues.
 */
export function canConnect(t: Topology, input: QueryInput): Result<Verdict> {
  const checked = checkQuery(t, input);
  return checked.ok ? ok(evaluate(indexTopology(t), checked.value)) : checked;
}

/** Ids a query may name: VMs, hosts, devices and "internet". */
export function endpointIds(t: Topology): string[] {
  return [...t.vms.map((v) => v.id), ...t.hosts.map((h) => h.id), ...t.devices.map((d) => d.id), INTERNET];
}

/**
 * A query as typed → its canonical form: the protocol by name ("47" → "gre", default "tcp"), a
 * port exactly when the protocol has ports, and an address that is an IPv4 address.
 */
export function checkQuery(t: Topology, q: QueryInput): Result<Query> {
  const issues: Issue[] = [];
  const ix = indexTopology(t);
  for (const field of ['from', 'to'] as const) {
    const value: unknown = q[field];
    if (typeof value !== 'string') issues.push({ path: [field], message: `expected a machine id (text), got ${shown(value)}` });
    else if (!ix.endpoints.has(value)) issues.push(unknownReference([field], 'machine', value, endpointIds(t)));
  }
  const flow = checkFlow(q.protocol, q.port, issues);
  const address = q.address ?? null;
  if (address !== null && (typeof address !== 'string' || !isIp(address))) {
    issues.push({ path: ['address'], message: `bad IPv4 address ${shown(address)}`, hint: 'Give the destination address the source uses, like "192.168.1.10", or leave it out for any address' });
  }
  if (issues.length > 0 || flow === null) return fail(...issues);
  return ok({ from: q.from, to: q.to, protocol: flow.protocol, port: flow.port, ...(address === null ? {} : { address }) });
}

/** The protocol and port of a query or a matrix, checked together; issues go to `issues`. */
export function checkFlow(protocolInput: unknown, portInput: unknown, issues: Issue[]): Flow | null {
  const protocol = parseIpProtocol(protocolInput ?? 'tcp');
  if (protocol === null) {
    issues.push({ path: ['protocol'], message: protocolProblem(protocolInput) });
    return null;
  }
  const port = portInput ?? null;
  if (hasPorts(protocol)) {
    if (!isPort(port)) {
      issues.push({ path: ['port'], message: `expected a port 1–65535, got ${shown(port)}` });
      return null;
    }
    return { protocol, port };
  }
  if (port !== null) {
    issues.push({ path: ['port'], message: `protocol ${protocol} has no ports, got port ${shown(port)}`, hint: 'Leave the port out' });
    return null;
  }
  return { protocol, port: null };
}

/** The engine's inner query, on a prebuilt index and with the query already checked. */
export function evaluate(ix: TopologyIndex, q: Query): Verdict {
  const source = ix.endpoints.get(q.from)!;
  const target = ix.endpoints.get(q.to)!;
  const flow: Flow = { protocol: q.protocol, port: q.port };
  if (q.from === q.to && source.kind === 'internet') {
    const hop: Hop = { code: 'loopback', node: source.id, edge: null, src: LOOPBACK, dst: LOOPBACK, dstPort: q.port, translation: null };
    return { ok: true, query: q, path: [hop], blocked: null, deliveredTo: { node: source.id, port: q.port } };
  }
  return route(ix, q, source, target, vantagesOf(ix, source, flow), entriesOf(ix, target, flow), true);
}

export function meets(v: Vantage, e: Entry): boolean {
  // An endpoint reaches its own addresses inside its own stack, never across a network.
  if (v.at === 'self') return e.ownAddressOf === v.host && e.dst === v.address;
  if (v.at !== e.at) return false;
  if (v.at === 'internet') return true;
  if (v.at === 'host-local') return v.host === e.host;
  if (e.ownAddressOf !== null && e.ownAddressOf === v.localTo) return false;
  // On an internal network the static addresses must also be in the same subnet.
  return v.segment === e.segment && v.subnet === e.subnet;
}

/** The destination address the source itself uses on this route: 10.0.2.2 for a NAT guest's way to its host's loopback. */
export function dialed(v: Vantage, e: Entry): string {
  return e.at === 'host-local' && v.dialsLoopbackAs !== null ? v.dialsLoopbackAs : e.dst;
}

/**
 * Try every way out of the source against every way into the target (only those that use the
 * query's address, when it names one). The shortest route that passes every check wins; when
 * none does, the failure that got furthest explains it best.
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
  const flow: Flow = { protocol: q.protocol, port: q.port };
  const address = q.address ?? null;
  let success: { v: Vantage; e: Entry; length: number } | null = null;
  let failure: { v: Vantage; e: Entry; block: Block; length: number } | null = null;
  for (const e of entries) {
    for (const v of vantages) {
      if (!meets(v, e)) continue;
      if (address !== null && dialed(v, e) !== address) continue;
      const length = v.steps.length + e.steps.length;
      const block = checkRoute(ix, v, e, flow);
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
  const blocked =
    address !== null
      ? diagnoseAddress(ix, q, source, target, vantages, entries, { meets, dialed, best: () => route(ix, { ...q, address: null }, source, target, vantages, entries, true) })
      : diagnoseNoRoute(ix, source, target, q, vantages, meets);
  return { ok: false, query: q, path: [], blocked, deliveredTo: null };
}

function hops(v: Vantage, e: Entry): Hop[] {
  // A connection that starts and ends in the same machine's stack is one hop over its loopback interface.
  if ((v.at === 'host-local' || v.at === 'self') && v.steps.length === 1 && v.localTo === e.arrive.endpoint.id && e.forward === null) {
    return [{ code: 'loopback', node: v.localTo, edge: null, src: v.src, dst: e.dst, dstPort: e.dstPort, translation: null }];
  }
  const out: Hop[] = v.steps.map((s) => ({ code: s.code, node: s.node, edge: s.edge, src: s.src, dst: s.dst ?? e.dst, dstPort: e.dstPort, translation: s.translation }));
  for (const s of e.steps) out.push({ code: s.code, node: s.node, edge: s.edge, src: v.src, dst: s.dst, dstPort: s.dstPort, translation: s.translation });
  return out;
}

/** The hops the packet made before it was stopped. */
function partialPath(v: Vantage, e: Entry, block: Block): Hop[] {
  const all = hops(v, e);
  switch (block.stage) {
    case STAGE.network:
      // Dropped by the NAT engine on the way out: the packet left the source and got no further.
      return all.slice(0, 1);
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
