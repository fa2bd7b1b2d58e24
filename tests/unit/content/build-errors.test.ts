import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real build, not just the schema: a copy of the project whose content has one mistake must fail
 * `astro build`, and the output must name the file and say what is wrong.
 */
const made: string[] = [];
function projectWith(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'course-build-'));
  made.push(dir);
  // Astro needs real source folders (symlinked pages confuse its style compiler); node_modules is shared.
  for (const name of ['src', 'public', 'content', 'labs', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    cpSync(name, join(dir, name), { recursive: true });
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  change(dir);
  return dir;
}

function build(dir: string): { code: number; output: string } {
  try {
    const output = execFileSync(resolve('node_modules/.bin/astro'), ['build'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: `${err.stdout}\n${err.stderr}` };
  }
}

afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the build refuses bad content', () => {
  it('invalid lesson frontmatter: names the file and every wrong field', () => {
    const dir = projectWith((d) => cpSync('tests/fixtures/content/lesson-invalid.mdx', join(d, 'content/lessons/bad-lesson.mdx')));
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('content/lessons/bad-lesson.mdx');
    for (const field of ['title', 'week', 'summary', 'objectives', 'autor']) expect(output).toContain(field);
    expect(output).toContain('expected a date written as YYYY-MM-DD, e.g. 2026-11-21');
  }, 120_000);

  it('a glossary term that does not exist: names the lesson and suggests the closest id', () => {
    const dir = projectWith((d) =>
      writeFileSync(
        join(d, 'content/lessons/typo.mdx'),
        '---\ntitle: Typo\nweek: 9\norder: 1\nsummary: A lesson that marks a glossary term with a typo in its id.\nobjectives: [One, Two]\nupdated: 2026-11-21\n---\n\nA <Term id="hypervisr">hypervisor</Term>.\n',
      ),
    );
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('content/lessons/typo.mdx: <Term id="hypervisr"> is not in content/glossary.yaml. Did you mean "hypervisor"?');
  }, 120_000);

  it('a lab with a typo in its preset and in a goal kind: names the file, the field and the fix', () => {
    const dir = projectWith((d) => {
      const text = readFileSync('labs/expose-web-nat.yaml', 'utf8').replace('preset: virtualbox-home-lab', 'preset: virtualbox-home-lob');
      writeFileSync(join(d, 'labs/expose-web-nat.yaml'), text);
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('labs/expose-web-nat.yaml › start.preset: no network preset "virtualbox-home-lob" in content/scenarios/network/. Did you mean "virtualbox-home-lab"?');
  }, 120_000);

  it('a weekly-plan activity naming a lab that does not exist: names course.yaml, the field and the closest lab', () => {
    const dir = projectWith((d) => {
      const text = readFileSync('content/course.yaml', 'utf8').replace('{ lab: expose-web-nat }', '{ lab: expose-web-nap }');
      writeFileSync(join(d, 'content/course.yaml'), text);
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('content/course.yaml › weeks[2].activities[0].lab: no lab "expose-web-nap". Did you mean "expose-web-nat"?');
  }, 120_000);
});
