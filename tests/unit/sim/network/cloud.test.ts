import { describe, expect, it } from 'vitest';
import { apply, type Action, type Topology } from '../../../../src/sim/network';
import { can, code, topo } from './fixtures';

function project(overrides: { groups?: unknown[]; vms?: unknown[]; routers?: unknown[]; networks?: unknown[] } = {}): Topology {
  return topo({
    title: 'project',
    externalNetworks: [{ id: 'public', cidr: '172.24.4.0/24', floatingIpPool: { start: '172.24.4.100', end: '172.24.4.110' } }],
    networks: overrides.networks ?? [
      { id: 'private', cidr: '192.168.42.0/24' },
      { id: 'backend', cidr: '192.168.43.0/24' },
      { id: 'isolated', cidr: '192.168.44.0/24' },
    ],
    routers: overrides.routers ?? [{ id: 'r1', externalNetwork: 'public', externalAddress: '172.24.4.10', interfaces: ['private', 'backend'] }],
    securityGroups: overrides.groups ?? [
      { id: 'web', rules: [{ ports: 80 }, { ports: 22, remote: '203.0.113.0/24' }] },
      { id: 'db', rules: [{ ports: 5432, remoteGroup: 'web' }] },
    ],
    vms: overrides.vms ?? [
      { id: 'web', nics: [{ mode: 'cloud', network: 'private', address: '192.168.42.10', securityGroups: ['default', 'web'] }], services: [{ port: 80 }, { port: 22 }] },
      { id: 'db', nics: [{ mode: 'cloud', network: 'private', address: '192.168.42.20', securityGroups: ['db'] }], services: [{ port: 5432 }, { port: 22 }] },
      { id: 'app', nics: [{ mode: 'cloud', network: 'backend', address: '192.168.43.5', securityGroups: ['default'] }], services: [{ port: 8080 }] },
      { id: 'lonely', nics: [{ mode: 'cloud', network: 'isolated', securityGroups: ['default'] }], services: [{ port: 22 }] },
    ],
  });
}

function applied(t: Topology, ...actions: Action[]): Topology {
  return actions.reduce((state, a) => {
    const r = apply(state, a);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.state;
  }, t);
}

describe('OpenStack project networking', () => {
  it('N22: ports on the same network talk directly by fixed IP, filtered by security groups', () => {
    const t = project();
    const v = can(t, 'web', 'db', 5432);
    expect(v.ok).toBe(true);
    expect(v.path.map((h) => [h.code, h.node])).toEqual([
      ['start', 'web'],
      ['switch', 'private'],
      ['arrive', 'db'],
    ]);
    expect(v.path.at(-1)).toMatchObject({ src: '192.168.42.10', dst: '192.168.42.20' });
    expect(code(can(t, 'db', 'web', 80))).toBe('OK');
    expect(can(t, 'web', 'db', 22).blocked).toMatchObject({ code: 'SG_INGRESS_DENIED', element: { kind: 'security-group', path: ['vms', 1, 'nics', 0, 'securityGroups'] } });
  });

  it('N23: the router routes between its networks without NAT and SNATs to its gateway address', () => {
    const t = project();
    const east = can(t, 'app', 'web', 80);
    expect(east.ok).toBe(true);
    expect(east.path.map((h) => h.code)).toEqual(['start', 'switch', 'router', 'switch', 'arrive']);
    expect(east.path.some((h) => h.translation)).toBe(false);
    const out = can(t, 'db', 'internet', 443);
    expect(out.path.find((h) => h.code === 'router-snat')!.translation).toMatchObject({ before: '192.168.42.20', after: '172.24.4.10' });
    expect(code(can(t, 'lonely', 'internet', 443))).toBe('CLOUD_NO_GATEWAY');
    expect(code(can(t, 'lonely', 'web', 80))).toBe('CLOUD_NETWORKS_NOT_ROUTED');
    const noSnat = project({ routers: [{ id: 'r1', externalNetwork: 'public', snat: false, interfaces: ['private', 'backend'] }] });
    expect(can(noSnat, 'db', 'internet', 443).blocked).toMatchObject({ code: 'CLOUD_SNAT_DISABLED', element: { kind: 'router', node: 'r1' } });
  });

  it('N24: a floating IP is 1:1 NAT: inbound DNAT to the fixed IP, outbound SNAT from the floating IP', () => {
    const t = project();
    expect(can(t, 'internet', 'web', 80).blocked).toMatchObject({ code: 'CLOUD_NO_FLOATING_IP', element: { kind: 'nic', path: ['vms', 0, 'nics', 0] } });
    const r = apply(t, { type: 'attachFloatingIp', vm: 'web', nic: 0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.events.map((e) => [e.code, e.params.address])).toEqual([['FLOATING_IP_ATTACHED', '172.24.4.100']]);
    const inbound = can(r.value.state, 'internet', 'web', 80);
    expect(inbound.ok).toBe(true);
    const fip = inbound.path.find((h) => h.code === 'floating-ip')!;
    expect(fip).toMatchObject({ node: 'r1', edge: 'rgw:r1', translation: { kind: 'dnat', before: '172.24.4.100', after: '192.168.42.10' } });
    expect(inbound.path.at(-1)).toMatchObject({ src: '203.0.113.200', dst: '192.168.42.10' });
    const outbound = can(r.value.state, 'web', 'internet', 443);
    expect(outbound.path.find((h) => h.code === 'floating-ip')!.translation).toMatchObject({ kind: 'snat', before: '192.168.42.10', after: '172.24.4.100' });
    // Neutron refuses a floating IP on a network without a router gateway.
    const refused = apply(t, { type: 'attachFloatingIp', vm: 'lonely', nic: 0 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]!.message).toBe('network isolated has no router with an external gateway');
  });

  it('N25: ingress is denied unless a rule matches protocol, port and remote (seen after SNAT)', () => {
    const t = applied(project(), { type: 'attachFloatingIp', vm: 'web', nic: 0 }, { type: 'attachFloatingIp', vm: 'db', nic: 0 });
    expect(can(t, 'internet', 'web', 80).ok).toBe(true);
    expect(can(t, 'internet', 'web', 22).ok).toBe(true);
    expect(can(t, 'internet', 'web', 22, 'udp').blocked?.code).toBe('SG_INGRESS_DENIED');
    expect(can(t, 'internet', 'web', 443).blocked).toMatchObject({ code: 'SG_INGRESS_DENIED', params: { remote: '203.0.113.200', port: 443, groups: 'default, web' } });
    // The remote group matches members by fixed IP: direct traffic from web passes, the same VM via floating IP does not.
    expect(can(t, 'web', 'db', 5432).ok).toBe(true);
    expect(code(can(t, 'internet', 'db', 5432))).toBe('SG_INGRESS_DENIED');
    // Groups on one port are additive: "default" allows members of default, "web" allows port 80 from anywhere.
    expect(can(t, 'app', 'web', 22).ok).toBe(true);
  });

  it('N26: egress is filtered by the source port\'s groups; a group without egress rules lets nothing out', () => {
    const t = project({
      groups: [{ id: 'locked', defaultRules: false, rules: [{ ports: 22 }] }],
      vms: [
        { id: 'a', nics: [{ mode: 'cloud', network: 'private', securityGroups: ['locked'] }], services: [{ port: 22 }] },
        { id: 'b', nics: [{ mode: 'cloud', network: 'private', securityGroups: ['locked'] }], services: [{ port: 22 }] },
      ],
    });
    expect(t.securityGroups.find((g) => g.id === 'locked')!.rules.some((r) => r.direction === 'egress')).toBe(false);
    expect(can(t, 'a', 'b', 22).blocked).toMatchObject({ code: 'SG_EGRESS_DENIED', element: { path: ['vms', 0, 'nics', 0, 'securityGroups'] } });
    expect(can(t, 'a', 'b', 22).path.map((h) => h.code)).toEqual(['start']);
    const opened = applied(t, { type: 'addSecurityGroupRule', group: 'locked', rule: { direction: 'egress', protocol: 'tcp', ports: 22 } });
    expect(can(opened, 'a', 'b', 22).ok).toBe(true);
    expect(can(opened, 'a', 'internet', 443).blocked?.code).toBe('SG_EGRESS_DENIED');
  });

  it('N27: security groups are stateful: a VM with no ingress rules still gets replies to its own connections', () => {
    const t = project({
      groups: [{ id: 'closed', rules: [] }],
      vms: [{ id: 'a', nics: [{ mode: 'cloud', network: 'private', securityGroups: ['closed'] }] }],
    });
    expect(t.securityGroups.find((g) => g.id === 'closed')!.rules.filter((r) => r.direction === 'ingress')).toEqual([]);
    expect(can(t, 'a', 'internet', 443).ok).toBe(true);
  });

  it('N28: every project has a "default" group: all egress, ingress only from its own members; ports without groups get it', () => {
    const t = project({ groups: [], vms: [
      { id: 'a', nics: [{ mode: 'cloud', network: 'private' }], services: [{ port: 22 }] },
      { id: 'b', nics: [{ mode: 'cloud', network: 'private' }], services: [{ port: 22 }] },
    ] });
    const def = t.securityGroups.find((g) => g.id === 'default')!;
    expect(def.rules).toEqual([
      { id: 'default-egress', direction: 'egress', protocol: 'any', portMin: null, portMax: null, remoteCidr: '0.0.0.0/0', remoteGroup: null },
      { id: 'default-ingress-same-group', direction: 'ingress', protocol: 'any', portMin: null, portMax: null, remoteCidr: null, remoteGroup: 'default' },
    ]);
    expect(t.vms[0]!.nics[0]!.securityGroups).toEqual(['default']);
    expect(can(t, 'a', 'b', 22).ok).toBe(true);
    const exposed = applied(t, { type: 'attachFloatingIp', vm: 'b', nic: 0 });
    expect(code(can(exposed, 'internet', 'b', 22))).toBe('SG_INGRESS_DENIED');
  });
});
