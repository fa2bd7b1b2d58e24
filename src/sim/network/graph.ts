import type { PathSegment } from '../core/issues';
import { modeName } from './explain';
import { tunnelEnds } from './tunnels';
import { edgeIds } from './graph-ids';
import { nicAddressing, type NicAddressing } from './nic-addressing';
import { segmentNodeId } from './segments';
import { indexTopology } from './topology-index';
import { INTERNET, type NicMode, type Topology } from './types';
import type { Verdict } from './verdict';

export type GraphNodeKind =
  | 'internet'
  | 'lan'
  | 'host'
  | 'device'
  | 'vm'
  | 'nat-network'
  | 'host-only-network'
  | 'internal-network'
  | 'cloud-network'
  | 'udp-tunnel'
  | 'router';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Addresses, or the network's block: "192.168.1.50" / "10.0.2.0/24". */
  sublabel: string;
  addresses: string[];
  /** The VirtualBox host a VM or host-local network belongs to (for compound grouping); else null. */
  parent: string | null;
  /** Where the node's entity lives in the state. */
  path: PathSegment[];
  /** VMs: one line per adapter, including the ones that are not attached (which have no edge). */
  adapters: ({ slot: number; mode: NicMode; network: string | null; address: string | null; floatingIp: string | null } & NicAddressing)[];
}

export type GraphEdgeMode =
  | NicMode
  | 'lan'
  | 'host-only-adapter'
  | 'nat-service'
  | 'uplink'
  | 'router-interface'
  | 'router-gateway';

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  mode: GraphEdgeMode;
  /** Everything about the link: "NAT · 10.0.2.15 · tcp *:8080→80". */
  label: string;
  /**
   * The short form for a crowded drawing: what the link's ends do not already show. Adapters keep
   * their mode and forwards (the VM's node shows its address); a plain LAN cable or the host's own
   * host-only interface gets "" (the node shows the address).
   */
  caption: string;
  path: PathSegment[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Plain nodes and edges for a graph view, with ids that stay the same across edits, so an
 * adapter can patch a rendered graph by id. A NAT adapter is drawn as an edge to its host (the
 * NAT engine runs there); internal networks have no edge to the host (the host cannot see them).
 */
export function toGraph(t: Topology): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const node = (n: Omit<GraphNode, 'adapters'> & { adapters?: GraphNode['adapters'] }) => nodes.push({ adapters: [], ...n });

  node({ id: INTERNET, kind: 'internet', label: 'Internet', sublabel: '', addresses: [], parent: null, path: ['internet'] });

  t.lans.forEach((lan, i) => {
    node({ id: lan.id, kind: 'lan', label: lan.label, sublabel: lan.cidr, addresses: [lan.gateway], parent: null, path: ['lans', i] });
    if (lan.internet === 'nat') {
      const label = `NAT router ${lan.gateway} → ${lan.publicAddress}`;
      edges.push({ id: edgeIds.uplink(lan.id), source: lan.id, target: INTERNET, mode: 'uplink', label, caption: label, path: ['lans', i] });
    }
  });

  t.hosts.forEach((host, i) => {
    const addresses = [host.address, ...host.hostOnlyNetworks.map((n) => n.hostAddress)];
    node({ id: host.id, kind: 'host', label: host.label, sublabel: addresses.join(', '), addresses, parent: null, path: ['hosts', i] });
    edges.push({ id: edgeIds.link(host.id), source: host.id, target: host.lan, mode: 'lan', label: host.address, caption: '', path: ['hosts', i, 'address'] });
    host.hostOnlyNetworks.forEach((net, j) => {
      const id = `hostonly:${host.id}:${net.name}`;
      node({ id, kind: 'host-only-network', label: net.name, sublabel: net.cidr, addresses: [net.hostAddress], parent: host.id, path: ['hosts', i, 'hostOnlyNetworks', j] });
      edges.push({ id: edgeIds.hostOnlyLink(host.id, net.name), source: host.id, target: id, mode: 'host-only-adapter', label: net.hostAddress, caption: '', path: ['hosts', i, 'hostOnlyNetworks', j] });
    });
    host.natNetworks.forEach((net, j) => {
      const id = `natnet:${host.id}:${net.name}`;
      const forwards = net.portForwards.map((f) => `${f.protocol} ${f.hostPort}→${f.guestIp}:${f.guestPort}`);
      node({ id, kind: 'nat-network', label: net.name, sublabel: net.cidr, addresses: [], parent: host.id, path: ['hosts', i, 'natNetworks', j] });
      const label = ['NAT service', ...forwards].join(' · ');
      edges.push({ id: edgeIds.natNetworkLink(host.id, net.name), source: id, target: host.id, mode: 'nat-service', label, caption: label, path: ['hosts', i, 'natNetworks', j] });
    });
  });

  t.devices.forEach((device, i) => {
    node({ id: device.id, kind: 'device', label: device.label, sublabel: device.address, addresses: [device.address], parent: null, path: ['devices', i] });
    edges.push({ id: edgeIds.link(device.id), source: device.id, target: device.lan, mode: 'lan', label: device.address, caption: '', path: ['devices', i, 'address'] });
  });

  t.networks.forEach((net, i) => node({ id: net.id, kind: 'cloud-network', label: net.label, sublabel: net.cidr, addresses: [net.gateway], parent: null, path: ['networks', i] }));
  t.routers.forEach((router, i) => {
    node({ id: router.id, kind: 'router', label: router.label, sublabel: router.externalAddress ?? '', addresses: router.externalAddress ? [router.externalAddress] : [], parent: null, path: ['routers', i] });
    for (const netId of router.interfaces) {
      const net = t.networks.find((n) => n.id === netId);
      const label = net?.gateway ?? '';
      edges.push({ id: edgeIds.routerInterface(router.id, netId), source: netId, target: router.id, mode: 'router-interface', label, caption: label, path: ['routers', i, 'interfaces', router.interfaces.indexOf(netId)] });
    }
    if (router.externalNetwork !== null) {
      const label = `${router.snat ? 'SNAT ' : ''}${router.externalAddress ?? ''}`.trim();
      edges.push({ id: edgeIds.routerGateway(router.id), source: router.id, target: INTERNET, mode: 'router-gateway', label, caption: label, path: ['routers', i, 'externalNetwork'] });
    }
  });

  // Internal networks exist only through the NICs that name them.
  const internal = new Set<string>();
  const ix = indexTopology(t);
  t.vms.forEach((vm, i) => {
    const info = ix.endpoints.get(vm.id)!;
    const addresses = info.ifaces.map((f) => f.address);
    const floating = vm.nics.flatMap((n) => (n.floatingIp ? [n.floatingIp] : []));
    node({
      id: vm.id,
      kind: 'vm',
      label: vm.label,
      sublabel: [...addresses, ...floating.map((f) => `${f} (floating)`)].join(', '),
      addresses,
      parent: vm.host,
      path: ['vms', i],
      adapters: vm.nics.map((n, slot) => ({ slot, mode: n.mode, network: n.network, address: n.address, floatingIp: n.floatingIp, ...nicAddressing(t, vm, slot) })),
    });
    for (const { slot, nic, segment } of info.nics) {
      if (segment === null) continue;
      const target = nic.mode === 'nat' ? vm.host! : segmentNodeId(segment);
      if (nic.mode === 'internal' && !internal.has(segment)) {
        internal.add(segment);
        node({ id: segment, kind: 'internal-network', label: nic.network!, sublabel: nic.subnet ?? '', addresses: [], parent: vm.host, path: ['vms', i, 'nics', slot, 'network'] });
      }
      if (nic.mode === 'generic' && !internal.has(segment)) {
        // One node per tunnel, outside both hosts: the frames travel between them over the network.
        internal.add(segment);
        const ends = segment.slice('udptunnel:'.length).split('|').join(' ⇄ ');
        const paired = tunnelEnds(ix, segment).length > 1;
        node({ id: segment, kind: 'udp-tunnel', label: 'UDP tunnel', sublabel: paired ? ends : `${ends} (no VM at the other end)`, addresses: [], parent: null, path: ['vms', i, 'nics', slot, 'tunnel'] });
      }
      const forwards = nic.mode === 'nat' ? nic.portForwards.map((f) => `${f.protocol} ${f.hostIp || '*'}:${f.hostPort}→${f.guestPort}`) : [];
      const label = [modeName(nic.mode), nic.address ?? 'no address', ...forwards].join(' · ');
      const caption = [modeName(nic.mode), ...(nic.address === null ? ['no address'] : []), ...forwards].join(' · ');
      edges.push({ id: edgeIds.nic(vm.id, slot), source: vm.id, target, mode: nic.mode, label, caption, path: ['vms', i, 'nics', slot] });
    }
  });

  return { nodes, edges };
}

export interface Highlight {
  /** Nodes and edges the connection went through, in order, without duplicates. */
  nodes: string[];
  edges: string[];
  /** Where it was stopped (the element responsible), when blocked. */
  blockedNode: string | null;
  blockedEdge: string | null;
}

/** The graph ids to highlight for a verdict: its path, and the element that blocked it. */
export function highlightFor(verdict: Verdict): Highlight {
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const hop of verdict.path) {
    if (!nodes.includes(hop.node)) nodes.push(hop.node);
    if (hop.edge !== null && !edges.includes(hop.edge)) edges.push(hop.edge);
  }
  return {
    nodes,
    edges,
    blockedNode: verdict.blocked?.element.node ?? null,
    blockedEdge: verdict.blocked?.element.edge ?? null,
  };
}
