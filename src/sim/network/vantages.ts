import { natAddressing } from './defaults';
import type { Flow } from './entries';
import { edgeIds } from './graph-ids';
import { LOOPBACK } from './ip';
import { protocolLabel } from './protocols';
import { segmentKind, segmentNodeId } from './segments';
import type { EndpointInfo, Iface, TopologyIndex } from './topology-index';
import { tunnelBlock } from './tunnels';
import { INTERNET, type Host, type Router } from './types';
import { STAGE, type Block, type ElementRef, type HopCode, type Translation } from './verdict';

/** One hop of a route; the destination is filled in once the route meets its target. */
export interface Step {
  code: HopCode;
  node: string;
  edge: string | null;
  src: string;
  /** The destination this hop shows when it is fixed here (the NAT gateway 10.0.2.2); null: the entry's. */
  dst: string | null;
  translation: Translation | null;
}

/**
 * A place where a source's packets can appear, with the source address they carry there:
 * on a segment, on an endpoint's loopback interface ("host-local", keyed by that endpoint),
 * at one of an endpoint's own addresses from inside its own stack ("self"), or on the internet.
 * Outbound NAT is what moves a source to a vantage further away.
 */
export interface Vantage {
  at: 'segment' | 'host-local' | 'self' | 'internet';
  segment: string | null;
  /** host-local: whose loopback; self: whose own address. */
  host: string | null;
  /** self: the own address this vantage reaches. */
  address: string | null;
  src: string;
  /** Internal networks: the source's configured subnet (layer 3 must match too). */
  subnet: string | null;
  /** The endpoint whose own stack the packet is in here (the source itself, or the host whose NAT engine re-sent it). */
  localTo: string | null;
  /** The cloud port the packet left from: its security groups filter egress and match remote groups. */
  port: Iface | null;
  /** host-local through a NAT engine: the address the guest dials for the host's loopback (10.0.2.2). */
  dialsLoopbackAs: string | null;
  /** The packets get this far and are dropped here: the NAT engine's loopback is off, or NAT cannot carry the protocol. */
  block: Block | null;
  steps: Step[];
}

type VantageFields = Partial<Vantage> & Pick<Vantage, 'at' | 'src' | 'steps'>;

function vantage(v: VantageFields): Vantage {
  return { segment: null, host: null, address: null, subnet: null, localTo: null, port: null, dialsLoopbackAs: null, block: null, ...v };
}

/** Everywhere a source's packets can get for this flow (the protocol decides what NAT carries). */
export function vantagesOf(ix: TopologyIndex, source: EndpointInfo, flow: Flow): Vantage[] {
  switch (source.kind) {
    case 'internet':
      return [vantage({ at: 'internet', src: ix.t.internet.clientAddress, steps: [step('start', INTERNET, null, ix.t.internet.clientAddress)] })];
    case 'host':
      return hostVantages(ix, source.host!, (src) => [step('start', source.id, null, src)], null);
    case 'device':
      return [...ownStack(source), ...stationVantages(ix, source.ifaces[0]!, [step('start', source.id, null, source.ifaces[0]!.address)], source.id)];
    case 'vm':
      return [...ownStack(source), ...vmVantages(ix, source, flow)];
  }
}

function step(code: HopCode, node: string, edge: string | null, src: string, translation: Translation | null = null, dst: string | null = null): Step {
  return { code, node, edge, src, dst, translation };
}

function snat(before: string, after: string, by: ElementRef): Translation {
  return { kind: 'snat', before, after, by };
}

/** A VM's or device's own loopback and own addresses: a connection to itself never leaves its stack. */
function ownStack(source: EndpointInfo): Vantage[] {
  return [
    vantage({ at: 'host-local', host: source.id, src: LOOPBACK, localTo: source.id, steps: [step('start', source.id, null, LOOPBACK)] }),
    ...source.ifaces.map((iface) => vantage({ at: 'self', host: source.id, address: iface.address, src: iface.address, localTo: source.id, steps: [step('start', source.id, null, iface.address)] })),
  ];
}

/** A machine on a LAN: its segment, and the internet through the LAN router. */
function stationVantages(ix: TopologyIndex, iface: Iface, prefix: Step[], owner: string): Vantage[] {
  const onLan = [...prefix, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)];
  const out: Vantage[] = [vantage({ at: 'segment', segment: iface.segment, src: iface.address, subnet: iface.subnet, localTo: owner, steps: onLan })];
  const internet = viaLanRouter(ix, iface.segment, iface.address, onLan);
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
  return vantage({
    at: 'internet',
    src: lan.publicAddress,
    steps: [...prefix, step('lan-router', lan.id, null, lan.publicAddress, snat(src, lan.publicAddress, ref)), step('internet', INTERNET, edgeIds.uplink(lan.id), lan.publicAddress)],
  });
}

/** How a NAT engine or NAT network service enters the host's stack on behalf of a guest. */
interface NatEntry {
  from: string;
  code: HopCode;
  edge: string;
  ref: ElementRef;
  /** Plain NAT: the gateway address (10.0.(k+2).2) that stands for the host's loopback, and whether it is reachable. */
  loopback: { alias: string; reachable: boolean; block: Block } | null;
  /** Set when this NAT cannot carry the flow's protocol: every vantage through it drops the packets. */
  unsupported: Block | null;
}

/**
 * Everything the host's own stack can reach. A NAT engine opens its connections from the
 * host's sockets, so a NAT guest gets these same vantages, its address translated to the
 * host's (`nat.from` is the guest address). `start(src)` is the first hop of the host's own
 * connection, from the address it leaves by.
 */
function hostVantages(ix: TopologyIndex, host: Host, start: (src: string) => Step[], nat: NatEntry | null): Vantage[] {
  const info = ix.endpoints.get(host.id)!;
  const out: Vantage[] = [];
  const enter = (src: string): Step[] => (nat === null ? start(src) : [...start(src), step(nat.code, host.id, nat.edge, src, snat(nat.from, src, nat.ref))]);
  const block = nat?.unsupported ?? null;
  if (nat === null) {
    out.push(vantage({ at: 'host-local', host: host.id, src: LOOPBACK, localTo: host.id, steps: enter(LOOPBACK) }));
  } else if (nat.loopback) {
    // The NAT engine maps its gateway address (10.0.2.2) to the host's loopback interface, when allowed (N10).
    const { alias } = nat.loopback;
    const translation: Translation = { kind: 'dnat', before: alias, after: LOOPBACK, by: nat.ref };
    out.push(
      vantage({
        at: 'host-local', host: host.id, src: LOOPBACK, localTo: host.id, dialsLoopbackAs: alias,
        block: block ?? (nat.loopback.reachable ? null : nat.loopback.block),
        steps: [...start(LOOPBACK).map((s) => ({ ...s, dst: alias })), step('nat-loopback', host.id, nat.edge, LOOPBACK, translation, LOOPBACK)],
      }),
    );
  }
  for (const iface of info.ifaces) {
    // The host's own address, reached inside its stack (also by its NAT guests: the engine connects from the host's sockets).
    out.push(vantage({ at: 'self', host: host.id, address: iface.address, src: iface.address, localTo: host.id, block, steps: enter(iface.address) }));
    const onSegment = [...enter(iface.address), step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)];
    out.push(vantage({ at: 'segment', segment: iface.segment, src: iface.address, localTo: host.id, block, steps: onSegment }));
    const internet = viaLanRouter(ix, iface.segment, iface.address, onSegment);
    if (internet) out.push({ ...internet, block });
  }
  return out;
}

/**
 * VirtualBox's NAT (the per-VM engine and the NAT network service) re-sends TCP and UDP from the
 * host's sockets and answers or relays ICMP echo; it carries no other IP protocol (Manual, NAT
 * limitations: "Protocols other than TCP and UDP are not supported. GRE is not supported").
 */
export function natCarries(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp';
}

function vmVantages(ix: TopologyIndex, vm: EndpointInfo, flow: Flow): Vantage[] {
  const out: Vantage[] = [];
  for (const iface of vm.ifaces) {
    const nic = iface.nic!;
    const start = [step('start', vm.id, null, iface.address)];
    const adapter = iface.slot! + 1;
    switch (nic.mode) {
      case 'nat':
        if (vm.host) {
          const alias = natAddressing(iface.slot!).gateway;
          const loopbackRef: ElementRef = { ...iface.ref, path: [...iface.ref.path, 'localhostReachable'] };
          out.push(
            ...hostVantages(ix, vm.host, () => start, {
              from: iface.address,
              code: 'nat-engine',
              edge: iface.edge,
              ref: iface.ref,
              loopback: {
                alias,
                reachable: nic.localhostReachable,
                block: networkBlock('NAT_LOOPBACK_UNREACHABLE', loopbackRef, { node: vm.id, adapter, host: vm.host.id, gateway: alias, hostAddress: vm.host.address }),
              },
              unsupported: natCarries(flow.protocol) ? null : networkBlock('NAT_PROTOCOL_UNSUPPORTED', iface.ref, { node: vm.id, adapter, protocol: protocolLabel(flow.protocol), engine: 'NAT engine' }),
            }),
          );
        }
        break;
      case 'nat-network': {
        const onNet = [...start, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)];
        out.push(vantage({ at: 'segment', segment: iface.segment, src: iface.address, localTo: vm.id, steps: onNet }));
        if (vm.host) {
          const ref: ElementRef = { kind: 'nat-network', owner: vm.host.id, node: segmentNodeId(iface.segment), edge: edgeIds.natNetworkLink(vm.host.id, nic.network!), path: natNetworkPath(ix, vm.host.id, nic.network!) };
          out.push(
            ...hostVantages(ix, vm.host, () => onNet, {
              from: iface.address,
              code: 'nat-service',
              edge: edgeIds.natNetworkLink(vm.host.id, nic.network!),
              ref,
              loopback: null,
              unsupported: natCarries(flow.protocol) ? null : networkBlock('NAT_PROTOCOL_UNSUPPORTED', ref, { node: vm.id, adapter, protocol: protocolLabel(flow.protocol), engine: `NAT network service of ${nic.network!}` }),
            }),
          );
        }
        break;
      }
      case 'bridged':
        out.push(...stationVantages(ix, iface, start, vm.id));
        break;
      case 'host-only':
      case 'internal':
        out.push(vantage({ at: 'segment', segment: iface.segment, src: iface.address, subnet: iface.subnet, localTo: vm.id, steps: [...start, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)] }));
        break;
      case 'generic':
        // A UDP tunnel is a cable between two adapters; it carries frames only while the hosts exchange UDP (N48).
        out.push(
          vantage({
            at: 'segment', segment: iface.segment, src: iface.address, subnet: iface.subnet, localTo: vm.id,
            block: tunnelBlock(ix, iface.segment, { vm: vm.id, slot: iface.slot! }),
            steps: [...start, step('switch', segmentNodeId(iface.segment), iface.edge, iface.address)],
          }),
        );
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

function networkBlock(code: Block['code'], element: ElementRef, params: Block['params']): Block {
  return { code, stage: STAGE.network, element, params };
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
  const owner = iface.owner;
  const onNet = [...start, step('switch', netId, iface.edge, iface.address)];
  const out: Vantage[] = [vantage({ at: 'segment', segment: iface.segment, src: iface.address, localTo: owner, port: iface, steps: onNet })];
  for (const { router, index } of ix.routersOfNetwork.get(netId) ?? []) {
    const inRouter = [...onNet, step('router', router.id, edgeIds.routerInterface(router.id, netId), iface.address)];
    for (const other of router.interfaces) {
      if (other === netId) continue;
      out.push(vantage({ at: 'segment', segment: `cloud:${other}`, src: iface.address, localTo: owner, port: iface, steps: [...inRouter, step('switch', other, edgeIds.routerInterface(router.id, other), iface.address)] }));
    }
    if (router.externalNetwork === null) continue;
    const gateway = edgeIds.routerGateway(router.id);
    if (nic.floatingIp !== null) {
      const ref: ElementRef = { kind: 'nic', owner: iface.owner, node: iface.owner, edge: iface.edge, path: [...iface.ref.path, 'floatingIp'] };
      out.push(
        vantage({
          at: 'internet', src: nic.floatingIp, port: iface,
          steps: [...onNet, step('floating-ip', router.id, edgeIds.routerInterface(router.id, netId), nic.floatingIp, snat(iface.address, nic.floatingIp, ref)), step('internet', INTERNET, gateway, nic.floatingIp)],
        }),
      );
    } else if (router.snat && router.externalAddress !== null) {
      const ref = routerRef(router, index, gateway);
      out.push(
        vantage({
          at: 'internet', src: router.externalAddress, port: iface,
          steps: [...onNet, step('router-snat', router.id, edgeIds.routerInterface(router.id, netId), router.externalAddress, snat(iface.address, router.externalAddress, ref)), step('internet', INTERNET, gateway, router.externalAddress)],
        }),
      );
    }
  }
  return out;
}
