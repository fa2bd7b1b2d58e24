import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedAndPerLesson, MEASURE_SCRIPT, PHASES, phasesOf, roundRatios, sameAt } from '../../bench/reference-sites';

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

// Two sites built in rounds at several sizes: each round's ratio, and a line per site through its builds.
describe('build bench ratios per round and lines through the sizes (tests/bench/reference-sites.ts)', () => {
  it('gives each round its own ratio, in round order', () => {
    expect(roundRatios([9, 12, 10], [6, 8, 5])).toEqual([1.5, 1.5, 2]);
  });

  it('refuses lists of different lengths: a round builds both sites', () => {
    expect(() => roundRatios([9, 12], [6])).toThrow(/2 builds against 1/);
  });

  it('finds the fixed cost and the cost per lesson of builds on a line, with several builds per size', () => {
    // 3 s + 20 ms per lesson, two builds at each size, 0.1 s above and below the line.
    const points = [1, 100, 200].flatMap((n) => [-0.1, 0.1].map((d) => ({ n, seconds: 3 + 0.02 * n + d })));
    const { fixed, perLesson } = fixedAndPerLesson(points);
    expect(fixed).toBeCloseTo(3, 9);
    expect(perLesson).toBeCloseTo(0.02, 9);
  });

  it('fits the least-squares line when the builds are not on one', () => {
    // Through (0, 1), (1, 3), (2, 2): slope 0.5, intercept 1.5.
    const { fixed, perLesson } = fixedAndPerLesson([
      { n: 0, seconds: 1 },
      { n: 1, seconds: 3 },
      { n: 2, seconds: 2 },
    ]);
    expect(perLesson).toBeCloseTo(0.5, 9);
    expect(fixed).toBeCloseTo(1.5, 9);
  });

  it('needs two sizes at least', () => {
    expect(() => fixedAndPerLesson([{ n: 200, seconds: 9 }, { n: 200, seconds: 10 }])).toThrow(/two sizes/);
  });

  it('says where a higher fixed cost with a lower cost per lesson catches up, and nothing when it never does', () => {
    // 7 s + 10 ms per lesson against 3 s + 20 ms: the same time at 400 lessons.
    expect(sameAt({ fixed: 7, perLesson: 0.01 }, { fixed: 3, perLesson: 0.02 })).toBeCloseTo(400, 9);
    // Higher fixed cost and a higher cost per lesson: never.
    expect(sameAt({ fixed: 7, perLesson: 0.03 }, { fixed: 3, perLesson: 0.02 })).toBeUndefined();
    // Parallel lines: never.
    expect(sameAt({ fixed: 7, perLesson: 0.02 }, { fixed: 3, perLesson: 0.02 })).toBeUndefined();
  });
});

// The build bench's measuring script (MEASURE_SCRIPT) reports the CPU time of the build and of the
// processes it starts, as the kernel counts them for its children.
describe('build bench CPU time (tests/bench/reference-sites.ts)', () => {
  it('counts the build process and a process it starts, threads included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'course-bench-cpu-'));
    try {
      writeFileSync(join(dir, 'measure.mjs'), MEASURE_SCRIPT);
      // A stand-in build: 0.3 s of CPU in a worker thread of its own and 0.3 s in a child process.
      const burn = "const end = performance.now() + 300; let x = 0; while (performance.now() < end) x++;";
      writeFileSync(
        join(dir, 'build.mjs'),
        `import { execFileSync } from 'node:child_process';
        import { Worker } from 'node:worker_threads';
        await new Promise((done) => new Worker(${JSON.stringify(burn)}, { eval: true }).once('exit', done));
        execFileSync(process.execPath, ['-e', ${JSON.stringify(burn)}]);`,
      );
      const r = spawnSync(process.execPath, [join(dir, 'measure.mjs'), join(dir, 'build.mjs'), dir], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const last = r.stdout.trim().split('\n').at(-1)!;
      const { treeCpuSeconds } = JSON.parse(last) as { treeCpuSeconds: number | null };
      // 0.6 s burnt, plus two Node start-ups; a kernel tick is 10 ms.
      expect(treeCpuSeconds).toBeGreaterThanOrEqual(0.55);
      expect(treeCpuSeconds).toBeLessThan(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
