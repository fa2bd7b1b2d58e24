import { describe, expect, it } from 'vitest';
import { apply, canConnect, loadScenario, parseIpProtocol, reachabilityMatrix, whatWouldFix, type Topology } from '../../../../src/sim/network';
import { can, code, homeLab, ping, topo, vm } from './fixtures';

const cloud = (rules: unknown[], firewall?: unknown): Topology =>
  topo({
    title: 'cloud',
    externalNetworks: [{ id: 'public', cidr: '203.0.113.0/24' }],
    networks: [{ id: 'private', cidr: '192.168.42.0/24' }],
    routers: [{ id: 'r', externalNetwork: 'public', interfaces: ['private'] }],
    securityGroups: [{ id: 'edge', rules }],
    vms: [
      { id: 'web', nics: [{ mode: 'cloud', network: 'private', floatingIp: '203.0.113.20', securityGroups: ['edge'] }], ...(firewall === undefined ? {} : { firewall }) },
      { id: 'peer', nics: [{ mode: 'cloud', network: 'private' }] },
    ],
  });

describe('protocols', () => {
  it('N44: protocols by name or number, canonical; TCP/UDP need a port, others take none', () => {
    expect([parseIpProtocol('GRE'), parseIpProtocol(47), parseIpProtocol('47'), parseIpProtocol(6), parseIpProtocol(253), parseIpProtocol('ping'), parseIpProtocol(256)]).toEqual([
      'gre', 'gre', 'gre', 'tcp', '253', null, null,
    ]);
    const t = homeLab({ vms: [vm('br', { mode: 'bridged' })] });
    const bad = (q: Parameters<typeof canConnect>[1]) => {
      const r = canConnect(t, q);
      return r.ok ? [] : r.issues;
    };
    expect(bad({ from: 'phone', to: 'br', protocol: 'ping' })).toEqual([
      { path: ['protocol'], message: 'expected an IP protocol name (tcp, udp, icmp, gre, esp, sctp, …) or number 0–255, got "ping" (ping uses "icmp")' },
    ]);
    expect(bad({ from: 'phone', to: 'br', protocol: 'icmp', port: 22 })).toEqual([{ path: ['port'], message: 'protocol icmp has no ports, got port 22', hint: 'Leave the port out' }]);
    expect(bad({ from: 'phone', to: 'br', protocol: 'udp' })).toEqual([{ path: ['port'], message: 'expected a port 1–65535, got null' }]);
    // The verdict carries the canonical query; a protocol left out is TCP.
    const r = canConnect(t, { from: 'phone', to: 'br', protocol: '47' });
    expect(r.ok && r.value.query).toEqual({ from: 'phone', to: 'br', protocol: 'gre', port: null });
    const tcp = canConnect(t, { from: 'phone', to: 'br', port: 22 });
    expect(tcp.ok && tcp.value.query.protocol).toBe('tcp');
  });

  it('N44: a ping needs no service: the target\'s kernel answers; a TCP connection to the same machine may be refused', () => {
    const t = homeLab({ vms: [{ id: 'quiet', host: 'host', nics: [{ mode: 'bridged' }], services: [] }] });
    const v = ping(t, 'phone', 'quiet');
    expect(v.ok).toBe(true);
    expect(v.deliveredTo).toEqual({ node: 'quiet', port: null });
    expect(v.path.every((h) => h.dstPort === null)).toBe(true);
    expect(code(can(t, 'phone', 'quiet', 22))).toBe('SERVICE_NOT_LISTENING');
    expect(can(t, 'phone', 'quiet', null, 'sctp').ok).toBe(true);
  });

  it('N45: VirtualBox NAT carries TCP, UDP and ping, not GRE; bridged, host-only and internal carry any protocol', () => {
    const t = homeLab({
      vms: [
        vm('nat', { mode: 'nat' }),
        vm('nn', { mode: 'nat-network', network: 'natnet1' }),
        vm('nn2', { mode: 'nat-network', network: 'natnet1' }),
        vm('br', { mode: 'bridged' }),
        vm('ho', { mode: 'host-only', network: 'vboxnet0' }),
        vm('ho2', { mode: 'host-only', network: 'vboxnet0' }),
        vm('i1', { mode: 'internal', network: 'intnet', address: '10.10.0.1/24' }),
        vm('i2', { mode: 'internal', network: 'intnet', address: '10.10.0.2/24' }),
      ],
    });
    for (const from of ['nat', 'nn']) {
      expect(ping(t, from, 'internet').ok, from).toBe(true);
      expect(can(t, from, 'internet', 53, 'udp').ok, from).toBe(true);
      const gre = can(t, from, 'internet', null, 'gre');
      expect(gre.blocked, from).toMatchObject({ code: 'NAT_PROTOCOL_UNSUPPORTED', params: { protocol: 'GRE' } });
      expect(gre.path.map((h) => h.code)).toEqual(['start']);
      expect(code(can(t, from, 'phone', null, 50))).toBe('NAT_PROTOCOL_UNSUPPORTED');
    }
    expect(can(t, 'nat', 'internet', null, 'gre').blocked!.element).toMatchObject({ kind: 'nic', path: ['vms', 0, 'nics', 0] });
    expect(can(t, 'nn', 'internet', null, 'gre').blocked!.element).toMatchObject({ kind: 'nat-network' });
    // Inside a NAT network it is a switch: any protocol.
    expect(can(t, 'nn', 'nn2', null, 'gre').ok).toBe(true);
    for (const [from, to] of [['br', 'internet'], ['br', 'phone'], ['ho', 'ho2'], ['ho', 'host'], ['i1', 'i2']] as const) {
      expect(can(t, from, to, null, 'gre').ok, `${from}→${to}`).toBe(true);
      expect(can(t, from, to, null, 'esp').ok, `${from}→${to}`).toBe(true);
    }
    // Port forwards carry TCP and UDP only: nothing outside can ping a NAT guest, though a forward exists.
    const fwd = apply(t, { type: 'addPortForward', vm: 'nat', nic: 0, rule: { hostPort: 2222, guestPort: 22 } });
    if (!fwd.ok) throw new Error('forward');
    for (const [to, where] of [['nat', 'NAT'], ['nn', 'NAT network natnet1']] as const) {
      expect(ping(fwd.value.state, 'phone', to).blocked).toMatchObject({ code: 'NAT_NO_INBOUND_PROTOCOL', params: { where, what: 'ICMP echo (ping)' } });
    }
    // Pinging the host at a forwarded port's address answers the host itself.
    expect(ping(fwd.value.state, 'phone', 'host').deliveredTo).toEqual({ node: 'host', port: null });
  });

  it('N46: security group rules by protocol: any, icmp (with its type), gre, numbers; ports only for TCP/UDP', () => {
    expect(code(ping(cloud([]), 'internet', 'web'))).toBe('SG_INGRESS_DENIED');
    expect(ping(cloud([{ protocol: 'icmp' }]), 'internet', 'web').ok).toBe(true);
    expect(ping(cloud([{ protocol: 'icmp', icmpType: 8 }]), 'internet', 'web').ok).toBe(true);
    expect(ping(cloud([{ protocol: 'icmp', icmpType: 8, icmpCode: 0 }]), 'internet', 'web').ok).toBe(true);
    expect(code(ping(cloud([{ protocol: 'icmp', icmpType: 0 }]), 'internet', 'web'))).toBe('SG_INGRESS_DENIED');
    expect(ping(cloud([{ protocol: 'any' }]), 'internet', 'web').ok).toBe(true);
    // A TCP rule for every port does not let a ping in, nor GRE.
    expect(code(ping(cloud([{ protocol: 'tcp' }]), 'internet', 'web'))).toBe('SG_INGRESS_DENIED');
    const gre = cloud([{ protocol: 47, remote: '203.0.113.0/24' }]);
    expect(gre.securityGroups.find((g) => g.id === 'edge')!.rules.at(-1)).toMatchObject({ protocol: 'gre', portMin: null, portMax: null });
    expect(can(gre, 'peer', 'web', null, 'gre', '203.0.113.20').ok).toBe(true);
    expect(code(can(gre, 'peer', 'web', null, 'esp', '203.0.113.20'))).toBe('SG_INGRESS_DENIED');
    // Stored as Neutron stores it: the ICMP type in portMin, the code in portMax.
    expect(cloud([{ protocol: 'icmp', icmpType: 8, icmpCode: 0 }]).securityGroups.find((g) => g.id === 'edge')!.rules.at(-1)).toMatchObject({ protocol: 'icmp', portMin: 8, portMax: 0 });
    const problems = (rule: unknown) => {
      const r = loadScenario(JSON.stringify({ title: 'x', networks: [{ id: 'n', cidr: '10.0.0.0/24' }], securityGroups: [{ id: 'g', rules: [rule] }] }));
      return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ protocol: 'gre', ports: 1723 })).toEqual(['securityGroups.0.rules.0.ports: ports do not apply to protocol "gre"']);
    expect(problems({ protocol: 'icmp', icmpCode: 0 })).toEqual(['securityGroups.0.rules.0.icmpCode: an ICMP code needs an ICMP type']);
    expect(problems({ protocol: 'tcp', icmpType: 8 })).toEqual(['securityGroups.0.rules.0.icmpType: an ICMP type applies to protocol "icmp" only, not "tcp"']);
    expect(problems({ protocol: 'pptp' })[0]).toMatch(/^securityGroups\.0\.rules\.0\.protocol: expected an IP protocol name/);
    // The same rules through an edit.
    const edit = apply(cloud([]), { type: 'addSecurityGroupRule', group: 'edge', rule: { protocol: 'udp', icmpType: 8 } });
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.issues[0]).toMatchObject({ path: ['rule', 'icmpType'] });
  });

  it('N47: a firewall that is on drops pings and other protocols unless it allows them', () => {
    const t = homeLab({ vms: [{ ...vm('br', { mode: 'bridged' }), firewall: { enabled: true, allow: [22] } }] });
    expect(ping(t, 'phone', 'br').blocked).toMatchObject({ code: 'FIREWALL_BLOCKS', params: { what: 'ICMP echo (ping)', entry: 'ICMP' } });
    const open = apply(t, { type: 'allowFirewallPort', node: 'br', protocol: 'icmp' });
    if (!open.ok) throw new Error('allow');
    expect(open.value.state.vms[0]!.firewall.allow).toEqual([{ protocol: 'tcp', port: 22 }, { protocol: 'icmp', port: null }]);
    expect(ping(open.value.state, 'phone', 'br').ok).toBe(true);
    expect(code(can(open.value.state, 'phone', 'br', null, 'gre'))).toBe('FIREWALL_BLOCKS');
    const withGre = homeLab({ vms: [{ ...vm('br', { mode: 'bridged' }), firewall: { enabled: true, allow: [{ protocol: 'gre' }, { protocol: 'icmp' }] } }] });
    expect(can(withGre, 'phone', 'br', null, 47).ok).toBe(true);
    // A port on a protocol without ports, or none on TCP, is refused with the field named.
    const noPort = apply(t, { type: 'allowFirewallPort', node: 'br', protocol: 'udp' });
    expect(noPort.ok).toBe(false);
    const icmpPort = apply(t, { type: 'allowFirewallPort', node: 'br', protocol: 'icmp', port: 8 });
    expect(!icmpPort.ok && icmpPort.issues[0]).toMatchObject({ path: ['port'], message: 'protocol icmp has no ports, got port 8' });
    const r = loadScenario(JSON.stringify({ title: 'x', lans: [{ id: 'lan', cidr: '192.168.1.0/24' }], devices: [{ id: 'd', lan: 'lan', address: '192.168.1.5', firewall: { allow: [{ protocol: 'icmp', port: 8 }, { protocol: 'udp' }] } }] }));
    expect(r.ok ? [] : r.issues.map((i) => i.path.join('.'))).toEqual(['devices.0.firewall.allow.0.port', 'devices.0.firewall.allow.1.port']);
    // The fixes the engine offers for a blocked ping open ICMP, not a port.
    const fixes = whatWouldFix(t, { from: 'phone', to: 'br', protocol: 'icmp' });
    expect(fixes.ok && fixes.value.fixes[0]!.action).toEqual({ type: 'allowFirewallPort', node: 'br', protocol: 'icmp' });
  });

  it('N44: the matrix asks a ping for every pair and agrees with single queries', () => {
    const t = homeLab({ vms: [vm('nat', { mode: 'nat' }), vm('br', { mode: 'bridged' }), vm('ho', { mode: 'host-only', network: 'vboxnet0' })] });
    const m = reachabilityMatrix(t, { protocol: 'icmp' });
    if (!m.ok) throw new Error('matrix');
    expect(m.value.port).toBeNull();
    for (const cell of m.value.cells.flat()) {
      const v = ping(t, cell.from, cell.to);
      expect([cell.ok, cell.code]).toEqual([v.ok, v.blocked?.code ?? null]);
    }
    const bad = reachabilityMatrix(t, { protocol: 'icmp', port: 7 });
    expect(bad.ok).toBe(false);
  });
});
