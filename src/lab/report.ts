/**
 * The lab report a student downloads and hands in: evidence, not a score. The grading command
 * checks it against the lab's current version and replays its log; the `claimed` figures are
 * only compared with the recomputed ones (a difference is flagged), never used.
 */
import type { LogEntry } from './log';

export const REPORT_FORMAT = 'virt-course-lab-report';
export const REPORT_VERSION = 1;
/** Bumped when an engine change could make old logs replay differently. */
export const ENGINE_VERSION = '1';

export interface LabReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  engine: string;
  lab: { id: string; title: string; hash: string };
  student: { id: string; name: string };
  seed: string;
  /** ISO date-times from the student's clock: for the record only. */
  startedAt: string;
  savedAt: string;
  log: LogEntry[];
  claimed: { earned: number; possible: number; met: string[] };
}

/** A file name that is safe on every system: `<lab>-<student>.json`. */
export function reportFileName(labId: string, studentId: string): string {
  const safe = studentId.trim().replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'student';
  return `${labId}-${safe}.json`;
}
