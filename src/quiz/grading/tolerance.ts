/**
 * Tolerance intervals, following Moodle's numerical question type: the interval is inclusive and
 * widened by a tiny epsilon so that an answer exactly on the edge is not rejected by floating-point
 * rounding (0.3 ± 0.1 accepts 0.4 although 0.4 − 0.3 = 0.10000000000000003).
 */
import type { Tolerance } from '../types';

const EPSILON = 1e-12;

export function toleranceWidth(answer: number, tolerance: Tolerance): number {
  return tolerance.kind === 'absolute' ? Math.abs(tolerance.value) : Math.abs(answer) * Math.abs(tolerance.value);
}

export function toleranceInterval(answer: number, tolerance: Tolerance): { low: number; high: number } {
  const width = toleranceWidth(answer, tolerance);
  return { low: answer - width, high: answer + width };
}

export function withinTolerance(value: number, answer: number, tolerance: Tolerance): boolean {
  const width = toleranceWidth(answer, tolerance);
  const slack = EPSILON * Math.max(width, Math.abs(answer), 1);
  return Math.abs(value - answer) <= width + slack;
}
