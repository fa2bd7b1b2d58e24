/**
 * The browser builds a student's lab from `compiled.prepared` (read by the schemas at build time,
 * placeholders kept) and runs no schema; the build and the grading command read the lab file with
 * the schemas (`variantOf`). These tests keep the two from drifting apart: for every lab in labs/,
 * both give the same variables, goals, solution and start state, for many students and for every
 * combination of variable values (or a large sample of them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientLab } from '../../../src/lab/client-lab';
import { compileLab, type LabSources } from '../../../src/lab/compile';
import { prepareTemplate } from '../../../src/lab/prepare';
import { preparedVariant } from '../../../src/lab/run';
import type { CompiledLab } from '../../../src/lab/schema';
import { ADAPTERS } from '../../../src/lab/sims';
import { readScenario } from '../../../src/lab/sims/read';
import { labSeed, substitute, type Variables, type VariableSpec, type VariableValue } from '../../../src/lab/variables';
import { readGoals, variantOf } from '../../../src/lab/variant';
import { ok } from '../../../src/sim/core/issues';
import { createRng } from '../../../src/sim/core/rng';
import { courseLabSources, labFiles } from './course-labs';

const sources: LabSources = courseLabSources();

const files = labFiles;

function compile(file: string): CompiledLab {
  const r = compileLab(`labs/${file}`, readFileSync(`labs/${file}`, 'utf8'), sources);
  if (!r.ok) throw new Error(`labs/${file}: ${r.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.value;
}

/** Every value a variable can take, as `drawVariables` draws from. */
function valuesOf(spec: VariableSpec): VariableValue[] {
  switch (spec.kind) {
    case 'int': {
      const out: number[] = [];
      for (let v = spec.min; v <= spec.max; v += spec.step) if (!spec.avoid.includes(v)) out.push(v);
      return out;
    }
    case 'pick':
      return spec.from;
    case 'address': {
      const base = spec.cidr.split('/')[0]!.split('.').reduce((n, p) => n * 256 + Number(p), 0);
      return Array.from({ length: spec.last - spec.first + 1 }, (_, i) => {
        const n = base + spec.first + i;
        return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
      });
    }
    case 'name':
      return (spec.words ?? Array.from({ length: 99 }, (_, i) => String(i + 1))).map((w) => `${spec.prefix}${w}`);
  }
}

/** Every combination of values when there are at most `cap`, else `cap` combinations drawn at random. */
function combinations(specs: Record<string, VariableSpec>, cap: number): Variables[] {
  const entries = Object.entries(specs).map(([name, spec]) => [name, valuesOf(spec)] as const);
  const total = entries.reduce((n, [, vs]) => n * vs.length, 1);
  if (total <= cap) {
    return entries.reduce<Variables[]>((acc, [name, vs]) => acc.flatMap((vars) => vs.map((v) => ({ ...vars, [name]: v }))), [{}]);
  }
  const rng = createRng('prepare-combinations');
  return Array.from({ length: cap }, () => Object.fromEntries(entries.map(([name, vs]) => [name, rng.pick(vs)])));
}

describe('L-P: a lab in the browser is built from what the build read, exactly as the schemas read it', () => {
  for (const file of files) {
    const compiled = compile(file);
    // What the page receives: the lab as its island's props, through JSON.
    const onPage = JSON.parse(JSON.stringify(clientLab(compiled))) as CompiledLab;
    const adapter = ADAPTERS[compiled.lab.simulator];

    it(`L-P1 ${file}: 40 students get the same variant from the prepared lab as from the lab file read with the schemas`, () => {
      for (let i = 0; i < 40; i++) {
        const seed = labSeed(compiled.lab.id, `student-${i}`);
        const browser = preparedVariant(onPage, adapter, seed);
        const schemas = variantOf(compiled, adapter, seed);
        if (!browser.ok || !schemas.ok) throw new Error(`${file} seed ${seed}: ${JSON.stringify([browser, schemas].flatMap((r) => (r.ok ? [] : r.issues)))}`);
        const { compiled: _b, ...b } = browser.value;
        const { compiled: _s, ...s } = schemas.value;
        expect(b, `${file} seed ${seed}`).toEqual(s);
      }
    });

    it(`L-P2 ${file}: for every combination of variable values (at most 400, else 400 drawn), the prepared scenario and goals equal what the schemas read`, () => {
      for (const vars of combinations(compiled.lab.variables, 400)) {
        const scenario = readScenario(compiled.lab.simulator, substitute(compiled.scenario, vars));
        const goals = readGoals(compiled.lab.simulator, substitute(compiled.lab.goals, vars));
        if (!scenario.ok || !goals.ok) throw new Error(`${file} with ${JSON.stringify(vars)}: the schemas refuse this variant`);
        expect(substitute(onPage.prepared.scenario, vars), `${file} scenario with ${JSON.stringify(vars)}`).toEqual(JSON.parse(JSON.stringify(scenario.value)));
        expect(substitute(onPage.prepared.goals, vars), `${file} goals with ${JSON.stringify(vars)}`).toEqual(JSON.parse(JSON.stringify(goals.value)));
      }
    });
  }
});

describe('L-P3: a lab whose variables the schemas read in a way the build cannot prepare fails the build, naming the field', () => {
  const nova = (registered: unknown) => ({
    title: 'Nova node',
    policy: 'nova-2023.1',
    origin: { registered, running: '2025.1' },
    host: { name: 'n1', sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 65536, diskGb: 1000, cpuVendor: 'intel' },
    vms: [],
  });

  it('a placeholder the schema rewrites (a release written as a number is read as a string)', () => {
    const r = prepareTemplate(nova('{{release}}'), (d) => readScenario('sizing', d), [{ release: 2023.1 }], ['start', 'scenario']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toEqual(['start', 'scenario', 'origin', 'registered']);
    expect(r.issues[0]!.message).toBe('"{{release}}" is read as "2023.1" rather than 2023.1, so the lab cannot be prepared for the browser');
    expect(r.issues[0]!.hint).toMatch(/a number where a number goes/);
  });

  it('the same placeholder as text, which the schema keeps, is prepared and gives back each variant', () => {
    const r = prepareTemplate(nova('{{release}}'), (d) => readScenario('sizing', d), [{ release: '2023.1' }, { release: '2025.1' }], ['start', 'scenario']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.value as { origin: { registered: string } }).origin.registered).toBe('{{release}}');
    expect(substitute(r.value, { release: '2025.1' })).toEqual((readScenario('sizing', nova('2025.1')) as { value: unknown }).value);
  });

  it('a variable that changes what else the schema fills in, seen with another sample', () => {
    // A reader whose default depends on the value, as a discriminated union's defaults would.
    const read = (d: unknown) => {
      const o = d as { mode: string };
      return ok({ ...o, port: o.mode === 'nat' ? 22 : 80 });
    };
    const r = prepareTemplate({ mode: '{{mode}}' }, read, [{ mode: 'nat' }, { mode: 'bridged' }], ['start', 'scenario']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toEqual(['start', 'scenario']);
    expect(r.issues[0]!.message).toMatch(/^with the variables \{"mode":"bridged"\} this part is read differently from the other variants/);
  });

  it('a sample the schemas refuse is reported as the schemas report it', () => {
    const r = prepareTemplate(nova('{{release}}'), (d) => readScenario('sizing', d), [{ release: '1999.9' }], ['start', 'scenario']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path.slice(0, 4)).toEqual(['start', 'scenario', 'origin', 'registered']);
  });
});
