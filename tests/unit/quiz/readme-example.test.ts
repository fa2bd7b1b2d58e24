import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultGenerators, drawAttempt, loadQuiz } from '../../../src/quiz';

/** The README's "Writing a quiz" section is what instructors copy: it must stay a valid quiz. */
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Writing a quiz'));

describe('README quiz example', () => {
  it('loads without issues and draws an attempt with every question type', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml, 'a yaml block under "## Writing a quiz"').toBeTruthy();
    const r = loadQuiz(yaml!, 'README.md');
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([]);
    if (!r.ok) return;
    const types = new Set(drawAttempt(r.value, 'readme').questions.map((q) => q.type));
    expect([...types].sort()).toEqual(['matching', 'multiple-answer', 'numeric', 'ordering', 'short-text', 'single-choice', 'true-false']);
  });

  it('lists exactly the registered generators', () => {
    const listed = section.slice(section.indexOf('Generators ('), section.indexOf('params.ts')).match(/`([a-z]+(?:-[a-z0-9]+)+)`/g)?.map((s) => s.slice(1, -1));
    expect(listed?.sort()).toEqual([...defaultGenerators.keys()].sort());
  });
});
