import { entriesOf, type Entry, type Flow } from './entries';
import { flowText } from './filters';
import { edgeIds } from './graph-ids';
import { isLoopback } from './ip';
import { hasPorts } from './protocols';
import { segmentKind, segmentNodeId } from './segments';
import type { EndpointInfo, Iface, TopologyIndex } from './topology-index';
import { tunnelEnds } from './tunnels';
import type { NicMode } from './types';
import { STAGE, type Block, type ElementRef, type Params, type Query, type Verdict } from './verdict';
import type { Vantage } from './vantages';

type NicEntry = EndpointInfo['nics'][number];

/**
 * Why no route exists between two endpoints, as the first thing that stops the packet: the
 * ends' own attachments, then a port forward that exists but does not apply, then what the
 * source's networks cannot leave, then what the target's networks let in.
 */
export function diagnoseNoRoute(
  ix: TopologyIndex,
  source: EndpointInfo,
  target: EndpointInfo,
  q: Query,
  vantages: Vantage[],
  meets: (v: Vantage, e: Entry) => boolean,
): Block {
  const src = facts(source);
  const dst = facts(target);
  const reach = reachOf(vantages);

  if (source.kind === 'vm' && !src.attached) return block('SOURCE_NOT_ATTACHED', source.nics[0]?.ref ?? nodeRef(source), { node: source.id });
  if (target.kind === 'vm' && !dst.attached) return block('TARGET_NOT_ATTACHED', target.nics[0]?.ref ?? nodeRef(target), { node: target.id });

  // A NIC that shares a network with the other end but has no address (no DHCP server there).
  if (src.unaddressed || dst.unaddressed) {
    const shared = unaddressedShared(source, target);
    if (shared) return block('NO_ADDRESS', shared.ref, { node: shared.owner, adapter: shared.slot + 1, mode: shared.mode });
  }
  for (const endpoint of [source, target]) {
    if (endpoint.kind === 'vm' && endpoint.ifaces.length === 0) {
      const nic = endpoint.nics.find((n) => n.segment !== null)!;
      return block('NO_ADDRESS', nic.ref, { node: endpoint.id, adapter: nic.slot + 1, mode: nic.nic.mode });
    }
  }

  // A UDP tunnel whose other end does not mirror it: the two VMs have no cable between them.
  if (source.kind === 'vm' && target.kind === 'vm' && (src.tunnel || dst.tunnel)) {
    for (const [endpoint, f] of [[source, src], [target, dst]] as const) {
      const n = f.tunnel;
      if (n && tunnelEnds(ix, n.segment!).length < 2) {
        const t = n.nic.tunnel!;
        return block('TUNNEL_NO_PEER', { ...n.ref, path: [...n.ref.path, 'tunnel'] }, { node: endpoint.id, adapter: n.slot + 1, sport: t.sport, dest: t.dest, dport: t.dport, hostAddress: endpoint.host?.address ?? '' });
      }
    }
  }

  const forward = forwardProblem(ix, target, q, vantages, meets);
  if (forward) return forward;

  // Same internal network, but the static addresses are in different subnets.
  for (const ti of dst.internal) {
    const si = source.ifaces.find((i) => i.segment === ti.segment);
    if (si) return block('INTERNAL_SUBNET_MISMATCH', ti.ref, { node: target.id, network: ti.nic!.network!, subnet: ti.subnet ?? '', otherSubnet: si.subnet ?? '', other: source.id });
  }

  // Both on host-local networks of the same kind on one host, but not the same one.
  if (source.host !== null && target.host !== null && source.host.id === target.host.id) {
    for (const kind of ['internal', 'host-only'] as const) {
      const mine = src.byMode.get(kind);
      const theirs = dst.byMode.get(kind);
      if (mine && theirs) {
        return block(kind === 'internal' ? 'INTERNAL_NAME_MISMATCH' : 'HOST_ONLY_DIFFERENT_NETWORK', theirs.ref, {
          node: target.id, network: theirs.nic.network!, other: source.id, otherNetwork: mine.nic.network!,
        });
      }
    }
  }

  // The source's packets cannot leave its networks, and neither the target nor the host in front of it is on them.
  if (!reach.internet && !reach.hostLocal && source.kind === 'vm' && src.isolated) {
    const inFront = dst.natted ? facts(ix.endpoints.get(target.host!.id)!).segments : null;
    let touches = false;
    for (const s of reach.segments) if (dst.segments.has(s) || (inFront?.has(s) ?? false)) touches = true;
    if (!touches) {
      if (target.kind === 'vm' && target.host && source.host && target.host.id !== source.host.id && dst.onHostLocal) {
        return block('DIFFERENT_HOSTS', src.isolated.ref, { node: source.id, host: source.host.id, other: target.id, otherHost: target.host.id });
      }
      return isolatedSource(source, src);
    }
  }

  // What stops a source from reaching the internet, when the target is (only) out there.
  if ((target.kind === 'internet' || dst.cloud?.nic?.floatingIp) && !reach.internet) {
    const outbound = outboundProblem(ix, source, src);
    if (outbound) return outbound;
  }

  // What the target's networks let in, most actionable first.
  const theirCloud = dst.cloud;
  if (src.cloud && theirCloud && !reach.segments.has(theirCloud.segment) && !theirCloud.nic!.floatingIp) {
    return block('CLOUD_NETWORKS_NOT_ROUTED', theirCloud.ref, { node: target.id, network: theirCloud.nic!.network!, other: source.id, otherNetwork: src.cloud.nic!.network! });
  }
  if (theirCloud) {
    const netId = theirCloud.nic!.network!;
    if (!(ix.routersOfNetwork.get(netId) ?? []).some((r) => r.router.externalNetwork !== null)) return networkBlock(ix, 'CLOUD_NO_GATEWAY', netId, target.id);
    if (!theirCloud.nic!.floatingIp) {
      const outbound = reach.internet ? null : outboundProblem(ix, source, src);
      return outbound ?? block('CLOUD_NO_FLOATING_IP', theirCloud.ref, { node: target.id, adapter: (theirCloud.slot ?? 0) + 1 });
    }
  }

  // A target on a LAN, or a NAT guest whose host is on one: from outside that LAN, its router stops it first.
  const lanSegment = dst.lanSegment ?? (dst.natted && target.host ? `lan:${target.host.lan}` : null);
  if (lanSegment !== null && !reach.segments.has(lanSegment) && !reachesHostOf(ix, target, vantages)) {
    if (reach.internet) return lanBlock(ix, 'LAN_NO_INBOUND', lanSegment.slice(4), target.id);
    const outbound = outboundProblem(ix, source, src);
    if (outbound) return outbound;
  }
  const nat = dst.byMode.get('nat');
  const natnet = dst.byMode.get('nat-network');
  // Port forwards carry TCP and UDP only: a ping or GRE cannot be forwarded into a NAT guest.
  if ((nat || natnet) && (q.port === null || !hasPorts(q.protocol))) {
    const n = (nat ?? natnet)!;
    const where = nat ? 'NAT' : `NAT network ${n.nic.network!}`;
    return block('NAT_NO_INBOUND_PROTOCOL', n.ref, { node: target.id, adapter: n.slot + 1, where, what: flowText({ protocol: q.protocol, port: q.port }), protocol: q.protocol });
  }
  if (nat) return block('NAT_NO_INBOUND', nat.ref, { node: target.id, adapter: nat.slot + 1, port: q.port ?? '', protocol: q.protocol });
  if (natnet) return block('NAT_NETWORK_NO_INBOUND', natnet.ref, { node: target.id, adapter: natnet.slot + 1, network: natnet.nic.network!, port: q.port ?? '', protocol: q.protocol });
  const hostOnly = dst.byMode.get('host-only');
  if (hostOnly) {
    if (source.host && target.host && source.host.id !== target.host.id) {
      return block('DIFFERENT_HOSTS', hostOnly.ref, { node: target.id, host: target.host.id, other: source.id, otherHost: source.host.id });
    }
    return block('HOST_ONLY_NO_OUTSIDE', hostOnly.ref, { node: target.id, network: hostOnly.nic.network! });
  }
  const internal = dst.byMode.get('internal');
  if (internal) return block('INTERNAL_ISOLATED', internal.ref, { node: target.id, network: internal.nic.network! });
  if (dst.tunnel) return block('TUNNEL_ONLY', dst.tunnel.ref, { node: target.id });

  return outboundProblem(ix, source, src) ?? block('NO_ROUTE', nodeRef(target), { node: target.id, other: source.id });
}

function block(code: Block['code'], element: ElementRef, params: Params): Block {
  return { code, stage: STAGE.network, element, params };
}

function nodeRef(endpoint: EndpointInfo): ElementRef {
  return { kind: endpoint.kind, owner: endpoint.id, node: endpoint.id, edge: null, path: endpoint.path };
}

function networkBlock(ix: TopologyIndex, code: 'CLOUD_NO_GATEWAY', netId: string, node: string): Block {
  const net = ix.networks.get(netId)!;
  return block(code, { kind: 'network', owner: netId, node: netId, edge: null, path: ['networks', net.index] }, { network: netId, node });
}

function lanBlock(ix: TopologyIndex, code: 'LAN_NO_INBOUND' | 'LAN_NO_INTERNET', lanId: string, node: string): Block {
  const lan = ix.lans.get(lanId)!;
  const edge = code === 'LAN_NO_INBOUND' ? edgeIds.uplink(lanId) : null;
  return block(code, { kind: 'lan', owner: lanId, node: lanId, edge, path: ['lans', lan.index] }, { lan: lanId, node });
}

/** A forward that would have carried the connection, had it listened on another address. */
function forwardProblem(ix: TopologyIndex, target: EndpointInfo, q: Query, vantages: Vantage[], meets: (v: Vantage, e: Entry) => boolean): Block | null {
  const hostId = target.kind === 'host' ? target.id : (target.host?.id ?? null);
  if (hostId === null || q.port === null) return null;
  const bound = (ix.forwardsByHost.get(hostId) ?? []).some(
    (f) =>
      f.rule.protocol === q.protocol &&
      f.rule.hostIp !== '' &&
      f.rule.hostIp !== '0.0.0.0' &&
      ((f.target?.vm === target.id && f.rule.guestPort === q.port) || (f.host === target.id && f.rule.hostPort === q.port)),
  );
  if (bound) {
    for (const e of entriesOf(ix, target, { protocol: q.protocol, port: q.port }, { ignoreForwardBinding: true })) {
      if (e.forward === null || !vantages.some((v) => meets(v, e))) continue;
      const rule = e.forward.rule;
      return block(rule.hostIp === '127.0.0.1' ? 'PORT_FORWARD_LOOPBACK_ONLY' : 'PORT_FORWARD_OTHER_ADDRESS', e.forward.ref, {
        rule: rule.name, hostIp: rule.hostIp, hostPort: rule.hostPort, protocol: rule.protocol, node: e.forward.host,
      });
    }
  }
  return null;
}

function reachesHostOf(ix: TopologyIndex, target: EndpointInfo, vantages: Vantage[]): boolean {
  if (target.host === null) return false;
  const hostId = target.host.id;
  const segments = facts(ix.endpoints.get(hostId)!).segments;
  return vantages.some((v) => v.host === hostId || v.localTo === hostId || (v.segment !== null && segments.has(v.segment)));
}

function isolatedSource(source: EndpointInfo, f: EndpointFacts): Block {
  const code = f.allInternal ? 'SOURCE_INTERNAL_ONLY' : f.isolated!.nic.mode === 'generic' ? 'TUNNEL_ONLY' : 'SOURCE_HOST_ONLY_ONLY';
  return block(code, f.isolated!.ref, { node: source.id, network: f.isolated!.nic.network ?? '' });
}

/** Why a source has no way out to the internet. */
function outboundProblem(ix: TopologyIndex, source: EndpointInfo, f: EndpointFacts): Block | null {
  if (source.kind === 'internet') return null;
  if (f.cloud) {
    const netId = f.cloud.nic!.network!;
    const withGateway = (ix.routersOfNetwork.get(netId) ?? []).find((r) => r.router.externalNetwork !== null);
    if (!withGateway) return networkBlock(ix, 'CLOUD_NO_GATEWAY', netId, source.id);
    if (!withGateway.router.snat && !f.cloud.nic!.floatingIp) {
      const r = withGateway.router;
      return block('CLOUD_SNAT_DISABLED', { kind: 'router', owner: r.id, node: r.id, edge: edgeIds.routerGateway(r.id), path: ['routers', withGateway.index] }, { router: r.id, node: source.id });
    }
  }
  const lanId = f.lanSegment !== null ? f.lanSegment.slice(4) : f.natted && source.host ? source.host.lan : null;
  if (lanId !== null && ix.lans.get(lanId)?.lan.internet === 'none') return lanBlock(ix, 'LAN_NO_INTERNET', lanId, source.id);
  if (source.kind === 'vm' && f.isolated && !f.leaves) return isolatedSource(source, f);
  return null;
}

function unaddressedShared(a: EndpointInfo, b: EndpointInfo) {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    for (const n of x.nics) {
      if (n.segment === null || n.nic.address !== null) continue;
      const onOther = y.nics.some((m) => m.segment === n.segment) || y.ifaces.some((i) => i.segment === n.segment);
      if (onOther) return { ref: n.ref, owner: x.id, slot: n.slot, mode: n.nic.mode };
    }
  }
  return null;
}

/** What diagnosis needs to know about one endpoint; computed once per index (endpoints belong to one). */
interface EndpointFacts {
  attached: boolean;
  unaddressed: boolean;
  segments: Set<string>;
  internal: Iface[];
  /** First attached NIC of each mode. */
  byMode: Map<NicMode, NicEntry>;
  cloud: Iface | null;
  lanSegment: string | null;
  /** Has a NAT or NAT network adapter: its host's addresses are where a forward would listen. */
  natted: boolean;
  onHostLocal: boolean;
  /** First internal or host-only NIC (else a UDP tunnel); whether all attached NICs are internal; whether any NIC leads further. */
  isolated: NicEntry | null;
  /** First UDP tunnel adapter. */
  tunnel: NicEntry | null;
  allInternal: boolean;
  leaves: boolean;
}

const endpointFacts = new WeakMap<EndpointInfo, EndpointFacts>();

function facts(e: EndpointInfo): EndpointFacts {
  const cached = endpointFacts.get(e);
  if (cached) return cached;
  const attachedNics = e.nics.filter((n) => n.segment !== null);
  const byMode = new Map<NicMode, NicEntry>();
  for (const n of attachedNics) if (!byMode.has(n.nic.mode)) byMode.set(n.nic.mode, n);
  const isolatedMode = (m: NicMode) => m === 'internal' || m === 'host-only' || m === 'generic';
  const f: EndpointFacts = {
    attached: e.kind !== 'vm' || attachedNics.length > 0,
    unaddressed: attachedNics.some((n) => n.nic.address === null),
    segments: new Set(e.ifaces.map((i) => i.segment)),
    internal: e.ifaces.filter((i) => segmentKind(i.segment) === 'internal'),
    byMode,
    cloud: e.ifaces.find((i) => i.nic?.mode === 'cloud') ?? null,
    lanSegment: e.ifaces.find((i) => segmentKind(i.segment) === 'lan')?.segment ?? null,
    natted: e.host !== null && e.kind === 'vm' && (byMode.has('nat') || byMode.has('nat-network')),
    onHostLocal: e.ifaces.some((i) => {
      const kind = segmentKind(i.segment);
      return kind === 'internal' || kind === 'host-only' || kind === 'nat-network';
    }),
    isolated: attachedNics.find((n) => isolatedMode(n.nic.mode) && n.nic.mode !== 'generic') ?? attachedNics.find((n) => n.nic.mode === 'generic') ?? null,
    tunnel: attachedNics.find((n) => n.nic.mode === 'generic' && n.nic.tunnel !== null) ?? null,
    allInternal: attachedNics.every((n) => n.nic.mode === 'internal'),
    leaves: attachedNics.some((n) => !isolatedMode(n.nic.mode)),
  };
  endpointFacts.set(e, f);
  return f;
}

/** Where a source's packets can get, computed once per vantage list (a matrix reuses it per row). */
interface Reach {
  segments: Set<string>;
  internet: boolean;
  hostLocal: boolean;
}

const reachCache = new WeakMap<Vantage[], Reach>();

function reachOf(vantages: Vantage[]): Reach {
  const cached = reachCache.get(vantages);
  if (cached) return cached;
  const r: Reach = {
    segments: new Set(vantages.flatMap((v) => (v.segment === null ? [] : [v.segment]))),
    internet: vantages.some((v) => v.at === 'internet'),
    hostLocal: vantages.some((v) => v.at === 'host-local'),
  };
  reachCache.set(vantages, r);
  return r;
}

/** What `diagnoseAddress` needs from the router, passed in to keep the modules acyclic. */
export interface AddressHelpers {
  meets: (v: Vantage, e: Entry) => boolean;
  dialed: (v: Vantage, e: Entry) => string;
  /** The verdict for the same question without the address: where the target can be reached instead. */
  best: () => Verdict;
}

/**
 * Why no route uses the address the query names: 127.0.0.1 names the source itself; a forward
 * listens on another host address; the address is the target's but not reachable from the source
 * (a private IP behind a floating IP, a NAT adapter's 10.0.2.15); or it is not the target's at all.
 */
export function diagnoseAddress(
  ix: TopologyIndex,
  q: Query,
  source: EndpointInfo,
  target: EndpointInfo,
  vantages: Vantage[],
  entries: Entry[],
  h: AddressHelpers,
): Block {
  const address = q.address!;
  const flow: Flow = { protocol: q.protocol, port: q.port };
  const best = h.best();
  let usable: string | null = best.ok ? (best.path[0]?.dst ?? null) : null;
  if (usable === null) {
    for (const e of entries) for (const v of vantages) if (usable === null && h.meets(v, e)) usable = h.dialed(v, e);
  }
  const advice = usable !== null ? `From ${source.id}, use ${usable}` : `Nothing leads from ${source.id} to any address of ${target.id}; ask without an address to see why`;
  const base = { address, node: target.id, other: source.id, advice };

  if (isLoopback(address)) return block('ADDRESS_LOOPBACK_OTHER', nodeRef(source), base);

  if (q.port !== null) {
    for (const e of entriesOf(ix, target, flow, { ignoreForwardBinding: true })) {
      if (e.forward === null || e.dst !== address || !vantages.some((v) => h.meets(v, e))) continue;
      const rule = e.forward.rule;
      return block(rule.hostIp === '127.0.0.1' ? 'PORT_FORWARD_LOOPBACK_ONLY' : 'PORT_FORWARD_OTHER_ADDRESS', e.forward.ref, {
        rule: rule.name, hostIp: rule.hostIp, hostPort: rule.hostPort, protocol: rule.protocol, node: e.forward.host, arrived: address,
      });
    }
  }

  const own = ownAddresses(ix, target);
  const mine = own.find((a) => a.address === address);
  if (mine) return block('ADDRESS_NOT_ROUTED', mine.ref, { ...base, where: mine.where });
  return block('ADDRESS_NOT_TARGET', nodeRef(target), { ...base, addresses: own.map((a) => a.address).join(', ') || 'none' });
}

/** The addresses that belong to an endpoint, each with where it lives ("its address on host-only network vboxnet0"). */
function ownAddresses(ix: TopologyIndex, target: EndpointInfo): { address: string; where: string; ref: ElementRef }[] {
  if (target.kind === 'internet') return [{ address: entriesOf(ix, target, { protocol: 'icmp', port: null })[0]!.dst, where: 'the server that stands for the internet', ref: nodeRef(target) }];
  const out = target.ifaces.map((iface) => ({ address: iface.address, where: ifaceWhere(ix, iface), ref: iface.ref }));
  for (const iface of target.ifaces) {
    if (iface.nic?.floatingIp) out.push({ address: iface.nic.floatingIp, where: 'its floating IP', ref: { ...iface.ref, path: [...iface.ref.path, 'floatingIp'] } });
  }
  return out;
}

function ifaceWhere(ix: TopologyIndex, iface: Iface): string {
  const kind = segmentKind(iface.segment);
  const name = iface.nic?.network ?? segmentNodeId(iface.segment);
  switch (kind) {
    case 'nat':
      return `the address of its NAT adapter ${iface.slot! + 1}, private to that adapter's own NAT engine (every NAT VM has one like it)`;
    case 'nat-network':
      return `its address on NAT network ${name}, private to that network`;
    case 'host-only':
      return `its address on host-only network ${iface.nic ? name : iface.segment.split(':')[2]}, which exists only inside its host`;
    case 'internal':
      return `its address on internal network "${name}", which only VMs on that network reach`;
    case 'cloud':
      return `its private (fixed) IP on project network ${name}`;
    case 'udp-tunnel':
      return `its address on the UDP tunnel of adapter ${iface.slot! + 1}, which only the VM at the other end reaches`;
    default:
      return `its address on ${ix.lans.get(iface.segment.slice(4))?.lan.label ?? name}`;
  }
}
