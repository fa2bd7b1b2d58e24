import { fail, ok, type PathSegment, type Result } from '../core/issues';
import type { Bound } from './limits';

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

function withUnit(n: number, bound: Bound): string {
  const [one, many] = bound.unit;
  if (one === '') return String(n);
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Read a number a student typed. Accepts numbers and numeric text ("8" from a form field), and
 * rejects everything else with a message that names the unit and the allowed range.
 */
export function readNumber(value: unknown, bound: Bound, path: PathSegment[]): Result<number> {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value)) n = Number(value);
  else {
    const kind = bound.integer ? `a whole number${bound.unit[1] ? ` of ${bound.unit[1]}` : ''}` : 'a number';
    return fail({ path, message: `expected ${kind}, got ${describe(value)}` });
  }
  if (!Number.isFinite(n)) return fail({ path, message: `expected a finite number, got ${describe(value)}` });
  if (bound.integer && !Number.isInteger(n)) {
    return fail({ path, message: `must be a whole number${bound.unit[1] ? ` of ${bound.unit[1]}` : ''}, got ${n}` });
  }
  if (n < bound.min) {
    const message =
      bound.min === 0
        ? `must not be negative, got ${n}`
        : bound.min === -1
          ? `must be -1 (no limit) or 0 or more, got ${n}`
          : `must be at least ${withUnit(bound.min, bound)}, got ${n}`;
    return fail({ path, message });
  }
  if (n > bound.max) {
    return fail({ path, message: `must be at most ${withUnit(bound.max, bound)} (${bound.why}), got ${n}` });
  }
  return ok(n);
}
