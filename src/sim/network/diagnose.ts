import { entriesOf, type Entry } from './entries';
import { edgeIds } from './graph-ids';
import { segmentKind } from './segments';
import type { EndpointInfo, TopologyIndex } from './topology-index';
import type { NicMode } from './types';
import { STAGE, type Block, type ElementRef, type Params, type Query } from './verdict';
import type { Vantage } from './vantages';

/**
 * Why no route exists between two endpoints, as the first thing that stops the packet: the
 * source's own attachment, then a port forward that exists but does not apply, then what the
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
  const block = (code: Block['code'], element: ElementRef, params: Params = {}): Block => ({ code, stage: STAGE.network, element, params });

  for (const [endpoint, role] of [[source, 'source'], [target, 'target']] as const) {
    if (endpoint.kind !== 'vm') continue;
    const attached = endpoint.nics.filter((n) => n.segment !== null);
    if (attached.length === 0) {
      return block(role === 'source' ? 'SOURCE_NOT_ATTACHED' : 'TARGET_NOT_ATTACHED', endpoint.nics[0]?.ref ?? nodeRef(endpoint), { node: endpoint.id });
    }
  }

  // A NIC that shares a network with the other end but has no address (no DHCP server there).
  const sharedUnaddressed = unaddressedShared(source, target);
  if (sharedUnaddressed) return block('NO_ADDRESS', sharedUnaddressed.ref, { node: sharedUnaddressed.owner, adapter: sharedUnaddressed.slot + 1, mode: sharedUnaddressed.mode });
  for (const endpoint of [source, target]) {
    if (endpoint.kind === 'vm' && endpoint.ifaces.length === 0) {
      const nic = endpoint.nics.find((n) => n.segment !== null)!;
      return block('NO_ADDRESS', nic.ref, { node: endpoint.id, adapter: nic.slot + 1, mode: nic.nic.mode });
    }
  }

  // A forward that would have carried the connection if it listened on another address.
  const unbound = entriesOf(ix, target, q.port, q.protocol, { ignoreForwardBinding: true }).filter((e) => e.forward !== null);
  for (const e of unbound) {
    if (vantages.some((v) => meets(v, e))) {
      const rule = e.forward!.rule;
      return block(rule.hostIp === '127.0.0.1' ? 'PORT_FORWARD_LOOPBACK_ONLY' : 'PORT_FORWARD_OTHER_ADDRESS', e.forward!.ref, {
        rule: rule.name, hostIp: rule.hostIp, hostPort: rule.hostPort, protocol: rule.protocol, node: e.forward!.host,
      });
    }
  }
  if (target.kind === 'host') {
    for (const f of ix.forwardsByHost.get(target.id) ?? []) {
      if (f.rule.hostPort === q.port && f.rule.protocol === q.protocol && f.target === null) {
        return block('PORT_FORWARD_NO_GUEST', f.ref, { rule: f.rule.name, guestIp: f.rule.guestIp, hostPort: f.rule.hostPort, node: target.id });
      }
    }
  }

  const sourceSegments = new Set(vantages.flatMap((v) => (v.segment === null ? [] : [v.segment])));
  const sourceHasInternet = vantages.some((v) => v.at === 'internet');
  const sourceHasHost = vantages.some((v) => v.at === 'host-local');

  // Same internal network, but the static addresses are in different subnets.
  for (const ti of target.ifaces) {
    if (segmentKind(ti.segment) !== 'internal') continue;
    const si = source.ifaces.find((i) => i.segment === ti.segment);
    if (si) return block('INTERNAL_SUBNET_MISMATCH', ti.ref, { node: target.id, network: ti.nic!.network!, subnet: ti.subnet ?? '', otherSubnet: si.subnet ?? '', other: source.id });
  }

  // Both on host-local networks of the same kind on one host, but not the same one.
  const sameHost = source.host !== null && target.host !== null && source.host.id === target.host.id;
  for (const kind of ['internal', 'host-only'] as const) {
    const mine = source.nics.filter((n) => n.nic.mode === kind && n.segment !== null);
    const theirs = target.nics.filter((n) => n.nic.mode === kind && n.segment !== null);
    if (sameHost && mine.length > 0 && theirs.length > 0) {
      return block(kind === 'internal' ? 'INTERNAL_NAME_MISMATCH' : 'HOST_ONLY_DIFFERENT_NETWORK', theirs[0]!.ref, {
        node: target.id, network: theirs[0]!.nic.network!, other: source.id, otherNetwork: mine[0]!.nic.network!,
      });
    }
  }

  // The source's packets cannot leave its networks, and the target (or the host in front of it) is not on them.
  if (!sourceHasInternet && !sourceHasHost) {
    const reachableHere = new Set(target.ifaces.map((i) => i.segment));
    if (target.host && target.nics.some((n) => n.nic.mode === 'nat' || n.nic.mode === 'nat-network')) {
      for (const i of ix.endpoints.get(target.host.id)!.ifaces) reachableHere.add(i.segment);
    }
    if (target.kind === 'host') for (const i of target.ifaces) reachableHere.add(i.segment);
    if (![...sourceSegments].some((s) => reachableHere.has(s))) {
      const isolated = source.nics.find((n) => n.nic.mode === 'internal' || n.nic.mode === 'host-only');
      if (source.kind === 'vm' && isolated) {
        if (target.kind === 'vm' && target.host && source.host && target.host.id !== source.host.id && target.ifaces.some((i) => isHostLocal(i.segment))) {
          return block('DIFFERENT_HOSTS', isolated.ref, { node: source.id, host: source.host.id, other: target.id, otherHost: target.host.id });
        }
        const allInternal = source.nics.every((n) => n.segment === null || n.nic.mode === 'internal');
        return block(allInternal ? 'SOURCE_INTERNAL_ONLY' : 'SOURCE_HOST_ONLY_ONLY', isolated.ref, { node: source.id, network: isolated.nic.network ?? '' });
      }
    }
  }

  // What stops a source from reaching the internet, when the target is (only) out there.
  const targetOnlyOutside = target.kind === 'internet' || (target.kind === 'vm' && target.ifaces.some((i) => i.nic?.floatingIp));
  if (targetOnlyOutside && !sourceHasInternet) {
    const outbound = outboundProblem(ix, source);
    if (outbound) return outbound;
  }

  // What the target's networks let in, most actionable first.
  if (source.kind === 'vm' && target.kind === 'vm') {
    const mine = source.ifaces.find((i) => i.nic?.mode === 'cloud');
    const theirs = target.ifaces.find((i) => i.nic?.mode === 'cloud');
    if (mine && theirs && !sourceSegments.has(theirs.segment) && !theirs.nic!.floatingIp) {
      return block('CLOUD_NETWORKS_NOT_ROUTED', theirs.ref, { node: target.id, network: theirs.nic!.network!, other: source.id, otherNetwork: mine.nic!.network! });
    }
  }
  const byMode = (mode: NicMode) => target.nics.find((n) => n.nic.mode === mode && n.segment !== null);
  const cloud = target.ifaces.find((i) => i.nic?.mode === 'cloud');
  if (cloud) {
    const gateway = (ix.routersOfNetwork.get(cloud.nic!.network!) ?? []).some((r) => r.router.externalNetwork !== null);
    if (!gateway) {
      const net = ix.networks.get(cloud.nic!.network!)!;
      return block('CLOUD_NO_GATEWAY', { kind: 'network', owner: net.network.id, node: net.network.id, edge: null, path: ['networks', net.index] }, { network: net.network.id, node: target.id });
    }
    if (!cloud.nic!.floatingIp) {
      if (!sourceHasInternet) {
        const outbound = outboundProblem(ix, source);
        if (outbound) return outbound;
      }
      return block('CLOUD_NO_FLOATING_IP', cloud.ref, { node: target.id, adapter: (cloud.slot ?? 0) + 1 });
    }
  }

  // A target on a LAN, or a NAT guest whose host is on one: from outside the LAN, the LAN router stops it first.
  const natted = byMode('nat') ?? byMode('nat-network');
  const lanSegment =
    target.ifaces.find((i) => segmentKind(i.segment) === 'lan')?.segment ??
    (natted && target.host ? `lan:${target.host.lan}` : null);
  const targetHostSegments = new Set(target.host ? ix.endpoints.get(target.host.id)!.ifaces.map((i) => i.segment) : []);
  const reachesTargetHost =
    target.host !== null &&
    vantages.some((v) => v.host === target.host!.id || v.localTo === target.host!.id || (v.segment !== null && targetHostSegments.has(v.segment)));
  if (lanSegment !== null && !sourceSegments.has(lanSegment) && !reachesTargetHost) {
    const lan = ix.lans.get(lanSegment.slice(4))!;
    if (sourceHasInternet) {
      return block('LAN_NO_INBOUND', { kind: 'lan', owner: lan.lan.id, node: lan.lan.id, edge: edgeIds.uplink(lan.lan.id), path: ['lans', lan.index] }, { lan: lan.lan.id, node: target.id });
    }
    const outbound = outboundProblem(ix, source);
    if (outbound) return outbound;
  }
  const nat = byMode('nat');
  if (nat) return block('NAT_NO_INBOUND', nat.ref, { node: target.id, adapter: nat.slot + 1, port: q.port, protocol: q.protocol });
  const natnet = byMode('nat-network');
  if (natnet) return block('NAT_NETWORK_NO_INBOUND', natnet.ref, { node: target.id, adapter: natnet.slot + 1, network: natnet.nic.network!, port: q.port, protocol: q.protocol });
  const hostOnly = byMode('host-only');
  if (hostOnly) {
    if (source.host && target.host && source.host.id !== target.host.id) {
      return block('DIFFERENT_HOSTS', hostOnly.ref, { node: target.id, host: target.host.id, other: source.id, otherHost: source.host.id });
    }
    return block('HOST_ONLY_NO_OUTSIDE', hostOnly.ref, { node: target.id, network: hostOnly.nic.network! });
  }
  const internal = byMode('internal');
  if (internal) return block('INTERNAL_ISOLATED', internal.ref, { node: target.id, network: internal.nic.network! });

  const outbound = outboundProblem(ix, source);
  if (outbound) return outbound;
  return block('NO_ROUTE', nodeRef(target), { node: target.id, other: source.id });
}

function isHostLocal(segment: string): boolean {
  const kind = segmentKind(segment);
  return kind === 'internal' || kind === 'host-only' || kind === 'nat-network';
}

function nodeRef(endpoint: EndpointInfo): ElementRef {
  const kind = endpoint.kind === 'internet' ? 'internet' : endpoint.kind;
  return { kind, owner: endpoint.id, node: endpoint.id, edge: null, path: endpoint.path };
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

/** Why a source has no way out to the internet. */
function outboundProblem(ix: TopologyIndex, source: EndpointInfo): Block | null {
  const block = (code: Block['code'], element: ElementRef, params: Params): Block => ({ code, stage: STAGE.network, element, params });
  if (source.kind === 'internet') return null;
  const cloud = source.ifaces.find((i) => i.nic?.mode === 'cloud');
  if (cloud) {
    const routers = ix.routersOfNetwork.get(cloud.nic!.network!) ?? [];
    const withGateway = routers.find((r) => r.router.externalNetwork !== null);
    if (!withGateway) {
      const net = ix.networks.get(cloud.nic!.network!)!;
      return block('CLOUD_NO_GATEWAY', { kind: 'network', owner: net.network.id, node: net.network.id, edge: null, path: ['networks', net.index] }, { network: net.network.id, node: source.id });
    }
    if (!withGateway.router.snat && !cloud.nic!.floatingIp) {
      return block('CLOUD_SNAT_DISABLED', { kind: 'router', owner: withGateway.router.id, node: withGateway.router.id, edge: edgeIds.routerGateway(withGateway.router.id), path: ['routers', withGateway.index] }, { router: withGateway.router.id, node: source.id });
    }
  }
  const lanIface = source.kind === 'vm' ? source.ifaces.find((i) => segmentKind(i.segment) === 'lan') : source.kind === 'host' || source.kind === 'device' ? source.ifaces[0] : undefined;
  const lanId = lanIface ? lanIface.segment.slice(4) : source.kind === 'vm' && source.host && source.nics.some((n) => n.nic.mode === 'nat' || n.nic.mode === 'nat-network') ? source.host.lan : null;
  if (lanId !== null) {
    const lan = ix.lans.get(lanId);
    if (lan && lan.lan.internet === 'none') {
      return block('LAN_NO_INTERNET', { kind: 'lan', owner: lan.lan.id, node: lan.lan.id, edge: null, path: ['lans', lan.index] }, { lan: lan.lan.id, node: source.id });
    }
  }
  if (source.kind === 'vm') {
    const isolated = source.nics.find((n) => n.nic.mode === 'internal' || n.nic.mode === 'host-only');
    const leaves = source.nics.some((n) => n.segment !== null && n.nic.mode !== 'internal' && n.nic.mode !== 'host-only');
    if (isolated && !leaves) {
      const allInternal = source.nics.every((n) => n.segment === null || n.nic.mode === 'internal');
      return block(allInternal ? 'SOURCE_INTERNAL_ONLY' : 'SOURCE_HOST_ONLY_ONLY', isolated.ref, { node: source.id, network: isolated.nic.network ?? '' });
    }
  }
  return null;
}
