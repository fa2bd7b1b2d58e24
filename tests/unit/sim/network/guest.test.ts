import { describe, expect, it } from 'vitest';
import { apply, lint } from '../../../../src/sim/network';
import { can, code, homeLab, topo, vm } from './fixtures';

describe('inside the machines', () => {
  it('N29: an enabled firewall drops incoming connections to ports it does not allow; outgoing passes', () => {
    const t = homeLab({
      vms: [
        { ...vm('a', { mode: 'bridged' }), firewall: { enabled: true, allow: [22] } },
        vm('b', { mode: 'bridged' }),
      ],
    });
    expect(can(t, 'b', 'a', 22).ok).toBe(true);
    const blocked = can(t, 'b', 'a', 80);
    expect(blocked.blocked).toMatchObject({ code: 'FIREWALL_BLOCKS', element: { kind: 'firewall', node: 'a', path: ['vms', 0, 'firewall'] }, params: { port: 80, protocol: 'tcp' } });
    expect(blocked.path.at(-1)!.code).toBe('arrive');
    expect(can(t, 'a', 'b', 80).ok).toBe(true);
    const off = apply(t, { type: 'setFirewall', node: 'a', enabled: false });
    expect(off.ok && can(off.value.state, 'b', 'a', 80).ok).toBe(true);
  });

  it('N29: the host firewall filters forwarded host ports for others, not for the host itself', () => {
    const t = homeLab({
      host: { firewall: { enabled: true, allow: [] } },
      vms: [vm('web', { mode: 'nat', portForwards: [{ hostPort: 8080, guestPort: 80 }] }), vm('other', { mode: 'nat' })],
    });
    expect(can(t, 'phone', 'web', 80).blocked).toMatchObject({ code: 'HOST_FIREWALL_BLOCKS', element: { kind: 'firewall', node: 'host' }, params: { port: 8080 } });
    expect(can(t, 'phone', 'web', 80).path.map((h) => h.code)).toEqual(['start', 'switch']);
    expect(can(t, 'host', 'web', 80).ok).toBe(true);
    expect(can(t, 'other', 'web', 80).ok).toBe(true);
    const opened = apply(t, { type: 'allowFirewallPort', node: 'host', port: 8080, protocol: 'tcp' });
    expect(opened.ok && can(opened.value.state, 'phone', 'web', 80).ok).toBe(true);
  });

  it('N30: a service must listen on the port, on 0.0.0.0 or the arrival address; 127.0.0.1 serves only the machine itself', () => {
    const t = homeLab({
      vms: [
        {
          id: 'a', host: 'host',
          nics: [{ mode: 'bridged', address: '192.168.1.50' }, { mode: 'host-only', network: 'vboxnet0' }],
          services: [{ name: 'app', port: 3000, listen: '127.0.0.1' }, { name: 'admin', port: 9000, listen: '192.168.56.101' }, { name: 'dns', port: 53, protocol: 'udp' }],
        },
      ],
    });
    expect(can(t, 'phone', 'a', 3000).blocked).toMatchObject({ code: 'SERVICE_LOOPBACK_ONLY', element: { kind: 'service', path: ['vms', 0, 'services', 0] }, params: { listen: '127.0.0.1', arrived: '192.168.1.50' } });
    expect(can(t, 'a', 'a', 3000).ok).toBe(true);
    expect(can(t, 'host', 'a', 9000).path.at(-1)).toMatchObject({ dst: '192.168.56.101' });
    expect(can(t, 'phone', 'a', 9000).blocked).toMatchObject({ code: 'SERVICE_BOUND_ELSEWHERE', params: { listen: '192.168.56.101', arrived: '192.168.1.50' } });
    expect(can(t, 'phone', 'a', 4000).blocked).toMatchObject({ code: 'SERVICE_NOT_LISTENING', element: { path: ['vms', 0, 'services'] } });
    expect(can(t, 'phone', 'a', 53, 'udp').ok).toBe(true);
    expect(code(can(t, 'phone', 'a', 53, 'tcp'))).toBe('SERVICE_NOT_LISTENING');
    expect(lint(t).filter((w) => w.code === 'SERVICE_LOOPBACK_ONLY').map((w) => w.params.service)).toEqual(['app']);
  });

  it('N30: a loopback-only service is unreachable from outside whatever the cloud allows', () => {
    const t = topo({
      title: 'db',
      externalNetworks: [{ id: 'public', cidr: '172.24.4.0/24' }],
      networks: [{ id: 'net', cidr: '10.0.0.0/24' }],
      routers: [{ id: 'r', externalNetwork: 'public', interfaces: ['net'] }],
      securityGroups: [{ id: 'open', rules: [{ protocol: 'any' }] }],
      vms: [
        { id: 'db', nics: [{ mode: 'cloud', network: 'net', securityGroups: ['open'], floatingIp: '172.24.4.50' }], services: [{ name: 'postgres', port: 5432, listen: '127.0.0.1' }] },
        { id: 'app', nics: [{ mode: 'cloud', network: 'net' }] },
      ],
    });
    expect(code(can(t, 'internet', 'db', 5432))).toBe('SERVICE_LOOPBACK_ONLY');
    expect(code(can(t, 'app', 'db', 5432))).toBe('SERVICE_LOOPBACK_ONLY');
    expect(can(t, 'db', 'db', 5432).ok).toBe(true);
    const fixed = apply(t, { type: 'setServiceListen', node: 'db', service: 'postgres', listen: '0.0.0.0' });
    expect(fixed.ok && can(fixed.value.state, 'internet', 'db', 5432).ok).toBe(true);
  });

  it('N31: a service cannot be bound to an address the machine does not have', () => {
    const t = homeLab({ vms: [{ ...vm('a', { mode: 'bridged', address: '192.168.1.50' }) }] });
    const r = apply(t, { type: 'setServiceListen', node: 'a', service: 'http', listen: '192.168.1.77' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: ['listen'], message: '192.168.1.77 is not an address of a', hint: 'Its addresses: 192.168.1.50' }]);
    expect(apply(t, { type: 'setServiceListen', node: 'a', service: 'http', listen: '192.168.1.50' }).ok).toBe(true);
    expect(apply(t, { type: 'setServiceListen', node: 'a', service: 'http', listen: 'localhost' }).ok).toBe(true);
  });

  it('N32: a machine reaches its own services over loopback, past its own firewall, even with no network', () => {
    const t = homeLab({ vms: [{ ...vm('a', { mode: 'not-attached' }), firewall: { enabled: true, allow: [] } }] });
    const v = can(t, 'a', 'a', 80);
    expect(v.ok).toBe(true);
    expect(v.path).toEqual([{ code: 'loopback', node: 'a', edge: null, src: '127.0.0.1', dst: '127.0.0.1', dstPort: 80, translation: null }]);
    expect(code(can(t, 'a', 'a', 81))).toBe('SERVICE_NOT_LISTENING');
  });

  it('N32: at one of its own addresses too, past its firewall; a service on 127.0.0.1 does not answer there', () => {
    const t = homeLab({ vms: [{ ...vm('a', { mode: 'bridged', address: '192.168.1.50' }), firewall: { enabled: true, allow: [] }, services: [{ name: 'web', port: 80 }, { name: 'app', port: 3000, listen: '127.0.0.1' }] }] });
    const own = can(t, 'a', 'a', 80, 'tcp', '192.168.1.50');
    expect(own.path).toEqual([{ code: 'loopback', node: 'a', edge: null, src: '192.168.1.50', dst: '192.168.1.50', dstPort: 80, translation: null }]);
    expect(can(t, 'a', 'a', 3000, 'tcp', '192.168.1.50').blocked).toMatchObject({ code: 'SERVICE_LOOPBACK_ONLY', params: { arrived: '192.168.1.50' } });
    expect(can(t, 'a', 'a', 3000, 'tcp', '127.0.0.1').ok).toBe(true);
  });
});
