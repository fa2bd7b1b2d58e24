/**
 * A build reads every lab twice in one process (the content check, then the pages): the second
 * read of the same file and text is the first one's copy, unless what else it read has changed.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileLab, type LabSources } from '../../../src/lab/compile';
import { labFileSchema } from '../../../src/lab/schema';
import { courseLabSources } from './course-labs';

const file = 'labs/expose-web-nat.yaml';
const text = readFileSync(file, 'utf8');
const sources = courseLabSources(['virtual-networking']);
const seeds = ['read-once-a'];

/** How many times the lab schema validates a file while `run` compiles. */
function reads<T>(run: () => T): { result: T; validated: number } {
  const spy = vi.spyOn(labFileSchema, 'safeParse');
  try {
    const result = run();
    return { result, validated: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

/** A lab text nobody read yet in this process (a comment changes neither the lab nor its meaning). */
let fresh = 0;
const unread = () => `${text}\n# read-once ${++fresh}\n`;

describe('reading a lab once per process', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the second compile of the same file and text reads nothing and gives the same lab', () => {
    const t = unread();
    const first = reads(() => compileLab(file, t, sources, seeds));
    expect(first.validated).toBe(1);
    expect(first.result.ok).toBe(true);
    const second = reads(() => compileLab(file, t, sources, seeds));
    expect(second.validated).toBe(0);
    expect(second.result).toEqual(first.result);
  });

  it('gives each caller its own copy', () => {
    const t = unread();
    const spoil = (r: ReturnType<typeof compileLab>) => {
      if (!r.ok) throw new Error('expected the lab to compile');
      r.value.lab.title = 'changed by a caller';
      r.value.lab.goals.length = 0;
      (r.value.scenario as Record<string, unknown>)['changed'] = true;
    };
    const check = (r: ReturnType<typeof compileLab>, title: string) => {
      if (!r.ok) throw new Error('expected the lab to compile');
      expect(r.value.lab.title).toBe(title);
      expect(r.value.lab.goals.length).toBeGreaterThan(0);
      expect(r.value.scenario).not.toHaveProperty('changed');
    };
    const first = compileLab(file, t, sources, seeds);
    const title = first.ok ? first.value.lab.title : '';
    spoil(first);
    // The first caller read the file; the second gets the kept copy; the third another copy.
    const second = compileLab(file, t, sources, seeds);
    check(second, title);
    spoil(second);
    check(compileLab(file, t, sources, seeds), title);
  });

  it('another text, another file name, an edited preset or an unknown lesson are read again', () => {
    const t = unread();
    expect(compileLab(file, t, sources, seeds).ok).toBe(true);

    expect(reads(() => compileLab(file, unread(), sources, seeds)).validated).toBe(1);

    const renamed = reads(() => compileLab('labs/other-name.yaml', t, sources, seeds));
    expect(renamed.validated).toBe(1);
    expect(renamed.result.ok).toBe(false);
    if (!renamed.result.ok) expect(renamed.result.issues[0]!.message).toMatch(/differs from the file name "other-name"/);

    const kept = compileLab(file, t, sources, seeds);
    // Without a lesson list (grading), the lab read with one is still the same lab.
    expect(reads(() => compileLab(file, t, { preset: sources.preset, presetNames: sources.presetNames }, seeds)).validated).toBe(0);
    const editedPreset: LabSources = { ...sources, preset: (sim, name) => `${sources.preset(sim, name)}\n# edited\n` };
    const withEdit = reads(() => compileLab(file, t, editedPreset, seeds));
    expect(withEdit.validated).toBe(1);
    expect(withEdit.result.ok && kept.ok && withEdit.result.value.hash !== kept.value.hash).toBe(true);

    const noSuchLesson = reads(() => compileLab(file, t, { ...sources, lessons: ['another-lesson'] }, seeds));
    expect(noSuchLesson.validated).toBe(1);
    expect(noSuchLesson.result.ok).toBe(false);
    if (!noSuchLesson.result.ok) expect(noSuchLesson.result.issues[0]!.message).toBe('no lesson "virtual-networking"');

    const noPreset = reads(() => compileLab(file, t, { ...sources, preset: () => undefined }, seeds));
    expect(noPreset.validated).toBe(1);
    expect(noPreset.result.ok).toBe(false);

  });

  it('a lab with mistakes is read again every time, so its messages always come', () => {
    const broken = unread().replace(/^id: .*$/m, 'id: not-the-file-name');
    expect(reads(() => compileLab(file, broken, sources, seeds)).validated).toBe(1);
    const again = reads(() => compileLab(file, broken, sources, seeds));
    expect(again.validated).toBe(1);
    expect(again.result.ok).toBe(false);
  });
});
