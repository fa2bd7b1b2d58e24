import { describe, expect, it } from 'vitest';
import { apply, canConnect, reachabilityMatrix, type Action, type Topology } from '../../../../src/sim/network';
import { can, code, homeLab, preset, topo, vm } from './fixtures';

function step(t: Topology, a: Action): Topology {
  const r = apply(t, a);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.state;
}

describe('queries', () => {
  it('N33: the first failure in packet order is reported, one layer at a time', () => {
    let t = topo({
      title: 'layers',
      externalNetworks: [{ id: 'public', cidr: '172.24.4.0/24' }],
      networks: [{ id: 'net', cidr: '10.0.0.0/24' }],
      routers: [{ id: 'r', externalNetwork: 'public', interfaces: ['net'] }],
      securityGroups: [{ id: 'app', rules: [] }],
      vms: [{ id: 'app', nics: [{ mode: 'cloud', network: 'net', securityGroups: ['app'] }], services: [{ name: 'api', port: 8000, listen: '127.0.0.1' }], firewall: { enabled: true } }],
    });
    const seen: string[] = [code(can(t, 'internet', 'app', 8000))];
    for (const a of [
      { type: 'attachFloatingIp', vm: 'app', nic: 0 },
      { type: 'addSecurityGroupRule', group: 'app', rule: { ports: 8000 } },
      { type: 'allowFirewallPort', node: 'app', port: 8000, protocol: 'tcp' },
      { type: 'setServiceListen', node: 'app', service: 'api', listen: '0.0.0.0' },
    ] as Action[]) {
      t = step(t, a);
      seen.push(code(can(t, 'internet', 'app', 8000)));
    }
    expect(seen).toEqual(['CLOUD_NO_FLOATING_IP', 'SG_INGRESS_DENIED', 'FIREWALL_BLOCKS', 'SERVICE_LOOPBACK_ONLY', 'OK']);
  });

  it('N33: the shortest working route is shown; the failure that got furthest explains a blocked one', () => {
    // The Vagrant pattern: NAT with a forward for ssh, plus host-only. The host takes the direct path.
    const t = homeLab({ vms: [vm('box', { mode: 'nat', portForwards: [{ hostPort: 2222, guestPort: 22 }] }, { mode: 'host-only', network: 'vboxnet0' })] });
    expect(can(t, 'host', 'box', 22).path.map((h) => h.code)).toEqual(['start', 'switch', 'arrive']);
    // From the LAN only the forward leads in; when the guest firewall drops it, that is the reason given.
    const walled = step(t, { type: 'setFirewall', node: 'box', enabled: true });
    const v = can(walled, 'phone', 'box', 22);
    expect(v.blocked?.code).toBe('FIREWALL_BLOCKS');
    expect(v.path.map((h) => h.code)).toEqual(['start', 'switch', 'port-forward', 'arrive']);
  });

  it('N33: queries name unknown machines with did-you-mean and reject bad ports', () => {
    const t = preset('virtualbox-home-lab');
    const r = canConnect(t, { from: 'lapton', to: 'web', port: 0, protocol: 'tcp' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toEqual([
        { path: ['from'], message: 'unknown machine "lapton"', hint: 'Did you mean "laptop"?' },
        { path: ['port'], message: 'expected a port 1–65535, got 0' },
      ]);
    }
  });

  it('N33: the matrix agrees with single queries, cell by cell', () => {
    for (const name of ['virtualbox-home-lab', 'cloud-project']) {
      const t = preset(name);
      const m = reachabilityMatrix(t, { port: 22, protocol: 'tcp' });
      expect(m.ok).toBe(true);
      if (!m.ok) continue;
      expect(m.value.cells.length).toBe(m.value.nodes.length);
      for (const row of m.value.cells) {
        for (const cell of row) {
          const v = can(t, cell.from, cell.to, 22);
          expect([cell.ok, cell.code]).toEqual([v.ok, v.blocked?.code ?? null]);
        }
      }
    }
    const bad = reachabilityMatrix(preset('cloud-project'), { port: 22, protocol: 'tcp', nodes: ['web', 'dbb'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toEqual({ path: ['nodes', 1], message: 'unknown machine "dbb"', hint: 'Did you mean "db"?' });
  });
});
