import { describe, expect, it } from 'vitest';
import { PHASES, phasesOf } from '../../bench/reference-sites';

// The build bench splits each build's wall time into phases from marks its child process notes
// (seconds since that process started); a build whose log lacked a mark gives no phases at all.
describe('build bench phases (tests/bench/reference-sites.ts)', () => {
  it('splits the wall time at the marks, and the phases add up to it', () => {
    const phases = phasesOf({ bundling: 2.5, pages: 6, pagesDone: 7.75, done: 8.5 }, 9.25);
    expect(phases).toEqual({ start: 2.5, bundling: 3.5, pages: 1.75, finishing: 0.75, exit: 0.75 });
    expect(PHASES.reduce((sum, p) => sum + phases![p], 0)).toBeCloseTo(9.25, 9);
  });

  it('gives no phases when a mark is missing or is not a number', () => {
    expect(phasesOf({ bundling: 2.5, pages: 6, done: 8.5 }, 9)).toBeUndefined();
    expect(phasesOf({ bundling: 2.5, pages: '6', pagesDone: 7, done: 8.5 }, 9)).toBeUndefined();
    expect(phasesOf({}, 9)).toBeUndefined();
  });

  it('reads only its own keys: a mark inherited from a prototype does not count', () => {
    const marks = Object.create({ pagesDone: 7 }) as Record<string, unknown>;
    Object.assign(marks, { bundling: 2, pages: 6, done: 8 });
    expect(phasesOf(marks, 9)).toBeUndefined();
  });

  it('never reports a negative exit when the parent measured less than the child (clock rounding)', () => {
    expect(phasesOf({ bundling: 1, pages: 2, pagesDone: 3, done: 4.01 }, 4)!.exit).toBe(0);
  });
});
