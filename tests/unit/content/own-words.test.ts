import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What students read is written in the project's own words from the course notes, which they never
 * see: no references to those notes ("seed 003", "the seed notes"), and no sentence copied from them.
 */
const SEEDS = '../shared/seeds';
const files = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));
const student = [...files('content/lessons', '.mdx'), 'content/glossary.yaml', ...files('content/quizzes', '.yaml'), ...files('labs', '.yaml')];

const words = (text: string): string[] => text.toLowerCase().replace(/[^a-z0-9%]+/g, ' ').trim().split(' ').filter(Boolean);
const RUN = 12;
function runsOf(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) out.add(w.slice(i, i + RUN).join(' '));
  return out;
}

describe('student-facing text stands on its own', () => {
  it('names no internal source (seed notes, seed numbers)', () => {
    const hits = student.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(({ text }) => /\bseeds?\b(?!ed)|seed notes|\(seed \d+\)/i.test(text.replace(/\bseed:|seeded|\bseed\(|labSeed/g, ''))),
    );
    expect(hits.map((h) => `${h.file}:${h.line}: ${h.text.trim().slice(0, 100)}`)).toEqual([]);
  });

  it(`copies no run of ${RUN} words from the course notes`, () => {
    let notes: string[];
    try {
      notes = files(SEEDS, '.txt').map((f) => readFileSync(f, 'utf8'));
    } catch {
      return; // the notes live beside the repository; a clone without them has nothing to compare
    }
    const copied = new Set<string>();
    const seedRuns = new Set(notes.flatMap((n) => [...runsOf(n)]));
    for (const file of files('content/lessons', '.mdx')) for (const r of runsOf(readFileSync(file, 'utf8'))) if (seedRuns.has(r)) copied.add(`${file}: "${r}"`);
    expect([...copied]).toEqual([]);
  });
});
