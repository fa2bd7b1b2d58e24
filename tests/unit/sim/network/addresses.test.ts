import { describe, expect, it } from 'vitest';
import { apply, canConnect, destinationAddresses, type Action, type Topology } from '../../../../src/sim/network';
import { can, code, homeLab, ping, topo, vm } from './fixtures';

function applied(t: Topology, ...actions: Action[]): Topology {
  let state = t;
  for (const a of actions) {
    const r = apply(state, a);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    state = r.value.state;
  }
  return state;
}

const cloud = topo({
  title: 'cloud',
  externalNetworks: [{ id: 'public', cidr: '203.0.113.0/24', floatingIpPool: { start: '203.0.113.100', end: '203.0.113.200' } }],
  networks: [{ id: 'private', cidr: '192.168.42.0/24' }],
  routers: [{ id: 'r', externalNetwork: 'public', interfaces: ['private'] }],
  securityGroups: [{ id: 'web', rules: [{ ports: 80 }] }],
  vms: [
    { id: 'web', nics: [{ mode: 'cloud', network: 'private', address: '192.168.42.10', floatingIp: '203.0.113.101', securityGroups: ['default', 'web'] }], services: [{ name: 'nginx', port: 80 }] },
    { id: 'db', nics: [{ mode: 'cloud', network: 'private', address: '192.168.42.20' }], services: [{ name: 'pg', port: 5432 }] },
  ],
});

describe('NAT guest → host', () => {
  it('N41: a NAT guest reaches the host at its LAN or host-only address from inside the host\'s stack; the guest dials that address', () => {
    const t = homeLab({ host: { services: [{ name: 'web', port: 80 }], firewall: { enabled: true, allow: [] } }, vms: [vm('nat', { mode: 'nat' })] });
    const lan = can(t, 'nat', 'host', 80, 'tcp', '192.168.1.10');
    expect(lan.ok).toBe(true);
    // No LAN hop: the NAT engine connects to the host's own address, and the host's firewall does not filter its own traffic.
    expect(lan.path.map((h) => [h.code, h.src, h.dst])).toEqual([
      ['start', '10.0.2.15', '192.168.1.10'],
      ['nat-engine', '192.168.1.10', '192.168.1.10'],
      ['arrive', '192.168.1.10', '192.168.1.10'],
    ]);
    const hostOnly = can(t, 'nat', 'host', 80, 'tcp', '192.168.56.1');
    expect(hostOnly.ok).toBe(true);
    expect(hostOnly.path[0]!.dst).toBe('192.168.56.1');
    // Without an address the best route shows what the guest dials; it is never 127.0.0.1 inside the guest.
    for (const version of ['6.1', '7.1']) {
      const v = can(homeLab({ version, vms: [vm('nat', { mode: 'nat' })] }), 'nat', 'host', 80);
      expect(v.ok).toBe(true);
      expect(['10.0.2.2', '192.168.1.10']).toContain(v.path[0]!.dst);
    }
  });

  it('N41: a host service on 127.0.0.1 answers a NAT guest only through 10.0.2.2, not at the host\'s LAN address', () => {
    const t = homeLab({ version: '6.1', host: { services: [{ name: 'db', port: 5432, listen: '127.0.0.1' }] }, vms: [vm('nat', { mode: 'nat' })] });
    expect(can(t, 'nat', 'host', 5432, 'tcp', '10.0.2.2').ok).toBe(true);
    expect(can(t, 'nat', 'host', 5432, 'tcp', '192.168.1.10').blocked).toMatchObject({ code: 'SERVICE_LOOPBACK_ONLY', params: { arrived: '192.168.1.10' } });
  });
});

describe('destination addresses', () => {
  it('N42: the internet reaches an instance at its floating IP, not at its private IP', () => {
    const fip = can(cloud, 'internet', 'web', 80, 'tcp', '203.0.113.101');
    expect(fip.ok).toBe(true);
    expect(fip.path[0]!.dst).toBe('203.0.113.101');
    const fixed = can(cloud, 'internet', 'web', 80, 'tcp', '192.168.42.10');
    expect(fixed.blocked).toMatchObject({ code: 'ADDRESS_NOT_ROUTED', params: { address: '192.168.42.10', node: 'web', other: 'internet', advice: 'From internet, use 203.0.113.101' } });
    expect(fixed.blocked!.element.path).toEqual(['vms', 0, 'nics', 0]);
    // Without an address the machine is reachable, by its best route.
    expect(can(cloud, 'internet', 'web', 80).ok).toBe(true);
    // Inside the project the private IP works, and so does the floating IP (through the router).
    expect(can(cloud, 'db', 'web', 80, 'tcp', '192.168.42.10').path.map((h) => h.code)).toEqual(['start', 'switch', 'arrive']);
  });

  it('N42: 127.0.0.1 names the source itself; an address of another machine is not the target\'s', () => {
    const t = homeLab({ vms: [vm('nat', { mode: 'nat' }), vm('br', { mode: 'bridged' })] });
    expect(can(t, 'nat', 'host', 80, 'tcp', '127.0.0.1').blocked).toMatchObject({ code: 'ADDRESS_LOOPBACK_OTHER', element: { node: 'nat' }, params: { other: 'nat', node: 'host', advice: 'From nat, use 192.168.1.10' } });
    const wrong = can(t, 'br', 'phone', 80, 'tcp', '192.168.1.10');
    expect(wrong.blocked).toMatchObject({ code: 'ADDRESS_NOT_TARGET', params: { addresses: '192.168.1.30', advice: 'From br, use 192.168.1.30' } });
    // A NAT adapter's address is private to its own NAT engine: nobody else can use it.
    expect(can(t, 'host', 'nat', 22, 'tcp', '10.0.2.15').blocked).toMatchObject({ code: 'ADDRESS_NOT_ROUTED', params: { advice: 'Nothing leads from host to any address of nat; ask without an address to see why' } });
    // The machine itself does (N32).
    expect(can(t, 'nat', 'nat', 22, 'tcp', '10.0.2.15').path).toEqual([{ code: 'loopback', node: 'nat', edge: null, src: '10.0.2.15', dst: '10.0.2.15', dstPort: 22, translation: null }]);
  });

  it('N42: a NAT guest reaching a 127.0.0.1-bound forward through the host\'s LAN address is refused there', () => {
    const t = homeLab({
      version: '6.1',
      vms: [vm('web', { mode: 'nat', portForwards: [{ name: 'ssh', hostIp: '127.0.0.1', hostPort: 2222, guestPort: 22 }] }), vm('other', { mode: 'nat' })],
    });
    expect(can(t, 'other', 'web', 22, 'tcp', '10.0.2.2').ok).toBe(true);
    const lan = can(t, 'other', 'web', 22, 'tcp', '192.168.1.10');
    expect(lan.blocked).toMatchObject({ code: 'PORT_FORWARD_LOOPBACK_ONLY', params: { rule: 'ssh', hostPort: 2222 }, element: { kind: 'port-forward' } });
    // Asking for the host port on the host's LAN address gives the same reason, not "nothing listens".
    expect(can(t, 'other', 'host', 2222, 'tcp', '192.168.1.10').blocked).toMatchObject({ code: 'PORT_FORWARD_LOOPBACK_ONLY', params: { arrived: '192.168.1.10' } });
    expect(code(can(t, 'phone', 'host', 2222, 'tcp', '192.168.1.10'))).toBe('PORT_FORWARD_LOOPBACK_ONLY');
  });

  it('N42: the destinations a view offers are the target\'s addresses, its host\'s through a forward, 10.0.2.2 from a NAT guest, and loopback', () => {
    const t = homeLab({ vms: [vm('web', { mode: 'nat', portForwards: [{ hostPort: 8080, guestPort: 80 }] }, { mode: 'host-only', network: 'vboxnet0' }), vm('other', { mode: 'nat' })] });
    expect(destinationAddresses(t, 'other', 'web')).toEqual([
      { address: '10.0.2.15', what: 'NAT adapter 1, private' },
      { address: '192.168.56.101', what: 'host-only vboxnet0' },
      { address: '192.168.1.10', what: 'host, through a port forward' },
      { address: '192.168.56.1', what: 'host, through a port forward' },
      { address: '192.168.57.1', what: 'host, through a port forward' },
      { address: '10.0.2.2', what: "NAT gateway of adapter 1 (host's loopback)" },
      { address: '127.0.0.1', what: 'loopback (other itself)' },
    ]);
    expect(destinationAddresses(cloud, 'internet', 'web').map((d) => [d.address, d.what])).toEqual([
      ['203.0.113.101', 'floating IP'],
      ['192.168.42.10', 'private IP on private'],
      ['127.0.0.1', 'loopback (internet itself)'],
    ]);
    expect(destinationAddresses(cloud, 'web', 'internet')).toEqual([{ address: '198.51.100.80', what: 'a server on the internet' }]);
    expect(destinationAddresses(cloud, 'nobody', 'web')).toEqual([]);
    // Every destination offered is a valid question, and the engine answers it with a reason.
    for (const [a, b] of [['other', 'web'], ['phone', 'web'], ['host', 'web'], ['other', 'host']] as const) {
      for (const d of destinationAddresses(t, a, b)) expect(canConnect(t, { from: a, to: b, port: 80, address: d.address }).ok).toBe(true);
    }
  });

  it('N42: a bad address is an issue with the field named; a ping can name an address too', () => {
    const t = homeLab({ vms: [vm('br', { mode: 'bridged' })] });
    const r = canConnect(t, { from: 'phone', to: 'br', port: 22, address: '192.168.1.300' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: ['address'], message: 'bad IPv4 address "192.168.1.300"', hint: 'Give the destination address the source uses, like "192.168.1.10", or leave it out for any address' }]);
    expect(ping(t, 'phone', 'br', '192.168.1.100').ok).toBe(true);
    expect(code(ping(t, 'phone', 'br', '192.168.1.10'))).toBe('ADDRESS_NOT_TARGET');
  });
});

describe('forwards own their host port', () => {
  it('N43: the host connecting to its own forwarded port reaches the guest, on 127.0.0.1 and on its own addresses', () => {
    const t = homeLab({ host: { services: [{ name: 'web', port: 8080 }] }, vms: [vm('web', { mode: 'nat', portForwards: [{ name: 'http', hostPort: 8080, guestPort: 80 }] })] });
    for (const address of [undefined, '127.0.0.1', '192.168.1.10', '192.168.56.1']) {
      const v = can(t, 'host', 'host', 8080, 'tcp', address);
      expect(v.deliveredTo, address).toEqual({ node: 'web', port: 80 });
      expect(v.path.find((h) => h.code === 'port-forward')!.translation!.before).toBe(`${address ?? '127.0.0.1'}:8080`);
    }
    // Bound to one address, the forward leaves the host's own service the others.
    const bound = applied(t, { type: 'updatePortForward', vm: 'web', nic: 0, name: 'http', changes: { hostIp: '127.0.0.1' } });
    expect(can(bound, 'host', 'host', 8080, 'tcp', '127.0.0.1').deliveredTo).toEqual({ node: 'web', port: 80 });
    expect(can(bound, 'host', 'host', 8080, 'tcp', '192.168.1.10').deliveredTo).toEqual({ node: 'host', port: 8080 });
    expect(can(bound, 'phone', 'host', 8080).deliveredTo).toEqual({ node: 'host', port: 8080 });
  });
});
