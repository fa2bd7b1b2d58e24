import { edgeIds } from './graph-ids';
import { LOOPBACK } from './ip';
import { segmentKind, segmentNodeId } from './segments';
import type { EndpointInfo, Iface, TopologyIndex } from './topology-index';
import { INTERNET, type Host, type Router } from './types';
import type { ElementRef, HopCode, Translation } from './verdict';

/** One hop of a route; the destination is filled in once the route meets its target. */
export interface Step {
  code: HopCode;
  node: string;
  edge: string | null;
  src: string;
  translation: Translation | null;
}

/**
 * A place where a source's packets can appear, with the source address they carry there:
 * on a segment, inside a host's own network stack ("host-local": what the host's loopback
 * sees), or on the internet. Outbound NAT is what moves a source to a vantage further away.
 */
export interface Vantage {
  at: 'segment' | 'host-local' | 'internet';
  segment: string | null;
  host: string | null;
  src: string;
  /** Internal networks: the source's configured subnet (layer 3 must match too). */
  subnet: string | null;
  /** Set when the packet comes from this host's own stack (the host itself or a NAT engine on it). */
  localTo: string | null;
  /** The cloud port the packet left from: its security groups filter egress and match remote groups. */
  port: Iface | null;
  steps: Step[];
}

export function vantagesOf(ix: TopologyIndex, source: EndpointInfo): Vantage[] {
  switch (source.kind) {
    case 'internet':
      return [
        { at: 'internet', segment: null, host: null, src: ix.t.internet.clientAddress, subnet: null, localTo: null, port: null, steps: [step('start', INTERNET, null, ix.t.internet.clientAddress)] },
      ];
    case 'host':
      return hostVantages(ix, source.host!, [step('start', source.id, null, source.host!.address)], null);
    case 'device':
      return stationVantages(ix, source.ifaces[0]!, [step('start', source.id, null, source.ifaces[0]!.address)]);
    case 'vm':
      return vmVantages(ix, source);
  }
}

function step(code: HopCode, node: string, edge: string | null, src: string, translation: Translation | null = null): Step {
  return { code, node, edge, src, translation };
}

function snat(before: string, after: string, by: ElementRef): Translation {
  return { kind: 'snat', before, after, by };
}

/** A machine on a LAN: its segment, and the internet through the LAN router. */
function stationVantages(ix: TopologyIndex, iface: Iface, prefix: Step[]): Vantage[] {
  const out: Vantage[] = [
    { at: 'segment', segment: iface.segment, host: null, src: iface.address, subnet: iface.subnet, localTo: null, port: null, steps: [...prefix, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)] },
  ];
  const internet = viaLanRouter(ix, iface.segment, iface.address, [...prefix, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)]);
  if (internet) out.push(internet);
  return out;
}

/** Out through a LAN's router (SNAT to its public address) when the LAN has an uplink. */
function viaLanRouter(ix: TopologyIndex, segment: string, src: string, prefix: Step[]): Vantage | null {
  if (segmentKind(segment) !== 'lan') return null;
  const entry = ix.lans.get(segment.slice(4));
  if (!entry || entry.lan.internet === 'none') return null;
  const lan = entry.lan;
  const ref: ElementRef = { kind: 'lan', owner: lan.id, node: lan.id, edge: edgeIds.uplink(lan.id), path: ['lans', entry.index] };
  return {
    at: 'internet',
    segment: null,
    host: null,
    src: lan.publicAddress,
    subnet: null,
    localTo: null,
    port: null,
    steps: [...prefix, step('lan-router', lan.id, null, lan.publicAddress, snat(src, lan.publicAddress, ref)), step('internet', INTERNET, edgeIds.uplink(lan.id), lan.publicAddress)],
  };
}

/**
 * Everything the host's own stack can reach. A NAT engine opens its connections from the
 * host's sockets, so a NAT guest gets these same vantages, its address translated to the
 * host's (`natFrom` is the guest address, `via` the NAT hop).
 */
function hostVantages(
  ix: TopologyIndex,
  host: Host,
  prefix: Step[],
  nat: { from: string; code: HopCode; edge: string; ref: ElementRef; hostLocal: boolean } | null,
): Vantage[] {
  const info = ix.endpoints.get(host.id)!;
  const out: Vantage[] = [];
  // The host's own connections start from the address they leave by: 127.0.0.1 towards its own
  // loopback (a forward bound to 127.0.0.1), the interface's address towards a segment.
  const fromHost = (src: string): Step[] => prefix.map((s, i) => (i === prefix.length - 1 && s.code === 'start' ? { ...s, src } : s));
  const enter = (src: string): Step[] =>
    nat === null ? fromHost(src) : [...prefix, step(nat.code, host.id, nat.edge, src, snat(nat.from, src, nat.ref))];
  if (nat === null || nat.hostLocal) {
    // The NAT engine maps the guest's gateway (10.0.2.2) to the host's loopback interface.
    out.push({ at: 'host-local', segment: null, host: host.id, src: LOOPBACK, subnet: null, localTo: host.id, port: null, steps: enter(LOOPBACK) });
  }
  for (const iface of info.ifaces) {
    const onSegment = [...enter(iface.address), step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)];
    out.push({ at: 'segment', segment: iface.segment, host: null, src: iface.address, subnet: null, localTo: host.id, port: null, steps: onSegment });
    const internet = viaLanRouter(ix, iface.segment, iface.address, onSegment);
    if (internet) out.push(internet);
  }
  return out;
}

function vmVantages(ix: TopologyIndex, vm: EndpointInfo): Vantage[] {
  const out: Vantage[] = [];
  for (const iface of vm.ifaces) {
    const nic = iface.nic!;
    const start = [step('start', vm.id, null, iface.address)];
    switch (nic.mode) {
      case 'nat':
        if (vm.host) {
          out.push(...hostVantages(ix, vm.host, start, { from: iface.address, code: 'nat-engine', edge: iface.edge, ref: iface.ref, hostLocal: true }));
        }
        break;
      case 'nat-network': {
        const onNet = [...start, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)];
        out.push({ at: 'segment', segment: iface.segment, host: null, src: iface.address, subnet: null, localTo: null, port: null, steps: onNet });
        if (vm.host) {
          out.push(
            ...hostVantages(ix, vm.host, onNet, {
              from: iface.address,
              code: 'nat-service',
              edge: edgeIds.natNetworkLink(vm.host.id, nic.network!),
              ref: { kind: 'nat-network', owner: vm.host.id, node: segmentNodeId(iface.segment), edge: edgeIds.natNetworkLink(vm.host.id, nic.network!), path: natNetworkPath(ix, vm.host.id, nic.network!) },
              hostLocal: false,
            }),
          );
        }
        break;
      }
      case 'bridged':
        out.push(...stationVantages(ix, iface, start));
        break;
      case 'host-only':
      case 'internal':
        out.push({ at: 'segment', segment: iface.segment, host: null, src: iface.address, subnet: iface.subnet, localTo: null, port: null, steps: [...start, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)] });
        break;
      case 'cloud':
        out.push(...cloudVantages(ix, iface, start));
        break;
      default:
        break;
    }
  }
  return out;
}

export function natNetworkPath(ix: TopologyIndex, hostId: string, name: string): (string | number)[] {
  const entry = ix.hosts.get(hostId);
  if (!entry) return ['hosts'];
  return ['hosts', entry.index, 'natNetworks', entry.host.natNetworks.findIndex((n) => n.name === name)];
}

export function routerRef(router: Router, index: number, edge: string | null): ElementRef {
  return { kind: 'router', owner: router.id, node: router.id, edge, path: ['routers', index] };
}

/**
 * A project network port: its own network, the other networks on the same routers (routed,
 * no NAT), and the internet through a router gateway: from the floating IP when the port has
 * one, otherwise from the router's gateway address when SNAT is enabled.
 */
function cloudVantages(ix: TopologyIndex, iface: Iface, start: Step[]): Vantage[] {
  const nic = iface.nic!;
  const netId = nic.network!;
  const onNet = [...start, step('switch', netId, iface.edge, iface.address)];
  const out: Vantage[] = [{ at: 'segment', segment: iface.segment, host: null, src: iface.address, subnet: null, localTo: null, port: iface, steps: onNet }];
  for (const { router, index } of ix.routersOfNetwork.get(netId) ?? []) {
    const inRouter = [...onNet, step('router', router.id, edgeIds.routerInterface(router.id, netId), iface.address)];
    for (const other of router.interfaces) {
      if (other === netId) continue;
      out.push({ at: 'segment', segment: `cloud:${other}`, host: null, src: iface.address, subnet: null, localTo: null, port: iface, steps: [...inRouter, step('switch', other, edgeIds.routerInterface(router.id, other), iface.address)] });
    }
    if (router.externalNetwork === null) continue;
    const gateway = edgeIds.routerGateway(router.id);
    if (nic.floatingIp !== null) {
      const ref: ElementRef = { kind: 'nic', owner: iface.owner, node: iface.owner, edge: iface.edge, path: [...iface.ref.path, 'floatingIp'] };
      out.push({
        at: 'internet', segment: null, host: null, src: nic.floatingIp, subnet: null, localTo: null, port: iface,
        steps: [...onNet, step('floating-ip', router.id, edgeIds.routerInterface(router.id, netId), nic.floatingIp, snat(iface.address, nic.floatingIp, ref)), step('internet', INTERNET, gateway, nic.floatingIp)],
      });
    } else if (router.snat && router.externalAddress !== null) {
      const ref = routerRef(router, index, gateway);
      out.push({
        at: 'internet', segment: null, host: null, src: router.externalAddress, subnet: null, localTo: null, port: iface,
        steps: [...onNet, step('router-snat', router.id, edgeIds.routerInterface(router.id, netId), router.externalAddress, snat(iface.address, router.externalAddress, ref)), step('internet', INTERNET, gateway, router.externalAddress)],
      });
    }
  }
  return out;
}
