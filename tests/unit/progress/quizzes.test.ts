import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawAttempt, grade, loadQuizOrThrow } from '../../../src/quiz';
import { answerState, fitResponse, fitResponses, inputProblem, responseToGrade } from '../../../src/widgets/quiz/responses';
import { bestAttempt, lastAttempt, quizRecord, quizzesSlice, readQuizzes, type AttemptResult, type QuizzesProgress } from '../../../src/progress/quizzes';
import { MAX_HISTORY, updateQuizzes, withAnswers, withNewAttempt, withResult, withTry } from '../../../src/widgets/quiz/record';
import { lessonsSlice } from '../../../src/progress/lessons';
import { SLICES } from '../../../src/progress/slices';
import { decodeSlice, encodeSlice, readSlice, takeNotices, type KeyValueStore } from '../../../src/progress/store';
import { exportProgress, importProgress } from '../../../src/progress/transfer';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

const result = (seed: string, score: number, at = '2026-11-21T10:00:00.000Z'): AttemptResult => ({
  seed,
  at,
  score,
  earned: score * 10,
  possible: 10,
  passed: score >= 0.7,
});

const saved = (data: unknown, version = 1) => JSON.stringify({ version, data });

const valid: QuizzesProgress = {
  'week1-basics': {
    current: { seed: 'a1b2', responses: { q1: 'opt-b', q2: ['x', 'y'], q3: true, q4: '8 GB', q5: 12, q6: { p1: 'NAT', p2: null } }, position: 3, submitted: false },
    history: [result('seed-1', 0.5), result('seed-2', 0.9, '2026-11-21T11:00:00.000Z')],
  },
};

describe('quiz progress slice', () => {
  it('is registered, so export and import carry quiz history', () => {
    expect(SLICES.map((s) => s.key)).toContain('quizzes');
    const store = memory({ 'vcourse:quizzes': saved(valid) });
    const file = exportProgress(new Date('2026-11-21T12:00:00Z'), store);
    expect(file.slices['quizzes']).toEqual({ version: 1, data: valid });
    const other = memory();
    expect(importProgress(JSON.stringify(file), other)).toEqual({ ok: true, imported: ['lessons', 'quizzes', 'labs', 'builders', 'sims'] });
    expect(readQuizzes(other)).toEqual(valid);
  });

  it('reads back a valid slice unchanged, with every kind of answer', () => {
    const store = memory();
    updateQuizzes(() => valid, store);
    expect(readQuizzes(store)).toEqual(valid);
    expect(takeNotices()).toEqual([]);
  });

  it('starts empty when nothing is saved', () => {
    expect(readQuizzes(memory())).toEqual({});
    expect(quizRecord({}, 'x')).toEqual({ current: null, history: [] });
  });

  it.each([
    ['not a mapping', [1, 2], 'expected a mapping of quiz ids'],
    ['a bad quiz id', { '<img src=x>': { current: null, history: [] } }, '"<img src=x>" is not a quiz id'],
    ['no history', { q: { current: null } }, 'the history of quiz "q" cannot be read'],
    ['no attempt in progress at all', { q: { history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['a score above 1', { q: { current: null, history: [{ ...result('s', 1), score: 1.5 }] } }, 'the history of quiz "q" cannot be read'],
    ['a missing number', { q: { current: null, history: [{ ...result('s', 1), earned: null }] } }, 'the history of quiz "q" cannot be read'],
    ['a bad date', { q: { current: null, history: [{ ...result('s', 1), at: 'yesterday' }] } }, 'the history of quiz "q" cannot be read'],
    ['no pass flag', { q: { current: null, history: [{ ...result('s', 1), passed: 'yes' }] } }, 'the history of quiz "q" cannot be read'],
    ['an attempt without a seed', { q: { current: { seed: '', responses: {}, position: 0, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['a negative position', { q: { current: { seed: 's', responses: {}, position: -1, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['a fractional position', { q: { current: { seed: 's', responses: {}, position: 1.5, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['an unreadable answer', { q: { current: { seed: 's', responses: { q1: { nested: { deep: 1 } } }, position: 0, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['an answer too long to be typed', { q: { current: { seed: 's', responses: { q1: 'x'.repeat(5000) }, position: 0, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
    ['an answer under a bad question id', { q: { current: { seed: 's', responses: { 'Q 1': 'a' }, position: 0, submitted: false }, history: [] } }, 'the attempt in progress of quiz "q" cannot be read'],
  ])('rejects corrupt data: %s', (_name, data, reason) => {
    expect(decodeSlice(quizzesSlice, saved(data))).toBe(`Saved quizzes progress was damaged (${reason}) and has been reset.`);
  });

  it('resets a corrupt quiz slice with a notice, keeps its text aside, and leaves lessons read alone', () => {
    const lessons = saved({ 'virtual-networking': '2026-11-20T09:00:00.000Z' });
    const store = memory({ 'vcourse:quizzes': '{"version":1,"data":{"q":{"current":null,"history":"no"}}}', 'vcourse:lessons': lessons });
    expect(readQuizzes(store)).toEqual({});
    expect(takeNotices()).toEqual([{ slice: 'quizzes', message: 'Saved quizzes progress was damaged (the history of quiz "q" cannot be read) and has been reset.' }]);
    expect(store.data['vcourse:quizzes:corrupt']).toContain('"history":"no"');
    expect(store.data['vcourse:lessons']).toBe(lessons);
    expect(readSlice(lessonsSlice, store)).toEqual({ 'virtual-networking': '2026-11-20T09:00:00.000Z' });
    expect(takeNotices()).toEqual([]);
  });

  it('resets text that is not JSON with a notice', () => {
    const store = memory({ 'vcourse:quizzes': '{"version":1,"data":' });
    expect(readQuizzes(store)).toEqual({});
    expect(takeNotices()).toEqual([{ slice: 'quizzes', message: 'Saved quizzes progress was not valid JSON and has been reset.' }]);
  });

  it('resets an older version it cannot upgrade (version 1 is the first) and a newer one, with a notice', () => {
    expect(decodeSlice(quizzesSlice, saved(valid, 0))).toBe('Saved quizzes progress (version 0) could not be upgraded to version 1 and has been reset.');
    expect(decodeSlice(quizzesSlice, saved(valid, 2))).toBe('Saved quizzes progress (version 2) could not be upgraded to version 1 and has been reset.');
    expect(decodeSlice(quizzesSlice, JSON.stringify(valid))).toBe('Saved quizzes progress had no version and has been reset.');
    const store = memory({ 'vcourse:quizzes': saved(valid, 0) });
    expect(readQuizzes(store)).toEqual({});
    expect(takeNotices().map((n) => n.slice)).toEqual(['quizzes']);
  });

  it('keeps the seed of the attempt in progress and its answers, and grading marks it submitted', () => {
    const store = memory();
    updateQuizzes((all) => withNewAttempt(all, 'q', 'seed-A'), store);
    updateQuizzes((all) => withAnswers(all, 'q', { a: 'x' }, 1), store);
    expect(quizRecord(readQuizzes(store), 'q').current).toEqual({ seed: 'seed-A', responses: { a: 'x' }, position: 1, submitted: false });
    updateQuizzes((all) => withResult(all, 'q', result('seed-A', 0.8)), store);
    const rec = quizRecord(readQuizzes(store), 'q');
    expect(rec.current).toEqual({ seed: 'seed-A', responses: { a: 'x' }, position: 1, submitted: true, at: result('seed-A', 0.8).at });
    expect(rec.history).toEqual([result('seed-A', 0.8)]);
    // A submitted attempt's answers no longer change; a retry draws a new seed and keeps the history.
    expect(withAnswers(readQuizzes(store), 'q', { a: 'y' }, 0)).toEqual(readQuizzes(store));
    const retried = withNewAttempt(readQuizzes(store), 'q', 'seed-B');
    expect(quizRecord(retried, 'q')).toEqual({ current: { seed: 'seed-B', responses: {}, position: 0, submitted: false }, history: [result('seed-A', 0.8)] });
  });

  it('T7: per-question tries are kept per question, in order, up to the limit, and survive a round trip through storage', () => {
    const store = memory();
    const at = '2026-12-05T09:00:00.000Z';
    updateQuizzes((all) => withNewAttempt(all, 'q', 'seed-A', at), store);
    updateQuizzes((all) => withTry(all, 'q', 'q1', 'b', { q1: 'b' }, 2, at), store);
    updateQuizzes((all) => withTry(all, 'q', 'q1', 'a', { q1: 'a' }, 2, at), store);
    // A third try past the limit of 2 is not stored.
    updateQuizzes((all) => withTry(all, 'q', 'q1', 'c', { q1: 'c' }, 2, at), store);
    updateQuizzes((all) => withTry(all, 'q', 'q2', { p1: 'NAT', p2: null }, { q1: 'a', q2: { p1: 'NAT', p2: null } }, 2, at), store);
    const current = quizRecord(readQuizzes(store), 'q').current;
    expect(current?.tries).toEqual({ q1: ['b', 'a'], q2: [{ p1: 'NAT', p2: null }] });
    expect(current?.responses).toEqual({ q1: 'a', q2: { p1: 'NAT', p2: null } });
    expect(current?.at).toBe(at);
    expect(takeNotices()).toEqual([]);
    // Damaged tries or dates are refused on read, like any other damage.
    for (const bad of [{ q1: 'b' }, { 'Not an id': ['a'] }, { q1: Array.from({ length: 11 }, () => 'a') }]) {
      const data = { q: { current: { ...current, tries: bad }, history: [] } };
      expect(decodeSlice(quizzesSlice, saved(data))).toContain('has been reset');
    }
    expect(decodeSlice(quizzesSlice, saved({ q: { current: { ...current, at: 'yesterday' }, history: [] } }))).toContain('has been reset');
  });

  it('best is the highest score (first reached on ties), last is the latest', () => {
    const rec = { current: null, history: [result('a', 0.4), result('b', 0.9), result('c', 0.9), result('d', 0.6)] };
    expect(bestAttempt(rec)?.seed).toBe('b');
    expect(lastAttempt(rec)?.seed).toBe('d');
    expect(bestAttempt({ current: null, history: [] })).toBeNull();
    expect(lastAttempt({ current: null, history: [] })).toBeNull();
  });

  it(`trims the history to ${MAX_HISTORY} attempts, oldest first, never dropping the best`, () => {
    let all: QuizzesProgress = {};
    all = withResult(all, 'q', result('best', 1));
    for (let i = 0; i < MAX_HISTORY + 5; i++) all = withResult(all, 'q', result(`s${i}`, (i % 10) / 10));
    const rec = quizRecord(all, 'q');
    expect(rec.history).toHaveLength(MAX_HISTORY);
    expect(bestAttempt(rec)?.seed).toBe('best');
    expect(lastAttempt(rec)?.seed).toBe(`s${MAX_HISTORY + 4}`);
    expect(rec.history[1]?.seed).toBe('s6');
  });

  it('survives a JSON round trip exactly', () => {
    expect(decodeSlice(quizzesSlice, encodeSlice(quizzesSlice, valid))).toEqual(valid);
  });
});

describe('saved answers against the quiz as it is now', () => {
  const quiz = loadQuizOrThrow(readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8'), 'valid-example.yaml');
  const attempt = drawAttempt(quiz, 'seed-1');
  const q = (id: string) => attempt.questions.find((x) => x.id === id)!;

  it('keeps answers that fit and drops what no longer does (the quiz file may have changed since)', () => {
    const single = q('hv-bare-metal');
    if (single.type !== 'single-choice') throw new Error('fixture changed');
    expect(fitResponse(single, single.options[0]!.id)).toBe(single.options[0]!.id);
    expect(fitResponse(single, 'gone')).toBeUndefined();
    expect(fitResponse(single, true)).toBeUndefined();
    const multi = q('hv-type2-examples');
    if (multi.type !== 'multiple-answer') throw new Error('fixture changed');
    expect(fitResponse(multi, [multi.options[1]!.id, 'gone'])).toEqual([multi.options[1]!.id]);
    expect(fitResponse(multi, ['gone'])).toBeUndefined();
    expect(fitResponse(q('flavor-ram'), 8)).toBe('8');
    const matching = q('network-modes');
    if (matching.type !== 'matching') throw new Error('fixture changed');
    const [p1, p2] = matching.pairs;
    expect(fitResponse(matching, { [p1!.id]: p1!.right, [p2!.id]: 'not a choice', other: p1!.right })).toEqual({ [p1!.id]: p1!.right });
    const ordering = q('create-vm-order');
    if (ordering.type !== 'ordering') throw new Error('fixture changed');
    const ids = ordering.items.map((i) => i.id);
    expect(fitResponse(ordering, [...ids].reverse())).toEqual([...ids].reverse());
    expect(fitResponse(ordering, ids.slice(1))).toBeUndefined();
    expect(fitResponse(ordering, [ids[0]!, ids[0]!, ids[1]!, ids[2]!])).toBeUndefined();
    expect(fitResponses(attempt.questions, { 'hv-bare-metal': 'gone', 'virsh-start': 'start', removed: 'x' })).toEqual({ 'virsh-start': 'start' });
  });

  it('counts a matching question with empty pairs as partly answered, and an untouched ordering as not answered (no credit for the shuffle)', () => {
    const matching = q('network-modes');
    if (matching.type !== 'matching') throw new Error('fixture changed');
    expect(answerState(matching, undefined)).toBe('none');
    expect(answerState(matching, { [matching.pairs[0]!.id]: matching.pairs[0]!.right })).toBe('partial');
    expect(answerState(matching, Object.fromEntries(matching.pairs.map((p) => [p.id, p.right])))).toBe('complete');
    expect(answerState(q('virsh-start'), '   ')).toBe('none');
    const ordering = q('create-vm-order');
    if (ordering.type !== 'ordering') throw new Error('fixture changed');
    const shown = ordering.items.map((i) => i.id);
    expect(responseToGrade(ordering, undefined)).toBeNull();
    expect(grade(ordering, responseToGrade(ordering, undefined)).status).toBe('unanswered');
    expect(grade(ordering, responseToGrade(ordering, undefined)).score).toBe(0);
    expect(responseToGrade(ordering, shown)).toEqual(shown);
    expect(answerState(ordering, undefined)).toBe('none');
    expect(grade(ordering, responseToGrade(ordering, [...ordering.correctOrder])).correct).toBe(true);
    expect(responseToGrade(matching, { [matching.pairs[0]!.id]: 'x' })).toEqual(
      Object.fromEntries(matching.pairs.map((p, i) => [p.id, i === 0 ? 'x' : null])),
    );
  });

  it('says when typed text cannot be read as a number, in the engine’s words, and only for numeric questions', () => {
    expect(inputProblem(q('flavor-ram'), 'eight')).toBe('"eight" is not a number. Write digits with a point for decimals, e.g. 2.5, optionally followed by the unit.');
    expect(inputProblem(q('flavor-ram'), '8,5')).toContain('"8,5" is not a number.');
    expect(inputProblem(q('flavor-ram'), '8 GB')).toBeNull();
    expect(inputProblem(q('flavor-ram'), '')).toBeNull();
    expect(inputProblem(q('virsh-start'), 'eight')).toBeNull();
  });
});
