/**
 * A tiny benchmark harness: warm up, run a few rounds, report the median. Benchmarks print their
 * figures and compare them with a target; they are not tests and never fail the test command.
 *
 * Warm-up runs the work repeatedly for at least `warmupMs` (default 300 ms), so the figure is the
 * steady state a student's browser reaches after a few clicks, not the cost of compiling the
 * engine: without it the first benchmark in a file paid for the JIT that later ones got for free.
 */
export interface BenchResult {
  name: string;
  medianMs: number;
  targetMs?: number;
  note?: string;
}

const results: BenchResult[] = [];

export function measure(
  name: string,
  run: () => unknown,
  options: { rounds?: number; targetMs?: number; note?: string; warmupMs?: number } = {},
): BenchResult {
  const rounds = options.rounds ?? 7;
  const warmUntil = performance.now() + (options.warmupMs ?? 300);
  do run();
  while (performance.now() < warmUntil);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result: BenchResult = { name, medianMs: times[Math.floor(times.length / 2)]! };
  if (options.targetMs !== undefined) result.targetMs = options.targetMs;
  if (options.note !== undefined) result.note = options.note;
  results.push(result);
  const target =
    options.targetMs === undefined
      ? ''
      : `  (target < ${options.targetMs} ms: ${result.medianMs < options.targetMs ? 'met' : 'MISSED'})`;
  console.log(`  ${name}: ${result.medianMs.toFixed(3)} ms median of ${rounds}${target}${options.note ? `  ${options.note}` : ''}`);
  return result;
}

export function section(title: string): void {
  console.log(`\n${title}`);
}
