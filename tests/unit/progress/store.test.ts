import { describe, expect, it } from 'vitest';
import { lessonsSlice } from '../../../src/progress/lessons';
import { decodeSlice, encodeSlice, readSlice, takeNotices, writeSlice, type KeyValueStore, type Slice } from '../../../src/progress/store';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
    removeItem: (k) => {
      delete data[k];
    },
  };
}

describe('progress storage', () => {
  it('round-trips a slice', () => {
    const store = memory();
    expect(writeSlice(lessonsSlice, { intro: '2026-11-21T10:00:00.000Z' }, store)).toBe(true);
    expect(readSlice(lessonsSlice, store)).toEqual({ intro: '2026-11-21T10:00:00.000Z' });
    expect(takeNotices()).toEqual([]);
  });

  it('returns the empty value when nothing is saved or storage is unavailable', () => {
    expect(readSlice(lessonsSlice, memory())).toEqual({});
    expect(readSlice(lessonsSlice, undefined)).toEqual({});
  });

  it('resets corrupt data with a notice and keeps the unreadable text aside', () => {
    const store = memory({ 'vcourse:lessons': '{not json', 'vcourse:quizzes': '{"version":1,"data":{}}' });
    expect(readSlice(lessonsSlice, store)).toEqual({});
    expect(takeNotices()).toEqual([{ slice: 'lessons', message: 'Saved lessons progress was not valid JSON and has been reset.' }]);
    expect(store.data['vcourse:lessons']).toBeUndefined();
    expect(store.data['vcourse:lessons:corrupt']).toBe('{not json');
    expect(store.data['vcourse:quizzes']).toBe('{"version":1,"data":{}}');
  });

  it('says what was wrong with data that parses but is invalid', () => {
    expect(decodeSlice(lessonsSlice, '{"version":1,"data":{"intro":42}}')).toBe(
      'Saved lessons progress was damaged (lesson "intro" has no valid date) and has been reset.',
    );
    expect(decodeSlice(lessonsSlice, '{"version":1,"data":{"<b>x</b>":"2026-01-01"}}')).toBe(
      'Saved lessons progress was damaged ("<b>x</b>" is not a lesson id) and has been reset.',
    );
    expect(decodeSlice(lessonsSlice, '[1,2]')).toBe('Saved lessons progress had no version and has been reset.');
  });

  it('migrates an older version and refuses a newer one', () => {
    const slice: Slice<string[]> = {
      key: 'demo',
      version: 2,
      empty: () => [],
      check: (d) => (Array.isArray(d) && d.every((x) => typeof x === 'string') ? (d as string[]) : 'expected a list of ids'),
      migrate: (v, d) => (v === 1 && typeof d === 'string' ? d.split(',') : undefined),
    };
    expect(decodeSlice(slice, '{"version":1,"data":"a,b"}')).toEqual(['a', 'b']);
    expect(decodeSlice(slice, '{"version":3,"data":[]}')).toBe('Saved demo progress (version 3) could not be upgraded to version 2 and has been reset.');
    expect(decodeSlice(slice, encodeSlice(slice, ['x']))).toEqual(['x']);
  });

  it('survives a storage that throws (private mode, quota)', () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    expect(readSlice(lessonsSlice, throwing)).toEqual({});
    expect(writeSlice(lessonsSlice, {}, throwing)).toBe(false);
  });
});
