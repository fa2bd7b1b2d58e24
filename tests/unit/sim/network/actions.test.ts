import { describe, expect, it } from 'vitest';
import { apply, applyAll, type Action, type Topology } from '../../../../src/sim/network';
import { can, preset } from './fixtures';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function issuesOf(t: Topology, a: Action) {
  const r = apply(t, a);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues;
}

describe('edits', () => {
  it('N35: a valid edit returns a new state and leaves the old one untouched; unchanged parts are shared', () => {
    const t = deepFreeze(preset('virtualbox-home-lab'));
    const before = JSON.stringify(t);
    const r = apply(t, { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'http', hostPort: 8080, guestPort: 80 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(t)).toBe(before);
    expect(r.value.state.vms[0]!.nics[0]!.portForwards).toEqual([{ name: 'http', protocol: 'tcp', hostIp: '', hostPort: 8080, guestIp: '', guestPort: 80 }]);
    expect(r.value.state.vms[1]).toBe(t.vms[1]);
    expect(r.value.state.hosts).toBe(t.hosts);
    expect(r.value.events).toEqual([{ code: 'PORT_FORWARD_ADDED', warning: false, params: { vm: 'web', adapter: 1, name: 'http', protocol: 'tcp', hostPort: 8080, guestPort: 80 } }]);
    expect(can(r.value.state, 'phone', 'web', 80).ok).toBe(true);
  });

  it('N35: bad input gives issues with a path and did-you-mean, and no state', () => {
    const t = preset('virtualbox-home-lab');
    expect(issuesOf(t, { type: 'setNicMode', vm: 'wbe', nic: 0, mode: 'bridged' })).toEqual([{ path: ['vm'], message: 'unknown VM "wbe"', hint: 'Did you mean "web"?' }]);
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 3, mode: 'bridged' })).toEqual([{ path: ['nic'], message: 'web has 1 adapter; expected an index 0–0, got 3' }]);
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'host-only', network: 'vboxnet1' })).toEqual([
      { path: ['network'], message: 'unknown host-only network "vboxnet1" on host "laptop"', hint: 'Did you mean "vboxnet0"?' },
    ]);
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'cloud', network: 'private' })[0]!.message).toBe('a VirtualBox VM cannot use mode "cloud"');
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'nat-network' })).toEqual([{ path: ['network'], message: 'mode "nat-network" needs a network name' }]);
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'bridged', address: '192.168.1.10' })).toEqual([{ path: ['address'], message: '192.168.1.10 is already used on that network' }]);
    expect(issuesOf(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'bridged', address: '10.0.0.5' })).toEqual([{ path: ['address'], message: '10.0.0.5 is not a usable address in 192.168.1.0/24' }]);
    expect(issuesOf(t, { type: 'addPortForward', vm: 'media', nic: 0, rule: { hostPort: 8096, guestPort: 8096 } })[0]).toEqual({
      path: ['nic'], message: 'adapter 1 of media is attached to bridged, not NAT', hint: 'Port forwards belong to a NAT adapter; switch it to NAT first, or use a NAT network\'s port forwarding',
    });
    expect(issuesOf(t, { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 70000, guestPort: 80, hostIp: 'localhost' } })).toEqual([
      { path: ['rule', 'hostPort'], message: 'expected a port 1–65535, got 70000' },
      { path: ['rule', 'hostIp'], message: 'bad IPv4 address "localhost"' },
    ]);
    expect(issuesOf(t, { type: 'removePortForward', vm: 'web', nic: 0, name: 'http' })).toEqual([{ path: ['name'], message: 'unknown port forward rule "http"' }]);
    expect(issuesOf(t, { type: 'allowFirewallPort', node: 'wbe', port: 80, protocol: 'tcp' })[0]).toMatchObject({ path: ['node'], hint: 'Did you mean "web"?' });
    expect(issuesOf(t, { type: 'setServiceListen', node: 'web', service: 'ngnix', listen: '0.0.0.0' })[0]).toMatchObject({ path: ['service'], hint: 'Did you mean "nginx"?' });
    expect(issuesOf(t, { type: 'addNatNetworkPortForward', host: 'laptop', network: 'NatNetwork', rule: { hostPort: 2201, guestPort: 22 } })).toEqual([
      { path: ['rule', 'guestIp'], message: 'a NAT network port forward needs the guest address', hint: 'Give the address of the VM on NatNetwork (inside 10.0.2.0/24)' },
    ]);
    const c = preset('cloud-project');
    expect(issuesOf(c, { type: 'addSecurityGroupRule', group: 'wbe', rule: { ports: 80 } })).toEqual([{ path: ['group'], message: 'unknown security group "wbe"', hint: 'Did you mean "web"?' }]);
    expect(issuesOf(c, { type: 'addSecurityGroupRule', group: 'web', rule: { ports: '90:80' } })[0]!.message).toBe('bad port range "90:80"');
    expect(issuesOf(c, { type: 'addSecurityGroupRule', group: 'web', rule: { ports: 22, remote: '0.0.0.0/0' } })).toEqual([
      { path: ['rule'], message: 'group web already has this rule (web-rule-1)', hint: 'Neutron refuses duplicate rules' },
    ]);
    expect(issuesOf(c, { type: 'addSecurityGroupRule', group: 'web', rule: { protocol: 'icmp', ports: 8 } })[0]!.message).toBe('ports do not apply to protocol "icmp"');
    expect(issuesOf(c, { type: 'attachFloatingIp', vm: 'web', nic: 0, address: '172.24.4.5' })[0]!.message).toBe('172.24.4.5 is outside the floating IP pool of public (172.24.4.100–172.24.4.200)');
    expect(issuesOf(c, { type: 'setNicSecurityGroups', vm: 'web', nic: 0, groups: ['default', 'dbs'] })).toEqual([{ path: ['groups', 1], message: 'unknown security group "dbs"', hint: 'Did you mean "db"?' }]);
  });

  it('N35: a NAT adapter keeps its forwards while attached elsewhere; they work again back on NAT', () => {
    const t = preset('virtualbox-home-lab');
    const r = applyAll(t, [
      { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 8080, guestPort: 80 } },
      { type: 'setNicMode', vm: 'web', nic: 0, mode: 'host-only', network: 'vboxnet0' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.events.filter((e) => e.warning).map((e) => e.code)).toEqual(['PORT_FORWARDS_INACTIVE']);
    expect(r.value.state.vms[0]!.nics[0]!.portForwards.length).toBe(1);
    expect(can(r.value.state, 'phone', 'web', 80).blocked?.code).toBe('HOST_ONLY_NO_OUTSIDE');
    const back = apply(r.value.state, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'nat' });
    expect(back.ok && can(back.value.state, 'phone', 'web', 80).ok).toBe(true);
  });

  it('N35: a cloud port that leaves its network loses its floating IP (with a warning)', () => {
    const c = preset('cloud-project');
    const r = applyAll(c, [
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
      { type: 'setNicMode', vm: 'web', nic: 0, mode: 'not-attached' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.state.vms[0]!.nics[0]).toMatchObject({ mode: 'not-attached', address: null, floatingIp: null });
    expect(r.value.events.map((e) => [e.code, e.warning])).toContainEqual(['FLOATING_IP_DETACHED', true]);
  });

  it('N35: applyAll stops at the first failing edit and says which one', () => {
    const r = applyAll(preset('cloud-project'), [
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: [1, 'nic'], message: 'adapter 1 of web already has floating IP 172.24.4.100', hint: 'Detach it first' }]);
  });
});
