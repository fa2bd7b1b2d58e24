/**
 * Hands the main thread back to the browser (input, paint, other tasks) and resumes in a new task:
 * `scheduler.yield()` where the browser has it (the continuation goes first in the queue), a zero
 * timeout elsewhere. Long work split with it never makes one long task that blocks the page.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
