import { describe, expect, it } from 'vitest';
import type { LabRecord, LabsProgress } from '../../../src/progress/labs';
import type { QuizzesProgress } from '../../../src/progress/quizzes';
import { summarize, summaryLines, type Catalog } from '../../../src/progress/summary';

const catalog: Catalog = {
  lessons: ['l1', 'l2', 'l3'].map((id) => ({ id, title: `Lesson ${id}`, href: `/lessons/${id}/` })),
  quizzes: ['q1', 'q2', 'q3'].map((id) => ({ id, title: `Quiz ${id}`, href: `/quizzes/${id}/`, pass: 0.7 })),
  labs: ['a', 'b'].map((id) => ({ id, title: `Lab ${id}`, href: `/labs/${id}/` })),
};
const attempt = (score: number, at: string) => ({ seed: 's', at, score, earned: score, possible: 1, passed: score >= 0.7 });
const lab = (earned: number, at: string, log = 1): LabRecord => ({
  hash: 'h',
  seed: '0000abcd',
  startedAt: '2026-12-01T08:00:00.000Z',
  log: Array.from({ length: log }, (_, t) => ({ t, reset: true as const })),
  attempts: [],
  current: { at, earned, possible: 2 },
});
const labs = (records: Record<string, LabRecord>): LabsProgress => ({ student: null, labs: records, setAside: {} });

describe('progress summary', () => {
  it('P1: counts quizzes passed (judged by the pass mark, not the stored flag), labs complete and lessons read', () => {
    const quizzes: QuizzesProgress = {
      q1: { current: null, history: [attempt(0.5, '2026-12-01T10:00:00.000Z'), attempt(0.9, '2026-12-02T10:00:00.000Z')] },
      q2: { current: null, history: [{ ...attempt(0.1, '2026-12-02T10:00:00.000Z'), passed: true }] },
      unknown: { current: null, history: [attempt(1, '2026-12-02T10:00:00.000Z')] },
    };
    const s = summarize(catalog, quizzes, labs({ a: lab(2, '2026-12-01T09:00:00.000Z'), b: lab(1, '2026-12-01T09:00:00.000Z') }), { l2: '2026-12-01T00:00:00.000Z' });
    expect(s.quizzes).toEqual({ passed: 1, taken: 2, total: 3 });
    expect(s.labs).toEqual({ complete: 1, started: 2, total: 2 });
    expect(s.lessons).toEqual({ read: 1, total: 3 });
    expect(summaryLines(s)).toEqual(['1 of 3 lessons read', '1 of 3 quizzes passed', '1 of 2 labs complete']);
  });

  it('P2: "continue where you left off" is the most recently touched unfinished quiz or lab', () => {
    const quizzes: QuizzesProgress = {
      q1: { current: { seed: 'x', responses: { a: 'b' }, position: 0, submitted: false, at: '2026-12-03T10:00:00.000Z' }, history: [] },
      q2: { current: null, history: [attempt(1, '2026-12-04T10:00:00.000Z')] },
      // Opened but nothing answered: not "in progress".
      q3: { current: { seed: 'y', responses: {}, position: 0, submitted: false, at: '2026-12-05T10:00:00.000Z' }, history: [] },
    };
    const older = summarize(catalog, quizzes, labs({ b: lab(1, '2026-12-02T10:00:00.000Z') }), {});
    expect(older.resume).toEqual({ kind: 'quiz', title: 'Quiz q1', href: '/quizzes/q1/', reason: 'in-progress', at: '2026-12-03T10:00:00.000Z' });
    const newer = summarize(catalog, quizzes, labs({ b: lab(1, '2026-12-04T11:00:00.000Z') }), {});
    expect(newer.resume).toMatchObject({ kind: 'lab', href: '/labs/b/', reason: 'in-progress' });
    // Tries count as work; a failed attempt is unfinished until passed.
    const tried = summarize(catalog, { q3: { current: { seed: 'y', responses: {}, tries: { a: ['b'] }, position: 0, submitted: false, at: '2026-12-09T10:00:00.000Z' }, history: [] } }, labs({}), {});
    expect(tried.resume?.href).toBe('/quizzes/q3/');
    const failed = summarize(catalog, { q2: { current: null, history: [attempt(0.2, '2026-12-04T10:00:00.000Z')] } }, labs({}), {});
    expect(failed.resume?.href).toBe('/quizzes/q2/');
  });

  it('P2: with nothing unfinished, the next lesson not read; with everything done, nothing', () => {
    const s = summarize(catalog, {}, labs({ a: lab(2, '2026-12-01T09:00:00.000Z') }), { l1: '2026-12-01T00:00:00.000Z' });
    expect(s.resume).toEqual({ kind: 'lesson', title: 'Lesson l2', href: '/lessons/l2/', reason: 'next' });
    const all = { l1: 'x', l2: 'x', l3: 'x' } as Record<string, string>;
    expect(summarize(catalog, {}, labs({}), all).resume).toBeNull();
  });
});
