/**
 * Build-time (and grading-time) loading of lab files: YAML → validated lab, preset resolved to
 * plain JSON, brief rendered to HTML, version hash computed, and the lab tried on sample seeds
 * (the start state builds, every goal can be answered, the solution reaches 100 %, the start
 * does not). Node only: the browser receives compiled labs as JSON.
 */
import { createHash } from 'node:crypto';
import { marked } from 'marked';
import { parseDocument } from 'yaml';
import { closest, knownList } from '../sim/core/suggest';
import { parseScenario, validate } from '../sim/core/scenario';
import { fail, ok, type Issue, type Result } from '../sim/core/issues';
import { prepareLab } from './prepare';
import { replay, score, solutionLog } from './run';
import { labFileSchema, type CompiledLab, type ReadLab } from './schema';
import { ADAPTERS } from './sims';
import { checkVariable, drawVariables, placeholdersIn } from './variables';
import { variantOf } from './variant';
import { labReads, labReadsUsed, labTries, labTriesUsed, type KeptRead } from './tries-store';
import type { ContentFiles } from '../lib/content-check';

export interface LabSources {
  /** The text of content/scenarios/<simulator>/<name>.yaml, or undefined. */
  preset(simulator: string, name: string): string | undefined;
  presetNames(simulator: string): string[];
  /** Lesson ids a lab may name in `lesson`; undefined skips that check (grading). */
  lessons?: string[];
}

/** Presets read through `files` (paths relative to the project): content/scenarios/<simulator>/<name>.yaml. */
export function presetSources(files: ContentFiles): LabSources {
  const dir = (simulator: string): string => `content/scenarios/${simulator}`;
  return {
    preset: (simulator, name) => files.read(`${dir(simulator)}/${name}.yaml`),
    presetNames: (simulator) => files.list(dir(simulator), /\.yaml$/).map((f) => f.slice(0, -'.yaml'.length)),
  };
}

/** Seeds every build tries; tests try more. */
export const SAMPLE_SEEDS = ['00000000', 'sample-1', 'sample-2', 'sample-3', 'sample-4'];

export function compileLab(source: string, text: string, sources: LabSources, seeds: readonly string[] = SAMPLE_SEEDS): Result<CompiledLab> {
  const read = readOnce(source, text, sources);
  return read.ok ? triedOnce(read.value, seeds) : read;
}

/**
 * Reading a lab (YAML, schema, the checks above, the preset, the brief's HTML) is also done once per
 * process, for the same reason as the tries below, and kept on globalThis the same way: each caller
 * gets its own copy. Only a lab that reads without a mistake is kept, by file name and text; what
 * else it read is checked again on every use: the preset's text, and that its lesson is one the
 * caller knows. The tries are not part of this: they keep their own store (and file).
 */
function readOnce(source: string, text: string, sources: LabSources): Result<ReadLab> {
  const store = labReads();
  const key = JSON.stringify([source, text]);
  const kept = store.get(key);
  if (kept) {
    const { lab } = kept.read;
    const presetText = lab.start.preset === undefined ? '' : sources.preset(lab.simulator, lab.start.preset);
    const lessonKnown = !sources.lessons || lab.lesson === undefined || sources.lessons.includes(lab.lesson);
    if (presetText === kept.presetText && lessonKnown) {
      labReadsUsed().add(key);
      return ok(structuredClone(kept.read));
    }
  }
  const r = readLab(source, text, sources);
  if (r.ok) {
    store.set(key, { read: structuredClone(r.value.read), presetText: r.value.presetText });
    labReadsUsed().add(key);
  }
  return r.ok ? ok(r.value.read) : r;
}

function readLab(source: string, text: string, sources: LabSources): Result<KeptRead> {
  const parsed = parseScenario(text, labFileSchema);
  if (!parsed.ok) return fail(...parsed.issues);
  const lab = parsed.value;
  const issues: Issue[] = [];
  const fileId = source.split('/').pop()!.replace(/\.ya?ml$/, '');
  if (lab.id !== fileId) issues.push({ path: ['id'], message: `the id "${lab.id}" differs from the file name "${fileId}"`, hint: `Rename the file to labs/${lab.id}.yaml or set id: ${fileId}` });
  if (sources.lessons && lab.lesson !== undefined && !sources.lessons.includes(lab.lesson)) {
    const guess = closest(lab.lesson, sources.lessons);
    issues.push({ path: ['lesson'], message: `no lesson "${lab.lesson}"`, hint: guess ? `Did you mean "${guess}"?` : knownList(sources.lessons) });
  }
  for (const [name, spec] of Object.entries(lab.variables)) {
    const problem = checkVariable(spec);
    if (problem) issues.push({ path: ['variables', name], message: problem });
  }
  const ids = new Set<string>();
  lab.goals.forEach((g, i) => {
    if (ids.has(g.id)) issues.push({ path: ['goals', i, 'id'], message: `two goals have the id "${g.id}"`, hint: 'Goal ids must be unique within a lab' });
    ids.add(g.id);
  });
  lab.goals.forEach((g, i) => {
    g.after.forEach((a, j) => {
      if (a === g.id) issues.push({ path: ['goals', i, 'after', j], message: 'a goal cannot wait for itself' });
      else if (!ids.has(a)) {
        const guess = closest(a, [...ids]);
        issues.push({ path: ['goals', i, 'after', j], message: `no goal "${a}"`, hint: guess ? `Did you mean "${guess}"?` : knownList([...ids]) });
      }
    });
  });
  const cycle = afterCycle(lab.goals);
  if (cycle) issues.push({ path: ['goals'], message: `goals wait for each other in a circle (${cycle.join(' → ')}), so none of them could ever count` });
  if (lab.simulator !== 'snapshots' && lab.simulator !== 'builder') {
    lab.solution.forEach((s, i) => {
      if ('command' in s) issues.push({ path: ['solution', i, 'command'], message: `a ${lab.simulator} lab has no console`, hint: 'Write the step as an engine action under "do"' });
    });
  }
  if (lab.simulator !== 'network' && (lab.start.question || lab.start.focus)) {
    issues.push({ path: ['start', lab.start.question ? 'question' : 'focus'], message: 'only network labs open with a question and a focused machine' });
  }

  let scenarioText = '';
  let scenario: Record<string, unknown> | undefined = lab.start.scenario;
  if (lab.start.preset !== undefined) {
    const t = sources.preset(lab.simulator, lab.start.preset);
    if (t === undefined) {
      const known = sources.presetNames(lab.simulator);
      const guess = closest(lab.start.preset, known);
      issues.push({ path: ['start', 'preset'], message: `no ${lab.simulator} preset "${lab.start.preset}" in content/scenarios/${lab.simulator}/`, hint: guess ? `Did you mean "${guess}"?` : knownList(known) });
    } else {
      scenarioText = t;
      const doc = parseDocument(t);
      scenario = doc.toJS() as Record<string, unknown>;
    }
  }
  const defined = Object.keys(lab.variables);
  const used = placeholdersIn([scenario, lab.start, lab.brief, lab.goals, lab.solution, lab.summary]);
  for (const name of used) {
    if (!defined.includes(name)) {
      const guess = closest(name, defined);
      issues.push({ path: ['variables'], message: `{{${name}}} is used but not defined`, hint: guess ? `Did you mean {{${guess}}}?` : `Define it under variables ${knownList(defined)}` });
    }
  }
  if (issues.length > 0 || !scenario) return fail(...issues);

  const read: ReadLab = {
    hash: createHash('sha256').update(text).update('\u0000').update(scenarioText).digest('hex'),
    source,
    lab,
    scenario,
    briefHtml: marked.parse(lab.brief, { async: false }),
  };
  return ok({ read, presetText: scenarioText });
}

/** Each lab's tries are done once per process; see src/lab/tries-store.ts. */
export { labTries, labTriesUsed, type LabTries } from './tries-store';
function triedOnce(read: ReadLab, seeds: readonly string[]): Result<CompiledLab> {
  const store = labTries();
  const key = `${read.hash} ${JSON.stringify(seeds)}`;
  labTriesUsed().add(key);
  let outcome = store.get(key);
  if (!outcome) {
    const tried = tryLab(read, seeds);
    outcome = tried.length > 0 ? fail(...tried) : prepareLab(read, seeds.map((seed) => drawVariables(read.lab.variables, seed)));
    store.set(key, outcome);
  }
  return outcome.ok ? ok({ ...read, prepared: structuredClone(outcome.value) }) : fail(...outcome.issues.map((i: Issue) => ({ ...i, path: [...i.path] })));
}

/** A circle of `after` references, if any, as the ids along it. */
function afterCycle(goals: readonly { id: string; after: string[] }[]): string[] | null {
  const next = new Map(goals.map((g) => [g.id, g.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const a of next.get(id) ?? []) {
      const found = visit(a);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const g of goals) {
    const found = visit(g.id);
    if (found) return found;
  }
  return null;
}

/** The checks every build runs on sample seeds; the unit tests run them on more. */
export function tryLab(compiled: ReadLab, seeds: readonly string[]): Issue[] {
  const adapter = ADAPTERS[compiled.lab.simulator];
  for (const seed of seeds) {
    const v = variantOf(compiled, adapter, seed);
    // A mistake that shows with the first seed is the file's; one that shows later depends on the variables drawn.
    if (!v.ok) return seed === seeds[0] ? v.issues : v.issues.map((i) => ({ ...i, message: `${i.message} (with the variables of seed ${seed})` }));
    const variant = v.value;
    let atStart;
    try {
      atStart = score(variant, adapter, variant.start, adapter.startClock);
    } catch (e) {
      return [{ path: ['goals'], message: (e as Error).message.replace(/^.*goals › /, '') }];
    }
    const early = atStart.goals.filter((g, i) => g.met && !variant.goals[i]!.metAtStart);
    if (early.length > 0) {
      return [{ path: ['goals', variant.goals.findIndex((g) => g.id === early[0]!.id)], message: `goal "${early[0]!.id}" is already met at the start (${early[0]!.detail})`, hint: 'Change the start state, or set metAtStart: true if the goal is to keep it so' }];
    }
    if (atStart.complete) return [{ path: ['goals'], message: 'the start state already meets every goal' }];
    let log;
    try {
      log = solutionLog(variant, adapter);
    } catch (e) {
      return [{ path: ['solution'], message: (e as Error).message.replace(/^.*solution/, 'solution') }];
    }
    const refused = log.findIndex((e) => 'ok' in e && !e.ok);
    if (refused !== -1) return [{ path: ['solution', refused], message: `the engine refuses this step (seed ${seed})`, hint: 'Try the solution in the simulator to see the reason' }];
    const end = replay(variant, adapter, log);
    const final = score(variant, adapter, end.state, end.clock);
    const unmet = final.goals.find((g) => !g.met);
    if (unmet) return [{ path: ['solution'], message: `the solution does not meet goal "${unmet.id}" (seed ${seed}): ${unmet.detail}` }];
  }
  return [];
}

/** Validates a plain object against the lab schema (tests pin the messages). */
export const validateLabData = (data: unknown) => validate(labFileSchema, data);
