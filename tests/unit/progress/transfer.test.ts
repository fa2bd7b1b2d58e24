import { describe, expect, it } from 'vitest';
import { exportProgress, importProgress } from '../../../src/progress/transfer';
import type { KeyValueStore } from '../../../src/progress/store';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v), removeItem: (k) => void delete data[k] };
}

const saved = { 'vcourse:lessons': JSON.stringify({ version: 1, data: { 'virtual-networking': '2026-11-20T09:00:00.000Z' } }) };

describe('progress export and import', () => {
  it('exports every slice and imports it into another browser unchanged', () => {
    const file = exportProgress(new Date('2026-11-21T12:00:00Z'), memory(saved));
    expect(file).toEqual({
      format: 'vcourse-progress',
      version: 1,
      exportedAt: '2026-11-21T12:00:00.000Z',
      slices: {
        lessons: { version: 1, data: { 'virtual-networking': '2026-11-20T09:00:00.000Z' } },
        quizzes: { version: 1, data: {} },
        labs: { version: 1, data: { student: null, labs: {}, setAside: {} } },
        builders: { version: 1, data: {} },
        sims: { version: 1, data: { widgets: {}, stories: {} } },
      },
    });
    const other = memory();
    expect(importProgress(JSON.stringify(file), other)).toEqual({ ok: true, imported: ['lessons', 'quizzes', 'labs', 'builders', 'sims'] });
    expect(other.data['vcourse:lessons']).toBe(saved['vcourse:lessons']);
  });

  it.each([
    ['not json', 'The file is not valid JSON. Choose a file exported with "Export progress".'],
    ['{"format":"other"}', 'The file is not a progress export from this site (expected "format": "vcourse-progress").'],
    ['{"format":"vcourse-progress","version":9,"slices":{}}', 'The file was made by a newer version of the site (format version 9); this site reads version 1.'],
    ['{"format":"vcourse-progress","version":1}', 'The file has no "slices" section.'],
    ['{"format":"vcourse-progress","version":1,"slices":{"games":{}}}', 'The file contains no progress this site knows (found: games).'],
    [
      '{"format":"vcourse-progress","version":1,"slices":{"lessons":{"version":1,"data":{"x":"not a date"}}}}',
      'Nothing was imported: the lessons section is damaged. Saved lessons progress was damaged (lesson "x" has no valid date).',
    ],
  ])('a bad file (%s) gets a message and changes nothing', (text, message) => {
    const store = memory(saved);
    expect(importProgress(text, store)).toEqual({ ok: false, message });
    expect(store.data).toEqual(saved);
  });
});
