/**
 * The content check's memory between builds (src/lib/content-check-cache.ts): a rebuild checks only
 * the files that changed (and the parts whose input from other files changed), gives exactly what a
 * full check gives, and never keeps a mistake.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { labTriesUsed } from '../../../src/lab/compile';
import { checkContent, type RunPart } from '../../../src/lib/content-check';
import { keptContentChecks } from '../../../src/lib/content-check-cache';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the course's content and labs, and where its cache file goes. */
function project(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'content-check-cache-'));
  made.push(dir);
  cpSync('content', join(dir, 'content'), { recursive: true });
  cpSync('labs', join(dir, 'labs'), { recursive: true });
  return { dir, file: join(dir, 'cache', 'course-content-check.json') };
}

/** One build's check with the memory in `file`: the problems, the parts that ran and the messages about the file. */
async function build(dir: string, file: string, fingerprint = 'code-1') {
  const said: string[] = [];
  const checks = keptContentChecks(file, dir, fingerprint, (m) => said.push(m));
  const ran: string[] = [];
  const part: RunPart = (name, input, run) =>
    checks.part(name, input, (files) => {
      ran.push(name);
      return run(files);
    });
  const problems = await checkContent(dir, part);
  checks.save();
  return { problems, ran, said, kept: checks.kept(), checked: checks.checked() };
}


beforeEach(() => labTriesUsed().clear());

describe('the content check kept between builds', () => {
  it('a rebuild of unchanged content checks nothing again and finds what a full check finds', async () => {
    const { dir, file } = project();
    const first = await build(dir, file);
    expect(first.problems).toEqual([]);
    expect(first.kept).toBe(0);
    expect(first.ran).toEqual(expect.arrayContaining(['content/glossary.yaml', 'content/course.yaml', 'content/lessons/virtual-networking.mdx']));
    expect(first.ran.some((p) => p.startsWith('labs/'))).toBe(true);
    expect(first.ran.some((p) => p.startsWith('content/quizzes/'))).toBe(true);
    const again = await build(dir, file);
    expect(again.ran).toEqual([]);
    expect(again.kept).toBe(first.ran.length);
    expect(again.problems).toEqual(await checkContent(dir));
  });

  it('editing one lesson checks that lesson only; a new lesson also checks the labs and quizzes, which name lessons', async () => {
    const { dir, file } = project();
    await build(dir, file);
    appendFileSync(join(dir, 'content/lessons/virtual-networking.mdx'), '\nOne more sentence.\n');
    expect((await build(dir, file)).ran).toEqual(['content/lessons/virtual-networking.mdx']);
    const text = readFileSync(join(dir, 'content/lessons/virtual-networking.mdx'), 'utf8');
    writeFileSync(join(dir, 'content/lessons/zz-new.mdx'), text.replace(/^order: \d+$/m, 'order: 99'));
    const ran = (await build(dir, file)).ran;
    expect(ran).toContain('content/lessons/zz-new.mdx');
    expect(ran.filter((p) => p.startsWith('content/lessons/'))).toEqual(['content/lessons/zz-new.mdx']);
    expect(ran.filter((p) => p.startsWith('labs/')).length).toBeGreaterThan(0);
    expect(ran.filter((p) => p.startsWith('content/quizzes/')).length).toBeGreaterThan(0);
  });

  it('a lab is checked again when the preset it reads changes or goes', async () => {
    const { dir, file } = project();
    const first = await build(dir, file);
    const lab = first.ran.find((p) => p.startsWith('labs/') && /^  preset:\s*\S+/m.test(readFileSync(join(dir, p), 'utf8')));
    expect(lab).toBeDefined();
    const labText = readFileSync(join(dir, lab!), 'utf8');
    const simulator = /^simulator:\s*(\S+)/m.exec(labText)![1]!;
    const preset = /^  preset:\s*(\S+)/m.exec(labText)![1]!;
    appendFileSync(join(dir, `content/scenarios/${simulator}/${preset}.yaml`), '\n# a comment\n');
    const after = (await build(dir, file)).ran;
    expect(after).toContain(lab);
    expect(after).toContain(`content/scenarios/${simulator}/${preset}.yaml`);
    expect(after).not.toContain('content/glossary.yaml');
    rmSync(join(dir, `content/scenarios/${simulator}/${preset}.yaml`));
    const gone = await build(dir, file);
    expect(gone.ran).toEqual([lab]);
    expect(gone.problems).toEqual(await checkContent(dir));
    expect(gone.problems.some((p) => p.startsWith(`${lab} › start.preset: no ${simulator} preset "${preset}"`))).toBe(true);
  });

  it('never keeps a part with a mistake: its message prints on every build, the same as without the memory', async () => {
    const { dir, file } = project();
    await build(dir, file);
    const lesson = 'content/lessons/virtual-networking.mdx';
    writeFileSync(join(dir, lesson), readFileSync(join(dir, lesson), 'utf8').replace(/^updated: .*$/m, 'updated: 2026-02-30'));
    const once = await build(dir, file);
    const twice = await build(dir, file);
    expect(once.problems.length).toBeGreaterThan(0);
    expect(once.problems.join('\n')).toContain(lesson);
    expect(twice.problems).toEqual(once.problems);
    expect(twice.problems).toEqual(await checkContent(dir));
    expect(twice.ran).toEqual([lesson]);
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries)).not.toContain(lesson);
  });

  it('other code checks everything again', async () => {
    const { dir, file } = project();
    const first = await build(dir, file, 'code-1');
    expect((await build(dir, file, 'code-2')).ran).toEqual(first.ran);
    expect((await build(dir, file, 'code-2')).ran).toEqual([]);
  });

  it('gives back the lab tries a kept lab used, so the tries file keeps them for the pages', async () => {
    const { dir, file } = project();
    await build(dir, file);
    const used = [...labTriesUsed()];
    expect(used.length).toBeGreaterThan(0);
    labTriesUsed().clear();
    const again = await build(dir, file);
    expect(again.ran).toEqual([]);
    expect([...labTriesUsed()].sort()).toEqual(used.sort());
  });

  it('a broken, foreign or tampered file costs a full check and one line, never the build', async () => {
    const { dir, file } = project();
    const full = (await build(dir, file)).ran.length;
    writeFileSync(file, '{ not json');
    const broken = await build(dir, file);
    expect(broken.said).toEqual([`${file} is not valid JSON; checking every file (it is rewritten after the check)`]);
    expect(broken.ran.length).toBe(full);
    expect((await build(dir, file)).ran).toEqual([]);

    writeFileSync(file, JSON.stringify(['a list']));
    expect((await build(dir, file)).said[0]).toContain('is not a content check cache');

    // Entries of the wrong shape, a kept part with a mistake, and a __proto__ key are ignored.
    await build(dir, file);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; entries: Record<string, { outcome: { errors: string[] } }> };
    data.entries['content/glossary.yaml'] = { outcome: { errors: ['kept mistake'] } } as never;
    data.entries['content/course.yaml']!.outcome.errors = ['a mistake someone wrote into the file'];
    writeFileSync(file, JSON.stringify(data).replace('"entries":{', '"entries":{"__proto__":{"input":"x","reads":[],"outcome":{"errors":[]},"tries":[]},'));
    const tampered = await build(dir, file);
    expect(tampered.problems).toEqual([]);
    expect(tampered.ran.sort()).toEqual(['content/course.yaml', 'content/glossary.yaml']);
    expect(({} as Record<string, unknown>)['input']).toBeUndefined();
  });
});
