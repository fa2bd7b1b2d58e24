import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepBetweenBuilds, type KeptStore } from '../../../src/lib/kept-between-builds';

/** The store kept between builds (src/lib/kept-between-builds.ts), as a build uses it: load, use, save. */
const dir = mkdtempSync(join(tmpdir(), 'course-kept-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Value = { n: number; list?: unknown };
const valid = (_key: string, value: unknown): value is Value => typeof value === 'object' && value !== null && typeof (value as Value).n === 'number';
const what = { kind: 'a test cache', without: 'doing the work' };
/** One build: a fresh process's store, loaded from the file, then `work` on it, then saved. */
function build(file: string, work: (kept: KeptStore<Value>) => void) {
  const kept: KeptStore<Value> = { store: new Map(), used: new Set() };
  const { loaded, save } = keepBetweenBuilds(file, 'stamp-1', what, kept, valid);
  work(kept);
  save();
  return loaded;
}
const entries = (file: string) => Object.values((JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { key: string; value: Value }> }).entries);

describe('values kept between builds', () => {
  it('writes what a build used, leaves the file alone when the build used exactly what it read, and rewrites it when that changes', () => {
    const file = join(dir, 'a.json');
    build(file, (k) => {
      for (const key of ['one', 'two']) {
        k.store.set(key, { n: key.length });
        k.used.add(key);
      }
    });
    expect(entries(file).map((e) => e.key).sort()).toEqual(['one', 'two']);

    // The next build uses both, as read: not written again.
    const before = statSync(file).mtimeMs;
    const text = readFileSync(file, 'utf8');
    const spin = Date.now();
    while (Date.now() - spin < 20); // a rewrite would show in the file's time
    expect(build(file, (k) => ['one', 'two'].forEach((key) => k.used.add(key)))).toBe(2);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe(text);

    // One of them used, one new: written with just those two.
    build(file, (k) => {
      k.used.add('one');
      k.store.set('three', { n: 3 });
      k.used.add('three');
    });
    expect(entries(file).map((e) => e.key).sort()).toEqual(['one', 'three']);
  });

  it('never writes a value JSON would not give back, even one that replaced a value read from the file', () => {
    const file = join(dir, 'b.json');
    build(file, (k) => {
      k.store.set('x', { n: 1 });
      k.used.add('x');
    });
    build(file, (k) => {
      expect(k.store.get('x')).toEqual({ n: 1 });
      k.store.set('x', { n: 2, list: new Map([[1, 2]]) });
      k.used.add('x');
      k.store.set('y', { n: 3, list: [1, 2] });
      k.used.add('y');
    });
    expect(entries(file)).toEqual([{ key: 'y', value: { n: 3, list: [1, 2] } }]);
  });
});
