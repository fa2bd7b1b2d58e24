/**
 * The lab island's logic, apart from the view: open a student's variant (replaying a saved log),
 * record a step, reset, reveal a hint, and write the report. Scores come from src/lab's `score`
 * on engine state; nothing here decides whether a goal is met.
 */
import { isStep, LOG_LIMIT, type LogEntry } from '../../lab/log';
import { ENGINE_VERSION, REPORT_FORMAT, REPORT_VERSION, type LabReport } from '../../lab/report';
import { preparedVariant, replay, score, type Checkpoint, type Score, type Variant } from '../../lab/run';
import type { CompiledLab } from '../../lab/schema';
import type { SimAdapter } from '../../lab/sims/adapter';
import type { SimStep } from '../../lab/steps';
import { labSeed } from '../../lab/variables';
import type { LabAttempt, LabRecord } from '../../progress/labs';

export interface LabSession {
  variant: Variant;
  adapter: SimAdapter<unknown, unknown>;
  state: unknown;
  clock: number;
  hints: Record<string, number>;
  log: LogEntry[];
  startedAt: string;
  /** Wall-clock ms when this page opened, minus the log's last `t`: so `t` keeps growing across reloads. */
  origin: number;
  /** Bumped on "Start again" so the simulator is rebuilt from the start state. */
  attempt: number;
  attempts: LabAttempt[];
  score: Score;
  /**
   * The state the log starts from when it is not the start state: a learning platform that keeps
   * only 4,096 characters may hand back a checkpoint and the steps after it (src/lms). Null after
   * "Start again".
   */
  base: Checkpoint | null;
}

export type Opened = { ok: true; session: LabSession; notice: string | null } | { ok: false; message: string };

/**
 * Opens the lab for a student, continuing from the saved log when it was made for the same student
 * (same seed); `base` is the checkpoint that log starts from, when it does not start at the beginning.
 */
export function openLab(compiled: CompiledLab, adapter: SimAdapter<unknown, unknown>, studentId: string, saved: LabRecord | undefined, nowMs: number, base: Checkpoint | null = null): Opened {
  const seed = labSeed(compiled.lab.id, studentId);
  const v = preparedVariant(compiled, adapter, seed);
  if (!v.ok) return { ok: false, message: `This lab could not be started: ${v.issues.map((i) => i.message).join('; ')}. Please tell your instructor.` };
  const variant = v.value;
  let notice: string | null = null;
  let log: LogEntry[] = [];
  let attempts: LabAttempt[] = [];
  let startedAt = new Date(nowMs).toISOString();
  const same = !!saved && saved.seed === seed;
  if (saved && same) {
    log = saved.log;
    attempts = saved.attempts;
    startedAt = saved.startedAt;
    if (saved.hash !== compiled.hash) notice = 'This lab has been updated since you started it. Your steps were replayed on the new version; if something looks wrong, use “Start again”.';
  }
  let from = same && base ? base : null;
  let r = replay(variant, adapter, log, from ?? undefined);
  let sc: Score;
  try {
    sc = score(variant, adapter, r.state, r.clock, r.hints);
  } catch (e) {
    // A checkpoint handed back by a learning platform is not trusted: one the engine cannot read is dropped.
    if (!from) throw e;
    from = null;
    log = log.filter((entry) => 'hint' in entry);
    r = replay(variant, adapter, log);
    sc = score(variant, adapter, r.state, r.clock, r.hints);
    notice = 'Your saved work in this lab could not be restored, so the lab starts from the beginning.';
  }
  if (r.mismatches.length > 0 || r.malformed.length > 0) notice ??= 'Some saved steps no longer replay the same way (the lab or the simulator changed); the checklist shows the state they lead to now.';
  const last = log.at(-1)?.t ?? 0;
  const session: LabSession = { variant, adapter, state: r.state, clock: r.clock, hints: r.hints, log, startedAt, origin: nowMs - last, attempt: 0, attempts, score: sc, base: from };
  return { ok: true, session, notice };
}

const rescore = (s: LabSession): LabSession => ({ ...s, score: score(s.variant, s.adapter, s.state, s.clock, s.hints) });

function append(s: LabSession, entry: LogEntry): LogEntry[] {
  // Past the limit the log stops growing (the simulator still works); the report says what it has.
  return s.log.length >= LOG_LIMIT ? s.log : [...s.log, entry];
}

export function recordStep(s: LabSession, step: SimStep, state: unknown, accepted: boolean, nowMs: number): LabSession {
  const clock = 'at' in step ? step.at : s.clock;
  return rescore({ ...s, state, clock, log: append(s, { t: Math.max(0, nowMs - s.origin), step, ok: accepted }) });
}

export function resetLab(s: LabSession, nowMs: number): LabSession {
  const ended: LabAttempt = { at: new Date(nowMs).toISOString(), earned: s.score.earned, possible: s.score.possible };
  const steps = s.log.slice(s.log.findLastIndex((e) => 'reset' in e) + 1).filter(isStep).length;
  return rescore({
    ...s,
    state: s.variant.start,
    clock: s.adapter.startClock,
    attempt: s.attempt + 1,
    attempts: steps > 0 ? [...s.attempts, ended] : s.attempts,
    base: null,
    log: append(s, { t: Math.max(0, nowMs - s.origin), reset: true }),
  });
}

export function revealHint(s: LabSession, goalId: string, nowMs: number): LabSession {
  const goal = s.variant.goals.find((g) => g.id === goalId);
  const shown = Object.prototype.hasOwnProperty.call(s.hints, goalId) ? s.hints[goalId]! : 0;
  if (!goal || shown >= goal.hints.length) return s;
  return rescore({ ...s, hints: { ...s.hints, [goalId]: shown + 1 }, log: append(s, { t: Math.max(0, nowMs - s.origin), hint: goalId }) });
}

export function toRecord(s: LabSession, compiled: CompiledLab, nowMs: number): LabRecord {
  return {
    hash: compiled.hash,
    seed: s.variant.seed,
    startedAt: s.startedAt,
    log: s.log,
    attempts: s.attempts,
    current: { at: new Date(nowMs).toISOString(), earned: s.score.earned, possible: s.score.possible },
  };
}

export function buildReport(s: LabSession, compiled: CompiledLab, student: { id: string; name: string }, nowMs: number): LabReport {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    engine: ENGINE_VERSION,
    lab: { id: compiled.lab.id, title: compiled.lab.title, hash: compiled.hash },
    student: { id: student.id.trim(), name: student.name.trim() },
    seed: s.variant.seed,
    startedAt: s.startedAt,
    savedAt: new Date(nowMs).toISOString(),
    log: s.log,
    claimed: { earned: s.score.earned, possible: s.score.possible, met: s.score.goals.filter((g) => g.met).map((g) => g.id) },
  };
}

/** "2.5", "3", never "2.4999999". */
export const points = (x: number): string => String(Math.round(x * 100) / 100);
