import { nextId } from '../core/ids';
import {
  CLOUD_GATEWAY_HOST,
  DEFAULT_VIRTUALBOX_VERSION,
  HOST_ONLY_HOST_ADDRESS,
  INTERNET_CLIENT_ADDRESS,
  LAN_FIRST_LEASE,
  NAT_NETWORK_DEFAULT_CIDR,
  localhostReachableByDefault,
} from './defaults';
import { cidrOf, formatIp, hostAddress, isUsableHost, parseIp, splitInterfaceAddress } from './ip';
import { leaseFor } from './leases';
import { parsePortRange } from './ports';
import { parseIpProtocol } from './protocols';
import type { ScenarioInput } from './schema';
import type {
  Firewall,
  FirewallAllow,
  Nic,
  PortForward,
  SecurityGroup,
  SecurityGroupRule,
  Service,
  Topology,
} from './types';

type Input = ScenarioInput;
type ForwardIn = { name?: string | undefined; protocol: 'tcp' | 'udp'; hostIp: string; hostPort: number; guestIp: string; guestPort: number };
type FirewallIn = Input['vms'][number]['firewall'];
type ServiceIn = Input['vms'][number]['services'][number];
type RuleIn = Input['securityGroups'][number]['rules'][number];

/**
 * A validated scenario → the state, with every default of the real tools made explicit:
 * addresses leased, port forward names, Neutron's default security group and its rules.
 * Assumes `validateScenario` found no issues.
 */
export function normalize(s: Input): Topology {
  const version = s.virtualbox?.version ?? DEFAULT_VIRTUALBOX_VERSION;
  const t: Topology = {
    title: s.title,
    description: s.description,
    virtualbox: { version },
    internet: { clientAddress: s.internet?.clientAddress ?? INTERNET_CLIENT_ADDRESS },
    lans: s.lans.map((lan, i) => ({
      id: lan.id,
      label: lan.label ?? lan.id,
      cidr: lan.cidr,
      gateway: lan.gateway ?? hostAddress(lan.cidr, 1),
      internet: lan.internet,
      publicAddress: lan.publicAddress ?? `203.0.113.${10 + i}`,
      dhcpStart: lan.dhcpStart ?? hostAddress(lan.cidr, LAN_FIRST_LEASE),
    })),
    hosts: s.hosts.map((h) => ({
      id: h.id,
      label: h.label ?? h.id,
      lan: h.lan,
      address: h.address,
      // VirtualBox numbers host-only networks vboxnet0, vboxnet1… on 192.168.56.0/24, 192.168.57.0/24…
      hostOnlyNetworks: h.hostOnlyNetworks.map((n, j) => {
        const cidr = n.cidr ?? `192.168.${56 + j}.0/24`;
        return { name: n.name, cidr, hostAddress: n.hostAddress ?? hostAddress(cidr, HOST_ONLY_HOST_ADDRESS), dhcp: n.dhcp };
      }),
      natNetworks: h.natNetworks.map((n) => ({
        name: n.name,
        cidr: n.cidr ?? NAT_NETWORK_DEFAULT_CIDR,
        portForwards: forwards(n.portForwards),
      })),
      services: services(h.services),
      firewall: firewall(h.firewall),
    })),
    devices: s.devices.map((d) => ({
      id: d.id,
      label: d.label ?? d.id,
      lan: d.lan,
      address: d.address,
      services: services(d.services),
      firewall: firewall(d.firewall),
    })),
    vms: [],
    networks: s.networks.map((n) => ({
      id: n.id,
      label: n.label ?? n.id,
      cidr: n.cidr,
      gateway: n.gateway ?? hostAddress(n.cidr, CLOUD_GATEWAY_HOST),
    })),
    externalNetworks: s.externalNetworks.map((e) => ({
      id: e.id,
      label: e.label ?? e.id,
      cidr: e.cidr,
      floatingIpPool: e.floatingIpPool ?? { start: hostAddress(e.cidr, 10), end: lastUsable(e.cidr) },
    })),
    routers: [],
    securityGroups: securityGroups(s),
  };

  t.routers = s.routers.map((r) => ({
    id: r.id,
    label: r.label ?? r.id,
    externalNetwork: r.externalNetwork ?? null,
    externalAddress: r.externalNetwork === undefined ? null : (r.externalAddress ?? null),
    snat: r.snat,
    interfaces: [...r.interfaces],
  }));
  for (const router of t.routers) {
    if (router.externalNetwork !== null && router.externalAddress === null) {
      router.externalAddress = gatewayPortAddress(t, router.externalNetwork);
    }
  }

  // Static addresses first, so that leases handed out afterwards never collide with them.
  t.vms = s.vms.map((vm) => ({
    id: vm.id,
    label: vm.label ?? vm.id,
    host: vm.host ?? null,
    nics: vm.nics.map((n) => staticNic(n, localhostReachableByDefault(version))),
    services: services(vm.services),
    firewall: firewall(vm.firewall),
  }));
  for (const vm of t.vms) {
    vm.nics.forEach((nic, slot) => {
      if (nic.addressing === 'static') return;
      Object.assign(nic, leaseFor(t, vm, slot, nic));
    });
  }
  return t;
}

function staticNic(n: Input['vms'][number]['nics'][number], localhostReachable: boolean): Nic {
  const nic: Nic = {
    mode: n.mode,
    network: n.network ?? null,
    address: null,
    addressing: 'none',
    subnet: null,
    portForwards: forwards(n.portForwards ?? []),
    tunnel: n.tunnel ? { sport: n.tunnel.sport, dest: n.tunnel.dest, dport: n.tunnel.dport } : null,
    localhostReachable: n.localhostReachable ?? localhostReachable,
    securityGroups: n.mode === 'cloud' ? [...(n.securityGroups ?? ['default'])] : [...(n.securityGroups ?? [])],
    floatingIp: n.floatingIp ?? null,
  };
  if (n.address !== undefined) {
    if (n.mode === 'internal' || n.mode === 'generic') {
      const split = splitInterfaceAddress(n.address)!;
      nic.address = split.address;
      nic.subnet = split.cidr;
    } else {
      nic.address = n.address;
    }
    nic.addressing = 'static';
  }
  return nic;
}

export function forwards(list: readonly ForwardIn[]): PortForward[] {
  const taken = list.flatMap((f) => (f.name === undefined ? [] : [f.name]));
  return list.map((f) => {
    let name = f.name ?? `${f.protocol}-${f.hostPort}`;
    if (f.name === undefined) {
      if (taken.includes(name)) name = nextId(name, taken);
      taken.push(name);
    }
    return { name, protocol: f.protocol, hostIp: f.hostIp, hostPort: f.hostPort, guestIp: f.guestIp, guestPort: f.guestPort };
  });
}

function services(list: readonly ServiceIn[]): Service[] {
  return list.map((svc) => ({
    name: svc.name ?? `${svc.protocol}-${svc.port}`,
    port: svc.port,
    protocol: svc.protocol,
    listen: svc.listen === 'localhost' ? '127.0.0.1' : svc.listen,
  }));
}

function firewall(fw: FirewallIn): Firewall {
  if (fw === undefined) return { enabled: false, allow: [] };
  return {
    enabled: fw.enabled,
    allow: fw.allow.map((a): FirewallAllow => (typeof a === 'number' ? { protocol: 'tcp', port: a } : { protocol: parseIpProtocol(a.protocol)!, port: a.port ?? null })),
  };
}

function securityGroups(s: Input): SecurityGroup[] {
  const declared = [...s.securityGroups];
  const needsDefault = s.networks.length > 0 || s.vms.some((v) => v.nics.some((n) => n.mode === 'cloud'));
  // Every OpenStack project has a "default" group; scenarios only declare it to change it.
  if (needsDefault && !declared.some((g) => g.id === 'default')) {
    declared.unshift({ id: 'default', label: 'default', defaultRules: true, rules: [] });
  }
  return declared.map((g) => {
    const rules: SecurityGroupRule[] = g.defaultRules ? defaultRules(g.id) : [];
    const taken = rules.map((r) => r.id).concat(g.rules.flatMap((r) => (r.id === undefined ? [] : [r.id])));
    for (const r of g.rules) {
      const id = r.id ?? nextId(`${g.id}-rule`, taken);
      taken.push(id);
      rules.push(rule(id, r));
    }
    return { id: g.id, label: g.label ?? g.id, rules };
  });
}

/** What Neutron creates with a group: allow all egress; "default" also allows ingress from its own members. */
export function defaultRules(groupId: string): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [
    { id: `${groupId}-egress`, direction: 'egress', protocol: 'any', portMin: null, portMax: null, remoteCidr: '0.0.0.0/0', remoteGroup: null },
  ];
  if (groupId === 'default') {
    rules.push({ id: 'default-ingress-same-group', direction: 'ingress', protocol: 'any', portMin: null, portMax: null, remoteCidr: null, remoteGroup: 'default' });
  }
  return rules;
}

/**
 * A rule as Neutron stores it: the protocol canonical ("47" → "gre"), a TCP/UDP port range, or
 * for ICMP the type in portMin and the code in portMax. Assumes the input was validated.
 */
export function rule(id: string, r: RuleIn): SecurityGroupRule {
  const protocol = r.protocol === 'any' ? 'any' : parseIpProtocol(r.protocol)!;
  const range = r.ports === undefined || (protocol !== 'tcp' && protocol !== 'udp') ? null : parsePortRange(r.ports);
  const remoteCidr = r.remoteGroup !== undefined ? null : r.remote === undefined ? '0.0.0.0/0' : r.remote.includes('/') ? r.remote : `${r.remote}/32`;
  const icmp = protocol === 'icmp';
  return {
    id,
    direction: r.direction,
    protocol,
    portMin: range ? range.min : icmp ? (r.icmpType ?? null) : null,
    portMax: range ? range.max : icmp && r.icmpType !== undefined ? (r.icmpCode ?? null) : null,
    remoteCidr,
    remoteGroup: r.remoteGroup ?? null,
  };
}

function lastUsable(cidr: string): string {
  const c = cidrOf(cidr);
  const size = 2 ** (32 - c.prefix);
  return formatIp(c.network + (size > 2 ? size - 2 : size - 1));
}

/** The router's gateway port takes the first free address after the subnet gateway, outside the pool. */
function gatewayPortAddress(t: Topology, externalId: string): string | null {
  const ext = t.externalNetworks.find((e) => e.id === externalId);
  if (!ext) return null;
  const used = new Set(t.routers.flatMap((r) => (r.externalAddress === null ? [] : [r.externalAddress])));
  const poolStart = parseIp(ext.floatingIpPool.start)!;
  const poolEnd = parseIp(ext.floatingIpPool.end)!;
  const c = cidrOf(ext.cidr);
  for (let ip = c.network + 2; ip < c.network + 2 ** (32 - c.prefix); ip++) {
    const text = formatIp(ip);
    if ((ip < poolStart || ip > poolEnd) && !used.has(text) && isUsableHost(ext.cidr, text)) return text;
  }
  return null;
}
