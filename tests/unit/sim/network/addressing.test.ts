import { describe, expect, it } from 'vitest';
import { apply, natAddressing } from '../../../../src/sim/network';
import { can, homeLab, topo, vm } from './fixtures';

describe('addressing', () => {
  it('N1: a NAT adapter in slot k gets 10.0.(k+2).15 with gateway .2 and DNS .3; every NAT VM has the same', () => {
    expect(natAddressing(0)).toEqual({ cidr: '10.0.2.0/24', guest: '10.0.2.15', gateway: '10.0.2.2', dns: '10.0.2.3' });
    expect(natAddressing(2)).toEqual({ cidr: '10.0.4.0/24', guest: '10.0.4.15', gateway: '10.0.4.2', dns: '10.0.4.3' });
    const t = homeLab({ vms: [vm('a', { mode: 'nat' }, { mode: 'nat' }), vm('b', { mode: 'nat' })] });
    expect(t.vms[0]!.nics.map((n) => [n.address, n.addressing])).toEqual([
      ['10.0.2.15', 'nat'],
      ['10.0.3.15', 'nat'],
    ]);
    expect(t.vms[1]!.nics[0]!.address).toBe('10.0.2.15');
  });

  it('N2: NAT Network leases start at .4 of its block (default 10.0.2.0/24)', () => {
    const t = homeLab({
      vms: [vm('a', { mode: 'nat-network', network: 'natnet1' }), vm('b', { mode: 'nat-network', network: 'natnet1' }), vm('c', { mode: 'nat-network', network: 'natnet2' })],
    });
    expect(t.hosts[0]!.natNetworks[0]!.cidr).toBe('10.0.2.0/24');
    expect(t.vms.map((v) => v.nics[0]!.address)).toEqual(['10.0.2.4', '10.0.2.5', '10.0.9.4']);
  });

  it('N3: host-only networks default to 192.168.56.0/24, 192.168.57.0/24…; host .1, leases from .101; no DHCP, no address', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'host-only', network: 'vboxnet0' }), vm('b', { mode: 'host-only', network: 'vboxnet1' })] });
    const [n0, n1] = t.hosts[0]!.hostOnlyNetworks;
    expect([n0!.cidr, n0!.hostAddress, n1!.cidr, n1!.hostAddress]).toEqual(['192.168.56.0/24', '192.168.56.1', '192.168.57.0/24', '192.168.57.1']);
    expect(t.vms.map((v) => v.nics[0]!.address)).toEqual(['192.168.56.101', '192.168.57.101']);

    const noDhcp = homeLab({ host: { hostOnlyNetworks: [{ name: 'vboxnet0', dhcp: false }] }, vms: [vm('a', { mode: 'host-only', network: 'vboxnet0' })] });
    expect(noDhcp.vms[0]!.nics[0]).toMatchObject({ address: null, addressing: 'none' });
    expect(can(noDhcp, 'host', 'a', 22).blocked?.code).toBe('NO_ADDRESS');
  });

  it('N4: bridged adapters lease from the LAN DHCP range, skipping static addresses', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'bridged', address: '192.168.1.100' }), vm('b', { mode: 'bridged' }), vm('c', { mode: 'bridged' })] });
    expect(t.vms.map((v) => [v.nics[0]!.address, v.nics[0]!.addressing])).toEqual([
      ['192.168.1.100', 'static'],
      ['192.168.1.101', 'dhcp'],
      ['192.168.1.102', 'dhcp'],
    ]);
  });

  it('N5: internal adapters need a static address; different subnets on one internal network do not talk', () => {
    const t = homeLab({
      vms: [
        vm('a', { mode: 'internal', network: 'intnet', address: '10.10.0.5/24' }),
        vm('b', { mode: 'internal', network: 'intnet', address: '10.10.0.6/24' }),
        vm('c', { mode: 'internal', network: 'intnet', address: '10.20.0.7/24' }),
        vm('d', { mode: 'internal', network: 'intnet' }),
      ],
    });
    expect(t.vms[0]!.nics[0]).toMatchObject({ address: '10.10.0.5', subnet: '10.10.0.0/24', addressing: 'static' });
    expect(t.vms[3]!.nics[0]).toMatchObject({ address: null, addressing: 'none' });
    expect(can(t, 'a', 'b', 22).ok).toBe(true);
    expect(can(t, 'a', 'c', 22).blocked?.code).toBe('INTERNAL_SUBNET_MISMATCH');
    expect(can(t, 'a', 'd', 22).blocked?.code).toBe('NO_ADDRESS');
  });

  it('N6: project networks: gateway .1, fixed IPs from .2 upward, skipping typed-in ones', () => {
    const t = topo({
      title: 'cloud',
      networks: [{ id: 'net', cidr: '192.168.42.0/24' }],
      vms: [
        { id: 'a', nics: [{ mode: 'cloud', network: 'net', address: '192.168.42.2' }] },
        { id: 'b', nics: [{ mode: 'cloud', network: 'net' }] },
      ],
    });
    expect(t.networks[0]!.gateway).toBe('192.168.42.1');
    expect(t.vms[1]!.nics[0]!.address).toBe('192.168.42.3');
  });

  it('N7: a lease stays put when another adapter changes', () => {
    const t = homeLab({ vms: [vm('a', { mode: 'bridged' }), vm('b', { mode: 'bridged' })] });
    expect(t.vms[1]!.nics[0]!.address).toBe('192.168.1.101');
    const r = apply(t, { type: 'setNicMode', vm: 'a', nic: 0, mode: 'nat' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.state.vms[1]!.nics[0]!.address).toBe('192.168.1.101');
    const back = apply(r.value.state, { type: 'setNicMode', vm: 'a', nic: 0, mode: 'bridged' });
    expect(back.ok && back.value.state.vms[0]!.nics[0]!.address).toBe('192.168.1.100');
  });
});
