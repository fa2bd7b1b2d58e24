/**
 * The labs as read, kept between builds (src/lab/reads-cache.ts): a rebuild with the same code takes
 * a lab's read from the file and gets exactly what reading gives; changed code, another text, an
 * edited preset, a broken or tampered file mean reading again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compileLab, type LabSources } from '../../../src/lab/compile';
import { keepLabReads } from '../../../src/lab/reads-cache';
import { labFileSchema } from '../../../src/lab/schema';
import { labReads, labReadsUsed } from '../../../src/lab/tries-store';
import { courseLabSources, labFiles } from './course-labs';

const dir = mkdtempSync(join(tmpdir(), 'lab-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sources: LabSources = courseLabSources(undefined);
const seeds = ['reads-a'];
const texts = Object.fromEntries(labFiles.map((f) => [f, readFileSync(`labs/${f}`, 'utf8')]));

/** A new build process: nothing read yet. */
function freshProcess() {
  labReads().clear();
  labReadsUsed().clear();
}
afterEach(freshProcess);

/** One build: keep the reads in `file`, compile `labs`, save; how many labs the schema read, and the results. */
function build(file: string, labs: string[], fingerprint = 'code-1', labSources = sources) {
  freshProcess();
  const said: string[] = [];
  const spy = vi.spyOn(labFileSchema, 'safeParse');
  try {
    const reads = keepLabReads(file, fingerprint, (m) => said.push(m));
    const results = labs.map((f) => compileLab(`labs/${f}`, texts[f]!, labSources, seeds));
    reads.save();
    return { loaded: reads.loaded, validated: spy.mock.calls.length, results, said };
  } finally {
    spy.mockRestore();
  }
}

describe('lab reads kept between builds', () => {
  it('a rebuild reads no lab again and gets exactly what reading gives', () => {
    const file = join(dir, 'same.json');
    const first = build(file, labFiles);
    expect(first.loaded).toBe(0);
    expect(first.validated).toBe(labFiles.length);
    expect(first.results.every((r) => r.ok)).toBe(true);
    const again = build(file, labFiles);
    expect(again.loaded).toBe(labFiles.length);
    expect(again.validated).toBe(0);
    expect(again.results).toEqual(first.results);
    expect(again.said).toEqual([]);
  });

  it('keeps only the labs this build read; another text, other code or an edited preset are read again', () => {
    const file = join(dir, 'changes.json');
    build(file, labFiles);
    const [a, b] = labFiles;
    expect(build(file, [a!]).validated).toBe(0);
    // Only lab a was used in that build, so only a is in the file now.
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries)).toHaveLength(1);
    expect(build(file, [a!, b!]).validated).toBe(1);
    expect(build(file, [a!, b!], 'code-2').validated).toBe(2);
    texts[a!] = `${texts[a!]}\n# edited\n`;
    try {
      expect(build(file, [a!, b!], 'code-2').validated).toBe(1);
    } finally {
      texts[a!] = readFileSync(`labs/${a}`, 'utf8');
    }
    const withPreset = labFiles.find((f) => /^\s+preset: /m.test(texts[f]!))!;
    build(file, [withPreset], 'code-3');
    const edited: LabSources = { ...sources, preset: (sim, name) => `${sources.preset(sim, name)}\n# edited\n` };
    const again = build(file, [withPreset], 'code-3', edited);
    expect(again.loaded).toBe(1);
    expect(again.validated).toBe(1);
  });

  it('a broken, foreign or tampered file costs the reading and one line, never the build', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '[1, 2');
    const broken = build(file, labFiles.slice(0, 2));
    expect(broken.validated).toBe(2);
    expect(broken.said[0]).toMatch(/broken\.json is not valid JSON; reading every lab/);
    const { stamp, entries } = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; entries: Record<string, { key: string; value: { read: { source: string } } }> };
    const [hash, entry] = Object.entries(entries)[0]!;
    // A read under another lab's hash, a read whose source is not its key's file, and a __proto__ entry.
    const other = Object.keys(entries)[1]!;
    const tampered = { [other]: entry, [hash]: { ...entry, value: { ...entry.value, read: { ...entry.value.read, source: 'labs/elsewhere.yaml' } } } };
    writeFileSync(file, JSON.stringify({ stamp, entries: tampered }).replace('"entries":{', `"entries":{"__proto__":${JSON.stringify(entry)},`));
    const again = build(file, labFiles.slice(0, 2));
    expect(again.loaded).toBe(0);
    expect(again.validated).toBe(2);
    expect(again.results).toEqual(broken.results);
    expect(({} as Record<string, unknown>)['key']).toBeUndefined();
  });
});
