import type { PathSegment } from '../core/issues';
import type { IpProtocol } from './protocols';

/**
 * "Can `from` open a connection to port `port`/`protocol` of `to`?" Ids are node ids. For ICMP
 * the question is a ping (an echo request and its reply); for other protocols without ports
 * (GRE, ESP, a number) whether the packets arrive at `to`. This is the canonical form every
 * verdict carries; `canConnect` also accepts a looser `QueryInput`.
 */
export interface Query {
  from: string;
  to: string;
  protocol: IpProtocol;
  /** TCP and UDP: the port on `to` (through a forward, the source dials the forward's host port). Null for other protocols. */
  port: number | null;
  /**
   * The destination address the source uses (a floating IP or the private IP, the host's LAN
   * address or 127.0.0.1, 10.0.2.2 from a NAT guest). Omitted or null: any address of `to`, and
   * the engine shows the best route.
   */
  address?: string | null;
}

/** A query as typed: the protocol by name or number ("tcp" when left out), the port optional for protocols without ports. */
export interface QueryInput {
  from: string;
  to: string;
  protocol?: string | number;
  port?: number | null;
  address?: string | null;
}

/** A configuration element a view can highlight (graph ids) and an editor can jump to (state path). */
export interface ElementRef {
  kind:
    | 'vm'
    | 'host'
    | 'device'
    | 'internet'
    | 'nic'
    | 'port-forward'
    | 'security-group'
    | 'firewall'
    | 'service'
    | 'lan'
    | 'network'
    | 'router'
    | 'nat-network'
    | 'host-only-network'
    | 'internal-network';
  /** The endpoint or entity the element belongs to, e.g. the VM id for a NIC. */
  owner: string;
  /** Graph node to highlight, if the element is drawn as (or inside) a node. */
  node: string | null;
  /** Graph edge to highlight, if the element is drawn as an edge (a NIC attachment, an uplink). */
  edge: string | null;
  /** Where the element lives in the topology state, e.g. ["vms", 2, "nics", 0]. */
  path: PathSegment[];
}

export type HopCode =
  /** The connection leaves the source. */
  | 'start'
  /** Source and destination are the same machine: the loopback interface. */
  | 'loopback'
  /** Crosses a layer-2 network (LAN, host-only, internal, NAT network, project network). */
  | 'switch'
  /** VirtualBox's per-VM NAT engine, which opens the connection from the host's own sockets. */
  | 'nat-engine'
  /** VirtualBox's NAT network service. */
  | 'nat-service'
  /** The NAT engine passing a connection to its gateway address (10.0.2.2) to the host's loopback interface. */
  | 'nat-loopback'
  /** The LAN's router translating to its public address. */
  | 'lan-router'
  | 'internet'
  /** A Neutron router forwarding between project networks. */
  | 'router'
  /** A Neutron router translating to its gateway address. */
  | 'router-snat'
  /** A floating IP: 1:1 NAT in the Neutron router. */
  | 'floating-ip'
  /** A VirtualBox port forward: host address:port → guest address:port. */
  | 'port-forward'
  /** Delivered to the destination. */
  | 'arrive';

export interface Translation {
  kind: 'snat' | 'dnat';
  /** "10.0.2.15" for SNAT; "192.168.1.10:8080" for DNAT. */
  before: string;
  after: string;
  by: ElementRef;
}

export interface Hop {
  code: HopCode;
  node: string;
  /** Graph edge crossed to reach `node`; null for the first hop and steps inside a node. */
  edge: string | null;
  /** Source and destination as they are at this hop (after any translation here). */
  src: string;
  dst: string;
  /** Null for protocols without ports (ICMP, GRE…). */
  dstPort: number | null;
  translation: Translation | null;
}

/** How far a connection got, for picking the most informative failure among several routes. */
export const STAGE = {
  network: 0,
  egress: 1,
  hostFirewall: 2,
  ingress: 3,
  firewall: 4,
  service: 5,
} as const;

export type BlockCode =
  | 'SOURCE_NOT_ATTACHED'
  | 'TARGET_NOT_ATTACHED'
  | 'NO_ADDRESS'
  | 'NAT_NO_INBOUND'
  | 'NAT_NO_INBOUND_PROTOCOL'
  | 'NAT_NETWORK_NO_INBOUND'
  | 'NAT_LOOPBACK_UNREACHABLE'
  | 'NAT_PROTOCOL_UNSUPPORTED'
  | 'ADDRESS_LOOPBACK_OTHER'
  | 'ADDRESS_NOT_TARGET'
  | 'ADDRESS_NOT_ROUTED'
  | 'TUNNEL_NO_PEER'
  | 'TUNNEL_UDP_BLOCKED'
  | 'TUNNEL_ONLY'
  | 'PORT_FORWARD_LOOPBACK_ONLY'
  | 'PORT_FORWARD_OTHER_ADDRESS'
  | 'PORT_FORWARD_NO_GUEST'
  | 'INTERNAL_ISOLATED'
  | 'INTERNAL_NAME_MISMATCH'
  | 'INTERNAL_SUBNET_MISMATCH'
  | 'HOST_ONLY_NO_OUTSIDE'
  | 'HOST_ONLY_DIFFERENT_NETWORK'
  | 'DIFFERENT_HOSTS'
  | 'SOURCE_INTERNAL_ONLY'
  | 'SOURCE_HOST_ONLY_ONLY'
  | 'LAN_NO_INBOUND'
  | 'LAN_NO_INTERNET'
  | 'CLOUD_NO_FLOATING_IP'
  | 'CLOUD_NO_GATEWAY'
  | 'CLOUD_SNAT_DISABLED'
  | 'CLOUD_NETWORKS_NOT_ROUTED'
  | 'NO_ROUTE'
  | 'SG_EGRESS_DENIED'
  | 'HOST_FIREWALL_BLOCKS'
  | 'SG_INGRESS_DENIED'
  | 'FIREWALL_BLOCKS'
  | 'SERVICE_NOT_LISTENING'
  | 'SERVICE_LOOPBACK_ONLY'
  | 'SERVICE_BOUND_ELSEWHERE';

export type Params = Record<string, string | number>;

/** The first thing that stopped the connection, and the element to change. */
export interface Block {
  code: BlockCode;
  stage: number;
  element: ElementRef;
  params: Params;
}

export interface Verdict {
  ok: boolean;
  query: Query;
  /** The whole path when ok; when blocked, the hops up to the point where it stopped (may be empty). */
  path: Hop[];
  blocked: Block | null;
  /** Where the connection ends up; a port forward can deliver it to another machine and port (null: no ports). */
  deliveredTo: { node: string; port: number | null } | null;
}
