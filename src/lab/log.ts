import type { SimStep } from './steps';

/**
 * The action log a lab keeps and a report hands in. `t` is milliseconds since the student
 * started the lab (wall clock, for the record); everything else is what replay needs.
 */
export type LogEntry =
  /** A simulator step and whether the engine accepted it in the browser (replay must agree). */
  | { t: number; step: SimStep; ok: boolean }
  /** "Start again": back to the start state (revealed hints stay revealed). */
  | { t: number; reset: true }
  /** The next hint of a goal was shown; its cost is taken off that goal. */
  | { t: number; hint: string };

export const isStep = (e: LogEntry): e is Extract<LogEntry, { step: SimStep }> => 'step' in e;

/** A generous bound: a long lab session is a few hundred steps; beyond this the log stops growing. */
export const LOG_LIMIT = 5000;
