import type { PathSegment } from '../core/issues';
import { hostOnlySegment, lanSegment, natNetworkSegment, nicSegment } from './segments';
import type {
  CloudNetwork,
  Device,
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
  Vm,
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

/** Read-only lookups, filled lazily: a query on a large topology touches only what it needs. */
export interface Lookup<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  values(): V[];
}

export interface TopologyIndex {
  t: Topology;
  endpoints: Lookup<string, EndpointInfo>;
  hosts: Map<string, { host: Host; index: number }>;
  lans: Map<string, { lan: Lan; index: number }>;
  networks: Map<string, { network: CloudNetwork; index: number }>;
  routers: Map<string, { router: Router; index: number }>;
  routersOfNetwork: Map<string, { router: Router; index: number }[]>;
  groups: Map<string, { group: SecurityGroup; index: number }>;
  /** Every port forward listening on a host: NAT adapter forwards of its VMs and NAT network forwards. */
  forwardsByHost: Lookup<string, ForwardInfo[]>;
}

const cache = new WeakMap<Topology, TopologyIndex>();

/**
 * Lookup tables for one topology. State is immutable, so the tables are built once per state
 * object and reused by every query on it. Per-endpoint tables are built on first use, so the
 * first query on a fresh state stays cheap even with a thousand VMs.
 */
export function indexTopology(t: Topology): TopologyIndex {
  const cached = cache.get(t);
  if (cached) return cached;
  const built = build(t);
  cache.set(t, built);
  return built;
}

function lazy<V>(keys: () => string[], make: (key: string) => V | undefined): Lookup<string, V> {
  const memo = new Map<string, V | undefined>();
  const get = (key: string): V | undefined => {
    if (!memo.has(key)) memo.set(key, make(key));
    return memo.get(key);
  };
  return {
    get,
    has: (key) => get(key) !== undefined,
    values: () => keys().flatMap((k) => {
      const v = get(k);
      return v === undefined ? [] : [v];
    }),
  };
}

function build(t: Topology): TopologyIndex {
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
  const vmIndex = new Map(t.vms.map((vm, index) => [vm.id, index]));
  const deviceIndex = new Map(t.devices.map((d, index) => [d.id, index]));
  let vmsByHost: Map<string, number[]> | null = null;
  const vmsOnHost = (hostId: string): number[] => {
    if (vmsByHost === null) {
      vmsByHost = new Map();
      t.vms.forEach((vm, i) => {
        if (vm.host === null) return;
        const list = vmsByHost!.get(vm.host) ?? [];
        list.push(i);
        vmsByHost!.set(vm.host, list);
      });
    }
    return vmsByHost.get(hostId) ?? [];
  };

  const endpoints = lazy<EndpointInfo>(
    () => [INTERNET, ...t.hosts.map((h) => h.id), ...t.devices.map((d) => d.id), ...t.vms.map((v) => v.id)],
    (id) => {
      if (id === INTERNET) return internetInfo();
      const h = hosts.get(id);
      if (h) return hostInfo(h.host, h.index);
      const d = deviceIndex.get(id);
      if (d !== undefined) return deviceInfo(t.devices[d]!, d);
      const v = vmIndex.get(id);
      if (v !== undefined) return vmInfo(t.vms[v]!, v, hosts.get(t.vms[v]!.host ?? '')?.host ?? null);
      return undefined;
    },
  );
  const forwardsByHost = lazy<ForwardInfo[]>(
    () => t.hosts.map((h) => h.id),
    (hostId) => {
      const h = hosts.get(hostId);
      return h ? forwardsOf(t, h.host, h.index, vmsOnHost(hostId)) : undefined;
    },
  );
  return { t, endpoints, hosts, lans, networks, routers, routersOfNetwork, groups, forwardsByHost };
}

function internetInfo(): EndpointInfo {
  return { id: INTERNET, kind: 'internet', path: ['internet'], ifaces: [], nics: [], host: null, services: [], firewall: { enabled: false, allow: [] } };
}

function hostInfo(host: Host, i: number): EndpointInfo {
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
  return { id: host.id, kind: 'host', path, ifaces, nics: [], host, services: host.services, firewall: host.firewall };
}

function deviceInfo(device: Device, i: number): EndpointInfo {
  const path: PathSegment[] = ['devices', i];
  const edge = edgeIds.link(device.id);
  return {
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
  };
}

function vmInfo(vm: Vm, i: number, host: Host | null): EndpointInfo {
  const path: PathSegment[] = ['vms', i];
  const ifaces: Iface[] = [];
  const nics: EndpointInfo['nics'] = [];
  vm.nics.forEach((nic, slot) => {
    const segment = nicSegment(vm, nic, slot, host?.lan ?? null, host?.address ?? null);
    const edge = edgeIds.nic(vm.id, slot);
    const ref: ElementRef = { kind: 'nic', owner: vm.id, node: vm.id, edge: segment === null ? null : edge, path: [...path, 'nics', slot] };
    nics.push({ slot, nic, segment, ref });
    if (segment !== null && nic.address !== null) ifaces.push({ owner: vm.id, segment, address: nic.address, subnet: nic.subnet, slot, nic, edge, ref });
  });
  return { id: vm.id, kind: 'vm', path, ifaces, nics, host, services: vm.services, firewall: vm.firewall };
}

/** The forwards listening on a host; NAT network forwards name a guest address, resolved to its VM here. */
function forwardsOf(t: Topology, host: Host, hostIndex: number, vmIndexes: number[]): ForwardInfo[] {
  const out: ForwardInfo[] = [];
  for (const i of vmIndexes) {
    const vm = t.vms[i]!;
    vm.nics.forEach((nic, slot) => {
      if (nic.mode !== 'nat' || nic.address === null) return;
      const edge = edgeIds.nic(vm.id, slot);
      nic.portForwards.forEach((rule, k) => {
        out.push({
          host: host.id,
          rule,
          via: 'nat',
          natNetwork: null,
          ref: { kind: 'port-forward', owner: vm.id, node: vm.id, edge, path: ['vms', i, 'nics', slot, 'portForwards', k] },
          target: rule.guestIp === '' || rule.guestIp === nic.address ? { vm: vm.id, slot, address: nic.address! } : null,
        });
      });
    });
  }
  host.natNetworks.forEach((net, j) => {
    const segment = natNetworkSegment(host.id, net.name);
    net.portForwards.forEach((rule, k) => {
      let target: ForwardInfo['target'] = null;
      for (const i of vmIndexes) {
        const vm = t.vms[i]!;
        const slot = vm.nics.findIndex((n, s) => n.address === rule.guestIp && nicSegment(vm, n, s, host.lan) === segment);
        if (slot >= 0) {
          target = { vm: vm.id, slot, address: rule.guestIp };
          break;
        }
      }
      out.push({
        host: host.id,
        rule,
        via: 'nat-network',
        natNetwork: net.name,
        ref: { kind: 'port-forward', owner: host.id, node: segment, edge: edgeIds.natNetworkLink(host.id, net.name), path: ['hosts', hostIndex, 'natNetworks', j, 'portForwards', k] },
        target,
      });
    });
  });
  return out;
}
