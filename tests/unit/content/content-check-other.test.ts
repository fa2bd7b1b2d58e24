/**
 * The content check in two halves (src/lib/content-check.ts, src/lib/content-check-rest.ts): what
 * Astro reads is checked first; the rest is taken from the last build or checked in a worker thread
 * beside Astro's content sync. Together they find exactly what the whole check finds, and the worker
 * hands the pages the labs and quizzes it read.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileLab, presetSources } from '../../../src/lab/compile';
import { labFileSchema } from '../../../src/lab/schema';
import { labReads, labReadsUsed, labTries, labTriesUsed } from '../../../src/lab/tries-store';
import { checkContent, checkLessonFiles, checkOtherFiles, filesUnder } from '../../../src/lib/content-check';
import { adoptOtherFiles, checkOtherFilesHere, keptOtherFiles, startOtherFiles, type OtherFilesRequest } from '../../../src/lib/content-check-rest';
import { loadedQuizzes } from '../../../src/quiz/loaded-store';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the course's content and labs, and the request the build would make for it. */
async function project(change: (dir: string) => void = () => {}): Promise<{ dir: string; request: OtherFilesRequest; lessonErrors: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'content-check-other-'));
  made.push(dir);
  cpSync('content', join(dir, 'content'), { recursive: true });
  cpSync('labs', join(dir, 'labs'), { recursive: true });
  change(dir);
  const lessons = await checkLessonFiles(dir);
  const cache = (name: string) => join(dir, 'cache', name);
  return {
    dir,
    lessonErrors: lessons.errors,
    request: { root: dir, fingerprint: 'code-1', lessons: { weeks: lessons.weeks, planned: lessons.planned }, checksFile: cache('other.json'), triesFile: cache('tries.json'), readsFile: cache('reads.json') },
  };
}

/** A new build process: nothing read, tried or loaded yet. */
function freshProcess() {
  for (const store of [labTries(), labTriesUsed(), labReads(), labReadsUsed(), loadedQuizzes()]) store.clear();
}
beforeEach(freshProcess);

const brokenLab = (dir: string) => {
  const file = join(dir, 'labs/expose-web-nat.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('preset: virtualbox-home-lab', 'preset: virtualbox-home-lob'));
};
const unplannedLesson = (dir: string) => {
  const file = join(dir, 'content/lessons/anatomy-of-a-vm.mdx');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^week: \d+$/m, 'week: 41'));
};

describe('the content check in two halves', () => {
  it('the halves find exactly what the whole check finds, on good and on broken content', { timeout: 60_000 }, async () => {
    for (const change of [() => {}, brokenLab, unplannedLesson, (d: string) => (brokenLab(d), unplannedLesson(d))]) {
      const { dir, request, lessonErrors } = await project(change);
      const whole = await checkContent(dir);
      const halves = [...lessonErrors, ...(await checkOtherFiles(dir, request.lessons))];
      expect(halves).toEqual(whole);
    }
    const broken = await project((d) => (brokenLab(d), unplannedLesson(d)));
    const messages = [...broken.lessonErrors, ...(await checkOtherFiles(broken.dir, broken.request.lessons))];
    expect(messages.some((m) => m.startsWith('labs/expose-web-nat.yaml › start.preset: no network preset "virtualbox-home-lob"'))).toBe(true);
    expect(messages.some((m) => m.includes('content/lessons/anatomy-of-a-vm.mdx') && m.includes('41'))).toBe(true);
  });

  it('the worker thread finds what the check finds here, and hands over the labs and quizzes it read', { timeout: 60_000 }, async () => {
    const { dir, request } = await project(brokenLab);
    const here = await checkOtherFilesHere(request);
    expect(here.problems).toEqual(await checkOtherFiles(dir, request.lessons));
    expect(here.problems.length).toBeGreaterThan(0);
    freshProcess();
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    const there = await startOtherFiles(request);
    expect(there.said).toEqual([]);
    expect(there.problems).toEqual(here.problems);
    expect(there.checked).toBe(here.checked);
    // Nothing of it is in this thread's stores until the build adopts it; then a page compiling a
    // lab the worker read reads nothing again, and quizzes come loaded.
    expect(labReads().size).toBe(0);
    adoptOtherFiles(there);
    expect(labReads().size).toBe(there.reads.length);
    expect(there.reads.length).toBeGreaterThan(5);
    expect(loadedQuizzes().size).toBe(there.quizzes.length);
    expect(there.quizzes.length).toBeGreaterThan(0);
    const lab = 'labs/private-network-three-vms.yaml';
    const sources = { ...presetSources(filesUnder(dir)), lessons: readLessonIds(dir) };
    const spy = vi.spyOn(labFileSchema, 'safeParse');
    try {
      expect(compileLab(lab, readFileSync(join(dir, lab), 'utf8'), sources).ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('a rebuild with nothing changed takes the half from the file; any change means checking it again', { timeout: 60_000 }, async () => {
    const { dir, request } = await project();
    expect(await keptOtherFiles(request, () => {})).toBeUndefined();
    const first = await checkOtherFilesHere(request);
    expect(first.problems).toEqual([]);
    const kept = await keptOtherFiles(request, () => {});
    expect(kept).toEqual({ problems: [], kept: first.checked });
    const quiz = join(dir, 'content/quizzes', readdirSync(join(dir, 'content/quizzes')).filter((f) => f.endsWith('.yaml'))[0]!);
    writeFileSync(quiz, `${readFileSync(quiz, 'utf8')}\n# edited\n`);
    expect(await keptOtherFiles(request, () => {})).toBeUndefined();
    expect(await keptOtherFiles({ ...request, fingerprint: 'code-2' }, () => {})).toBeUndefined();
  });
});

function readLessonIds(dir: string): string[] {
  return filesUnder(dir).list('content/lessons', /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
}
