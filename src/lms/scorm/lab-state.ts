/**
 * A lab package's `cmi.suspend_data` (src/lab/SPEC.md L-S3): the evidence a relaunch replays
 * through the engine, made to fit SCORM 1.2's 4,096 characters. Each form is tried in turn and
 * the first that fits is kept:
 *
 *   1. the steps since the last "Start again" (times left out; hints as counts), as JSON;
 *   2. the same, deflated;
 *   3. a checkpoint: the engine state now, deflated against the lab's start state (a preset
 *      dictionary both sides rebuild from the lab and the student's seed, so only what the student
 *      changed costs space), with no steps;
 *   4. only that work was lost: the relaunch starts from the beginning and says so.
 *
 * Forms 1–2 replay exactly what the student did; 3 scores the checkpointed state with the same
 * engine functions; either way the score is the engine's (src/lab/run.ts `replay` and `score`).
 */
import { LOG_LIMIT, type LogEntry } from '../../lab/log';
import type { Checkpoint } from '../../lab/run';
import { isLogEntry, type LabRecord } from '../../progress/labs';
import type { LabSession } from '../../widgets/lab/session';
import { fits, pack, packWith, unpack } from './suspend-data';

/** What the package keeps per launch, beyond the log. */
export interface LabExtras {
  hash: string;
  /** The student pressed "Finish the lab" (the status then stops being "incomplete"). */
  finished: boolean;
}

interface Payload {
  v: 1;
  seed: string;
  hash: string;
  startedAt: string;
  finished: boolean;
  hints: Record<string, number>;
  /** Steps as `[step, ok]` pairs, in order. */
  steps: [unknown, boolean][];
  base?: Checkpoint;
  lost?: true;
}

export type LabForm = 'steps' | 'deflated' | 'checkpoint' | 'lost';

/** The dictionary tag: the first 12 hex digits of the lab version and the seed (both fix the start state). */
const tagOf = (hash: string, seed: string): string => `${hash.slice(0, 12)}${seed}`;

/** The steps a relaunch needs: those since the last "Start again" (the hints are carried as counts). */
function currentSteps(log: readonly LogEntry[]): LogEntry[] {
  return log.slice(log.findLastIndex((e) => 'reset' in e) + 1).filter((e) => 'step' in e);
}

export function encodeLab(session: LabSession, extras: LabExtras): { text: string; form: LabForm } {
  const hasReset = session.log.some((e) => 'reset' in e);
  const base = hasReset ? null : session.base;
  const common = {
    v: 1 as const,
    seed: session.variant.seed,
    hash: extras.hash,
    startedAt: session.startedAt,
    finished: extras.finished,
    hints: session.hints,
  };
  const steps = currentSteps(session.log).flatMap((e): [unknown, boolean][] => ('step' in e ? [[e.step, e.ok]] : []));
  const withSteps: Payload = { ...common, steps, ...(base ? { base } : {}) };
  const json = JSON.stringify(withSteps);
  if (fits(json)) return { text: json, form: 'steps' };
  const start = JSON.stringify(session.variant.start);
  const tag = tagOf(extras.hash, session.variant.seed);
  // With the start state as dictionary, steps that name its machines and snapshots compress further.
  const deflated = base ? packWith(json, start, tag) : pack(json);
  if (fits(deflated)) return { text: deflated, form: 'deflated' };
  const checkpoint: Payload = { ...common, steps: [], base: { state: session.state, clock: session.clock } };
  const packed = packWith(JSON.stringify(checkpoint), start, tag);
  if (fits(packed)) return { text: packed, form: 'checkpoint' };
  return { text: JSON.stringify({ ...common, steps: [], lost: true } satisfies Payload), form: 'lost' };
}

export interface LabResume {
  /** A record `openLab` continues from: the saved steps (and hint counts) as a log; null to start afresh. */
  record: LabRecord | null;
  base: Checkpoint | null;
  finished: boolean;
  /** Why earlier work is missing or changed, in words for the student; null when all is well. */
  notice: string | null;
}

const LOST = 'Your earlier work in this lab was too long for the course platform to keep (it keeps 4,096 characters), so the lab starts from the beginning. Your score is recomputed as you work.';
const UNREADABLE = 'Your saved work in this lab could not be read, so the lab starts from the beginning.';
const OTHER_VERSION = 'This lab has been updated since your last visit and your saved work was kept as a state of the old version, so the lab starts from the beginning.';

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/**
 * Reads `cmi.suspend_data` for this lab and student. `start` is the JSON of this student's start
 * state and `hash` the lab version now: a checkpoint made against another start state cannot be
 * read and the student is told. Never throws; unknown steps are kept for replay to flag.
 */
export function decodeLab(text: string, current: { hash: string; seed: string; start: string }): LabResume | null {
  const fresh = (notice: string | null): LabResume => ({ record: null, base: null, finished: false, notice });
  const u = unpack(text, (tag) => (tag === tagOf(current.hash, current.seed) ? current.start : null));
  if (!u.ok) return u.reason === 'empty' ? null : fresh(u.reason === 'other-dictionary' ? OTHER_VERSION : UNREADABLE);
  const p = u.value as Partial<Payload> | null;
  if (!p || typeof p !== 'object' || p.v !== 1 || !isText(p.seed, 16) || !isText(p.hash, 64) || !isText(p.startedAt, 40) || typeof p.finished !== 'boolean') return fresh(UNREADABLE);
  if (p.seed !== current.seed) return fresh(UNREADABLE);
  const hints = p.hints && typeof p.hints === 'object' && !Array.isArray(p.hints) ? p.hints : {};
  const log: LogEntry[] = [];
  // Hint counts become hint entries: replay counts them (and flags a goal the lab does not have).
  for (const [goal, n] of Object.entries(hints)) {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0 && isText(goal, 100)) for (let i = 0; i < Math.min(n, 20); i++) log.push({ t: 0, hint: goal });
  }
  const steps = Array.isArray(p.steps) ? p.steps.slice(0, LOG_LIMIT) : [];
  for (const pair of steps) {
    const entry = Array.isArray(pair) ? { t: 0, step: pair[0], ok: pair[1] } : null;
    if (!entry || !isLogEntry(entry)) return fresh(UNREADABLE);
    log.push(entry as LogEntry);
  }
  const base = p.base && typeof p.base === 'object' && Number.isFinite((p.base as Checkpoint).clock) && 'state' in p.base ? (p.base as Checkpoint) : null;
  const record: LabRecord = { hash: p.hash, seed: p.seed, startedAt: p.startedAt, log, attempts: [], current: null };
  return { record: p.lost ? null : record, base, finished: p.finished, notice: p.lost ? LOST : null };
}
