import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/core/rng';
import { scenarioInput } from '../../../src/sim/network/schema';
import { snapshotScenarioSchema } from '../../../src/sim/snapshots/scenario/schema';
import * as networkInputs from '../../../src/quiz/generators/network-inputs';
import * as snapshotInputs from '../../../src/quiz/generators/snapshot-inputs';
import { CLOUD_FLAWS, VBOX_SETUPS, cloudScenario, cloudVm, homeScenario } from '../../../src/quiz/generators/network';
import { prebuiltModules } from '../../../src/integrations/prebuilt-modules';
import { fileURLToPath } from 'node:url';

/**
 * The browser runs the network and snapshot generators without their schemas: the build hands them
 * parsed inputs (network-inputs.ts, snapshot-inputs.ts, as JSON) and they add parts typed in the schema's output shape. These
 * tests do what the browser skips: the schema must accept every scenario as it is, adding nothing.
 */
describe('G13: generator inputs built once, no schema in the browser', () => {
  it('the inputs survive JSON unchanged, as the build puts them in the browser bundle', () => {
    for (const [name, value] of Object.entries({ ...networkInputs, ...snapshotInputs })) expect(JSON.parse(JSON.stringify(value)), name).toEqual(value);
  });

  it('every cloud project the generator can build is valid as it is (the schema adds and changes nothing)', () => {
    const rng = createRng('cloud-inputs');
    for (let i = 0; i < 200; i++) {
      const n = 1 + (i % 8);
      const vms = Array.from({ length: n }, (_, k) => cloudVm(`vm${k}`, k, CLOUD_FLAWS[(i + k) % CLOUD_FLAWS.length]!, rng));
      const scenario = cloudScenario(vms);
      expect(scenarioInput.parse(scenario)).toEqual(scenario);
    }
  });

  it('every home lab the generator can build is valid as it is', () => {
    for (let i = 0; i < VBOX_SETUPS.length; i++) {
      const setups = [...VBOX_SETUPS.slice(i), ...VBOX_SETUPS.slice(0, i)].slice(0, 6);
      const scenario = homeScenario(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'], setups);
      expect(scenarioInput.parse(scenario)).toEqual(scenario);
    }
  });

  it('each platform\'s snapshot lab stays valid with any first content of the file', () => {
    for (const lab of Object.values(snapshotInputs.snapshotLabs)) {
      for (const content of ['', 'hello', 'line one\nline two', '€ ünïcode']) {
        const withContent = { ...lab, vms: lab.vms.map((vm) => ({ ...vm, files: vm.files.map((f) => ({ ...f, content })) })) };
        expect(snapshotScenarioSchema.parse(withContent)).toEqual(withContent);
      }
    }
  });

  it('the build replaces the module by its exports as JSON, and refuses what JSON would change', () => {
    const file = 'src/quiz/generators/network-inputs.ts';
    const id = fileURLToPath(new URL(`../../../${file}`, import.meta.url));
    const errors: string[] = [];
    const ctx = { error: (message: string) => { errors.push(message); throw new Error(message); } };
    type Load = { filter: { id: RegExp }; handler: (this: unknown, id: string) => string | null };
    const hook = (exports: Record<string, unknown>) => prebuiltModules({ [file]: exports }).load as unknown as Load;
    const load = (exports: Record<string, unknown>) => hook(exports).handler.call(ctx, id);
    const code = load({ a: { b: [1, 'x', null] } })!;
    expect(code).toContain('export const a =');
    expect(new Function(`${code.replace('export const a =', 'return')}`)()).toEqual({ a: { b: [1, 'x', null] } }.a);
    expect(() => load({ when: new Date(0) })).toThrow(/network-inputs\.ts › when: not plain JSON data/);
    expect(() => load({ gap: { x: undefined } })).toThrow(/gap: not plain JSON data/);
    expect(hook({}).handler.call(ctx, '/elsewhere.ts')).toBeNull();
    // Rolldown calls the hook only for ids its filter matches: the file itself, with or without a query.
    const { filter } = hook({});
    expect([id, `${id}?v=1`, `${id}x`, `/x${id}`, id.replace(/\.ts$/, 'xts'), '/elsewhere.ts'].map((x) => filter.id.test(x))).toEqual([true, true, false, false, false, false]);
  });
});
