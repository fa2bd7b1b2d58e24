import { describe, expect, it } from 'vitest';
import { apply, lint, type Topology } from '../../../../src/sim/network';
import { can, code, homeLab, ping, topo, vm } from './fixtures';

function applied(t: Topology, ...actions: Parameters<typeof apply>[1][]): Topology {
  let state = t;
  for (const a of actions) {
    const r = apply(state, a);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    state = r.value.state;
  }
  return state;
}

describe('VirtualBox modes', () => {
  it('N8: a VM whose adapters are all "not attached" reaches nothing and nothing reaches it', () => {
    const t = homeLab({ vms: [vm('off', { mode: 'not-attached' }, { mode: 'not-attached' }), vm('other', { mode: 'bridged' })] });
    expect(code(can(t, 'off', 'internet', 443))).toBe('SOURCE_NOT_ATTACHED');
    expect(code(can(t, 'off', 'host', 80))).toBe('SOURCE_NOT_ATTACHED');
    expect(code(can(t, 'other', 'off', 22))).toBe('TARGET_NOT_ATTACHED');
    expect(can(t, 'off', 'other', 22).blocked?.element.path).toEqual(['vms', 0, 'nics', 0]);
  });

  it('N9: a NAT guest reaches the host, the LAN and the internet, appearing as the host', () => {
    const t = homeLab({ vms: [vm('web', { mode: 'nat' })] });
    const lan = can(t, 'web', 'phone', 80);
    expect(lan.ok).toBe(true);
    expect(lan.path.map((h) => h.code)).toEqual(['start', 'nat-engine', 'switch', 'arrive']);
    expect(lan.path[1]!.translation).toMatchObject({ kind: 'snat', before: '10.0.2.15', after: '192.168.1.10' });
    expect(lan.path.at(-1)).toMatchObject({ node: 'phone', src: '192.168.1.10', dst: '192.168.1.30', dstPort: 80 });

    const out = can(t, 'web', 'internet', 443);
    expect(out.ok).toBe(true);
    expect(out.path.filter((h) => h.translation).map((h) => [h.translation!.before, h.translation!.after])).toEqual([
      ['10.0.2.15', '192.168.1.10'],
      ['192.168.1.10', '203.0.113.10'],
    ]);
  });

  it('N10: with "localhost reachable" on (VMs from VirtualBox 6.x), 10.0.2.2 reaches the host\'s loopback; a bridged guest does not', () => {
    const t = homeLab({
      version: '6.1',
      host: { services: [{ name: 'dev-db', port: 5432, listen: '127.0.0.1' }] },
      vms: [vm('nat', { mode: 'nat' }), vm('br', { mode: 'bridged' })],
    });
    expect(t.vms[0]!.nics[0]!.localhostReachable).toBe(true);
    const v = can(t, 'nat', 'host', 5432);
    expect(v.ok).toBe(true);
    // Inside the guest the destination is the NAT gateway; the engine passes it to the host's loopback.
    expect(v.path.map((h) => [h.code, h.dst])).toEqual([['start', '10.0.2.2'], ['nat-loopback', '127.0.0.1'], ['arrive', '127.0.0.1']]);
    expect(v.path[1]!.translation).toMatchObject({ kind: 'dnat', before: '10.0.2.2', after: '127.0.0.1' });
    expect(code(can(t, 'br', 'host', 5432))).toBe('SERVICE_LOOPBACK_ONLY');
    // The second NAT adapter's gateway is 10.0.3.2.
    const two = homeLab({ version: '6.1', host: { services: [{ name: 'dev-db', port: 5432, listen: '127.0.0.1' }] }, vms: [vm('n2', { mode: 'not-attached' }, { mode: 'nat' })] });
    expect(can(two, 'n2', 'host', 5432).path[0]).toMatchObject({ src: '10.0.3.15', dst: '10.0.3.2' });
  });

  it('N10: VirtualBox 7 creates NAT adapters with "localhost reachable" off: 10.0.2.2 is dropped until it is turned on', () => {
    const t = homeLab({ host: { services: [{ name: 'dev-db', port: 5432, listen: '127.0.0.1' }, { name: 'web', port: 80 }] }, vms: [vm('nat', { mode: 'nat' })] });
    expect(t.virtualbox.version).toBe('7.1');
    expect(t.vms[0]!.nics[0]!.localhostReachable).toBe(false);
    const viaGateway = can(t, 'nat', 'host', 5432, 'tcp', '10.0.2.2');
    expect(viaGateway.blocked).toMatchObject({
      code: 'NAT_LOOPBACK_UNREACHABLE',
      element: { kind: 'nic', path: ['vms', 0, 'nics', 0, 'localhostReachable'], edge: 'nic:nat:0' },
      params: { node: 'nat', adapter: 1, gateway: '10.0.2.2', hostAddress: '192.168.1.10' },
    });
    expect(viaGateway.path.map((h) => [h.code, h.dst])).toEqual([['start', '10.0.2.2']]);
    // Even a service on every address is out of reach through 10.0.2.2; the host's LAN address still works.
    expect(code(can(t, 'nat', 'host', 80, 'tcp', '10.0.2.2'))).toBe('NAT_LOOPBACK_UNREACHABLE');
    expect(can(t, 'nat', 'host', 80).path[0]!.dst).toBe('192.168.1.10');
    // The engine does not answer a ping to 10.0.2.2 either.
    expect(code(ping(t, 'nat', 'host', '10.0.2.2'))).toBe('NAT_LOOPBACK_UNREACHABLE');
    // Without an address, the route through the LAN address gets furthest: the database listens on loopback only.
    expect(code(can(t, 'nat', 'host', 5432))).toBe('SERVICE_LOOPBACK_ONLY');
    // Turned on for that adapter (in the scenario, or with --nat-localhostreachable1 on), 10.0.2.2 works again.
    const on = applied(t, { type: 'setNatLocalhostReachable', vm: 'nat', nic: 0, reachable: true });
    expect(can(on, 'nat', 'host', 5432, 'tcp', '10.0.2.2').ok).toBe(true);
    expect(ping(on, 'nat', 'host', '10.0.2.2').ok).toBe(true);
    const inFile = homeLab({ host: { services: [{ name: 'dev-db', port: 5432, listen: '127.0.0.1' }] }, vms: [vm('nat', { mode: 'nat', localhostReachable: true })] });
    expect(can(inFile, 'nat', 'host', 5432).ok).toBe(true);
    expect(apply(t, { type: 'setNatLocalhostReachable', vm: 'nat', nic: 0, reachable: true }).ok && lint(on).some((w) => w.code === 'HOST_LOOPBACK_SERVICE_HIDDEN')).toBe(false);
    expect(lint(t).filter((w) => w.code === 'HOST_LOOPBACK_SERVICE_HIDDEN').map((w) => w.params)).toEqual([{ service: 'dev-db', host: 'host', vm: 'nat', adapter: 1 }]);
  });

  it('N10: "localhost reachable" is a NAT setting: refused on other adapters and on cloud ports, kept when the mode changes', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'nat' }, { mode: 'bridged' })] });
    const other = apply(t, { type: 'setNatLocalhostReachable', vm: 'a', nic: 1, reachable: true });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.issues[0]!.message).toBe('adapter 2 of a is attached to bridged, not NAT');
    const on = applied(t, { type: 'setNatLocalhostReachable', vm: 'a', nic: 0, reachable: true });
    const back = applied(on, { type: 'setNicMode', vm: 'a', nic: 0, mode: 'bridged' }, { type: 'setNicMode', vm: 'a', nic: 0, mode: 'nat' });
    expect(back.vms[0]!.nics[0]!.localhostReachable).toBe(true);
    const same = apply(on, { type: 'setNatLocalhostReachable', vm: 'a', nic: 0, reachable: true });
    expect(same.ok && same.value.events.map((e) => e.code)).toEqual(['NO_CHANGE']);
  });

  it('N11: nothing opens a connection to a NAT guest without a forward; NAT guests do not see each other', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'nat' }), vm('b', { mode: 'nat' }), vm('br', { mode: 'bridged' })] });
    for (const from of ['host', 'phone', 'br', 'b']) {
      const v = can(t, from, 'a', 22);
      expect(v.blocked).toMatchObject({ code: 'NAT_NO_INBOUND', element: { kind: 'nic', path: ['vms', 0, 'nics', 0], edge: 'nic:a:0' } });
    }
  });

  it('N12: a forward with an empty host IP serves the host, the LAN and other VMs through the host addresses', () => {
    const t = applied(homeLab({ vms: [vm('web', { mode: 'nat' }), vm('other', { mode: 'nat' }), vm('ho', { mode: 'host-only', network: 'vboxnet0' })] }), {
      type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 8080, guestPort: 80 },
    });
    const lan = can(t, 'phone', 'web', 80);
    expect(lan.ok).toBe(true);
    const fwd = lan.path.find((h) => h.code === 'port-forward')!;
    expect(fwd.translation).toMatchObject({ kind: 'dnat', before: '192.168.1.10:8080', after: '10.0.2.15:80' });
    expect(lan.path.at(-1)).toMatchObject({ node: 'web', dst: '10.0.2.15', dstPort: 80 });
    // Asking for the host port on the host lands in the guest.
    expect(can(t, 'phone', 'host', 8080).deliveredTo).toEqual({ node: 'web', port: 80 });
    // The host uses its loopback; another NAT guest goes through 10.0.2.2; a host-only guest uses 192.168.56.1.
    expect(can(t, 'host', 'web', 80).path.find((h) => h.code === 'port-forward')!.translation!.before).toBe('127.0.0.1:8080');
    expect(can(t, 'other', 'web', 80).ok).toBe(true);
    expect(can(t, 'ho', 'web', 80).path.find((h) => h.code === 'port-forward')!.translation!.before).toBe('192.168.56.1:8080');
  });

  it('N12: a forward bound to 127.0.0.1 serves only the host (and its NAT guests)', () => {
    const t = applied(homeLab({ vms: [vm('web', { mode: 'nat' }), vm('other', { mode: 'nat' })] }), {
      type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'ssh', hostIp: '127.0.0.1', hostPort: 2222, guestPort: 22 },
    });
    const own = can(t, 'host', 'web', 22);
    expect(own.ok).toBe(true);
    // The host's own connection leaves from 127.0.0.1 (its loopback), not from its LAN address.
    expect(own.path[0]).toMatchObject({ code: 'start', node: 'host', src: '127.0.0.1' });
    expect(own.path.find((h) => h.code === 'port-forward')!.translation!.before).toBe('127.0.0.1:2222');
    // Another NAT guest could use it through 10.0.2.2, but VirtualBox 7 drops that by default (N10).
    expect(code(can(t, 'other', 'web', 22))).toBe('NAT_LOOPBACK_UNREACHABLE');
    expect(can(applied(t, { type: 'setNatLocalhostReachable', vm: 'other', nic: 0, reachable: true }), 'other', 'web', 22).ok).toBe(true);
    const lan = can(t, 'phone', 'web', 22);
    expect(lan.blocked).toMatchObject({ code: 'PORT_FORWARD_LOOPBACK_ONLY', params: { rule: 'ssh', hostPort: 2222 }, element: { kind: 'port-forward', path: ['vms', 0, 'nics', 0, 'portForwards', 0] } });
  });

  it('N12: a forward bound to another host address, or to a guest IP the guest does not have, does not apply', () => {
    const t = homeLab({
      vms: [
        vm('web', { mode: 'nat', portForwards: [{ name: 'only-ho', hostIp: '192.168.56.1', hostPort: 8080, guestPort: 80 }, { name: 'wrong-guest', hostPort: 2222, guestIp: '10.0.2.99', guestPort: 22 }] }),
        vm('ho', { mode: 'host-only', network: 'vboxnet0' }),
      ],
    });
    expect(can(t, 'ho', 'web', 80).ok).toBe(true);
    expect(code(can(t, 'phone', 'web', 80))).toBe('PORT_FORWARD_OTHER_ADDRESS');
    expect(code(can(t, 'phone', 'host', 2222))).toBe('PORT_FORWARD_NO_GUEST');
    expect(lint(t).map((w) => w.code)).toContain('PORT_FORWARD_NO_GUEST');
  });

  it('N13: two forwards cannot share a host port; a host port below 1024 is allowed with a warning', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'nat', portForwards: [{ hostPort: 8080, guestPort: 80 }] }), vm('b', { mode: 'nat' })] });
    const clash = apply(t, { type: 'addPortForward', vm: 'b', nic: 0, rule: { hostPort: 8080, guestPort: 80 } });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.issues[0]!.message).toBe('host port 8080/tcp is already forwarded by rule "tcp-8080" of a adapter 1');
    // Same port, other protocol: fine.
    expect(apply(t, { type: 'addPortForward', vm: 'b', nic: 0, rule: { hostPort: 8080, guestPort: 53, protocol: 'udp' } }).ok).toBe(true);
    const low = apply(t, { type: 'addPortForward', vm: 'b', nic: 0, rule: { hostPort: 80, guestPort: 80 } });
    expect(low.ok && low.value.events.filter((e) => e.warning).map((e) => e.code)).toEqual(['PORT_FORWARD_PRIVILEGED']);
    expect(low.ok && lint(low.value.state).some((w) => w.code === 'PORT_FORWARD_PRIVILEGED')).toBe(true);
  });

  it('N14: VMs on one NAT network reach each other; others need the NAT network\'s forward; NAT networks are separate', () => {
    const t = homeLab({
      vms: [
        vm('n1', { mode: 'nat-network', network: 'natnet1' }),
        vm('n2', { mode: 'nat-network', network: 'natnet1' }),
        vm('n3', { mode: 'nat-network', network: 'natnet2' }),
      ],
    });
    const direct = can(t, 'n1', 'n2', 22);
    expect(direct.ok).toBe(true);
    expect(direct.path.map((h) => h.code)).toEqual(['start', 'switch', 'arrive']);
    expect(code(can(t, 'n1', 'n3', 22))).toBe('NAT_NETWORK_NO_INBOUND');
    expect(code(can(t, 'phone', 'n1', 22))).toBe('NAT_NETWORK_NO_INBOUND');
    expect(can(t, 'n1', 'phone', 80).ok).toBe(true);
    // Outbound from a NAT network does not get the host's loopback (unlike NAT, N10).
    const loop = homeLab({ host: { services: [{ name: 'db', port: 5432, listen: '127.0.0.1' }] }, vms: [vm('n1', { mode: 'nat-network', network: 'natnet1' })] });
    expect(code(can(loop, 'n1', 'host', 5432))).toBe('SERVICE_LOOPBACK_ONLY');

    const fwd = applied(t, { type: 'addNatNetworkPortForward', host: 'host', network: 'natnet1', rule: { hostPort: 2201, guestIp: '10.0.2.4', guestPort: 22 } });
    const v = can(fwd, 'phone', 'n1', 22);
    expect(v.ok).toBe(true);
    expect(v.path.find((h) => h.code === 'port-forward')!.translation).toMatchObject({ before: '192.168.1.10:2201', after: '10.0.2.4:22' });
    expect(can(fwd, 'n3', 'n1', 22).ok).toBe(true);
  });

  it('N15: a bridged VM is a LAN station: host, LAN and other bridged VMs reach it and it reaches them', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'bridged' }), vm('b', { mode: 'bridged' })] });
    for (const [from, to] of [['host', 'a'], ['phone', 'a'], ['a', 'b'], ['a', 'phone'], ['a', 'host']] as const) {
      const v = can(t, from, to, 80);
      expect(v.ok, `${from}→${to}`).toBe(true);
      expect(v.path.some((h) => h.translation)).toBe(false);
    }
    expect(can(t, 'a', 'internet', 443).ok).toBe(true);
    expect(code(can(t, 'internet', 'a', 80))).toBe('LAN_NO_INBOUND');
  });

  it('N16: internal networks connect only adapters with the same name; not the host, not the LAN', () => {
    const t = homeLab({
      vms: [
        vm('a', { mode: 'internal', network: 'intnet', address: '10.10.0.5/24' }),
        vm('b', { mode: 'internal', network: 'intnet', address: '10.10.0.6/24' }),
        vm('c', { mode: 'internal', network: 'intnet2', address: '10.10.0.7/24' }),
      ],
    });
    expect(can(t, 'a', 'b', 22).ok).toBe(true);
    expect(can(t, 'a', 'c', 22).blocked).toMatchObject({ code: 'INTERNAL_NAME_MISMATCH', params: { network: 'intnet2', otherNetwork: 'intnet' } });
    expect(code(can(t, 'host', 'a', 22))).toBe('INTERNAL_ISOLATED');
    expect(code(can(t, 'a', 'host', 80))).toBe('SOURCE_INTERNAL_ONLY');
    expect(code(can(t, 'a', 'internet', 80))).toBe('SOURCE_INTERNAL_ONLY');
    expect(lint(t).filter((w) => w.code === 'INTERNAL_NETWORK_ALONE').map((w) => w.params)).toEqual([
      { network: 'intnet2', host: 'host', vm: 'c', suggestion: ' of "intnet"' },
    ]);
  });

  it('N17: host-only joins the host and its VMs; nothing beyond; the host does not route between host-only networks', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'host-only', network: 'vboxnet0' }), vm('b', { mode: 'host-only', network: 'vboxnet0' }), vm('c', { mode: 'host-only', network: 'vboxnet1' })] });
    expect(can(t, 'host', 'a', 22).path.at(-1)).toMatchObject({ src: '192.168.56.1', dst: '192.168.56.101' });
    expect(can(t, 'a', 'host', 80).ok).toBe(true);
    expect(can(t, 'a', 'b', 22).ok).toBe(true);
    expect(code(can(t, 'a', 'c', 22))).toBe('HOST_ONLY_DIFFERENT_NETWORK');
    expect(code(can(t, 'phone', 'a', 22))).toBe('HOST_ONLY_NO_OUTSIDE');
    expect(code(can(t, 'a', 'phone', 80))).toBe('SOURCE_HOST_ONLY_ONLY');
    expect(code(can(t, 'a', 'internet', 80))).toBe('SOURCE_HOST_ONLY_ONLY');
  });

  it('N18: host-local networks of two hosts are separate even with the same name; bridged VMs meet on the LAN', () => {
    const t = topo({
      title: 'two hosts',
      lans: [{ id: 'lan', cidr: '192.168.1.0/24' }],
      hosts: [
        { id: 'h1', lan: 'lan', address: '192.168.1.11', hostOnlyNetworks: [{ name: 'vboxnet0' }] },
        { id: 'h2', lan: 'lan', address: '192.168.1.12', hostOnlyNetworks: [{ name: 'vboxnet0' }] },
      ],
      vms: [
        { id: 'a', host: 'h1', nics: [{ mode: 'internal', network: 'intnet', address: '10.1.0.1/24' }, { mode: 'host-only', network: 'vboxnet0' }] },
        { id: 'b', host: 'h2', nics: [{ mode: 'internal', network: 'intnet', address: '10.1.0.2/24' }, { mode: 'host-only', network: 'vboxnet0' }], services: [{ port: 22 }] },
        { id: 'c', host: 'h1', nics: [{ mode: 'bridged' }] },
        { id: 'd', host: 'h2', nics: [{ mode: 'bridged' }], services: [{ port: 22 }] },
      ],
    });
    expect(t.vms[0]!.nics[1]!.address).toBe(t.vms[1]!.nics[1]!.address);
    expect(code(can(t, 'a', 'b', 22))).toBe('DIFFERENT_HOSTS');
    expect(can(t, 'c', 'd', 22).ok).toBe(true);
  });

  it('N19: a NAT guest reaches a host-only guest of its host, appearing as the host\'s host-only address', () => {
    const t = homeLab({ vms: [vm('nat', { mode: 'nat' }), vm('ho', { mode: 'host-only', network: 'vboxnet0' })] });
    const v = can(t, 'nat', 'ho', 22);
    expect(v.ok).toBe(true);
    expect(v.path.at(-1)).toMatchObject({ node: 'ho', src: '192.168.56.1' });
  });

  it('N20: a VM with two adapters is reached on either; it does not route between them', () => {
    const t = homeLab({
      vms: [
        vm('dual', { mode: 'nat' }, { mode: 'host-only', network: 'vboxnet0' }),
        vm('inner', { mode: 'internal', network: 'intnet', address: '10.10.0.2/24' }),
        vm('gw', { mode: 'host-only', network: 'vboxnet0' }, { mode: 'internal', network: 'intnet', address: '10.10.0.1/24' }),
      ],
    });
    // The Vagrant pattern: NAT for the internet, host-only so the host can reach the VM.
    expect(can(t, 'host', 'dual', 22).path.at(-1)).toMatchObject({ dst: '192.168.56.101', edge: 'nic:dual:1' });
    expect(can(t, 'dual', 'internet', 443).ok).toBe(true);
    expect(can(t, 'gw', 'inner', 22).ok).toBe(true);
    expect(code(can(t, 'host', 'inner', 22))).toBe('INTERNAL_ISOLATED');
  });

  it('N21: the LAN router lets its machines out (SNAT) and nothing in; a LAN without uplink has no internet', () => {
    const t = homeLab({ vms: [vm('br', { mode: 'bridged' }), vm('nat', { mode: 'nat' })] });
    const out = can(t, 'phone', 'internet', 443);
    expect(out.path.find((h) => h.code === 'lan-router')!.translation).toMatchObject({ before: '192.168.1.30', after: '203.0.113.10' });
    expect(can(t, 'internet', 'phone', 80).blocked).toMatchObject({ code: 'LAN_NO_INBOUND', element: { kind: 'lan', edge: 'uplink:lan' } });
    expect(code(can(t, 'internet', 'host', 80))).toBe('LAN_NO_INBOUND');
    expect(code(can(t, 'internet', 'nat', 22))).toBe('LAN_NO_INBOUND');

    const offline = homeLab({ lan: { internet: 'none' }, vms: [vm('nat', { mode: 'nat' })] });
    expect(code(can(offline, 'phone', 'internet', 443))).toBe('LAN_NO_INTERNET');
    expect(code(can(offline, 'nat', 'internet', 443))).toBe('LAN_NO_INTERNET');
    expect(can(offline, 'nat', 'phone', 80).ok).toBe(true);
  });
});
