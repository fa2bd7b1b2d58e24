import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNonJson } from '../../../../src/sim/core';
import { apply, canConnect, loadScenario, reachabilityMatrix, type Action, type Topology } from '../../../../src/sim/network';

/**
 * SPEC N48 under fire: seeded sequences mixing valid edits, edits with one field replaced by any
 * value at all (fc.anything: NaN, -0, objects without a prototype, prototype keys…), whole edits of
 * any JSON type, and reachability questions of any type. After every step: nothing threw, a refused
 * edit left no trace, the state is plain JSON; after each sequence it survives a round trip and the
 * whole matrix still answers (every eighth sequence). 10,000 sequences in all (5,000 per preset), a few seconds.
 */
const PROTO = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const hostile = fc.oneof(fc.anything(), fc.jsonValue(), fc.constantFrom<unknown>(...PROTO, NaN, Infinity, -Infinity, -1, 1e308, '', 'x'.repeat(300)));

function preset(name: string): Topology {
  const r = loadScenario(readFileSync(`content/scenarios/network/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`);
  return r.value;
}

function validEdits(t: Topology): Record<string, unknown>[] {
  const vm = t.vms[0]!.id;
  const node = t.hosts[0]?.id ?? vm;
  return [
    { type: 'setNicMode', vm, nic: 0, mode: 'nat' },
    { type: 'setNicMode', vm, nic: 0, mode: 'host-only', network: 'vboxnet0' },
    { type: 'addPortForward', vm, nic: 0, rule: { hostPort: 8080, guestPort: 80 } },
    { type: 'updatePortForward', vm, nic: 0, name: 'x', changes: { hostPort: 8081 } },
    { type: 'removePortForward', vm, nic: 0, name: 'x' },
    { type: 'addNatNetworkPortForward', host: node, network: 'NatNetwork', rule: { hostPort: 8080, guestPort: 80, guestIp: '10.0.2.4' } },
    { type: 'removeNatNetworkPortForward', host: node, network: 'NatNetwork', name: 'x' },
    { type: 'attachFloatingIp', vm, nic: 0 },
    { type: 'detachFloatingIp', vm, nic: 0 },
    { type: 'addSecurityGroupRule', group: 'default', rule: { protocol: 'tcp', ports: 22, remote: '0.0.0.0/0' } },
    { type: 'removeSecurityGroupRule', group: 'default', rule: 'x' },
    { type: 'setNicSecurityGroups', vm, nic: 0, groups: ['default'] },
    { type: 'setFirewall', node: vm, enabled: true },
    { type: 'allowFirewallPort', node: vm, port: 80, protocol: 'tcp' },
    { type: 'removeFirewallPort', node: vm, port: 80, protocol: 'tcp' },
    { type: 'setNatLocalhostReachable', vm, nic: 0, reachable: true },
    { type: 'setServiceListen', node: vm, service: 'ssh', listen: '127.0.0.1' },
  ];
}

type Step = { edit: unknown } | { query: unknown };

describe('any input: the network engine never throws (SPEC N48)', () => {
  for (const [i, name] of ['virtualbox-home-lab', 'cloud-project'].entries()) {
    it(`${name}: 5,000 seeded sequences`, () => {
      const base = preset(name);
      const valid = validEdits(base);
      const vm = base.vms[0]!.id;
      const editArb = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...valid) },
        {
          weight: 4,
          arbitrary: fc.record({ pick: fc.nat(valid.length - 1), field: fc.nat(8), value: hostile }).map(({ pick, field, value }) => {
            const edit = { ...valid[pick]! };
            const keys = Object.keys(edit);
            Object.defineProperty(edit, keys[field % keys.length]!, { value, enumerable: true, writable: true, configurable: true });
            return edit;
          }),
        },
        { weight: 1, arbitrary: fc.anything() },
        { weight: 1, arbitrary: fc.jsonValue() },
      );
      const pickOr = (...values: unknown[]) => fc.oneof(fc.constantFrom(...values), hostile);
      const queryArb = fc.record({ from: pickOr('internet', vm, ...PROTO), to: pickOr(vm, ...PROTO), port: pickOr(22, 80), protocol: pickOr('tcp', 'icmp') });
      const stepArb = fc.oneof(editArb.map((edit): Step => ({ edit })), queryArb.map((query): Step => ({ query })));
      let run = 0;
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (steps) => {
          let t = base;
          for (const step of steps) {
            if ('edit' in step) {
              const before = JSON.stringify(t);
              const r = apply(t, step.edit as Action);
              if (r.ok) t = r.value.state;
              else {
                expect(r.issues.length).toBeGreaterThan(0);
                expect(JSON.stringify(t)).toBe(before);
              }
            } else {
              const r = canConnect(t, step.query as never);
              expect(typeof r.ok).toBe('boolean');
            }
            expect(findNonJson(t)).toBeNull();
          }
          expect(JSON.parse(JSON.stringify(t))).toEqual(t);
          // The whole matrix is the slow query: asked after every eighth sequence.
          if (run++ % 8 === 0) expect(reachabilityMatrix(t, { protocol: 'tcp', port: 80 }).ok).toBe(true);
        }),
        { seed: 20261215 + i, numRuns: 5_000 },
      );
    }, 60_000);
  }
});
