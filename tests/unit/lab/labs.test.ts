/**
 * Every lab in labs/: it compiles, its worked solution reaches 100 % for many students, its start
 * state does not, only "keep it so" goals are met at the start, students get different variables,
 * and a reset after the solution scores like the start.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileLab, type LabSources } from '../../../src/lab/compile';
import type { LogEntry } from '../../../src/lab/log';
import { replay, score, solutionLog, type Variant } from '../../../src/lab/run';
import { variantOf } from '../../../src/lab/variant';
import type { CompiledLab } from '../../../src/lab/schema';
import { ADAPTERS } from '../../../src/lab/sims';
import { labSeed, placeholdersIn } from '../../../src/lab/variables';
import { courseLabSources, labFiles } from './course-labs';

const lessons = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4));
const sources: LabSources = courseLabSources(lessons);

const files = labFiles;
const STUDENTS = Array.from({ length: 20 }, (_, i) => `student-${i}`);

function compile(file: string): CompiledLab {
  const r = compileLab(`labs/${file}`, readFileSync(`labs/${file}`, 'utf8'), sources);
  if (!r.ok) throw new Error(`labs/${file}:\n${r.issues.map((i) => `${i.path.join('.')}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n')}`);
  return r.value;
}

function variant(c: CompiledLab, seed: string): Variant {
  const v = variantOf(c, ADAPTERS[c.lab.simulator], seed);
  if (!v.ok) throw new Error(`${c.source} (seed ${seed}): ${v.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return v.value;
}

function lessonWeek(id: string): number {
  const text = readFileSync(`content/lessons/${id}.mdx`, 'utf8');
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return (parse(front) as { week: number }).week;
}

const COURSE_LABS = [
  'size-compute-node',
  'expose-web-nat',
  'private-network-three-vms',
  'cloud-web-and-database',
  'network-troubleshooting',
  'snapshot-before-risky-change',
  'proxmox-zfs-rollback',
  'branches-and-clones',
];

it('the course labs exist, one file per id', () => {
  expect(files.map((f) => f.slice(0, -5))).toEqual(expect.arrayContaining(COURSE_LABS));
  for (const f of files) expect(compile(f).lab.id).toBe(f.slice(0, -5));
});

describe.each(files)('labs/%s', (file) => {
  const compiled = compile(file);
  const { lab } = compiled;
  const adapter = ADAPTERS[lab.simulator];
  const seeds = STUDENTS.map((s) => labSeed(lab.id, s));

  it('compiles, and names a lesson of its own week', () => {
    expect(lab.lesson).toBeDefined();
    expect(lessons).toContain(lab.lesson);
    expect(lessonWeek(lab.lesson!)).toBe(lab.week);
  });

  it('the worked solution replays to 100 % for 20 students', () => {
    for (const seed of seeds) {
      const v = variant(compiled, seed);
      const log = solutionLog(v, adapter);
      expect(log.every((e) => 'ok' in e && e.ok), `a solution step is refused (seed ${seed})`).toBe(true);
      const end = replay(v, adapter, log);
      expect(end.mismatches).toEqual([]);
      expect(end.malformed).toEqual([]);
      const s = score(v, adapter, end.state, end.clock);
      const unmet = s.goals.filter((g) => !g.met).map((g) => `${g.id}: ${g.detail}`);
      expect(unmet, `seed ${seed}`).toEqual([]);
      expect(s.complete).toBe(true);
      expect(s.earned).toBe(s.possible);
    }
  });

  it('the start scores below 100 %, and only goals marked metAtStart are met there', () => {
    for (const seed of seeds) {
      const v = variant(compiled, seed);
      const s = score(v, adapter, v.start, adapter.startClock);
      expect(s.complete).toBe(false);
      expect(s.earned).toBeLessThan(s.possible);
      const early = s.goals.filter((g, i) => g.met && !v.goals[i]!.metAtStart).map((g) => g.id);
      expect(early, `seed ${seed}`).toEqual([]);
    }
  });

  it('every variable is used, and students get different values', () => {
    const names = Object.keys(lab.variables);
    if (names.length === 0) return;
    const used = placeholdersIn([compiled.scenario, lab.start, lab.brief, lab.goals, lab.solution]);
    for (const n of names) expect(used.has(n), `{{${n}}} is defined but never used`).toBe(true);
    const drawn = new Set(seeds.map((seed) => JSON.stringify(variant(compiled, seed).vars)));
    expect(drawn.size).toBeGreaterThanOrEqual(2);
  });

  it('a reset after the solution scores like the start', () => {
    for (const seed of seeds) {
      const v = variant(compiled, seed);
      const log: LogEntry[] = [...solutionLog(v, adapter), { t: 99_000, reset: true }];
      const end = replay(v, adapter, log);
      const atStart = score(v, adapter, v.start, adapter.startClock);
      const afterReset = score(v, adapter, end.state, end.clock);
      expect(afterReset).toEqual(atStart);
    }
  });

  it('the brief shows no placeholder that is left unfilled', () => {
    const v = variant(compiled, seeds[0]!);
    const used = placeholdersIn(compiled.briefHtml);
    for (const n of used) expect(Object.keys(v.vars)).toContain(n);
  });
});

describe('compiling a lab twice in one process (the content check, then the pages)', () => {
  it('tries the sample seeds once per lab text and seeds, and gives each caller its own result', async () => {
    const { vi } = await import('vitest');
    const file = files[0]!;
    const text = readFileSync(`labs/${file}`, 'utf8');
    const sim = compile(file).lab.simulator;
    const build = vi.spyOn(ADAPTERS[sim], 'start');
    try {
      const seeds = ['memo-a', 'memo-b'];
      const first = compileLab(`labs/${file}`, text, sources, seeds);
      const tried = build.mock.calls.length;
      expect(tried).toBeGreaterThan(0);
      const second = compileLab(`labs/${file}`, text, sources, seeds);
      expect(build.mock.calls.length).toBe(tried);
      expect(second).toEqual(first);
      compileLab(`labs/${file}`, text, sources, ['memo-c']);
      expect(build.mock.calls.length).toBeGreaterThan(tried);
      // A changed file is a different lab: tried again.
      const before = build.mock.calls.length;
      compileLab(`labs/${file}`, `${text}\n# edited\n`, sources, seeds);
      expect(build.mock.calls.length).toBeGreaterThan(before);
    } finally {
      build.mockRestore();
    }
  });
});
