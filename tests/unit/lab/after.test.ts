import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import { score, solutionLog, replay } from '../../../src/lab/run';
import { variantOf } from '../../../src/lab/variant';
import { ADAPTERS } from '../../../src/lab/sims';

const sources = labSources('.');
const base = parse(readFileSync('labs/expose-web-nat.yaml', 'utf8')) as { goals: { id: string; after?: string[] }[] };
const compileWith = (edit: (lab: typeof base) => void) => {
  const lab = structuredClone(base);
  edit(lab);
  return compileLab('labs/expose-web-nat.yaml', stringify(lab), sources);
};

describe('goals that wait for others', () => {
  it('G-C5: a keep-it-so goal met at the start earns nothing until the goal it waits for counts', () => {
    const r = compileWith(() => {});
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const v = variantOf(r.value, ADAPTERS.network, 'seed-a');
    if (!v.ok) throw new Error('variant');
    const start = score(v.value, ADAPTERS.network, v.value.start, 0);
    const ssh = start.goals.find((g) => g.id === 'ssh-stays-private')!;
    expect(ssh).toMatchObject({ met: false, earned: 0 });
    expect(start.earned).toBe(0);
    const end = replay(v.value, ADAPTERS.network, solutionLog(v.value, ADAPTERS.network));
    expect(score(v.value, ADAPTERS.network, end.state, end.clock).goals.find((g) => g.id === 'ssh-stays-private')).toMatchObject({ met: true, earned: 1 });
  });

  it('G-C5: without `after` the same goal would be met at the start, and the build says so', () => {
    const r = compileWith((lab) => {
      delete lab.goals.find((g) => g.id === 'ssh-stays-private')!.after;
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.message).toMatch(/^goal "ssh-stays-private" is already met at the start/);
  });

  it('G-C5: an unknown id, a goal waiting for itself and a circle fail the build, naming the field', () => {
    const unknown = compileWith((lab) => {
      lab.goals[3]!.after = ['phone-reach-web'];
    });
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({ path: ['goals', 3, 'after', 0], message: 'no goal "phone-reach-web"', hint: 'Did you mean "phone-reaches-web"?' });
    const self = compileWith((lab) => {
      lab.goals[0]!.after = [lab.goals[0]!.id];
    });
    expect(!self.ok && self.issues[0]).toMatchObject({ path: ['goals', 0, 'after', 0], message: 'a goal cannot wait for itself' });
    const circle = compileWith((lab) => {
      lab.goals[0]!.after = ['laptop-reaches-web'];
      lab.goals[1]!.after = ['forward-exists'];
    });
    expect(!circle.ok && circle.issues[0]!.message).toBe('goals wait for each other in a circle (forward-exists → laptop-reaches-web → forward-exists), so none of them could ever count');
  });
});
