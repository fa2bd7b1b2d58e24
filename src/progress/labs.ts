import type { LogEntry } from '../lab/log';
import { isRecord, readSlice, writeSlice, type KeyValueStore, type Slice } from './store';

/**
 * Lab progress: who the student said they are (their id seeds their variant), and per lab the
 * action log so far. The state itself is never stored: a reload replays the log through the
 * engine, so what is saved is exactly the evidence a report hands in.
 */
export interface LabAttempt {
  /** ISO date-time the attempt ended ("Start again") or was last saved. */
  at: string;
  earned: number;
  possible: number;
}

export interface LabRecord {
  /** Lab version the log was made for; a newer version shows a notice. */
  hash: string;
  seed: string;
  startedAt: string;
  log: LogEntry[];
  /** Finished attempts (ended by "Start again"), oldest first. */
  attempts: LabAttempt[];
  /** The current attempt's score as last computed, for the lab list and the progress page. */
  current: LabAttempt | null;
}

export interface LabsProgress {
  student: { id: string; name: string } | null;
  labs: Record<string, LabRecord>;
  /** Work under another student id on this browser (a shared computer), by `<lab id>/<seed>`: kept, never overwritten. */
  setAside: Record<string, LabRecord>;
}

const ID = /^[a-z][a-z0-9-]{0,99}$/;
const isText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isDate = (v: unknown): boolean => isText(v, 40) && !Number.isNaN(Date.parse(v));
const isAttempt = (a: unknown): boolean => isRecord(a) && isDate(a.at) && isNum(a.earned) && isNum(a.possible);

function isStep(s: unknown): boolean {
  if (!isRecord(s)) return false;
  if (s.kind === 'network' || s.kind === 'sizing') return isRecord(s.action);
  if (s.kind === 'snapshot') return isRecord(s.action) && isNum(s.at);
  if (s.kind === 'command') return isText(s.line) && isNum(s.at);
  return false;
}

/** One entry of a lab's action log, as saved (also used to check a log a learning platform hands back). */
export function isLogEntry(e: unknown): boolean {
  if (!isRecord(e) || !isNum(e.t)) return false;
  if ('step' in e) return isStep(e.step) && typeof e.ok === 'boolean';
  if ('reset' in e) return e.reset === true;
  if ('hint' in e) return isText(e.hint, 100);
  return false;
}

export const LOG_KEEP = 5000;

export const labsSlice: Slice<LabsProgress> = {
  key: 'labs',
  version: 1,
  empty: () => ({ student: null, labs: {}, setAside: {} }),
  check: (data) => {
    if (!isRecord(data) || !isRecord(data.labs)) return 'expected the student and a mapping of lab ids';
    const s = data.student;
    if (s !== null && !(isRecord(s) && isText(s.id, 100) && s.id.trim() !== '' && isText(s.name, 200))) return 'the student id cannot be read';
    if (!isRecord(data.setAside)) return 'expected a mapping of set-aside lab work';
    const records = [...Object.entries(data.labs), ...Object.entries(data.setAside).map(([k, v]) => [k.split('/')[0] ?? '', v] as const)];
    if (!Object.keys(data.setAside).every((k) => /^[a-z][a-z0-9-]{0,99}\/[0-9a-f]{8}$/.test(k))) return 'set-aside lab work has an unreadable key';
    for (const [id, rec] of records) {
      if (!ID.test(id)) return `"${id.slice(0, 40)}" is not a lab id`;
      if (!isRecord(rec) || !isText(rec.hash, 64) || !isText(rec.seed, 16) || !isDate(rec.startedAt)) return `the record of lab "${id}" cannot be read`;
      if (!Array.isArray(rec.log) || rec.log.length > LOG_KEEP || !rec.log.every(isLogEntry)) return `the action log of lab "${id}" cannot be read`;
      if (!Array.isArray(rec.attempts) || !rec.attempts.every(isAttempt) || !(rec.current === null || isAttempt(rec.current))) return `the attempts of lab "${id}" cannot be read`;
    }
    return data as unknown as LabsProgress;
  },
};

export const readLabs = (store?: KeyValueStore): LabsProgress => readSlice(labsSlice, store);
export const writeLabs = (value: LabsProgress, store?: KeyValueStore): boolean => writeSlice(labsSlice, value, store);

/** The best score of a lab so far (finished attempts and the current one), or null when not started. */
export function bestLabScore(rec: LabRecord | undefined): LabAttempt | null {
  if (!rec) return null;
  return [...rec.attempts, ...(rec.current ? [rec.current] : [])].reduce<LabAttempt | null>(
    (best, a) => (best === null || a.earned / (a.possible || 1) > best.earned / (best.possible || 1) ? a : best),
    null,
  );
}

/**
 * The record a student id should continue from: when the saved one belongs to another seed (another
 * student on this browser), that one is set aside and this seed's set-aside work, if any, comes back.
 */
export function recordFor(all: LabsProgress, labId: string, seed: string): { progress: LabsProgress; record: LabRecord | undefined; swapped: boolean } {
  const saved = labRecord(all, labId);
  if (!saved || saved.seed === seed) return { progress: all, record: saved, swapped: false };
  const key = `${labId}/${seed}`;
  const back = Object.prototype.hasOwnProperty.call(all.setAside, key) ? all.setAside[key] : undefined;
  const setAside = { ...all.setAside, [`${labId}/${saved.seed}`]: saved };
  delete setAside[key];
  const labs = { ...all.labs };
  if (back) labs[labId] = back;
  else delete labs[labId];
  return { progress: { ...all, labs, setAside }, record: back, swapped: true };
}

export const labRecord = (all: LabsProgress, id: string): LabRecord | undefined => (Object.prototype.hasOwnProperty.call(all.labs, id) ? all.labs[id] : undefined);
