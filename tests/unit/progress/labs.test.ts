import { describe, expect, it } from 'vitest';
import { bestLabScore, labsSlice, readLabs, recordFor, type LabRecord, type LabsProgress } from '../../../src/progress/labs';
import { SLICES } from '../../../src/progress/slices';
import { takeNotices, type KeyValueStore } from '../../../src/progress/store';
import { exportProgress, importProgress } from '../../../src/progress/transfer';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}
const saved = (data: unknown) => JSON.stringify({ version: 1, data });

const record = (seed: string, earned = 2): LabRecord => ({
  hash: 'a'.repeat(64),
  seed,
  startedAt: '2026-12-01T10:00:00.000Z',
  log: [
    { t: 0, hint: 'forward-exists' },
    { t: 1200, step: { kind: 'network', action: { type: 'setFirewall', node: 'web', enabled: false } }, ok: true },
    { t: 1800, reset: true },
    { t: 2500, step: { kind: 'command', line: 'VBoxManage snapshot web list', at: 1_700_000_000_000 }, ok: true },
  ],
  attempts: [{ at: '2026-12-01T10:05:00.000Z', earned: 1, possible: 8 }],
  current: { at: '2026-12-01T10:09:00.000Z', earned, possible: 8 },
});

const valid: LabsProgress = { student: { id: 's1234567', name: 'Ada' }, labs: { 'expose-web-nat': record('0a0b0c0d') }, setAside: {} };

describe('lab progress slice', () => {
  it('is registered, so export and import carry lab logs', () => {
    expect(SLICES.map((s) => s.key)).toContain('labs');
    const store = memory({ 'vcourse:labs': saved(valid) });
    const file = exportProgress(new Date('2026-12-01T12:00:00Z'), store);
    expect(file.slices['labs']).toEqual({ version: 1, data: valid });
    const other = memory();
    expect(importProgress(JSON.stringify(file), other)).toMatchObject({ ok: true });
    expect(readLabs(other)).toEqual(valid);
  });

  it('reads back what was saved', () => {
    expect(readLabs(memory({ 'vcourse:labs': saved(valid) }))).toEqual(valid);
  });

  const damaged: [string, unknown][] = [
    ['a log that is not a list', { ...valid, labs: { 'expose-web-nat': { ...record('0a0b0c0d'), log: 'oops' } } }],
    ['a step of an unknown kind', { ...valid, labs: { 'expose-web-nat': { ...record('0a0b0c0d'), log: [{ t: 0, step: { kind: 'shell', line: 'rm -rf /' }, ok: true }] } } }],
    ['a negative time', { ...valid, labs: { 'expose-web-nat': { ...record('0a0b0c0d'), log: [{ t: -5, reset: true }] } } }],
    ['an unparseable start date', { ...valid, labs: { 'expose-web-nat': { ...record('0a0b0c0d'), startedAt: 'yesterday' } } }],
    ['a lab id that is not a slug', { ...valid, labs: { __proto__x: record('0a0b0c0d') } }],
    ['an empty student id', { ...valid, student: { id: '  ', name: '' } }],
    ['a set-aside key without a seed', { ...valid, setAside: { 'expose-web-nat': record('0a0b0c0d') } }],
  ];
  for (const [what, data] of damaged) {
    it(`resets ${what} with a notice and keeps the unreadable text`, () => {
      takeNotices();
      const store = memory({ 'vcourse:labs': saved(data) });
      expect(readLabs(store)).toEqual(labsSlice.empty());
      expect(takeNotices()[0]!.message).toMatch(/^Saved labs progress was damaged \(.+\) and has been reset\.$/);
      expect(store.data['vcourse:labs:corrupt']).toBe(saved(data));
    });
  }

  it('best score: the best of finished attempts and the current one, null when not started', () => {
    expect(bestLabScore(undefined)).toBeNull();
    expect(bestLabScore(record('0a0b0c0d', 6))).toMatchObject({ earned: 6 });
    expect(bestLabScore({ ...record('0a0b0c0d', 0), attempts: [{ at: '2026-12-01T10:05:00.000Z', earned: 5, possible: 8 }] })).toMatchObject({ earned: 5 });
  });

  it('another student on the same browser: their work is set aside and comes back, never overwritten', () => {
    const mine = record('0a0b0c0d');
    const first = recordFor(valid, 'expose-web-nat', '11112222');
    expect(first.swapped).toBe(true);
    expect(first.record).toBeUndefined();
    expect(first.progress.labs['expose-web-nat']).toBeUndefined();
    expect(first.progress.setAside['expose-web-nat/0a0b0c0d']).toEqual(mine);

    const theirs = record('11112222', 1);
    const withTheirs: LabsProgress = { ...first.progress, labs: { 'expose-web-nat': theirs } };
    const back = recordFor(withTheirs, 'expose-web-nat', '0a0b0c0d');
    expect(back.record).toEqual(mine);
    expect(back.progress.labs['expose-web-nat']).toEqual(mine);
    expect(back.progress.setAside).toEqual({ 'expose-web-nat/11112222': theirs });
    expect(labsSlice.check(JSON.parse(JSON.stringify(back.progress)))).toEqual(back.progress);
  });

  it('the same student: nothing moves', () => {
    const same = recordFor(valid, 'expose-web-nat', '0a0b0c0d');
    expect(same).toEqual({ progress: valid, record: valid.labs['expose-web-nat'], swapped: false });
  });
});
