import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonJson } from '../../../../src/sim/core';
import { apply, explainFinding, findings, presetPolicy, summarize, type SizingAction, type SizingState } from '../../../../src/sim/sizing';
import { host, state, vm } from './fixtures';

/**
 * The sizing engine under fire (SPEC S27): seeded sequences mixing valid actions, actions with one
 * field replaced by any value at all (fc.anything: NaN, -0, objects without a prototype, prototype
 * keys…) and whole actions of any JSON type, under the course policy and under Nova. After every step:
 * nothing threw, a refused action kept the very same state, the state is plain JSON, and every
 * finding renders without NaN, Infinity or "undefined"; after each sequence the state survives a
 * round trip. 10,000 sequences in all (5,000 per policy), a few seconds.
 */
const PROTO = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const hostile = fc.oneof(fc.anything(), fc.jsonValue(), fc.constantFrom<unknown>(...PROTO, NaN, Infinity, -Infinity, -1, 0, 1e308, '', 'x'.repeat(300)));

const VALID: Record<string, unknown>[] = [
  { type: 'setHost', changes: { coresPerSocket: 4 } },
  { type: 'setHost', changes: { ramMb: 16384, threadsPerCore: 1 } },
  { type: 'addVm', flavor: 'm1.small' },
  { type: 'addVm', flavor: 'm1.large', name: 'db' },
  { type: 'addCustomVm', size: { sockets: 1, cores: 2, ramMb: 2048, diskGb: 20 }, name: 'c' },
  { type: 'removeVm', id: 'vm-1' },
  { type: 'updateVm', id: 'vm-1', changes: { ramMb: 4096, name: 'renamed' } },
  { type: 'setPolicy', preset: 'course' },
  { type: 'setPolicy', preset: 'nova-2023.1' },
  { type: 'setReserve', changes: { cpus: 7 } },
  { type: 'setReserve', changes: { ramMb: 1024 } },
  { type: 'setRatios', changes: { cpu: 2 } },
  { type: 'setNovaOrigin', origin: null },
  { type: 'setCpuSets', cpuSets: { dedicated: 4 } },
  { type: 'setQuota', quota: { instances: 2, cores: 8, ramMb: 8192 } },
  { type: 'addPeer', name: 'node2', cpuModel: 'host' },
  { type: 'removePeer', name: 'node2' },
];

/** Replaces one field, or one field of the nested `changes`, `size` or `options`, with `value`. */
function spoil(action: Record<string, unknown>, field: number, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...action };
  const nested = ['changes', 'size', 'quota', 'cpuSets'].find((k) => out[k] !== null && typeof out[k] === 'object' && field % 2 === 1);
  const target: Record<string, unknown> = nested ? { ...(out[nested] as Record<string, unknown>) } : out;
  const keys = Object.keys(target);
  Object.defineProperty(target, keys[field % keys.length]!, { value, enumerable: true, writable: true, configurable: true });
  if (nested) out[nested] = target;
  return out;
}

const actionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VALID) },
  { weight: 4, arbitrary: fc.record({ pick: fc.nat(VALID.length - 1), field: fc.nat(9), value: hostile }).map(({ pick, field, value }) => spoil(VALID[pick]!, field, value)) },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.jsonValue() },
);

function check(base: SizingState, actions: unknown[]): void {
  let s = base;
  for (const action of actions) {
    const r = apply(s, action as SizingAction);
    if (r.issues.length > 0) expect(r.state).toBe(s);
    s = r.state;
    expect(findNonJson(s)).toBeNull();
    summarize(s);
    for (const f of findings(s)) expect(explainFinding(f)).not.toMatch(/NaN|Infinity|undefined|-\d+ physical/);
  }
  expect(JSON.parse(JSON.stringify(s))).toEqual(s);
}

describe('any input: the sizing engine never throws and never stores NaN (SPEC S27)', () => {
  for (const [i, preset] of (['course', 'nova-2023.1'] as const).entries()) {
    it(`${preset}: 5,000 seeded sequences`, () => {
      const base = state([vm({ vcpus: 2, ramMb: 4096 }), vm({ vcpus: 4, ramMb: 8192 })], presetPolicy(preset), host());
      fc.assert(
        fc.property(fc.array(actionArb, { minLength: 1, maxLength: 6 }), (actions) => check(base, actions)),
        { seed: 20261225 + i, numRuns: 5_000 },
      );
    }, 60_000);
  }
});

describe('Object.prototype keys are ordinary text in the sizing engine (SPEC S27)', () => {
  it.each(PROTO)('"%s" is an unknown flavor, VM, node and CPU model, and a valid VM name', (name) => {
    const base = state([vm({ vcpus: 2, ramMb: 4096 })], presetPolicy('course'), host());
    const refusedWith = (action: unknown): string[] => {
      const r = apply(base, action as SizingAction);
      expect(r.state).toBe(base);
      return r.issues.map((i) => i.message);
    };
    expect(refusedWith({ type: 'addVm', flavor: name })).toEqual([`unknown flavor ${JSON.stringify(name)}`]);
    expect(refusedWith({ type: 'removeVm', id: name })).toEqual([`unknown VM ${JSON.stringify(name)}`]);
    expect(refusedWith({ type: 'removePeer', name })).toEqual([`unknown node ${JSON.stringify(name)}`]);
    expect(refusedWith({ type: 'addPeer', name: 'node2', cpuModel: name })).toEqual([`unknown CPU model ${JSON.stringify(name)}`]);
    const named = apply(base, { type: 'addVm', flavor: 'm1.small', name });
    expect(named.issues).toEqual([]);
    expect(named.state.vms.map((v) => v.name)).toContain(name);
    expect(JSON.parse(JSON.stringify(named.state))).toEqual(named.state);
  });
});
