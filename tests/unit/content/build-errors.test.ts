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

// Removing the copies takes a while on a loaded machine: give it longer than vitest's default 10 s.
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })), 120_000);

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

  it('a misspelt prop name on a widget: names the lesson file, the component, the prop and the closest name', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/lessons/virtual-networking.mdx');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('  from="phone"\n');
      writeFileSync(file, text.replace('  from="phone"\n', '  form="phone"\n'));
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('content/lessons/virtual-networking.mdx › <NetworkLab id="net-modes"> › form: unknown prop. Did you mean "from"?');
    expect(output).not.toContain('chunks/');
  }, 120_000);

  it('a lesson in a week that content/course.yaml does not plan: names the file and the week instead of leaving it off the course home', () => {
    const dir = projectWith((d) =>
      writeFileSync(
        join(d, 'content/lessons/week-nine.mdx'),
        '---\ntitle: Week nine\nweek: 9\norder: 1\nsummary: A lesson in a week that the course plan does not list.\nobjectives: [One, Two]\nupdated: 2026-11-21\n---\n\nText.\n',
      ),
    );
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain(
      'content/lessons/week-nine.mdx › week: week 9 is not in the weekly plan of content/course.yaml (it plans weeks 1, 2, 3, 4, 5), so the course home would not list this. Add "- { week: 9, title: … }" to weeks in content/course.yaml',
    );
  }, 120_000);

  it('a misspelt quiz lesson: one message (not one per question) and no stack trace into build chunks', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/quizzes/virtual-networking.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^lesson: virtual-networking$/m, 'lesson: virtual-netwroking'));
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    const message = 'content/quizzes/virtual-networking.yaml › lesson: unknown lesson "virtual-netwroking". Did you mean "virtual-networking"?';
    expect(output).toContain(message);
    expect(output).not.toContain('questions[');
    expect(output).not.toContain('Stack trace');
    expect(output).not.toContain('chunks/');
  }, 120_000);
});

describe('content mistakes fail the build clearly (issue 15)', () => {
  const breakGlossary = (d: string) => {
    const file = join(d, 'content/glossary.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- id: hypervisor\n  term: Hypervisor', '- id: hypervisor\n  term: "Hypervisor'));
  };
  const glossaryLine = readFileSync('content/glossary.yaml', 'utf8').split('\n').indexOf('- id: hypervisor') + 2;

  it('a YAML error in the glossary after a good build: fails with the real line and column, not the cached glossary', () => {
    const dir = projectWith(() => {});
    expect(build(dir).code).toBe(0);
    breakGlossary(dir);
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`content/glossary\\.yaml: line ${glossaryLine}, column \\d+: Missing closing "quote`));
    expect(output).not.toContain('is not in content/glossary.yaml');
  }, 240_000);

  it('a duplicate glossary id fails naming both entries (it used to drop the first one with a warning)', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/glossary.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n- id: hypervisor\n  term: Hypervisor again\n  definition: The same id written a second time, further down.\n`);
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/content\/glossary\.yaml › \[\d+\]\.id: duplicate id "hypervisor" \(also at \[2\]\)/);
  }, 120_000);

  it('an impossible date is refused, not shown as another day', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/lessons/anatomy-of-a-vm.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^updated: .*$/m, 'updated: 2026-02-30'));
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('content/lessons/anatomy-of-a-vm.mdx › updated: "2026-02-30" is not a day of the calendar');
  }, 120_000);

  it('a link to a lesson that does not exist: names the lesson file, the link and the closest page', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/lessons/software-defined-data-center.mdx');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('](../anatomy-of-a-vm/)');
      writeFileSync(file, text.replace('](../anatomy-of-a-vm/)', '](../anatomy-of-vm/)'));
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain(
      'content/lessons/software-defined-data-center.mdx (page /lessons/software-defined-data-center/): the link "../anatomy-of-vm/" is broken: no page /lessons/anatomy-of-vm/ was built. Did you mean "/lessons/anatomy-of-a-vm/"?',
    );
  }, 120_000);

  it('an unknown setup action: names the file, the widget, the prop and the valid actions (not "reading \'ok\'")', () => {
    const dir = projectWith((d) => {
      const file = join(d, 'content/lessons/virtual-networking.mdx');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain("{ type: 'setServiceListen', node: 'web'");
      writeFileSync(file, text.replace("{ type: 'setServiceListen', node: 'web'", "{ type: 'setServiceListn', node: 'web'"));
    });
    const { code, output } = build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain(
      'content/lessons/virtual-networking.mdx › <NetworkLab id="net-cloud"> › setup[0].type: unknown action "setServiceListn". Did you mean "setServiceListen"? The actions are setNicMode, addPortForward,',
    );
    expect(output).not.toContain("reading 'ok'");
  }, 120_000);
});

describe('the routine build', () => {
  it('prints no warnings: each one would be something an author cannot act on, or should', () => {
    const { code, output } = build(projectWith(() => {}));
    expect(code).toBe(0);
    // Astro's logger marks warnings [WARN] (Vite's and Rolldown's included); Node prints (node:123) …Warning.
    expect(output.split('\n').filter((line) => /\[WARN\]|\(node:\d+\) \w*Warning/.test(line))).toEqual([]);
  }, 120_000);
});
