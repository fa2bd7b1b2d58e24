import { describe, expect, it } from 'vitest';
import {
  apply,
  applyAll,
  BLOCK_CODES,
  describeAction,
  describeBlock,
  describeEvent,
  describeHop,
  describeHopNamed,
  describeVerdict,
  describeWarning,
  EVENT_CODES,
  hintFor,
  lint,
  toGraph,
  WARNING_CODES,
  type Action,
  type Block,
  type QueryInput,
  type Topology,
  type Verdict,
} from '../../../../src/sim/network';
import { ask, can, homeLab, ping, preset, presetNames, topo, vm } from './fixtures';

/** Clean text: no missing values, no unfilled placeholders. */
function expectClean(text: string) {
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toMatch(/undefined|NaN|null|\{|\}|\[object/);
}

const zoo = homeLab({
  host: {
    hostOnlyNetworks: [{ name: 'vboxnet0' }, { name: 'vboxnet1' }, { name: 'vboxnet9', dhcp: false }],
    firewall: { enabled: true, allow: [2222, 8080, 9999] },
  },
  vms: [
    vm('off', { mode: 'not-attached' }),
    vm('nodhcp', { mode: 'host-only', network: 'vboxnet9' }),
    vm('web', { mode: 'nat', portForwards: [
      { name: 'ssh-local', hostIp: '127.0.0.1', hostPort: 2222, guestPort: 22 },
      { name: 'http-ho', hostIp: '192.168.56.1', hostPort: 8080, guestPort: 80 },
      { name: 'stale', hostPort: 9999, guestIp: '10.0.2.99', guestPort: 443 },
      { name: 'alt', hostPort: 8443, guestPort: 443 },
    ] }),
    vm('n1', { mode: 'nat-network', network: 'natnet1' }),
    vm('i1', { mode: 'internal', network: 'intnet', address: '10.10.0.1/24' }),
    vm('i2', { mode: 'internal', network: 'intnet', address: '10.20.0.2/24' }),
    vm('i3', { mode: 'internal', network: 'intnet-b', address: '10.10.0.3/24' }),
    vm('h0', { mode: 'host-only', network: 'vboxnet0' }),
    vm('h1', { mode: 'host-only', network: 'vboxnet1' }),
    { ...vm('fw', { mode: 'bridged' }), firewall: { enabled: true, allow: [22] }, services: [{ port: 22 }, { port: 80 }, { name: 'app', port: 3000, listen: '127.0.0.1' }] },
  ],
});

const twoHosts = topo({
  title: 'two hosts',
  lans: [{ id: 'lan', cidr: '192.168.1.0/24' }],
  hosts: [
    { id: 'h1', lan: 'lan', address: '192.168.1.11', hostOnlyNetworks: [{ name: 'vboxnet0' }] },
    { id: 'h2', lan: 'lan', address: '192.168.1.12', hostOnlyNetworks: [{ name: 'vboxnet0' }] },
  ],
  vms: [
    { id: 'a', host: 'h1', nics: [{ mode: 'host-only', network: 'vboxnet0' }] },
    { id: 'b', host: 'h2', nics: [{ mode: 'host-only', network: 'vboxnet0' }], services: [{ port: 22 }] },
  ],
});

const offline = homeLab({ lan: { internet: 'none' } });

const cloud = topo({
  title: 'cloud',
  externalNetworks: [{ id: 'public', cidr: '172.24.4.0/24' }],
  networks: [{ id: 'routed', cidr: '10.1.0.0/24' }, { id: 'nosnat', cidr: '10.2.0.0/24' }, { id: 'island', cidr: '10.3.0.0/24' }],
  routers: [
    { id: 'r1', externalNetwork: 'public', interfaces: ['routed'] },
    { id: 'r2', externalNetwork: 'public', snat: false, interfaces: ['nosnat'] },
  ],
  securityGroups: [{ id: 'mute', defaultRules: false, rules: [] }],
  vms: [
    { id: 'c1', nics: [{ mode: 'cloud', network: 'routed' }], services: [{ port: 22 }] },
    { id: 'c2', nics: [{ mode: 'cloud', network: 'nosnat' }], services: [{ port: 22 }] },
    { id: 'c3', nics: [{ mode: 'cloud', network: 'island' }], services: [{ port: 22 }] },
    { id: 'c4', nics: [{ mode: 'cloud', network: 'routed', securityGroups: ['mute'] }], services: [{ port: 22 }] },
    { id: 'c5', nics: [{ mode: 'cloud', network: 'routed', floatingIp: '172.24.4.50', securityGroups: ['mute'] }], services: [{ port: 22 }] },
  ],
});

const CASES: [Topology, string, string, number, Block['code']][] = [
  [zoo, 'off', 'phone', 80, 'SOURCE_NOT_ATTACHED'],
  [zoo, 'phone', 'off', 22, 'TARGET_NOT_ATTACHED'],
  [zoo, 'host', 'nodhcp', 22, 'NO_ADDRESS'],
  [zoo, 'phone', 'web', 22, 'PORT_FORWARD_LOOPBACK_ONLY'],
  [zoo, 'phone', 'web', 80, 'PORT_FORWARD_OTHER_ADDRESS'],
  [zoo, 'phone', 'host', 9999, 'PORT_FORWARD_NO_GUEST'],
  [zoo, 'phone', 'web', 5432, 'NAT_NO_INBOUND'],
  [zoo, 'phone', 'n1', 22, 'NAT_NETWORK_NO_INBOUND'],
  [zoo, 'phone', 'i1', 22, 'INTERNAL_ISOLATED'],
  [zoo, 'i1', 'i3', 22, 'INTERNAL_NAME_MISMATCH'],
  [zoo, 'i1', 'i2', 22, 'INTERNAL_SUBNET_MISMATCH'],
  [zoo, 'phone', 'h0', 22, 'HOST_ONLY_NO_OUTSIDE'],
  [zoo, 'h0', 'h1', 22, 'HOST_ONLY_DIFFERENT_NETWORK'],
  [twoHosts, 'a', 'b', 22, 'DIFFERENT_HOSTS'],
  [zoo, 'i1', 'phone', 80, 'SOURCE_INTERNAL_ONLY'],
  [zoo, 'h0', 'internet', 443, 'SOURCE_HOST_ONLY_ONLY'],
  [zoo, 'internet', 'phone', 80, 'LAN_NO_INBOUND'],
  [offline, 'phone', 'internet', 443, 'LAN_NO_INTERNET'],
  [cloud, 'internet', 'c1', 22, 'CLOUD_NO_FLOATING_IP'],
  [cloud, 'c3', 'internet', 443, 'CLOUD_NO_GATEWAY'],
  [cloud, 'c2', 'internet', 443, 'CLOUD_SNAT_DISABLED'],
  [cloud, 'c1', 'c3', 22, 'CLOUD_NETWORKS_NOT_ROUTED'],
  [cloud, 'c4', 'c1', 22, 'SG_EGRESS_DENIED'],
  [zoo, 'phone', 'web', 443, 'HOST_FIREWALL_BLOCKS'],
  [cloud, 'internet', 'c5', 22, 'SG_INGRESS_DENIED'],
  [zoo, 'phone', 'fw', 80, 'FIREWALL_BLOCKS'],
  [zoo, 'phone', 'fw', 25, 'FIREWALL_BLOCKS'],
  [zoo, 'fw', 'phone', 25, 'SERVICE_NOT_LISTENING'],
];

const tunnels = topo({
  title: 'tunnels',
  lans: [{ id: 'lan', cidr: '10.0.0.0/24' }],
  hosts: [{ id: 'h1', lan: 'lan', address: '10.0.0.1' }, { id: 'h2', lan: 'lan', address: '10.0.0.2', firewall: { enabled: true } }],
  vms: [
    { id: 'a', host: 'h1', nics: [{ mode: 'generic', tunnel: { sport: 10001, dest: '10.0.0.2', dport: 10002 }, address: '10.20.0.1/24' }], services: [{ port: 22 }] },
    { id: 'b', host: 'h2', nics: [{ mode: 'generic', tunnel: { sport: 10002, dest: '10.0.0.1', dport: 10001 }, address: '10.20.0.2/24' }], services: [{ port: 22 }] },
    { id: 'c', host: 'h1', nics: [{ mode: 'generic', tunnel: { sport: 10003, dest: '10.0.0.2', dport: 10009 }, address: '10.30.0.1/24' }] },
    { id: 'd', host: 'h2', nics: [{ mode: 'generic', tunnel: { sport: 10004, dest: '10.0.0.1', dport: 10005 }, address: '10.30.0.2/24' }] },
  ],
});

/** Codes that need a protocol or an address in the question. */
const QUERIES: [Topology, QueryInput, Block['code']][] = [
  [zoo, { from: 'phone', to: 'web', protocol: 'icmp' }, 'NAT_NO_INBOUND_PROTOCOL'],
  [zoo, { from: 'web', to: 'host', port: 2222, address: '10.0.2.2' }, 'NAT_LOOPBACK_UNREACHABLE'],
  [zoo, { from: 'web', to: 'phone', protocol: 'gre' }, 'NAT_PROTOCOL_UNSUPPORTED'],
  [zoo, { from: 'web', to: 'host', port: 80, address: '127.0.0.1' }, 'ADDRESS_LOOPBACK_OTHER'],
  [zoo, { from: 'phone', to: 'fw', port: 22, address: '192.168.1.30' }, 'ADDRESS_NOT_TARGET'],
  [cloud, { from: 'internet', to: 'c5', port: 22, address: '10.1.0.4' }, 'ADDRESS_NOT_ROUTED'],
  [tunnels, { from: 'a', to: 'b', port: 22 }, 'TUNNEL_UDP_BLOCKED'],
  [tunnels, { from: 'c', to: 'd', port: 22 }, 'TUNNEL_NO_PEER'],
  [tunnels, { from: 'a', to: 'internet', port: 443 }, 'TUNNEL_ONLY'],
];

describe('explanations', () => {
  it('N34: every reason code is produced by a real query, names its element, and renders cleanly', () => {
    const seen = new Set<string>();
    for (const [t, q, expected] of QUERIES) {
      const v = ask(t, q);
      expect(v.blocked?.code, JSON.stringify(q)).toBe(expected);
      seen.add(v.blocked!.code);
      expect(v.blocked!.element.path.length).toBeGreaterThan(0);
      for (const text of [describeVerdict(v), describeBlock(v.blocked!), hintFor(v.blocked!), ...v.path.map(describeHop)]) expectClean(text);
    }
    for (const [t, from, to, port, expected] of CASES) {
      const v = can(t, from, to, port);
      expect(v.blocked?.code, `${from} → ${to}:${port}`).toBe(expected);
      seen.add(v.blocked!.code);
      expect(v.blocked!.element.path.length).toBeGreaterThan(0);
      expect(v.blocked!.element.node ?? v.blocked!.element.edge).not.toBeNull();
      for (const text of [describeVerdict(v), describeBlock(v.blocked!), hintFor(v.blocked!), ...v.path.map(describeHop)]) expectClean(text);
    }
    // Service binding codes come from the guest rules' fixtures.
    const bound = homeLab({ vms: [{ id: 's', host: 'host', nics: [{ mode: 'bridged' }, { mode: 'host-only', network: 'vboxnet0' }], services: [{ name: 'lo', port: 1, listen: '127.0.0.1' }, { name: 'ho', port: 2, listen: '192.168.56.101' }] }] });
    for (const [port, expected] of [[1, 'SERVICE_LOOPBACK_ONLY'], [2, 'SERVICE_BOUND_ELSEWHERE']] as const) {
      const v = can(bound, 'phone', 's', port);
      expect(v.blocked?.code).toBe(expected);
      seen.add(expected);
      expectClean(describeVerdict(v));
      expectClean(hintFor(v.blocked!));
    }
    // NO_ROUTE is the diagnosis of last resort; no topology above reaches it.
    expect(BLOCK_CODES.filter((c) => !seen.has(c))).toEqual(['NO_ROUTE']);
  });

  it('N34: sentences for a blocked and a working connection', () => {
    const v = can(zoo, 'phone', 'fw', 80);
    expect(describeVerdict(v)).toBe('phone → fw port 80/tcp: blocked, the firewall inside fw blocks incoming tcp port 80');
    expect(hintFor(v.blocked!)).toBe('Allow 80/tcp in the firewall of fw (for example "ufw allow 80/tcp")');
    const pinged = ping(zoo, 'phone', 'fw');
    expect(describeVerdict(pinged)).toBe('phone → fw ping (ICMP echo): blocked, the firewall inside fw blocks incoming ICMP echo (ping)');
    expect(hintFor(pinged.blocked!)).toBe('Allow ICMP in the firewall of fw');
    expect(describeVerdict(ping(zoo, 'host', 'phone'))).toBe('host → phone ping (ICMP echo): gets a reply');
    expect(describeVerdict(can(zoo, 'phone', 'h0', null, 'gre', '192.168.56.101'))).toBe(
      'phone → h0 at 192.168.56.101 GRE packets: blocked, 192.168.56.101 belongs to h0 (its address on host-only network vboxnet0, which exists only inside its host), and no route leads there from phone',
    );
    const ok = can(zoo, 'host', 'web', 22);
    expect(describeVerdict(ok)).toBe('host → web port 22/tcp: connects');
    const viaHost = can(zoo, 'host', 'host', 80);
    expect(describeVerdict(viaHost)).toBe('host → host port 80/tcp: connects');
    const forwarded = can(homeLab({ vms: [vm('w', { mode: 'nat', portForwards: [{ hostPort: 8080, guestPort: 80 }] })] }), 'phone', 'host', 8080);
    expect(describeVerdict(forwarded)).toBe('phone → host port 8080/tcp: connects, delivered to w port 80');
    expect(forwarded.path.map(describeHop)).toEqual([
      'phone opens a connection from 192.168.1.30 to 192.168.1.10 port 8080',
      'across lan',
      'a port forward on host passes it to the guest (destination 192.168.1.10:8080 → 10.0.2.15:80)',
      'arrives at w on 10.0.2.15 port 80',
    ]);
  });

  it('N34: a port forward change reads like the VirtualBox dialog', () => {
    expect(describeAction({ type: 'updatePortForward', vm: 'web', nic: 0, name: 'tcp-8080', changes: { hostIp: '' } })).toBe(
      'Change port forward "tcp-8080" of web: host IP empty (every host address)',
    );
    expect(describeAction({ type: 'updatePortForward', vm: 'web', nic: 0, name: 'http', changes: { hostPort: 8081, guestIp: '' } })).toBe(
      'Change port forward "http" of web: host port 8081, guest IP empty (the guest\'s address)',
    );
  });

  it('N34: a view can name the networks a hop crosses by their display names', () => {
    const t = preset('virtualbox-home-lab');
    const v = can(t, 'laptop', 'dev', 22);
    const names = Object.fromEntries(toGraph(t).nodes.filter((n) => n.kind === 'host-only-network').map((n) => [n.id, n.label]));
    expect(names).toEqual({ 'hostonly:laptop:vboxnet0': 'vboxnet0' });
    // The host leaves by its vboxnet0 address, not its LAN address.
    expect(v.path.map((h) => describeHopNamed(h, names))).toEqual([
      'laptop opens a connection from 192.168.56.1 to 192.168.56.101 port 22',
      'across vboxnet0',
      'arrives at dev on 192.168.56.101 port 22',
    ]);
    // Without a name the graph id is used, as describeHop does.
    expect(describeHopNamed(v.path[1]!, {})).toBe('across hostonly:laptop:vboxnet0');
    expect(describeHopNamed(v.path[1]!, {})).toBe(describeHop(v.path[1]!));
  });

  it('N34: every event and warning code renders cleanly', () => {
    const t = preset('virtualbox-home-lab');
    const actions: Action[] = [
      { type: 'setNatLocalhostReachable', vm: 'web', nic: 0, reachable: true },
      { type: 'setNatLocalhostReachable', vm: 'web', nic: 0, reachable: false },
      { type: 'allowFirewallPort', node: 'web', protocol: 'icmp' },
      { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 80, guestPort: 80 } },
      { type: 'updatePortForward', vm: 'web', nic: 0, name: 'tcp-80', changes: { hostPort: 8080 } },
      { type: 'removePortForward', vm: 'web', nic: 0, name: 'tcp-80' },
      { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 8080, guestPort: 80 } },
      { type: 'setNicMode', vm: 'web', nic: 0, mode: 'bridged' },
      { type: 'setNicMode', vm: 'db', nic: 0, mode: 'host-only', network: 'vboxnet0' },
      { type: 'setServiceListen', node: 'media', service: 'jellyfin', listen: '192.168.1.50' },
      { type: 'setNicMode', vm: 'media', nic: 0, mode: 'internal', network: 'intnet' },
      { type: 'setFirewall', node: 'web', enabled: false },
      { type: 'setFirewall', node: 'web', enabled: false },
      { type: 'setFirewall', node: 'web', enabled: true },
      { type: 'allowFirewallPort', node: 'web', port: 443, protocol: 'tcp' },
      { type: 'removeFirewallPort', node: 'web', port: 443, protocol: 'tcp' },
      { type: 'setServiceListen', node: 'dev', service: 'node-app', listen: '0.0.0.0' },
      { type: 'addNatNetworkPortForward', host: 'laptop', network: 'NatNetwork', rule: { hostPort: 2201, guestIp: '10.0.2.4', guestPort: 22 } },
      { type: 'removeNatNetworkPortForward', host: 'laptop', network: 'NatNetwork', name: 'tcp-2201' },
    ];
    const r = applyAll(t, actions);
    expect(r.ok).toBe(true);
    const c = preset('cloud-project');
    const cr = applyAll(c, [
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
      { type: 'addSecurityGroupRule', group: 'web', rule: { ports: 80 } },
      { type: 'addSecurityGroupRule', group: 'web', rule: { protocol: 'icmp', icmpType: 8 } },
      { type: 'addSecurityGroupRule', group: 'web', rule: { protocol: 47, remote: '198.51.100.0/24' } },
      { type: 'removeSecurityGroupRule', group: 'web', rule: 'web-rule-2' },
      { type: 'setNicSecurityGroups', vm: 'db', nic: 0, groups: ['db', 'default'] },
      { type: 'detachFloatingIp', vm: 'web', nic: 0 },
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
      { type: 'setNicMode', vm: 'web', nic: 0, mode: 'not-attached' },
    ]);
    expect(cr.ok).toBe(true);
    if (!r.ok || !cr.ok) return;
    const events = [...r.value.events, ...cr.value.events];
    const codes = new Set(events.map((e) => e.code));
    expect(EVENT_CODES.filter((c) => !codes.has(c))).toEqual([]);
    for (const e of events) expectClean(describeEvent(e));
    for (const a of [...actions]) expectClean(describeAction(a));
    expect(describeAction({ type: 'addSecurityGroupRule', group: 'web', rule: { protocol: 'icmp', icmpType: 8 } })).toBe('Add ingress rule to group web: icmp type 8 (ping) from 0.0.0.0/0');
    expect(describeAction({ type: 'addSecurityGroupRule', group: 'web', rule: { protocol: '47', remote: '198.51.100.0/24' } })).toBe('Add ingress rule to group web: GRE from 198.51.100.0/24');
    expect(describeAction({ type: 'setNatLocalhostReachable', vm: 'web', nic: 0, reachable: true })).toBe(
      "Let NAT adapter 1 of web reach the host's loopback through 10.0.2.2 (--nat-localhostreachable1 on)",
    );

    const privileged = homeLab({ vms: [vm('p', { mode: 'nat', portForwards: [{ hostPort: 80, guestPort: 80 }] })] });
    const warnings = [...lint(r.value.state), ...lint(zoo), ...lint(cloud), ...lint(t), ...lint(privileged)];
    const wcodes = new Set(warnings.map((w) => w.code));
    expect(WARNING_CODES.filter((c) => !wcodes.has(c))).toEqual([]);
    for (const w of warnings) expectClean(describeWarning(w));
  });

  it('N34: presets render every cell of their matrices cleanly', () => {
    for (const name of presetNames()) {
      const t = preset(name);
      const ids = [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id).concat('internet');
      for (const from of ids) {
        for (const to of ids) {
          const v: Verdict = can(t, from, to, 22);
          expectClean(describeVerdict(v));
          if (v.blocked) expectClean(hintFor(v.blocked));
        }
      }
    }
    expect(apply(preset('cloud-project'), { type: 'setFirewall', node: 'web', enabled: false }).ok).toBe(true);
  });
});
