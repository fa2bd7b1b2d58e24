import { describe, expect, it } from 'vitest';
import { apply, type Action, type Topology } from '../../../../src/sim/network';
import { can, topo } from './fixtures';

/**
 * The VirtualBox manual's "Overview of Networking Modes" (Manual 6.2), row by row. "+" works,
 * "–" does not, "forward" does not until a port forward is added, and then does.
 */
type Cell = '+' | '–' | 'forward';
const MANUAL_TABLE: { mode: string; nic: (i: number) => Record<string, unknown>; vmToHost: Cell; hostToVm: Cell; vmToVm: Cell; vmToLan: Cell; lanToVm: Cell }[] = [
  { mode: 'Host-only', nic: () => ({ mode: 'host-only', network: 'vboxnet0' }), vmToHost: '+', hostToVm: '+', vmToVm: '+', vmToLan: '–', lanToVm: '–' },
  { mode: 'Internal', nic: (i) => ({ mode: 'internal', network: 'intnet', address: `10.10.0.${i}/24` }), vmToHost: '–', hostToVm: '–', vmToVm: '+', vmToLan: '–', lanToVm: '–' },
  { mode: 'Bridged', nic: () => ({ mode: 'bridged' }), vmToHost: '+', hostToVm: '+', vmToVm: '+', vmToLan: '+', lanToVm: '+' },
  { mode: 'NAT', nic: () => ({ mode: 'nat' }), vmToHost: '+', hostToVm: 'forward', vmToVm: '–', vmToLan: '+', lanToVm: 'forward' },
  { mode: 'NAT Network', nic: () => ({ mode: 'nat-network', network: 'natnet' }), vmToHost: '+', hostToVm: 'forward', vmToVm: '+', vmToLan: '+', lanToVm: 'forward' },
];

function lab(nic: (i: number) => Record<string, unknown>): Topology {
  return topo({
    title: 'mode table',
    lans: [{ id: 'lan', cidr: '192.168.1.0/24' }],
    hosts: [{ id: 'host', lan: 'lan', address: '192.168.1.10', hostOnlyNetworks: [{ name: 'vboxnet0' }], natNetworks: [{ name: 'natnet' }], services: [{ port: 80 }] }],
    devices: [{ id: 'pc', lan: 'lan', address: '192.168.1.20', services: [{ port: 80 }] }],
    vms: [1, 2].map((i) => ({ id: `vm${i}`, host: 'host', nics: [nic(i)], services: [{ port: 22 }] })),
  });
}

/** The forward that opens VM1's port 22 in this mode. */
function forwardFor(t: Topology): Action {
  const nic = t.vms[0]!.nics[0]!;
  return nic.mode === 'nat'
    ? { type: 'addPortForward', vm: 'vm1', nic: 0, rule: { hostPort: 2222, guestPort: 22 } }
    : { type: 'addNatNetworkPortForward', host: 'host', network: 'natnet', rule: { hostPort: 2222, guestIp: nic.address!, guestPort: 22 } };
}

function check(t: Topology, cell: Cell, from: string, to: string, port: number) {
  const before = can(t, from, to, port).ok;
  if (cell !== 'forward') {
    expect(before, `${from} → ${to}:${port}`).toBe(cell === '+');
    return;
  }
  expect(before, `${from} → ${to}:${port} before the forward`).toBe(false);
  const r = apply(t, forwardFor(t));
  expect(r.ok).toBe(true);
  if (r.ok) expect(can(r.value.state, from, to, port).ok, `${from} → ${to}:${port} with the forward`).toBe(true);
}

describe('the manual\'s mode table', () => {
  for (const row of MANUAL_TABLE) {
    it(`N8–N17: ${row.mode}: VM→Host ${row.vmToHost}, VM←Host ${row.hostToVm}, VM1↔VM2 ${row.vmToVm}, VM→LAN ${row.vmToLan}, VM←LAN ${row.lanToVm}`, () => {
      const t = lab(row.nic);
      check(t, row.vmToHost, 'vm1', 'host', 80);
      check(t, row.hostToVm, 'host', 'vm1', 22);
      check(t, row.vmToVm, 'vm1', 'vm2', 22);
      check(t, row.vmToVm, 'vm2', 'vm1', 22);
      check(t, row.vmToLan, 'vm1', 'pc', 80);
      check(t, row.vmToLan, 'vm1', 'internet', 443);
      check(t, row.lanToVm, 'pc', 'vm1', 22);
    });
  }

  it('N8: "Not attached" has no connectivity in any column', () => {
    const t = lab(() => ({ mode: 'not-attached' }));
    for (const [from, to, port] of [['vm1', 'host', 80], ['host', 'vm1', 22], ['vm1', 'vm2', 22], ['vm1', 'pc', 80], ['pc', 'vm1', 22]] as const) {
      expect(can(t, from, to, port).ok).toBe(false);
    }
  });
});
