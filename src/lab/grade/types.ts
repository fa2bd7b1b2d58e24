import type { LabReport } from '../report';
import type { Score } from '../run';
import type { CompiledLab } from '../schema';
import type { Variables } from '../variables';
import type { Flag } from './flags';

/** One file handed in: where it came from (for messages) and its text. */
export interface HandIn {
  file: string;
  text: string;
  /** Set when the file could not be read at all (too large, no permission). */
  error?: string;
}

export interface Student {
  /** As the student typed it, trimmed. */
  id: string;
  name: string;
  /** `normalizeStudentId(id)`: two reports are the same student's when their keys are equal. */
  key: string;
}

/** One report after grading: the recomputed score (when there is one) and every flag. */
export interface GradedReport {
  file: string;
  /** Null when the file is not a readable, valid report. */
  report: LabReport | null;
  /** For a file that is not a report: the name or id it seems to carry, if any. */
  looksLike: string | null;
  student: Student | null;
  /** The lab it was graded against (null: unknown lab, or no report). */
  lab: CompiledLab | null;
  /** The seed it was graded with: always `labSeed(lab id, student id)`. */
  seed: string | null;
  vars: Variables | null;
  /** The recomputed score: the grade. */
  score: Score | null;
  /** Log entries, and how many of them were simulator steps that replayed. */
  entries: number;
  steps: number;
  /** The log's steps are exactly the lab's worked solution for this student's variables (hints aside, times ignored). */
  isSolution: boolean;
  flags: Flag[];
}

/** A student's reports for one lab: the one that counts and the others (SPEC R9). */
export interface LabEntry {
  lab: CompiledLab;
  kept: GradedReport;
  others: GradedReport[];
}

export interface StudentResult {
  student: Student;
  /** By lab id. */
  labs: Map<string, LabEntry>;
  /** Reports by this student that could not be graded against a lab (unknown or broken lab). */
  ungraded: GradedReport[];
  /** Flags that concern the student rather than one report (different names under one id). */
  flags: Flag[];
  /** Every flag on every report of this student, plus the student's own: the CSV "Flags" count. */
  flagCount: number;
}

export interface ClassResults {
  reports: GradedReport[];
  /** Sorted by name, then id. */
  students: StudentResult[];
  /** Files that are not readable, valid reports (no student to attach them to). */
  unattached: GradedReport[];
  /** The labs that have at least one graded report: the gradebook's columns, by week then id. */
  labs: CompiledLab[];
  /** Lab files that do not compile now (id → message). */
  brokenLabs: ReadonlyMap<string, string>;
}
