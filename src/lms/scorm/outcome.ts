/**
 * What a package reports to the LMS (SPEC S3, S4, L-S1): `cmi.core.score.raw` as a percentage
 * with `score.min` 0 and `score.max` 100 (what Moodle, Canvas, Blackboard and Brightspace read as
 * the grade), and `cmi.core.lesson_status`. Pure functions of the engine's own results.
 */
export type LessonStatus = 'passed' | 'failed' | 'completed' | 'incomplete';

export interface Outcome {
  /** CMIDecimal 0–100, at most two decimals. */
  raw: string;
  status: LessonStatus;
}

/** A fraction 0..1 as a CMIDecimal percentage: 0.875 → "87.5", 2/3 → "66.67". Never NaN. */
export function percent(fraction: number): string {
  const x = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return String(Math.round(x * 10000) / 100);
}

/**
 * The pass mark: the LMS's `cmi.student_data.mastery_score` (0–100, set from the manifest's
 * `adlcp:masteryscore` or by the instructor) when it gives one, else the quiz's own.
 */
export function passMark(masteryScore: string, fallback: number | null): number | null {
  const m = masteryScore.trim() === '' ? NaN : Number(masteryScore);
  return Number.isFinite(m) && m >= 0 && m <= 100 ? m / 100 : fallback;
}

/** A quiz: incomplete until submitted, then passed or failed against the pass mark. */
export function quizOutcome(result: { score: number } | null, pass: number): Outcome {
  if (!result) return { raw: '0', status: 'incomplete' };
  return { raw: percent(result.score), status: result.score >= pass - 1e-9 ? 'passed' : 'failed' };
}

/**
 * A lab, recomputed by the engine after every step: passed once the score reaches the pass mark
 * (when the LMS gives one) or every goal is met (when it does not); after "Finish the lab" below
 * it, failed against a pass mark, completed without one; incomplete while the student works.
 */
export function labOutcome(score: { earned: number; possible: number; complete: boolean }, finished: boolean, pass: number | null): Outcome {
  const fraction = score.possible > 0 ? score.earned / score.possible : 0;
  const raw = percent(fraction);
  if (pass !== null) {
    if (fraction >= pass - 1e-9) return { raw, status: 'passed' };
    return { raw, status: finished ? 'failed' : 'incomplete' };
  }
  if (score.complete) return { raw, status: 'passed' };
  return { raw, status: finished ? 'completed' : 'incomplete' };
}

/** CMITimespan (SCORM 1.2 RTE A.2): HHHH:MM:SS.SS. */
export function sessionTime(ms: number): string {
  const total = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10)) / 100;
  const h = Math.min(9999, Math.floor(total / 3600));
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}
