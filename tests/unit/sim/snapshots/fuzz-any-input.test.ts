import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonJson } from '../../../../src/sim/core';
import { apply, explainRefusal, runCommand, type Action, type LabState } from '../../../../src/sim/snapshots';
import { at, makeLab } from './helpers';

/**
 * SPEC E6/K1 under fire: seeded sequences mixing valid actions, actions with one field replaced by
 * any value at all (fc.anything: NaN, -0, objects without a prototype, prototype keys…), whole
 * actions of any JSON type, and console lines with hostile words. After every step: nothing threw,
 * a refusal kept the very same state, the state is plain JSON and the platform's listing still
 * answers; after each sequence the state survives a round trip. 10,002 sequences in all (3,334 per platform), a few seconds.
 */
const PROTO = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const hostile = fc.oneof(fc.anything(), fc.jsonValue(), fc.constantFrom<unknown>(...PROTO, NaN, Infinity, -Infinity, -1, 1e308, '', 'x'.repeat(300)));

const VALID: Record<string, unknown>[] = [
  { type: 'take', vm: 'web', name: 's1', memory: true },
  { type: 'take', vm: 'web', name: 's2' },
  { type: 'restore', vm: 'web', snapshot: 's1', after: 'running' },
  { type: 'deleteSnapshot', vm: 'web', snapshot: 's1', scope: 'self' },
  { type: 'editSnapshot', vm: 'web', snapshot: 's1', name: 'n' },
  { type: 'setCurrent', vm: 'web', snapshot: 's1' },
  { type: 'clone', vm: 'web', name: 'c', mode: 'full' },
  { type: 'template', vm: 'web' },
  { type: 'power', vm: 'web', op: 'start' },
  { type: 'power', vm: 'web', op: 'poweroff' },
  { type: 'configure', vm: 'web', memoryMb: 512, cpus: 2 },
  { type: 'guest', vm: 'web', guest: { op: 'write', path: '/root/a', content: 'x' } },
  { type: 'loseBaseDisk', vm: 'web' },
  { type: 'setDiskMode', vm: 'web', disk: 0, mode: 'normal' },
  { type: 'focus', vm: 'web' },
];

const actionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VALID) },
  {
    weight: 4,
    arbitrary: fc.record({ pick: fc.nat(VALID.length - 1), field: fc.nat(8), value: hostile }).map(({ pick, field, value }) => {
      const action = { ...VALID[pick]! };
      const keys = Object.keys(action);
      Object.defineProperty(action, keys[field % keys.length]!, { value, enumerable: true, writable: true, configurable: true });
      return action;
    }),
  },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.jsonValue() },
);

const TOOLS = { virtualbox: 'VBoxManage', libvirt: 'virsh', proxmox: 'qm' } as const;
const LISTING = { virtualbox: 'VBoxManage list vms', libvirt: 'virsh list --all', proxmox: 'qm list' } as const;
const WORDS = [...PROTO, 'web', '100', 'snapshot', 'take', 'restore', 'delete', 'start', 'startvm', 'list', 'clone', 'clonevm', 'snapshot-create-as', 'rollback', '--name', 'NaN', '-1'];
const lineArb = (platform: keyof typeof TOOLS) =>
  fc
    .tuple(fc.constantFrom(TOOLS[platform], TOOLS[platform], 'sudo', 'systemctl', 'cat'), fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 5 }))
    .map(([tool, words]) => [tool, ...words].join(' '));

type Step = { action: unknown } | { line: string };

function check(platform: keyof typeof TOOLS, base: LabState, steps: Step[]): void {
  let lab = base;
  steps.forEach((step, n) => {
    if ('action' in step) {
      const r = apply(lab, step.action as Action, at(n));
      if (r.refused) {
        expect(r.state).toBe(lab);
        // Never "undefined" or "NaN" on screen (SPEC E5), unless the student typed those very words.
        if (!/undefined|NaN/.test(JSON.stringify(r.refused.params))) expect(explainRefusal(r.refused)).not.toMatch(/undefined|NaN/);
      }
      lab = r.state;
    } else {
      lab = runCommand(lab, step.line, at(n)).state;
    }
    expect(findNonJson(lab)).toBeNull();
    expect(runCommand(lab, LISTING[platform], at(n)).exitCode).toBe(0);
  });
  expect(JSON.parse(JSON.stringify(lab))).toEqual(lab);
}

describe('any input, any platform: the engine and the console never throw (SPEC E6, K1)', () => {
  for (const [i, platform] of (['virtualbox', 'libvirt', 'proxmox'] as const).entries()) {
    it(`${platform}: 3,334 seeded sequences`, () => {
      const base = makeLab({ platform });
      const stepArb = fc.oneof(actionArb.map((action): Step => ({ action })), lineArb(platform).map((line): Step => ({ line })));
      fc.assert(
        fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (steps) => check(platform, base, steps)),
        { seed: 20261205 + i, numRuns: 3_334 },
      );
    }, 60_000);
  }
});
