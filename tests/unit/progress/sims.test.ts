import { describe, expect, it } from 'vitest';
import { fingerprint, readSims, recordStoryCompleted, saveWidget, simsSlice, storyCompletedAt, widgetRecord, type SimsProgress } from '../../../src/progress/sims';
import { SLICES } from '../../../src/progress/slices';
import { takeNotices, type KeyValueStore } from '../../../src/progress/store';
import { exportProgress, importProgress } from '../../../src/progress/transfer';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}
const saved = (data: unknown) => JSON.stringify({ version: 1, data });

const valid: SimsProgress = {
  widgets: {
    '/lessons/virtual-networking/#net-modes': {
      preset: 'a1b2c3d4',
      at: '2026-12-01T10:00:00.000Z',
      steps: [{ action: { type: 'setNicMode', vm: 'web', nic: 0, mode: 'host-only', network: 'vboxnet0' } }],
      view: { machine: 'web' },
    },
    '/lessons/vm-lifecycle-snapshots/#snap-nginx': {
      preset: '0f0f0f0f',
      at: '2026-12-01T10:05:00.000Z',
      steps: [{ kind: 'command', line: 'VBoxManage snapshot web01 take pre-upgrade' }, { kind: 'act', action: { type: 'power', vm: 'web01', op: 'poweroff' }, panel: 'guest', title: 'Power off web01' }, { kind: 'switch', index: 1 }],
      view: {},
    },
  },
  stories: { 'nginx-rollback': '2026-12-01T10:09:00.000Z' },
};

describe('simulator progress slice', () => {
  it('is registered, so export and import carry what was done in the lesson simulators', () => {
    expect(SLICES.map((s) => s.key)).toContain('sims');
    const store = memory({ 'vcourse:sims': saved(valid) });
    const file = exportProgress(new Date('2026-12-01T12:00:00Z'), store);
    expect(file.slices['sims']).toEqual({ version: 1, data: valid });
    const other = memory();
    expect(importProgress(JSON.stringify(file), other)).toMatchObject({ ok: true });
    expect(readSims(other)).toEqual(valid);
  });

  it('a damaged record is reset with a notice that names what was wrong, and kept as a backup', () => {
    const bad = structuredClone(valid) as unknown as { widgets: Record<string, { steps: unknown[] }> };
    bad.widgets['/lessons/virtual-networking/#net-modes']!.steps.push({ kind: 'teleport' });
    const store = memory({ 'vcourse:sims': saved(bad) });
    takeNotices();
    expect(readSims(store)).toEqual(simsSlice.empty());
    expect(takeNotices()[0]!.message).toContain('the steps of /lessons/virtual-networking/#net-modes cannot be read');
    expect(store.data['vcourse:sims:corrupt']).toBe(saved(bad));
    expect(simsSlice.check({ widgets: { 'not a key': valid.widgets['/lessons/virtual-networking/#net-modes'] }, stories: {} })).toContain('does not name a widget');
    expect(simsSlice.check({ widgets: {}, stories: { 'x y': 'yesterday' } })).toContain('cannot be read');
  });

  it('saving one widget keeps the others; null forgets it; a key like __proto__ is not an own record', () => {
    const store = memory({ 'vcourse:sims': saved(valid) });
    saveWidget('/lessons/virtual-networking/#net-forward', { preset: '12345678', at: '2026-12-02T08:00:00.000Z', steps: [], view: {} }, store);
    expect(Object.keys(readSims(store).widgets).sort()).toEqual(['/lessons/virtual-networking/#net-forward', '/lessons/virtual-networking/#net-modes', '/lessons/vm-lifecycle-snapshots/#snap-nginx']);
    saveWidget('/lessons/virtual-networking/#net-modes', null, store);
    expect(widgetRecord(readSims(store), '/lessons/virtual-networking/#net-modes')).toBeUndefined();
    expect(widgetRecord(readSims(store), '__proto__')).toBeUndefined();
    expect(storyCompletedAt(readSims(store), 'constructor')).toBeNull();
  });

  it('a story is recorded as completed once, with its first date', () => {
    const store = memory();
    expect(recordStoryCompleted('vm-lifecycle', new Date('2026-12-03T09:00:00Z'), store)).toBe('2026-12-03T09:00:00.000Z');
    expect(recordStoryCompleted('vm-lifecycle', new Date('2026-12-04T09:00:00Z'), store)).toBe('2026-12-03T09:00:00.000Z');
    expect(storyCompletedAt(readSims(store), 'vm-lifecycle')).toBe('2026-12-03T09:00:00.000Z');
  });

  it('the preset fingerprint changes with the preset and not with key order of the same object', () => {
    expect(fingerprint({ a: 1, b: [1, 2] })).toBe(fingerprint({ a: 1, b: [1, 2] }));
    expect(fingerprint({ a: 1, b: [1, 2] })).not.toBe(fingerprint({ a: 1, b: [2, 1] }));
    expect(fingerprint('x')).toMatch(/^[0-9a-f]{8}$/);
  });
});
