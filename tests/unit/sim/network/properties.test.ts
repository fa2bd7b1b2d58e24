import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, findNonJson, roundTrip, type Rng } from '../../../../src/sim/core';
import {
  apply,
  describeVerdict,
  generateTopology,
  hintFor,
  reachabilityMatrix,
  toGraph,
  whatWouldFix,
  type Action,
  type Topology,
} from '../../../../src/sim/network';
import { can } from './fixtures';

const PORTS = [22, 80, 5432];
const RUNS = { seed: 20240917, numRuns: 25 };

function small(seed: number): Topology {
  return generateTopology(seed, { vms: 9, vmsPerHost: 3, cloudShare: 0.35 });
}

/** Flows the fuzz asks about: TCP services, a ping, and a protocol NAT cannot carry. */
const FLOWS: { protocol: string; port?: number }[] = [...PORTS.map((port) => ({ protocol: 'tcp', port })), { protocol: 'icmp' }, { protocol: 'gre' }];

/** Every (from, to, flow) that connects, as "from>to:port" or "from>to:icmp". */
function working(t: Topology): Set<string> {
  const out = new Set<string>();
  for (const flow of FLOWS) {
    const m = reachabilityMatrix(t, flow);
    if (!m.ok) throw new Error('matrix');
    for (const cell of m.value.cells.flat()) if (cell.ok) out.add(`${cell.from}>${cell.to}:${flow.port ?? flow.protocol}`);
  }
  return out;
}

/** A random edit of any kind, aimed at things that exist (it may still be invalid, which apply must reject). */
function randomAction(t: Topology, rng: Rng): Action {
  const vm = rng.pick(t.vms);
  const nic = rng.int(0, vm.nics.length - 1);
  const node = rng.pick([...t.vms, ...t.hosts, ...t.devices]).id;
  const host = vm.host === null ? undefined : t.hosts.find((h) => h.id === vm.host);
  const group = t.securityGroups.length > 0 ? rng.pick(t.securityGroups).id : 'default';
  const port = rng.pick(PORTS);
  switch (rng.int(0, 13)) {
    case 11:
      return { type: 'setNatLocalhostReachable', vm: vm.id, nic, reachable: rng.bool() };
    case 12:
      return { type: rng.pick(['allowFirewallPort', 'removeFirewallPort'] as const), node, protocol: rng.pick(['icmp', 'gre', 47, 'ping']) };
    case 13:
      return { type: 'addSecurityGroupRule', group, rule: rng.pick([{ protocol: 'icmp' }, { protocol: 'icmp', icmpType: rng.pick([0, 8]) }, { protocol: 'gre' }, { protocol: 'any', remoteGroup: group }, { protocol: 'gre', ports: 1723 }]) };
    case 0:
      return host
        ? rng.pick<Action>([
            { type: 'setNicMode', vm: vm.id, nic, mode: 'nat' },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'bridged' },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'host-only', network: 'vboxnet0' },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'nat-network', network: 'NatNetwork' },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'internal', network: 'intnet-a', address: `10.50.200.${rng.int(1, 250)}/16` },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'not-attached' },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'generic', tunnel: { sport: 31001, dest: rng.pick(t.hosts).address, dport: 31002 }, address: `10.70.0.${rng.int(3, 250)}/24` },
          ])
        : rng.pick<Action>([
            { type: 'setNicMode', vm: vm.id, nic, mode: 'cloud', network: rng.pick(['net-a', 'net-b']) },
            { type: 'setNicMode', vm: vm.id, nic, mode: 'not-attached' },
          ]);
    case 1:
      return { type: 'addPortForward', vm: vm.id, nic, rule: { hostPort: rng.int(30000, 30100), guestPort: port, ...(rng.bool(0.3) ? { hostIp: '127.0.0.1' } : {}) } };
    case 2:
      return { type: 'removePortForward', vm: vm.id, nic, name: vm.nics[nic]!.portForwards[0]?.name ?? 'none' };
    case 3:
      return { type: 'attachFloatingIp', vm: vm.id, nic };
    case 4:
      return { type: 'detachFloatingIp', vm: vm.id, nic };
    case 5:
      return { type: 'addSecurityGroupRule', group, rule: { direction: rng.pick(['ingress', 'egress'] as const), ports: port, ...(rng.bool() ? { remote: '0.0.0.0/0' } : { remoteGroup: group }) } };
    case 6: {
      const g = t.securityGroups.find((x) => x.id === group);
      return { type: 'removeSecurityGroupRule', group, rule: g?.rules[0]?.id ?? 'none' };
    }
    case 7:
      return { type: 'setFirewall', node, enabled: rng.bool() };
    case 8:
      return { type: 'allowFirewallPort', node, port, protocol: 'tcp' };
    case 9:
      return { type: 'removeFirewallPort', node, port, protocol: 'tcp' };
    default: {
      const svc = [...t.vms, ...t.hosts, ...t.devices].find((x) => x.id === node)!.services[0];
      return { type: 'setServiceListen', node, service: svc?.name ?? 'none', listen: rng.pick(['0.0.0.0', '127.0.0.1']) };
    }
  }
}

/** Edits that only ever allow more: a rule, an open firewall port, a wider listen address. */
function randomAllow(t: Topology, rng: Rng): Action {
  // Mostly machines whose firewall is on, where an allowed port makes a difference.
  const machines = [...t.vms, ...t.hosts, ...t.devices];
  const walled = machines.filter((m) => m.firewall.enabled);
  const node = rng.pick(walled.length > 0 && rng.bool(0.7) ? walled : machines);
  // Ports nobody serves as well: opening them must not disturb the others.
  const port = rng.pick([...PORTS, 8443, 9000]);
  const natNic = t.vms.flatMap((v) => v.nics.flatMap((n, slot) => (n.mode === 'nat' ? [{ vm: v.id, nic: slot }] : [])));
  switch (rng.int(0, 5)) {
    case 4:
      return natNic.length > 0 ? { type: 'setNatLocalhostReachable', ...rng.pick(natNic), reachable: true } : { type: 'allowFirewallPort', node: node.id, protocol: 'icmp' };
    case 5:
      return t.securityGroups.length > 0 && rng.bool()
        ? { type: 'addSecurityGroupRule', group: rng.pick(t.securityGroups).id, rule: { direction: rng.pick(['ingress', 'egress'] as const), protocol: rng.pick(['icmp', 'gre', 'any']) } }
        : { type: 'allowFirewallPort', node: node.id, protocol: rng.pick(['icmp', 'gre']) };
    case 0:
      return t.securityGroups.length > 0
        ? { type: 'addSecurityGroupRule', group: rng.pick(t.securityGroups).id, rule: { direction: rng.pick(['ingress', 'egress'] as const), ports: port, remote: rng.pick(['0.0.0.0/0', '172.16.0.0/16', '10.10.0.0/20']) } }
        : { type: 'allowFirewallPort', node: node.id, port, protocol: 'tcp' };
    case 1:
      return { type: 'allowFirewallPort', node: node.id, port, protocol: 'tcp' };
    case 2:
      return { type: 'setFirewall', node: node.id, enabled: false };
    default:
      return node.services[0] ? { type: 'setServiceListen', node: node.id, service: node.services[0].name, listen: '0.0.0.0' } : { type: 'allowFirewallPort', node: node.id, port, protocol: 'tcp' };
  }
}

describe('properties', () => {
  it('N38: after random edits the state is plain JSON and answers the same after a JSON round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 12 }), (seed, steps) => {
        let t = small(seed);
        const rng = createRng(seed);
        for (let i = 0; i < steps; i++) {
          const r = apply(t, randomAction(t, rng));
          if (r.ok) t = r.value.state;
        }
        expect(findNonJson(t)).toBeNull();
        const copy = roundTrip(t);
        expect(copy).toEqual(t);
        expect(working(copy)).toEqual(working(t));
        expect(toGraph(copy)).toEqual(toGraph(t));
      }),
      RUNS,
    );
  });

  it('N35: a rejected edit never changes anything; an accepted one never mutates its input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = small(seed);
        const rng = createRng(`edits-${seed}`);
        for (let i = 0; i < 15; i++) {
          const before = JSON.stringify(t);
          const r = apply(t, randomAction(t, rng));
          expect(JSON.stringify(t)).toBe(before);
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const issue of r.issues) expect(issue.message).not.toMatch(/undefined|NaN/);
          }
        }
      }),
      RUNS,
    );
  });

  it('N39: adding an allow rule never removes a working connection', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        let t = small(seed);
        const rng = createRng(`allow-${seed}`);
        let ok = working(t);
        for (let i = 0; i < 6; i++) {
          const r = apply(t, randomAllow(t, rng));
          if (!r.ok) continue;
          t = r.value.state;
          const now = working(t);
          for (const flow of ok) expect(now.has(flow), flow).toBe(true);
          ok = now;
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
    // 60 runs take about 5 s on a busy two-core machine: room so load does not fail a correct property.
  }, 30_000);

  it('N39: detaching an adapter never creates a connection', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = small(seed);
        const rng = createRng(`detach-${seed}`);
        const vm = rng.pick(t.vms);
        const r = apply(t, { type: 'setNicMode', vm: vm.id, nic: rng.int(0, vm.nics.length - 1), mode: 'not-attached' });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const before = working(t);
        for (const flow of working(r.value.state)) expect(before.has(flow), flow).toBe(true);
      }),
      RUNS,
    );
  });

  it('N36: every fix offered for a random blocked connection works when applied alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = small(seed);
        const rng = createRng(`fix-${seed}`);
        const ids = [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id).concat('internet');
        const q = { from: rng.pick(ids), to: rng.pick(ids), ...rng.pick(FLOWS) };
        const r = whatWouldFix(t, q);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const fix of r.value.fixes) {
          const applied = apply(t, fix.action);
          expect(applied.ok).toBe(true);
          if (applied.ok) expect(can(applied.value.state, q.from, q.to, q.port ?? null, q.protocol).ok).toBe(true);
        }
        for (const step of r.value.partial) expect(step.after.blocked!.stage).toBeGreaterThan(r.value.before.blocked!.stage);
      }),
      RUNS,
    );
  });

  it('N42: naming an address never adds reachability, and the address a working route shows works when named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = small(seed);
        const rng = createRng(`address-${seed}`);
        const ids = [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id).concat('internet');
        const addresses = ['127.0.0.1', '10.0.2.2', '10.0.2.15', ...t.hosts.map((h) => h.address), ...t.vms.flatMap((v) => v.nics.flatMap((n) => [n.address, n.floatingIp]).filter((a): a is string => a !== null))];
        for (let i = 0; i < 12; i++) {
          const flow = rng.pick(FLOWS);
          const [from, to] = [rng.pick(ids), rng.pick(ids)];
          const any = can(t, from, to, flow.port ?? null, flow.protocol);
          const named = can(t, from, to, flow.port ?? null, flow.protocol, rng.pick(addresses));
          if (named.ok) expect(any.ok, `${from}→${to} ${JSON.stringify(named.query)}`).toBe(true);
          else expect(describeVerdict(named)).not.toMatch(/undefined|NaN|\{/);
          if (any.ok) {
            const shown = any.path[0]!.dst;
            expect(can(t, from, to, flow.port ?? null, flow.protocol, shown).ok, `${from}→${to} at ${shown}`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('N34: verdicts on random topologies always render without missing values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = small(seed);
        const rng = createRng(`text-${seed}`);
        const ids = [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id).concat('internet');
        for (let i = 0; i < 20; i++) {
          const flow = rng.pick(FLOWS);
          const v = can(t, rng.pick(ids), rng.pick(ids), flow.port ?? null, flow.protocol);
          expect(describeVerdict(v)).not.toMatch(/undefined|NaN|\{/);
          if (v.blocked) expect(hintFor(v.blocked)).not.toMatch(/undefined|NaN|\{/);
        }
      }),
      RUNS,
    );
  });
});
