import type { NicMode } from './types';

/**
 * A segment is one layer-2 network: the NICs on it can reach each other directly. Segment
 * keys double as graph node ids for the networks that have no id of their own.
 *
 * Host-local VirtualBox networks (NAT networks, host-only and internal networks) are scoped
 * to their host: the same name on two hosts is two separate networks.
 */
export type SegmentKind = 'lan' | 'nat' | 'nat-network' | 'host-only' | 'internal' | 'udp-tunnel' | 'cloud';

export function lanSegment(lanId: string): string {
  return `lan:${lanId}`;
}
export function natSegment(vmId: string, slot: number): string {
  return `nat:${vmId}:${slot}`;
}
export function natNetworkSegment(hostId: string, name: string): string {
  return `natnet:${hostId}:${name}`;
}
export function hostOnlySegment(hostId: string, name: string): string {
  return `hostonly:${hostId}:${name}`;
}
export function internalSegment(hostId: string, name: string): string {
  return `intnet:${hostId}:${name}`;
}
/**
 * A UDP tunnel links two adapters whose ends mirror each other: each sends to the other's host
 * and port. Its key is the unordered pair of ends "host address:port", so both adapters of a
 * working pair compute the same key (127.0.0.1 stands for the adapter's own host). Without its
 * host's address the adapter gets a key of its own (no peer).
 */
export function tunnelSegment(vmId: string, slot: number, tunnel: { sport: number; dport: number; dest: string }, hostAddress: string | null): string {
  if (hostAddress === null) return `udptunnel:${vmId}:${slot}`;
  const remote = tunnel.dest.startsWith('127.') ? hostAddress : tunnel.dest;
  return `udptunnel:${[`${hostAddress}:${tunnel.sport}`, `${remote}:${tunnel.dport}`].sort().join('|')}`;
}
export function cloudSegment(networkId: string): string {
  return `cloud:${networkId}`;
}

/** The segment a VM NIC attaches to, or null when it is not attached anywhere. */
export function nicSegment(
  vm: { id: string; host: string | null },
  nic: { mode: NicMode; network: string | null; tunnel?: { sport: number; dport: number; dest: string } | null },
  slot: number,
  hostLan: string | null,
  /** The VM's host's own address; only UDP tunnels need it. */
  hostAddress: string | null = null,
): string | null {
  switch (nic.mode) {
    case 'generic':
      return vm.host === null || !nic.tunnel ? null : tunnelSegment(vm.id, slot, nic.tunnel, hostAddress);
    case 'not-attached':
      return null;
    case 'nat':
      return natSegment(vm.id, slot);
    case 'bridged':
      return hostLan === null ? null : lanSegment(hostLan);
    case 'nat-network':
      return vm.host === null || nic.network === null ? null : natNetworkSegment(vm.host, nic.network);
    case 'host-only':
      return vm.host === null || nic.network === null ? null : hostOnlySegment(vm.host, nic.network);
    case 'internal':
      return vm.host === null || nic.network === null ? null : internalSegment(vm.host, nic.network);
    case 'cloud':
      return nic.network === null ? null : cloudSegment(nic.network);
  }
}

/** Graph node id of a segment: LANs and project networks are nodes under their own id. */
export function segmentNodeId(segment: string): string {
  if (segment.startsWith('lan:')) return segment.slice(4);
  if (segment.startsWith('cloud:')) return segment.slice(6);
  return segment;
}

export function segmentKind(segment: string): SegmentKind {
  const prefix = segment.slice(0, segment.indexOf(':'));
  switch (prefix) {
    case 'lan':
      return 'lan';
    case 'nat':
      return 'nat';
    case 'natnet':
      return 'nat-network';
    case 'hostonly':
      return 'host-only';
    case 'intnet':
      return 'internal';
    case 'udptunnel':
      return 'udp-tunnel';
    default:
      return 'cloud';
  }
}
