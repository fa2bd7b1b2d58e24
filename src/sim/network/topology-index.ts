import type { PathSegment } from '../core';
import {
  hostOnlySegment,
  lanSegment,
  nicSegment,
} from './segments';
import type {
  CloudNetwork,
  EndpointKind,
  Firewall,
  Host,
  Lan,
  Nic,
  PortForward,
  Router,
  SecurityGroup,
  Service,
  Topology,
} from './types';
import { INTERNET } from './types';
import type { ElementRef } from './verdict';
import { edgeIds } from './graph-ids';

/** An attached, addressed interface of an endpoint on a segment. */
export interface Iface {
  owner: string;
  segment: string;
  address: string;
  /** Internal networks only: the subnet the static address was configured in. */
  subnet: string | null;
  /** VM NIC index; null for hosts and devices. */
  slot: number | null;
  nic: Nic | null;
  edge: string;
  ref: ElementRef;
}

export interface EndpointInfo {
  id: string;
  kind: EndpointKind;
  path: PathSegment[];
  /** Addressed interfaces, in NIC order (hosts: LAN first, then host-only networks). */
  ifaces: Iface[];
  /** VMs: every NIC with the segment it attaches to (null when not attached). */
  nics: { slot: number; nic: Nic; segment: string | null; ref: ElementRef }[];
  /** The VirtualBox host: the VM's host, or the host itself. */
  host: Host | null;
  services: Service[];
  firewall: Firewall;
}

export interface ForwardInfo {
  host: string;
  rule: PortForward;
  ref: ElementRef;
  via: 'nat' | 'nat-network';
  natNetwork: string | null;
  /** The guest the forward delivers to; null when its guest address matches no VM. */
  target: { vm: string; slot: number; address: string } | null;
}

export interface TopologyIndex {
  t: Topology;
  endpoints: Map<string, EndpointInfo>;
  hosts: Map<string, { host: Host; index: number }>;
  lans: Map<string, { lan: Lan; index: number }>;
  networks: Map<string, { network: CloudNetwork; index: number }>;
  routers: Map<string, { router: Router; index: number }>;
  routersOfNetwork: Map<string, { router: Router; index: number }[]>;
  groups: Map<string, { group: SecurityGroup; index: number }>;
  forwardsByHost: Map<string, ForwardInfo[]>;
  /** Cloud ports by fixed IP, to match rules with a remote group. */
  cloudPortByAddress: Map<string, Iface>;
}

const cache = new WeakMap<Topology, TopologyIndex>();

/**
 * Lookup tables for one topology. State is immutable, so the tables are built once per state
 * object and reused by every query on it (a matrix runs thousands of queries on one state).
 */
export function indexTopology(t: Topology): TopologyIndex {
  const cached = cache.get(t);
  if (cached) return cached;
  const built = build(t);
  cache.set(t, built);
  return built;
}

function build(t: Topology): TopologyIndex {
  const endpoints = new Map<string, EndpointInfo>();
  const hosts = new Map(t.hosts.map((host, index) => [host.id, { host, index }]));
  const lans = new Map(t.lans.map((lan, index) => [lan.id, { lan, index }]));
  const networks = new Map(t.networks.map((network, index) => [network.id, { network, index }]));
  const routers = new Map(t.routers.map((router, index) => [router.id, { router, index }]));
  const groups = new Map(t.securityGroups.map((group, index) => [group.id, { group, index }]));
  const routersOfNetwork = new Map<string, { router: Router; index: number }[]>();
  t.routers.forEach((router, index) => {
    for (const net of router.interfaces) {
      const list = routersOfNetwork.get(net) ?? [];
      list.push({ router, index });
      routersOfNetwork.set(net, list);
    }
  });

  endpoints.set(INTERNET, {
    id: INTERNET,
    kind: 'internet',
    path: ['internet'],
    ifaces: [],
    nics: [],
    host: null,
    services: [],
    firewall: { enabled: false, allow: [] },
  });

  t.hosts.forEach((host, i) => {
    const path: PathSegment[] = ['hosts', i];
    const ifaces: Iface[] = [
      {
        owner: host.id,
        segment: lanSegment(host.lan),
        address: host.address,
        subnet: null,
        slot: null,
        nic: null,
        edge: edgeIds.link(host.id),
        ref: { kind: 'host', owner: host.id, node: host.id, edge: edgeIds.link(host.id), path: [...path, 'address'] },
      },
    ];
    host.hostOnlyNetworks.forEach((net, j) => {
      const edge = edgeIds.hostOnlyLink(host.id, net.name);
      ifaces.push({
        owner: host.id,
        segment: hostOnlySegment(host.id, net.name),
        address: net.hostAddress,
        subnet: null,
        slot: null,
        nic: null,
        edge,
        ref: { kind: 'host-only-network', owner: host.id, node: hostOnlySegment(host.id, net.name), edge, path: [...path, 'hostOnlyNetworks', j] },
      });
    });
    endpoints.set(host.id, { id: host.id, kind: 'host', path, ifaces, nics: [], host, services: host.services, firewall: host.firewall });
  });

  t.devices.forEach((device, i) => {
    const path: PathSegment[] = ['devices', i];
    const edge = edgeIds.link(device.id);
    endpoints.set(device.id, {
      id: device.id,
      kind: 'device',
      path,
      ifaces: [
        {
          owner: device.id,
          segment: lanSegment(device.lan),
          address: device.address,
          subnet: null,
          slot: null,
          nic: null,
          edge,
          ref: { kind: 'device', owner: device.id, node: device.id, edge, path: [...path, 'address'] },
        },
      ],
      nics: [],
      host: null,
      services: device.services,
      firewall: device.firewall,
    });
  });

  const cloudPortByAddress = new Map<string, Iface>();
  const forwardsByHost = new Map<string, ForwardInfo[]>();
  const addForward = (f: ForwardInfo) => {
    const list = forwardsByHost.get(f.host) ?? [];
    list.push(f);
    forwardsByHost.set(f.host, list);
  };

  t.vms.forEach((vm, i) => {
    const path: PathSegment[] = ['vms', i];
    const host = vm.host === null ? null : (hosts.get(vm.host)?.host ?? null);
    const ifaces: Iface[] = [];
    const nics: EndpointInfo['nics'] = [];
    vm.nics.forEach((nic, slot) => {
      const segment = nicSegment(vm, nic, slot, host?.lan ?? null);
      const edge = edgeIds.nic(vm.id, slot);
      const ref: ElementRef = { kind: 'nic', owner: vm.id, node: vm.id, edge: segment === null ? null : edge, path: [...path, 'nics', slot] };
      nics.push({ slot, nic, segment, ref });
      if (segment === null || nic.address === null) return;
      const iface: Iface = { owner: vm.id, segment, address: nic.address, subnet: nic.subnet, slot, nic, edge, ref };
      ifaces.push(iface);
      if (nic.mode === 'cloud') cloudPortByAddress.set(`${nic.network}/${nic.address}`, iface);
      if (nic.mode === 'nat' && host) {
        nic.portForwards.forEach((rule, k) => {
          addForward({
            host: host.id,
            rule,
            via: 'nat',
            natNetwork: null,
            ref: { kind: 'port-forward', owner: vm.id, node: vm.id, edge, path: [...path, 'nics', slot, 'portForwards', k] },
            target: rule.guestIp === '' || rule.guestIp === nic.address ? { vm: vm.id, slot, address: nic.address! } : null,
          });
        });
      }
    });
    endpoints.set(vm.id, { id: vm.id, kind: 'vm', path, ifaces, nics, host, services: vm.services, firewall: vm.firewall });
  });

  // NAT network forwards name a guest address; find the VM that holds it on that network.
  t.hosts.forEach((host, i) => {
    host.natNetworks.forEach((net, j) => {
      const segment = `natnet:${host.id}:${net.name}`;
      net.portForwards.forEach((rule, k) => {
        let target: ForwardInfo['target'] = null;
        for (const vm of t.vms) {
          if (vm.host !== host.id) continue;
          const slot = vm.nics.findIndex((n, s) => n.address === rule.guestIp && nicSegment(vm, n, s, host.lan) === segment);
          if (slot >= 0) {
            target = { vm: vm.id, slot, address: rule.guestIp };
            break;
          }
        }
        addForward({
          host: host.id,
          rule,
          via: 'nat-network',
          natNetwork: net.name,
          ref: { kind: 'port-forward', owner: host.id, node: segment, edge: edgeIds.natNetworkLink(host.id, net.name), path: ['hosts', i, 'natNetworks', j, 'portForwards', k] },
          target,
        });
      });
    });
  });

  return { t, endpoints, hosts, lans, networks, routers, routersOfNetwork, groups, forwardsByHost, cloudPortByAddress };
}
