/**
 * A lab for one student: the variables drawn from their seed, the start state built by the
 * simulator's engine, the goals answered from engine state, and a log replayed step by step.
 * The browser's live checklist and the grading command both call these functions.
 */
import { fail, formatIssue, ok, type Result } from '../sim/core/issues';
import { isCheckError } from './goals/evaluate';
import { isStep, type LogEntry } from './log';
import type { CompiledLab, LabGoal, ReadLab, SolutionStep } from './schema';
import type { SimAdapter } from './sims/adapter';
import type { SimStep } from './steps';
import { drawVariables, substitute, type Variables } from './variables';

export interface Variant {
  compiled: ReadLab;
  seed: string;
  vars: Variables;
  goals: LabGoal[];
  solution: SolutionStep[];
  /** The start state (engine state, plain JSON). */
  start: unknown;
}

/** What a variant is built from once the student's variables are in, each as its schema reads it. */
export interface VariantInputs {
  vars: Variables;
  /** The start scenario in the engine schema's output shape. */
  scenario: unknown;
  /** The goals as the checks of the lab's simulator read them (called after the start state builds). */
  goals: () => Result<LabGoal[]>;
}

/** Builds a student's variant from inputs already read (./variant reads them with the schemas; ./prepare at build time). */
export function variantFrom(compiled: ReadLab, adapter: SimAdapter<unknown, unknown>, seed: string, inputs: VariantInputs): Result<Variant> {
  const { lab } = compiled;
  const start = adapter.start(inputs.scenario, substitute(lab.start.setup, inputs.vars));
  if (!start.ok) return fail(...start.issues);
  const goals = inputs.goals();
  if (!goals.ok) return goals;
  return ok({ compiled, seed, vars: inputs.vars, goals: goals.value, solution: substitute(lab.solution, inputs.vars), start: start.value });
}

/**
 * A student's variant in the browser: the scenario and goals the build read with the schemas,
 * placeholders kept (`compiled.prepared`), with this student's variables put in. No schema runs
 * here, so the page loads neither zod nor the YAML parser; the build checked on many seeds that
 * this gives exactly what `variantOf` (./variant) reads, and the grading command recomputes every
 * report with `variantOf`.
 */
export function preparedVariant(compiled: CompiledLab, adapter: SimAdapter<unknown, unknown>, seed: string): Result<Variant> {
  const vars = drawVariables(compiled.lab.variables, seed);
  return variantFrom(compiled, adapter, seed, {
    vars,
    scenario: substitute(compiled.prepared.scenario, vars),
    goals: () => ok(substitute(compiled.prepared.goals, vars)),
  });
}

export interface GoalResult {
  id: string;
  text: string;
  points: number;
  met: boolean;
  /** The engine's own explanation of the answer. */
  detail: string;
  /** Feedback written for this outcome in the lab file, if any. */
  feedback: string | null;
  hintsShown: number;
  /** Points taken off for hints (never more than the goal's points). */
  hintCost: number;
  earned: number;
}

export interface Score {
  goals: GoalResult[];
  earned: number;
  possible: number;
  /** 0..100, rounded to a whole percent for display; `earned / possible` is the exact figure. */
  percent: number;
  complete: boolean;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Answers every goal for a state. A check that names something the lab lacks throws: the build catches it. */
export function score(variant: Variant, adapter: SimAdapter<unknown, unknown>, state: unknown, clock: number, hints: Readonly<Record<string, number>> = {}): Score {
  const answers = new Map(
    variant.goals.map((g) => {
      const a = adapter.evaluate(g.check, state, clock);
      if (isCheckError(a)) throw new Error(`${variant.compiled.source} › goals › ${g.id}: ${a.error}`);
      return [g.id, a] as const;
    }),
  );
  // A goal with `after` counts only when the goals it waits for count (the build refuses cycles).
  const counts = new Map<string, boolean>();
  const byId = new Map(variant.goals.map((g) => [g.id, g]));
  const countsOf = (id: string, depth = 0): boolean => {
    const known = counts.get(id);
    if (known !== undefined) return known;
    const g = byId.get(id);
    const ok = !!g && depth <= byId.size && answers.get(id)!.met && g.after.every((a) => countsOf(a, depth + 1));
    counts.set(id, ok);
    return ok;
  };
  const goals = variant.goals.map((g): GoalResult => {
    const raw = answers.get(g.id)!;
    const waiting = raw.met ? g.after.filter((id) => !countsOf(id)) : [];
    const a = waiting.length === 0 ? raw : { met: false, detail: `${raw.detail} This counts once ${waiting.map((id) => `“${byId.get(id)?.text ?? id}”`).join(' and ')} ${waiting.length === 1 ? 'is' : 'are'} met.` };
    const shown = Object.prototype.hasOwnProperty.call(hints, g.id) ? Math.min(hints[g.id]!, g.hints.length) : 0;
    const hintCost = Math.min(g.points, g.hints.slice(0, shown).reduce((sum, h) => sum + h.cost, 0));
    return {
      id: g.id,
      text: g.text,
      points: g.points,
      met: a.met,
      detail: a.detail,
      feedback: (a.met ? g.feedback.met : g.feedback.notMet) ?? null,
      hintsShown: shown,
      hintCost: round(hintCost),
      earned: a.met ? round(g.points - hintCost) : 0,
    };
  });
  const earned = round(goals.reduce((s, g) => s + g.earned, 0));
  const possible = round(goals.reduce((s, g) => s + g.points, 0));
  return { goals, earned, possible, percent: possible === 0 ? 0 : Math.round((earned / possible) * 100), complete: goals.every((g) => g.met) };
}

export interface Replayed {
  state: unknown;
  clock: number;
  hints: Record<string, number>;
  steps: number;
  /** Log entries whose outcome in replay differs from the one logged (accepted vs refused). */
  mismatches: number[];
  /** Log entries that are not steps of this lab's simulator at all, or name an unknown goal. */
  malformed: number[];
}

/** Where a replay begins when it is not the start state: a checkpoint of an earlier state and its clock. */
export interface Checkpoint {
  state: unknown;
  clock: number;
}

/**
 * Replays a log from the start state (or from a checkpoint: a state an earlier part of the log led
 * to) through the same engine. "Start again" in the log always goes back to the start state.
 * Never throws on a damaged log.
 */
export function replay(variant: Variant, adapter: SimAdapter<unknown, unknown>, log: readonly LogEntry[], from?: Checkpoint): Replayed {
  let state = from ? from.state : variant.start;
  let clock = from ? from.clock : adapter.startClock;
  const hints: Record<string, number> = {};
  const mismatches: number[] = [];
  const malformed: number[] = [];
  let steps = 0;
  log.forEach((entry, i) => {
    if ('reset' in entry) {
      state = variant.start;
      clock = adapter.startClock;
      return;
    }
    if ('hint' in entry) {
      const goal = variant.goals.find((g) => g.id === entry.hint);
      if (!goal) malformed.push(i);
      else hints[goal.id] = Math.min((Object.prototype.hasOwnProperty.call(hints, goal.id) ? hints[goal.id]! : 0) + 1, goal.hints.length);
      return;
    }
    if (!isStep(entry)) {
      malformed.push(i);
      return;
    }
    let r: ReturnType<typeof adapter.step>;
    try {
      r = adapter.step(state, entry.step);
    } catch {
      r = null;
    }
    if (!r) {
      malformed.push(i);
      return;
    }
    steps++;
    if (r.accepted !== entry.ok) mismatches.push(i);
    state = r.state;
    if (r.clock !== null) clock = r.clock;
  });
  return { state, clock, hints, steps, mismatches, malformed };
}

/** The worked solution as log steps, for tests and for showing where the policy allows. */
export function solutionSteps(variant: Variant, adapter: SimAdapter<unknown, unknown>): SimStep[] {
  let clock = adapter.startClock;
  const out: SimStep[] = [];
  for (const s of variant.solution) {
    const step = adapter.fromSolution(s, clock);
    if (!step) throw new Error(`${variant.compiled.source} › solution: console commands are only for snapshot labs`);
    if ('at' in step) clock = step.at;
    out.push(step);
  }
  return out;
}

/** The worked solution in words, one line per step, each described against the state it applies to. */
export function describeSolution(variant: Variant, adapter: SimAdapter<unknown, unknown>): string[] {
  let state = variant.start;
  return solutionSteps(variant, adapter).map((step) => {
    const text = adapter.describe(step, state);
    state = adapter.step(state, step)?.state ?? state;
    return text;
  });
}

/** Runs the solution from the start state: a log that should score 100 %. */
export function solutionLog(variant: Variant, adapter: SimAdapter<unknown, unknown>): LogEntry[] {
  let state = variant.start;
  return solutionSteps(variant, adapter).map((step, i) => {
    const r = adapter.step(state, step);
    if (!r) throw new Error(`${variant.compiled.source} › solution[${i}]: not a ${adapter.simulator} step`);
    state = r.state;
    return { t: i * 1000, step, ok: r.accepted };
  });
}

export const issueText = (issues: Parameters<typeof formatIssue>[0][], source: string): string => issues.map((i) => formatIssue(i, source)).join('\n');
