import { edgeIds } from './graph-ids';
import { ANY_ADDRESS, LOOPBACK } from './ip';
import { segmentNodeId } from './segments';
import type { EndpointInfo, ForwardInfo, Iface, TopologyIndex } from './topology-index';
import { INTERNET, type IpProtocol } from './types';
import type { ElementRef, HopCode, Translation } from './verdict';

/** What is sent: the protocol and, for TCP and UDP, the destination port on the target. */
export interface Flow {
  protocol: IpProtocol;
  port: number | null;
}

/** A server somewhere on the internet (TEST-NET-2, RFC 5737) for "to: internet" queries. */
export const INTERNET_SERVER_ADDRESS = '198.51.100.80';

/** A hop after the meeting point; the destination is known here (it may have been translated). */
export interface EntryStep {
  code: HopCode;
  node: string;
  edge: string | null;
  dst: string;
  dstPort: number | null;
  translation: Translation | null;
}

/**
 * A way into a target: where a packet must appear (segment, host-local, internet), the
 * address and port it must be sent to there, and where it finally arrives. A port forward or
 * a floating IP is an entry whose destination is translated on the way in.
 */
export interface Entry {
  at: 'segment' | 'host-local' | 'internet';
  segment: string | null;
  host: string | null;
  subnet: string | null;
  dst: string;
  dstPort: number | null;
  /**
   * The endpoint whose own (non-loopback) address `dst` is. That endpoint reaches the entry from
   * inside its own stack (a "self" vantage), never across a network.
   */
  ownAddressOf: string | null;
  /** The forward used, whose host's firewall must allow the host port. */
  forward: ForwardInfo | null;
  arrive: {
    endpoint: EndpointInfo;
    /** The interface it arrives on; null for the loopback interface and for the internet. */
    iface: Iface | null;
    address: string;
    port: number | null;
    /** Arrives on the loopback interface of the target (host-local delivery). */
    loopback: boolean;
  };
  steps: EntryStep[];
}

export interface EntryOptions {
  /** Ignore the listen address of port forwards (to explain why a forward did not apply). */
  ignoreForwardBinding?: boolean;
}

/**
 * Every way into a target for one flow. Each endpoint has a loopback entry (host-local, keyed by
 * its own id) and one entry per own address. On a host, a port forward owns the host port on the
 * addresses it listens on, so a connection there goes to the guest, not to the host's own stack.
 */
export function entriesOf(ix: TopologyIndex, target: EndpointInfo, flow: Flow, options: EntryOptions = {}): Entry[] {
  const { port, protocol } = flow;
  switch (target.kind) {
    case 'internet':
      return [
        {
          at: 'internet', segment: null, host: null, subnet: null, dst: INTERNET_SERVER_ADDRESS, dstPort: port, ownAddressOf: null, forward: null,
          arrive: { endpoint: target, iface: null, address: INTERNET_SERVER_ADDRESS, port, loopback: false },
          steps: [arriveStep(INTERNET, null, INTERNET_SERVER_ADDRESS, port)],
        },
      ];
    case 'device':
      return [loopbackEntry(target, port), ...target.ifaces.map((iface) => direct(target, iface, port))];
    case 'host': {
      const forwards = (ix.forwardsByHost.get(target.id) ?? []).filter((f) => port !== null && f.rule.hostPort === port && f.rule.protocol === protocol && f.target);
      const out: Entry[] = [];
      // A connection to a forwarded host port is delivered to the guest behind the forward.
      for (const f of forwards) out.push(...forwardEntries(ix, f, options));
      const forwarded = new Set(out.map((e) => (e.at === 'host-local' ? LOOPBACK : e.dst)));
      if (!forwarded.has(LOOPBACK)) out.unshift(loopbackEntry(target, port));
      for (const iface of target.ifaces) if (!forwarded.has(iface.address)) out.push(direct(target, iface, port));
      return out;
    }
    case 'vm': {
      const out: Entry[] = [loopbackEntry(target, port)];
      for (const iface of target.ifaces) {
        // A NAT adapter's address is reachable from the VM itself only (ownAddressOf): no vantage outside sits on its segment.
        out.push(direct(target, iface, port));
        if (iface.nic?.mode === 'cloud' && iface.nic.floatingIp !== null) {
          const viaFip = floatingIpEntry(ix, target, iface, port);
          if (viaFip) out.push(viaFip);
        }
      }
      if (target.host && port !== null) {
        for (const f of ix.forwardsByHost.get(target.host.id) ?? []) {
          if (f.target?.vm === target.id && f.rule.guestPort === port && f.rule.protocol === protocol) out.push(...forwardEntries(ix, f, options));
        }
      }
      return out;
    }
  }
}

/** The endpoint's own loopback interface: only its own stack (and a NAT guest through 10.0.2.2, for a host) gets here. */
function loopbackEntry(target: EndpointInfo, port: number | null): Entry {
  return {
    at: 'host-local', segment: null, host: target.id, subnet: null, dst: LOOPBACK, dstPort: port, ownAddressOf: null, forward: null,
    arrive: { endpoint: target, iface: null, address: LOOPBACK, port, loopback: true },
    steps: [arriveStep(target.id, null, LOOPBACK, port)],
  };
}

function arriveStep(node: string, edge: string | null, dst: string, dstPort: number | null): EntryStep {
  return { code: 'arrive', node, edge, dst, dstPort, translation: null };
}

function direct(target: EndpointInfo, iface: Iface, port: number | null): Entry {
  return {
    at: 'segment', segment: iface.segment, host: null, subnet: iface.subnet, dst: iface.address, dstPort: port, ownAddressOf: target.id, forward: null,
    arrive: { endpoint: target, iface, address: iface.address, port, loopback: false },
    steps: [arriveStep(target.id, iface.edge, iface.address, port)],
  };
}

/** In through the router: the floating IP is translated 1:1 to the port's fixed IP. */
function floatingIpEntry(ix: TopologyIndex, target: EndpointInfo, iface: Iface, port: number | null): Entry | null {
  const nic = iface.nic!;
  const routed = (ix.routersOfNetwork.get(nic.network!) ?? []).find((r) => r.router.externalNetwork !== null);
  if (!routed) return null;
  const { router } = routed;
  const ref: ElementRef = { kind: 'nic', owner: target.id, node: target.id, edge: iface.edge, path: [...iface.ref.path, 'floatingIp'] };
  const fip = nic.floatingIp!;
  return {
    at: 'internet', segment: null, host: null, subnet: null, dst: fip, dstPort: port, ownAddressOf: null, forward: null,
    arrive: { endpoint: target, iface, address: iface.address, port, loopback: false },
    steps: [
      { code: 'floating-ip', node: router.id, edge: edgeIds.routerGateway(router.id), dst: iface.address, dstPort: port, translation: { kind: 'dnat', before: fip, after: iface.address, by: ref } },
      { code: 'switch', node: nic.network!, edge: edgeIds.routerInterface(router.id, nic.network!), dst: iface.address, dstPort: port, translation: null },
      arriveStep(target.id, iface.edge, iface.address, port),
    ],
  };
}

/**
 * The host addresses a forward listens on: every host address (including loopback) when the
 * host IP is empty or 0.0.0.0, otherwise only that address.
 */
function forwardEntries(ix: TopologyIndex, f: ForwardInfo, options: EntryOptions): Entry[] {
  const hostInfo = ix.endpoints.get(f.host)!;
  const target = ix.endpoints.get(f.target!.vm)!;
  const guestIface = target.ifaces.find((i) => i.slot === f.target!.slot) ?? null;
  if (!guestIface) return [];
  const bind = f.rule.hostIp;
  const any = bind === '' || bind === ANY_ADDRESS || options.ignoreForwardBinding === true;
  /** `edge`: the host interface the connection came in on (none when it starts on the host). */
  const after = (dst: string, edge: string | null): EntryStep[] => {
    const translation: Translation = { kind: 'dnat', before: `${dst}:${f.rule.hostPort}`, after: `${guestIface.address}:${f.rule.guestPort}`, by: f.ref };
    const steps: EntryStep[] = [{ code: 'port-forward', node: f.host, edge, dst: guestIface.address, dstPort: f.rule.guestPort, translation }];
    if (f.via === 'nat-network') {
      steps.push({ code: 'switch', node: segmentNodeId(guestIface.segment), edge: edgeIds.natNetworkLink(f.host, f.natNetwork!), dst: guestIface.address, dstPort: f.rule.guestPort, translation: null });
    }
    steps.push(arriveStep(target.id, guestIface.edge, guestIface.address, f.rule.guestPort));
    return steps;
  };
  const arrive = { endpoint: target, iface: guestIface, address: guestIface.address, port: f.rule.guestPort, loopback: false };
  const out: Entry[] = [];
  if (any || bind === LOOPBACK) {
    out.push({ at: 'host-local', segment: null, host: f.host, subnet: null, dst: LOOPBACK, dstPort: f.rule.hostPort, ownAddressOf: null, forward: f, arrive, steps: after(LOOPBACK, null) });
  }
  for (const iface of hostInfo.ifaces) {
    if (!any && iface.address !== bind) continue;
    out.push({ at: 'segment', segment: iface.segment, host: null, subnet: null, dst: iface.address, dstPort: f.rule.hostPort, ownAddressOf: f.host, forward: f, arrive, steps: after(iface.address, iface.edge) });
  }
  return out;
}
