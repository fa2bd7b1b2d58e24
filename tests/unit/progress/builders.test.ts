import { describe, expect, it } from 'vitest';
import { BUILDER_LINES_KEEP, builderLines, buildersSlice, readBuilders, saveBuilderLines } from '../../../src/progress/builders';
import { SLICES } from '../../../src/progress/slices';
import { takeNotices, type KeyValueStore } from '../../../src/progress/store';
import { exportProgress, importProgress } from '../../../src/progress/transfer';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

describe('builder progress slice', () => {
  it('keeps each builder’s lines for its preset, and export/import carries them', () => {
    const store = memory();
    expect(saveBuilderLines('vbox-build', 'builder-virtualbox', ['VBoxManage list vms', 'help'], store)).toBe(true);
    const all = readBuilders(store);
    expect(builderLines(all, 'vbox-build', 'builder-virtualbox')).toEqual(['VBoxManage list vms', 'help']);
    // Another preset (the lesson changed it) starts afresh; an unknown id and an inherited key have nothing.
    expect(builderLines(all, 'vbox-build', 'builder-proxmox')).toEqual([]);
    expect(builderLines(all, 'constructor', 'builder-virtualbox')).toEqual([]);
    expect(SLICES.map((s) => s.key)).toContain('builders');
    const other = memory();
    expect(importProgress(JSON.stringify(exportProgress(new Date('2026-12-01T12:00:00Z'), store)), other)).toMatchObject({ ok: true });
    expect(readBuilders(other)).toEqual(all);
  });

  it('never cuts a log (a replay needs every line): too long is not saved; "Start again" (no lines) removes the entry', () => {
    const store = memory();
    const lines = Array.from({ length: BUILDER_LINES_KEEP }, (_, i) => `help ${i}`);
    expect(saveBuilderLines('b', 'p', lines, store)).toBe(true);
    expect(saveBuilderLines('b', 'p', [...lines, 'one more'], store)).toBe(false);
    expect(saveBuilderLines('b', 'p', ['x'.repeat(5000)], store)).toBe(false);
    expect(builderLines(readBuilders(store), 'b', 'p')).toEqual(lines);
    saveBuilderLines('b', 'p', [], store);
    expect(readBuilders(store)).toEqual({});
  });

  it('a damaged entry is reset with a notice, never a crash', () => {
    expect(buildersSlice.check({ b: { preset: 'p', lines: ['help'] } })).toEqual({ b: { preset: 'p', lines: ['help'] } });
    for (const bad of [{ 'Bad Id': { preset: 'p', lines: [] } }, { b: { preset: 'p', lines: [42] } }, { b: { lines: [] } }, []]) {
      expect(typeof buildersSlice.check(bad)).toBe('string');
      const store = memory({ 'vcourse:builders': JSON.stringify({ version: 1, data: bad }) });
      expect(readBuilders(store)).toEqual({});
      expect(takeNotices().map((n) => n.slice)).toEqual(['builders']);
    }
  });
});
