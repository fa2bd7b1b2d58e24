/**
 * Quizzes as loaded and the instructors page's notes on them, kept between builds
 * (src/lib/quiz-cache.ts, src/lib/kept-between-builds.ts): a rebuild with the same code loads no quiz
 * and draws no variant again and gets exactly what doing it gives; another text or other code means
 * doing it again; a broken or tampered file costs only the work.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadQuiz, type Quiz } from '../../../src/quiz';
import * as variants from '../../../src/quiz/export/variants';
import { loadedQuizzes, loadedQuizzesUsed, quizCaveatsKept, quizCaveatsUsed } from '../../../src/quiz/loaded-store';
import { courseQuizCaveats } from '../../../src/lib/quiz-caveats';
import { keepQuizzes } from '../../../src/lib/quiz-cache';
import { quizHeaderSchema } from '../../../src/schemas/quiz';

const dir = mkdtempSync(join(tmpdir(), 'quiz-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const names = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml')).sort();
const texts = Object.fromEntries(names.map((n) => [n, readFileSync(`content/quizzes/${n}`, 'utf8')]));
const knownLessons = readdirSync('content/lessons').map((f) => f.replace(/\.mdx?$/, ''));

/** A new build process: nothing loaded or worked out yet. */
function freshProcess() {
  for (const store of [loadedQuizzes(), loadedQuizzesUsed(), quizCaveatsKept(), quizCaveatsUsed()]) store.clear();
}
afterEach(() => {
  freshProcess();
  vi.restoreAllMocks();
});

/** One build: keep what `files` hold, load every quiz and note it for the instructors page, save. */
function build(files: { quizzes: string; caveats: string }, fingerprint = 'code-1') {
  freshProcess();
  const said: string[] = [];
  const header = vi.spyOn(quizHeaderSchema, 'safeParse');
  const drawn = vi.spyOn(variants, 'distinctVariants');
  try {
    const kept = keepQuizzes(files, fingerprint, (m) => said.push(m));
    const loaded = names.map((n) => loadQuiz(texts[n]!, `content/quizzes/${n}`, { knownLessons }));
    const notes = loaded.map((r) => (r.ok ? courseQuizCaveats(r.value, 'gift', 5) : []));
    kept.save();
    return { loaded, notes, kept: kept.loaded, parsed: header.mock.calls.length, drawn: drawn.mock.calls.length, said };
  } finally {
    header.mockRestore();
    drawn.mockRestore();
  }
}

const filesIn = (name: string) => ({ quizzes: join(dir, `${name}-quizzes.json`), caveats: join(dir, `${name}-caveats.json`) });

describe('quizzes kept between builds', () => {
  it('a rebuild loads no quiz and draws no variant again, and gets exactly the same', () => {
    const files = filesIn('same');
    const first = build(files);
    expect(first.loaded.every((r) => r.ok)).toBe(true);
    expect(first.parsed).toBe(names.length);
    expect(first.drawn).toBeGreaterThan(0);
    expect(first.notes.flat().some((c) => c.text.startsWith('Parametric:'))).toBe(true);
    const again = build(files);
    expect(again.kept).toBe(names.length);
    expect(again.parsed).toBe(0);
    expect(again.drawn).toBe(0);
    expect(again.loaded).toEqual(first.loaded);
    expect(again.notes).toEqual(first.notes);
    expect(again.said).toEqual([]);
  });

  it('each caller gets its own copy of the notes', () => {
    const files = filesIn('copies');
    const quiz = (build(files).loaded.find((r) => r.ok) as { ok: true; value: Quiz }).value;
    const a = courseQuizCaveats(quiz, 'qti', 5);
    a.length = 0;
    expect(courseQuizCaveats(quiz, 'qti', 5).length).toBeGreaterThan(0);
  });

  it('an edited quiz or other code is worked out again', () => {
    const files = filesIn('changes');
    const first = build(files);
    const [name] = names;
    texts[name!] = `${texts[name!]}\n# edited\n`;
    try {
      const edited = build(files);
      expect(edited.parsed).toBe(1);
      expect(edited.drawn).toBeLessThanOrEqual(first.drawn);
    } finally {
      texts[name!] = readFileSync(`content/quizzes/${name}`, 'utf8');
    }
    const other = build(files, 'code-2');
    expect(other.kept).toBe(0);
    expect(other.parsed).toBe(names.length);
  });

  it('a broken, foreign or tampered file costs the work and one line, never the build', () => {
    const files = filesIn('broken');
    writeFileSync(files.quizzes, 'not json');
    const broken = build(files);
    expect(broken.parsed).toBe(names.length);
    expect(broken.said[0]).toMatch(/broken-quizzes\.json is not valid JSON; loading every quiz/);
    const { stamp, entries } = JSON.parse(readFileSync(files.quizzes, 'utf8')) as { stamp: string; entries: Record<string, { key: string; value: unknown }> };
    const hashes = Object.keys(entries);
    const tampered = {
      // under another quiz's hash; a result that did not load; a __proto__ entry
      [hashes[0]!]: entries[hashes[1]!],
      [hashes[1]!]: { key: entries[hashes[1]!]!.key, value: { ok: false, issues: [], messages: [] } },
    };
    writeFileSync(files.quizzes, JSON.stringify({ stamp, entries: tampered }).replace('"entries":{', `"entries":{"__proto__":${JSON.stringify(entries[hashes[2]!])},`));
    const again = build(files);
    expect(again.kept).toBe(0);
    expect(again.loaded).toEqual(broken.loaded);
    expect(({} as Record<string, unknown>)['key']).toBeUndefined();
  });
});
