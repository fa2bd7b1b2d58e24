import { describe, expect, it } from 'vitest';
import { apply, loadScenario, toGraph, type Topology } from '../../../../src/sim/network';
import { can, code, ping, topo } from './fixtures';

/** Two VirtualBox hosts, a VM on each, linked by a UDP tunnel as in the manual's example (ports and addresses swapped). */
function twoHosts(over: { lan2?: boolean; h1?: Record<string, unknown>; h2?: Record<string, unknown>; b?: Record<string, unknown> } = {}): Topology {
  return topo({
    title: 'udp tunnel',
    lans: [{ id: 'lan', cidr: '10.0.0.0/24' }, ...(over.lan2 ? [{ id: 'lan2', cidr: '10.9.0.0/24' }] : [])],
    hosts: [
      { id: 'h1', lan: 'lan', address: '10.0.0.1', ...over.h1 },
      { id: 'h2', lan: over.lan2 ? 'lan2' : 'lan', address: over.lan2 ? '10.9.0.2' : '10.0.0.2', ...over.h2 },
    ],
    vms: [
      { id: 'a', host: 'h1', nics: [{ mode: 'generic', tunnel: { sport: 10001, dest: over.lan2 ? '10.9.0.2' : '10.0.0.2', dport: 10002 }, address: '10.20.0.1/24' }], services: [{ port: 22 }] },
      { id: 'b', host: 'h2', nics: [{ mode: 'generic', tunnel: { sport: 10002, dest: '10.0.0.1', dport: 10001 }, address: '10.20.0.2/24', ...over.b }], services: [{ port: 22 }] },
    ],
  });
}

describe('UDP tunnel (generic driver)', () => {
  it('N48: two VMs on two hosts meet through a tunnel whose ends mirror each other; it carries any protocol', () => {
    const t = twoHosts();
    const v = can(t, 'a', 'b', 22);
    expect(v.ok).toBe(true);
    const segment = v.path[1]!.node;
    expect(segment).toBe('udptunnel:10.0.0.1:10001|10.0.0.2:10002');
    expect(v.path.map((h) => [h.code, h.dst])).toEqual([['start', '10.20.0.2'], ['switch', '10.20.0.2'], ['arrive', '10.20.0.2']]);
    expect(ping(t, 'b', 'a').ok).toBe(true);
    expect(can(t, 'a', 'b', null, 'gre').ok).toBe(true);
    // Drawn as one tunnel node between the hosts, with each VM's adapter attached to it.
    const g = toGraph(t);
    expect(g.nodes.find((n) => n.id === segment)).toMatchObject({ kind: 'udp-tunnel', parent: null, sublabel: '10.0.0.1:10001 ⇄ 10.0.0.2:10002' });
    expect(g.edges.filter((e) => e.target === segment).map((e) => [e.id, e.mode])).toEqual([['nic:a:0', 'generic'], ['nic:b:0', 'generic']]);
    // Nothing else is on the tunnel: the hosts and the internet are not.
    expect(code(can(t, 'a', 'internet', 443))).toBe('TUNNEL_ONLY');
    expect(code(can(t, 'h1', 'b', 22))).toBe('TUNNEL_ONLY');
  });

  it('N48: ends that do not mirror each other are no cable; the reason says what the other end must set', () => {
    const t = twoHosts({ b: { tunnel: { sport: 10001, dest: '10.0.0.1', dport: 10002 } } });
    expect(can(t, 'a', 'b', 22).blocked).toMatchObject({
      code: 'TUNNEL_NO_PEER',
      element: { path: ['vms', 0, 'nics', 0, 'tunnel'] },
      params: { node: 'a', sport: 10001, dest: '10.0.0.2', dport: 10002, hostAddress: '10.0.0.1' },
    });
  });

  it('N48: the tunnel works only while the hosts exchange UDP: a host firewall or two LANs behind NAT stop it', () => {
    const walled = twoHosts({ h2: { firewall: { enabled: true, allow: [] } } });
    const v = can(walled, 'a', 'b', 22);
    expect(v.blocked).toMatchObject({ code: 'TUNNEL_UDP_BLOCKED', element: { kind: 'firewall', owner: 'h2' }, params: { host: 'h1', peerHost: 'h2', dport: 10002 } });
    expect(v.blocked!.params.fix).toBe('Allow 10002/udp in the firewall of h2 (for example "ufw allow 10002/udp")');
    const opened = apply(walled, { type: 'allowFirewallPort', node: 'h2', port: 10002, protocol: 'udp' });
    if (!opened.ok) throw new Error('allow');
    expect(can(opened.value.state, 'a', 'b', 22).ok).toBe(true);
    // Each direction counts: b's datagrams to h1 must get through too.
    const h1walled = twoHosts({ h1: { firewall: { enabled: true, allow: [] } } });
    expect(can(h1walled, 'a', 'b', 22).blocked).toMatchObject({ code: 'TUNNEL_UDP_BLOCKED', params: { host: 'h2', peerHost: 'h1', dport: 10001 } });
    const apart = twoHosts({ lan2: true });
    expect(can(apart, 'a', 'b', 22).blocked).toMatchObject({ code: 'TUNNEL_UDP_BLOCKED', element: { kind: 'lan' } });
    expect(String(can(apart, 'a', 'b', 22).blocked!.params.reason)).toMatch(/behind the LAN router's NAT/);
  });

  it('N48: on one host the ends use 127.0.0.1 and swapped ports; scenario files and edits check the tunnel fields', () => {
    const one = topo({
      title: 'one host',
      lans: [{ id: 'lan', cidr: '10.0.0.0/24' }],
      hosts: [{ id: 'h', lan: 'lan', address: '10.0.0.1' }],
      vms: [
        { id: 'a', host: 'h', nics: [{ mode: 'generic', tunnel: { sport: 10001, dest: '127.0.0.1', dport: 10002 }, address: '10.20.0.1/24' }] },
        { id: 'b', host: 'h', nics: [{ mode: 'generic', tunnel: { sport: 10002, dest: '127.0.0.1', dport: 10001 }, address: '10.20.0.2/24' }] },
      ],
    });
    expect(ping(one, 'a', 'b').ok).toBe(true);
    const problems = (nic: unknown) => {
      const r = loadScenario(JSON.stringify({ title: 'x', lans: [{ id: 'lan', cidr: '10.0.0.0/24' }], hosts: [{ id: 'h', lan: 'lan', address: '10.0.0.1' }], vms: [{ id: 'a', host: 'h', nics: [nic, { mode: 'generic', tunnel: { sport: 10001, dest: '10.0.0.2', dport: 1 }, address: '10.20.0.9/24' }] }] }));
      return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ mode: 'generic', address: '10.20.0.1/24' })).toEqual(['vms.0.nics.0.tunnel: missing required field (mode "generic" is a UDP tunnel: sport, dest, dport)']);
    expect(problems({ mode: 'generic', tunnel: { sport: 5000, dest: '10.0.0.2', dport: 5001 } })).toEqual(['vms.0.nics.0.address: missing required field (a UDP tunnel has no DHCP server)']);
    expect(problems({ mode: 'generic', tunnel: { sport: 10001, dest: '10.0.0.2', dport: 5001 }, address: '10.20.0.1/24' })).toEqual([
      'vms.0.nics.1.tunnel.sport: UDP port 10001 on host "h" is already the tunnel port of vms[0].nics[0]',
    ]);
    expect(problems({ mode: 'nat', tunnel: { sport: 5000, dest: '10.0.0.2', dport: 5001 } })).toEqual(['vms.0.nics.0.tunnel: a UDP tunnel belongs to mode "generic"']);
    const t = twoHosts();
    const refused = apply(t, { type: 'setNicMode', vm: 'a', nic: 0, mode: 'generic', tunnel: { sport: 10001, dest: 'h2', dport: 10002 } });
    expect(!refused.ok && refused.issues[0]).toMatchObject({ path: ['tunnel', 'dest'], message: 'bad IPv4 address "h2"' });
    // Re-plumbed with the ports swapped back the wrong way, the cable is gone; put right, it is back.
    const broken = apply(t, { type: 'setNicMode', vm: 'b', nic: 0, mode: 'generic', tunnel: { sport: 10003, dest: '10.0.0.1', dport: 10001 } });
    if (!broken.ok) throw new Error(JSON.stringify(broken.issues));
    expect(code(can(broken.value.state, 'a', 'b', 22))).toBe('TUNNEL_NO_PEER');
    const fixed = apply(broken.value.state, { type: 'setNicMode', vm: 'b', nic: 0, mode: 'generic', tunnel: { sport: 10002, dest: '10.0.0.1', dport: 10001 } });
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.issues));
    expect(can(fixed.value.state, 'a', 'b', 22).ok).toBe(true);
  });
});
