/**
 * What the browser builds a lab from, read at build time: the start scenario and the goals as their
 * schemas read them (defaults filled in), with the `{{variable}}` placeholders kept where the file
 * has them, so the page only substitutes a student's values and runs no schema (no zod, no YAML
 * parser). Node only.
 *
 * Reading is done with the variables of sample seeds; each placeholder must come out of the schema
 * exactly as it went in (a schema that rewrites the value there, such as a number read as a string,
 * cannot be prepared), and for every sample seed the prepared data with that seed's values must
 * equal what the schema reads. tests/unit/lab/prepare.test.ts checks the same on many more seeds.
 */
import { isDeepStrictEqual } from 'node:util';
import { fail, ok, type PathSegment, type Result } from '../sim/core/issues';
import { readScenario } from './sims/read';
import { substitute, type Variables } from './variables';
import { readGoals } from './variant';
import type { LabGoal, ReadLab } from './schema';

export interface PreparedLab {
  /** The start scenario in the engine schema's output shape, placeholders kept. */
  scenario: unknown;
  /** The goals as the simulator's checks read them, placeholders kept. */
  goals: LabGoal[];
}

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** Paths of the strings in a value that hold a `{{placeholder}}`. */
function placeholderPaths(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (typeof value === 'string' && value.includes('{{')) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => placeholderPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) placeholderPaths(v, [...path, k], out);
  return out;
}

function at(value: unknown, path: PathSegment[]): { found: boolean; value: unknown } {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return { found: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: cur };
}

/** `value` (plain JSON, a fresh copy) with the leaf at `path` replaced. */
function put(value: unknown, path: PathSegment[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const container = value as Record<string | number, unknown>;
  container[head!] = put(container[head!], rest, leaf);
  return value;
}

/**
 * Reads `template` with `read` once per sample, and returns the result with placeholders put back
 * where `template` has them. `prefix` is where `template` sits in the lab file (for messages).
 */
export function prepareTemplate(template: unknown, read: (data: unknown) => Result<unknown>, samples: readonly Variables[], prefix: PathSegment[]): Result<unknown> {
  if (samples.length === 0) throw new Error('prepareTemplate needs at least one sample of variables');
  const first = read(substitute(template, samples[0]!));
  if (!first.ok) return first;
  let prepared = json(first.value);
  for (const path of placeholderPaths(template)) {
    const written = at(template, path).value;
    const expected = substitute(written, samples[0]!);
    const got = at(prepared, path);
    if (!got.found || !isDeepStrictEqual(got.value, expected)) {
      return fail({
        path: [...prefix, ...path],
        message: `"${String(written)}" is read as ${got.found ? JSON.stringify(got.value) : 'nothing'} rather than ${JSON.stringify(expected)}, so the lab cannot be prepared for the browser`,
        hint: 'Write the value in the form the file format keeps as it is (for example a number where a number goes, not a string)',
      });
    }
    prepared = put(prepared, path, written);
  }
  for (const vars of samples) {
    const read1 = read(substitute(template, vars));
    if (!read1.ok) return read1;
    if (!isDeepStrictEqual(json(read1.value), json(substitute(prepared, vars)))) {
      return fail({
        path: prefix,
        message: `with the variables ${JSON.stringify(vars)} this part is read differently from the other variants (a variable changes which defaults apply), so the lab cannot be prepared for the browser`,
        hint: 'Keep variables to values (ports, addresses, names), not to choices that change the shape of the scenario or a check',
      });
    }
  }
  return ok(prepared);
}

/** The prepared scenario and goals of a compiled lab, from the variables of the sample seeds given. */
export function prepareLab(compiled: ReadLab, samples: readonly Variables[]): Result<PreparedLab> {
  const { lab } = compiled;
  const scenario = prepareTemplate(compiled.scenario, (d) => readScenario(lab.simulator, d), samples, compiled.lab.start.preset === undefined ? ['start', 'scenario'] : ['start', 'preset']);
  if (!scenario.ok) return scenario;
  const goals = prepareTemplate(lab.goals, (d) => readGoals(lab.simulator, d), samples, ['goals']);
  if (!goals.ok) return goals;
  return ok({ scenario: scenario.value, goals: goals.value as LabGoal[] });
}
