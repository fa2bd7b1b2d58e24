/**
 * The lab tries kept between builds (src/lab/tries-cache.ts): a rebuild with the same code takes a
 * lab's tries from the file and gets exactly what trying gives; changed code, a broken file or a lab
 * with mistakes means trying again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compileLab, labTries, labTriesUsed, type LabSources } from '../../../src/lab/compile';
import { ADAPTERS } from '../../../src/lab/sims';
import { codeFingerprint, keepLabTries } from '../../../src/lab/tries-cache';
import { courseLabSources, labFiles } from './course-labs';

const dir = mkdtempSync(join(tmpdir(), 'lab-tries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sources: LabSources = courseLabSources(undefined);
const file = labFiles[0]!;
const text = readFileSync(`labs/${file}`, 'utf8');
const seeds = ['tries-a', 'tries-b'];

/** A new build process: nothing tried yet. */
function freshProcess() {
  labTries().clear();
  labTriesUsed().clear();
}
afterEach(freshProcess);

function countingTries<T>(run: () => T): { result: T; started: number } {
  const sim = (compileLab(`labs/${file}`, text, sources, seeds) as { ok: true; value: { lab: { simulator: keyof typeof ADAPTERS } } }).value.lab.simulator;
  freshProcess();
  const spy = vi.spyOn(ADAPTERS[sim], 'start');
  try {
    const result = run();
    return { result, started: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe('code fingerprint', () => {
  it('changes with any file under src/ and with the lock file, and only then', () => {
    const root = join(dir, 'project');
    mkdirSync(join(root, 'src', 'sim'), { recursive: true });
    writeFileSync(join(root, 'src', 'sim', 'engine.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    const first = codeFingerprint(root);
    expect(codeFingerprint(root)).toBe(first);
    writeFileSync(join(root, 'src', 'sim', 'engine.ts'), 'export const a = 2;\n');
    const edited = codeFingerprint(root);
    expect(edited).not.toBe(first);
    writeFileSync(join(root, 'src', 'new.ts'), '');
    const added = codeFingerprint(root);
    expect(added).not.toBe(edited);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(codeFingerprint(root)).not.toBe(added);
  });
});

describe('lab tries kept between builds', () => {
  const cache = join(dir, 'course-lab-tries.json');

  it('a rebuild with the same code takes the tries from the file, with the same result', () => {
    rmSync(cache, { force: true });
    const first = countingTries(() => {
      const kept = keepLabTries(cache, 'code-1');
      expect(kept.loaded).toBe(0);
      const r = compileLab(`labs/${file}`, text, sources, seeds);
      kept.save();
      return r;
    });
    expect(first.started).toBeGreaterThan(0);
    expect(Object.keys((JSON.parse(readFileSync(cache, 'utf8')) as { entries: object }).entries)).toHaveLength(1);

    const again = countingTries(() => {
      const kept = keepLabTries(cache, 'code-1');
      expect(kept.loaded).toBe(1);
      return compileLab(`labs/${file}`, text, sources, seeds);
    });
    expect(again.started).toBe(0);
    expect(again.result).toEqual(first.result);
  });

  it('other code, other seeds or an edited lab are tried again', () => {
    const otherCode = countingTries(() => {
      expect(keepLabTries(cache, 'code-2').loaded).toBe(0);
      return compileLab(`labs/${file}`, text, sources, seeds);
    });
    expect(otherCode.started).toBeGreaterThan(0);
    const otherSeeds = countingTries(() => {
      keepLabTries(cache, 'code-1');
      return compileLab(`labs/${file}`, text, sources, ['tries-c']);
    });
    expect(otherSeeds.started).toBeGreaterThan(0);
    const edited = countingTries(() => {
      keepLabTries(cache, 'code-1');
      return compileLab(`labs/${file}`, `${text}\n# edited\n`, sources, seeds);
    });
    expect(edited.started).toBeGreaterThan(0);
  });

  it('keeps only what the build asked for, and never a lab with mistakes', () => {
    writeFileSync(cache, JSON.stringify({ fingerprint: 'code-3', entries: {} }));
    freshProcess();
    const kept = keepLabTries(cache, 'code-3');
    const good = compileLab(`labs/${file}`, text, sources, seeds);
    expect(good.ok).toBe(true);
    // The worked solution no longer reaches 100 %: only its first step is left.
    const broken = text.replace(/(\nsolution:\n {2}- [^\n]*\n)[\s\S]*$/, '$1');
    expect(broken).not.toBe(text);
    const bad = compileLab(`labs/${file}`, broken, sources, seeds);
    expect(bad.ok).toBe(false);
    kept.save();
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as { fingerprint: string; entries: Record<string, unknown> };
    expect(saved.fingerprint).toBe('code-3');
    expect(Object.keys(saved.entries)).toHaveLength(1);

    // A later build that asks for another seed list drops the old entry.
    freshProcess();
    const later = keepLabTries(cache, 'code-3');
    compileLab(`labs/${file}`, text, sources, ['tries-d']);
    later.save();
    const after = Object.keys((JSON.parse(readFileSync(cache, 'utf8')) as { entries: object }).entries);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/ \["tries-d"\]$/);
  });

  it('a broken or foreign file costs the tries and one line, never the build', () => {
    for (const bad of ['{ not json', '[]', '{"fingerprint": 1, "entries": {}}', '{"fingerprint": "code-1", "entries": []}']) {
      writeFileSync(cache, bad);
      freshProcess();
      const said: string[] = [];
      const kept = keepLabTries(cache, 'code-1', (m) => said.push(m));
      expect(kept.loaded, bad).toBe(0);
      expect(said.join('\n'), bad).toMatch(/course-lab-tries\.json is not (valid JSON|a lab tries cache); trying every lab/);
      expect(compileLab(`labs/${file}`, text, sources, seeds).ok).toBe(true);
      kept.save();
      expect(Object.keys((JSON.parse(readFileSync(cache, 'utf8')) as { entries: object }).entries)).toHaveLength(1);
    }
    // Entries with a foreign key or shape are skipped; __proto__ is never set on anything.
    writeFileSync(cache, JSON.stringify({ fingerprint: 'code-1', entries: { __proto__: { x: 1 }, constructor: {}, 'abc [1]': {}, [`${'0'.repeat(64)} ["x"]`]: 'not an object' } }));
    freshProcess();
    expect(keepLabTries(cache, 'code-1').loaded).toBe(0);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
