import { describe, expect, it } from 'vitest';
import { lessonsSlice, setLessonRead } from '../../../src/progress/lessons';
import { MAX_HISTORY, passed, quizzesSlice, readQuizzes, trimHistory, type AttemptResult } from '../../../src/progress/quizzes';
import { backupKeys, MAX_BACKUPS, readSlice, takeNotices, type KeyValueStore } from '../../../src/progress/store';
import { exportProgress, importProgress } from '../../../src/progress/transfer';

function memory(initial: Record<string, string> = {}, refuse: (key: string) => boolean = () => false): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      if (refuse(k)) throw new DOMException('quota', 'QuotaExceededError');
      data[k] = v;
    },
    removeItem: (k) => void delete data[k],
  };
}
const saved = (data: unknown) => JSON.stringify({ version: 1, data });
const attempt = (score: number, i: number): AttemptResult => ({ seed: `s${i}`, at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), score, earned: score * 10, possible: 10, passed: score >= 0.7 });

describe('saved work is never lost', () => {
  it('import is all or nothing: when a later slice cannot be written, the earlier ones are put back', () => {
    const before = { 'vcourse:lessons': saved({ 'virtual-networking': '2026-11-20T09:00:00.000Z' }), 'vcourse:quizzes': saved({}) };
    const file = exportProgress(new Date('2026-12-01T00:00:00Z'), memory({ 'vcourse:lessons': saved({ 'anatomy-of-a-vm': '2026-11-01T09:00:00.000Z' }) }));
    const store = memory(before, (k) => k === 'vcourse:quizzes');
    const r = importProgress(JSON.stringify(file), store);
    expect(r).toEqual({ ok: false, message: 'The browser refused to save (storage full or blocked). Nothing was changed: your progress is as it was before the import.' });
    expect(store.data['vcourse:lessons']).toBe(before['vcourse:lessons']);
    expect(store.data['vcourse:labs']).toBeUndefined();
  });

  it.each([-1, 0, 1.5, '1'])('an export whose format version is %s is refused', (version) => {
    const store = memory();
    const r = importProgress(JSON.stringify({ format: 'vcourse-progress', version, slices: { lessons: { version: 1, data: {} } } }), store);
    expect(r.ok).toBe(false);
    expect(store.data).toEqual({});
  });

  it('each corruption keeps its own backup (a second one never overwrites the first), and export carries them', () => {
    const store = memory({ 'vcourse:quizzes': 'first damage' });
    takeNotices();
    readSlice(quizzesSlice, store);
    store.data['vcourse:quizzes'] = '{"second": damage';
    readSlice(quizzesSlice, store);
    expect(takeNotices()).toHaveLength(2);
    const [one, two] = backupKeys('quizzes');
    expect([store.data[one!], store.data[two!]]).toEqual(['first damage', '{"second": damage']);
    expect(exportProgress(new Date('2026-12-01T00:00:00Z'), store).backups).toEqual({ [one!]: 'first damage', [two!]: '{"second": damage' });
    expect(backupKeys('quizzes')).toHaveLength(MAX_BACKUPS);
  });

  it('marking a lesson read when storage is blocked reports what is saved (not read), not what was asked', () => {
    const blocked = memory({}, () => true);
    const original = globalThis.localStorage;
    Object.defineProperty(globalThis, 'localStorage', { value: blocked, configurable: true });
    try {
      expect(setLessonRead('virtual-networking', true)).toEqual({});
    } finally {
      Object.defineProperty(globalThis, 'localStorage', { value: original, configurable: true });
    }
    expect(readSlice(lessonsSlice, blocked)).toEqual({});
  });

  it('a stored "passed" beside a 5 % score is not shown as a pass: passes are judged against the pass mark', () => {
    const forged = { ...attempt(0.05, 1), passed: true };
    expect(passed(forged, 0.7)).toBe(false);
    expect(passed(attempt(0.7, 2), 0.7)).toBe(true);
    expect(passed(forged, undefined)).toBe(true);
  });

  it('a history of 20,000 attempts is trimmed on read to the last ones and the best', () => {
    const history = Array.from({ length: 20_000 }, (_, i) => attempt(i === 123 ? 1 : 0.5, i));
    const store = memory({ 'vcourse:quizzes': saved({ q: { current: null, history } }) });
    const read = readQuizzes(store)['q']!.history;
    expect(read).toHaveLength(MAX_HISTORY);
    expect(read[0]!.seed).toBe('s123');
    expect(read.at(-1)!.seed).toBe('s19999');
    expect(trimHistory(history.slice(0, 10))).toHaveLength(10);
  });
});

describe('storage full while taking a quiz', () => {
  it('answers that could not be stored are kept in memory and built on; the first write that fits stores them all; export carries them', async () => {
    const { updateQuizzes, unsavedQuizzes, withAnswers, withNewAttempt } = await import('../../../src/widgets/quiz/record');
    let full = true;
    const store = memory({}, () => full);
    expect(updateQuizzes((all) => withNewAttempt(all, 'q', 'seed-1'), store).saved).toBe(false);
    // A second, smaller change must not start from the (empty) stored value and drop the attempt.
    const second = updateQuizzes((all) => withAnswers(all, 'q', { q1: 'a' }, 1), store);
    expect(second.saved).toBe(false);
    expect(second.value['q']!.current).toMatchObject({ seed: 'seed-1', responses: { q1: 'a' } });
    expect(unsavedQuizzes(store)).toEqual(second.value);
    const file = exportProgress(new Date('2026-12-01T00:00:00Z'), store, { quizzes: unsavedQuizzes(store) });
    expect(file.slices['quizzes']!.data).toEqual(second.value);

    full = false;
    const third = updateQuizzes((all) => withAnswers(all, 'q', { q1: 'a', q2: 'b' }, 2), store);
    expect(third.saved).toBe(true);
    expect(unsavedQuizzes(store)).toBeUndefined();
    expect(readQuizzes(store)['q']!.current).toMatchObject({ seed: 'seed-1', responses: { q1: 'a', q2: 'b' } });
  });
});
