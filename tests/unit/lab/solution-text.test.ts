import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import { describeSolution } from '../../../src/lab/run';
import { variantOf } from '../../../src/lab/variant';
import { ADAPTERS } from '../../../src/lab/sims';

const sources = labSources('.');
function solution(id: string, seed = 'seed-x'): string[] {
  const r = compileLab(`labs/${id}.yaml`, readFileSync(`labs/${id}.yaml`, 'utf8'), sources);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const adapter = ADAPTERS[r.value.lab.simulator];
  const v = variantOf(r.value, adapter, seed);
  if (!v.ok) throw new Error('variant');
  return describeSolution(v.value, adapter);
}

describe('a worked solution in words', () => {
  it('network steps use the engine\'s own description, with the student\'s variables', () => {
    const lines = solution('expose-web-nat');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Forward host port 80\d\d\/tcp to port 80 of web \(adapter 1\)$/);
  });

  it('sizing steps name VMs by name, resolved against the state each step applies to', () => {
    const lines = solution('size-compute-node');
    expect(lines[0]).toMatch(/^Change "db01": vcpus [45]$/);
    expect(lines).toContain('Add a g4.r4c1 VM named "web01"');
    expect(lines).toContain('Switch the policy to nova-2023.1');
  });

  it('snapshot steps are the console commands as typed', () => {
    const lines = solution('snapshot-before-risky-change');
    expect(lines[0]).toMatch(/^VBoxManage snapshot web01 take pre-upgrade-\S+ --description 'before the nginx upgrade'$/);
    expect(lines).toContain('VBoxManage controlvm web01 poweroff');
  });
});
