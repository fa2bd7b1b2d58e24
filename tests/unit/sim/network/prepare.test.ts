import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { canConnect, loadScenario, prepareTopology, reachabilityMatrix } from '../../../../src/sim/network';

const preset = (name: string) => {
  const r = loadScenario(readFileSync(`content/scenarios/network/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return r.value;
};

describe('prepareTopology: ready for the first question, changing nothing', () => {
  for (const name of ['virtualbox-home-lab', 'cloud-project']) {
    it(`${name}: leaves the state as it was and every answer as a fresh state gives it`, () => {
      const t = preset(name);
      const before = JSON.stringify(t);
      prepareTopology(t);
      expect(JSON.stringify(t)).toBe(before);
      const fresh = JSON.parse(before) as typeof t;
      for (const port of [22, 80, 443]) {
        expect(reachabilityMatrix(t, { port, protocol: 'tcp' })).toEqual(reachabilityMatrix(fresh, { port, protocol: 'tcp' }));
      }
      const ids = [...t.vms, ...t.hosts].map((m) => m.id);
      for (const from of ids) for (const to of ids) expect(canConnect(t, { from, to, port: 22, protocol: 'tcp' })).toEqual(canConnect(fresh, { from, to, port: 22, protocol: 'tcp' }));
    });
  }

  it('an empty topology is fine', () => {
    const r = loadScenario('title: Nothing yet\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(() => prepareTopology(r.value)).not.toThrow();
  });
});
