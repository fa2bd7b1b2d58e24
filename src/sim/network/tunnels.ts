import { describeBlock, hintFor } from './explain';
import { evaluate } from './reachability';
import type { TopologyIndex } from './topology-index';
import type { Host, UdpTunnel } from './types';
import { STAGE, type Block } from './verdict';

/** One adapter's end of a UDP tunnel. */
export interface TunnelEnd {
  vm: string;
  slot: number;
  host: Host;
  tunnel: UdpTunnel;
}

const cache = new WeakMap<TopologyIndex, Map<string, TunnelEnd[]>>();

/** The adapters on each tunnel segment (two when the ends mirror each other, one when unpaired). */
export function tunnelEnds(ix: TopologyIndex, segment: string): TunnelEnd[] {
  let bySegment = cache.get(ix);
  if (!bySegment) {
    bySegment = new Map();
    for (const vm of ix.t.vms) {
      if (!vm.nics.some((n) => n.mode === 'generic')) continue;
      const info = ix.endpoints.get(vm.id);
      for (const n of info?.nics ?? []) {
        if (n.nic.mode !== 'generic' || n.segment === null || !n.nic.tunnel || !info!.host) continue;
        const list = bySegment.get(n.segment) ?? [];
        list.push({ vm: vm.id, slot: n.slot, host: info!.host, tunnel: n.nic.tunnel });
        bySegment.set(n.segment, list);
      }
    }
    cache.set(ix, bySegment);
  }
  return bySegment.get(segment) ?? [];
}

/**
 * A tunnel carries frames only while each host can send UDP to the other's port: the datagrams
 * travel like any other host traffic, so a LAN router's NAT between two LANs or a host firewall
 * that drops the port stops the tunnel (N48). Returns the first direction that fails, as a
 * block naming the element to change, or null when both directions pass. The VirtualBox process
 * holds the port, so the host's own services do not matter: getting to the host is enough.
 */
export function tunnelBlock(ix: TopologyIndex, segment: string, self: { vm: string; slot: number }): Block | null {
  const ends = tunnelEnds(ix, segment);
  const mine = ends.find((e) => e.vm === self.vm && e.slot === self.slot);
  const peer = ends.find((e) => e !== mine);
  if (!mine || !peer) return null;
  for (const [from, to] of [[mine, peer], [peer, mine]] as const) {
    // The ends pair only when `dest` is the other host's address (or loopback on one host), so the host's best route is the one.
    const v = evaluate(ix, { from: from.host.id, to: to.host.id, protocol: 'udp', port: from.tunnel.dport });
    if (v.ok || v.blocked!.stage === STAGE.service) continue;
    return {
      code: 'TUNNEL_UDP_BLOCKED',
      stage: STAGE.network,
      element: v.blocked!.element,
      params: {
        node: from.vm, adapter: from.slot + 1, host: from.host.id, peerHost: to.host.id, dest: from.tunnel.dest, dport: from.tunnel.dport,
        reason: describeBlock(v.blocked!), fix: hintFor(v.blocked!),
      },
    };
  }
  return null;
}
