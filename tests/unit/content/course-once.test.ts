import { describe, expect, it, vi } from 'vitest';

// content.ts reads lessons through Astro's content layer, which only exists inside a build.
vi.mock('astro:content', () => ({ getCollection: async () => [] }));
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/sim/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('../../../src/sim/core')>();
  return { ...core, parseScenario: (...args: Parameters<typeof core.parseScenario>) => (parses.count++, core.parseScenario(...args)) };
});

describe('content/course.yaml', () => {
  it('is parsed and validated once per build, however many pages ask for it', async () => {
    const { loadCourse } = await import('../../../src/lib/content');
    const first = loadCourse();
    for (let i = 0; i < 50; i++) expect(loadCourse()).toBe(first);
    expect(parses.count).toBe(1);
    expect(first.weeks.length).toBeGreaterThan(0);
  });
});
