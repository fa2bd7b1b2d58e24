import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints one plain closing line, `e2e: N passed, N failed, N skipped`, that CI logs can be read by. */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, result.status);
  }

  onEnd(): void {
    const all = [...this.outcomes.values()];
    const passed = all.filter((s) => s === 'passed').length;
    const skipped = all.filter((s) => s === 'skipped').length;
    console.log(`e2e: ${passed} passed, ${all.length - passed - skipped} failed, ${skipped} skipped`);
  }
}
