import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../../src/lib/content-check';

/**
 * The content check the build runs before Astro reads anything (src/integrations/content-check.ts),
 * run on a copy of the course's content with one mistake each. Every message names the file, the
 * field (or the line) and what to do. tests/unit/content/build-errors.test.ts runs the real build.
 */
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function contentWith(change: (dir: string) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'course-content-'));
  made.push(dir);
  cpSync('content', join(dir, 'content'), { recursive: true });
  cpSync('labs', join(dir, 'labs'), { recursive: true });
  change(dir);
  return checkContent(dir);
}

const edit = (dir: string, file: string, from: string | RegExp, to: string): void => {
  const text = readFileSync(join(dir, file), 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(join(dir, file), next);
};

const lesson = (front: string, body = 'Text.\n'): string => `---\n${front}\n---\n\n${body}`;
const FRONT = 'title: Extra\nweek: 1\norder: 7\nsummary: A lesson written for the tests of the content check.\nobjectives: [One, Two]\nupdated: 2026-11-21';

describe('the content check', () => {
  it('the course content as it is has no mistake', async () => {
    expect(await checkContent('.')).toEqual([]);
  });

  describe('glossary', () => {
    it('a YAML error gives its real line and column, not "Term not in glossary" for every lesson', async () => {
      const problems = await contentWith((d) => edit(d, 'content/glossary.yaml', '- id: hypervisor\n  term: Hypervisor', '- id: hypervisor\n  term: "Hypervisor'));
      const line = readFileSync('content/glossary.yaml', 'utf8').split('\n').indexOf('- id: hypervisor') + 2;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^content/glossary\\.yaml: line ${line}, column \\d+: Missing closing "quote\\. Check the indentation and quoting near that line$`));
      expect(problems.join('\n')).not.toContain('Term');
    });

    it('a duplicate id fails naming both entries', async () => {
      const count = (readFileSync('content/glossary.yaml', 'utf8').match(/^- id:/gm) ?? []).length;
      const problems = await contentWith((d) =>
        writeFileSync(join(d, 'content/glossary.yaml'), `${readFileSync(join(d, 'content/glossary.yaml'), 'utf8')}\n- id: hypervisor\n  term: Hypervisor (again)\n  definition: The same id written a second time, further down.\n`),
      );
      expect(problems).toEqual([`content/glossary.yaml › [${count}].id: duplicate id "hypervisor" (also at [2])`]);
    });

    it('a misspelt field suggests the right one; a missing field says it is required', async () => {
      const problems = await contentWith((d) => edit(d, 'content/glossary.yaml', '- id: hypervisor\n  term: Hypervisor', '- id: hypervisor\n  trem: Hypervisor'));
      expect(problems).toEqual(['content/glossary.yaml › [2].term: missing required field (expected string)', 'content/glossary.yaml › [2]: unknown field "trem". Did you mean "term"?']);
    });
  });

  describe('lesson frontmatter', () => {
    it('an unknown field gets did-you-mean; a missing one is named plainly (not "title**: **title: Required")', async () => {
      const problems = await contentWith((d) => edit(d, 'content/lessons/anatomy-of-a-vm.mdx', /^title: /m, 'titel: '));
      expect(problems).toEqual([
        'content/lessons/anatomy-of-a-vm.mdx › title: missing required field (expected string)',
        'content/lessons/anatomy-of-a-vm.mdx: unknown field "titel". Did you mean "title"?',
      ]);
    });

    it.each(['2026-02-30', '2026-13-45', '2025-02-29'])('updated: %s is refused, not shifted to another day', async (date) => {
      const problems = await contentWith((d) => edit(d, 'content/lessons/anatomy-of-a-vm.mdx', 'updated: 2026-11-21', `updated: ${date}`));
      expect(problems).toEqual([`content/lessons/anatomy-of-a-vm.mdx › updated: "${date}" is not a day of the calendar (check the month and the day); expected a date written as YYYY-MM-DD, e.g. 2026-11-21`]);
    });

    it('a real leap day is accepted', async () => {
      expect(await contentWith((d) => edit(d, 'content/lessons/anatomy-of-a-vm.mdx', 'updated: 2026-11-21', 'updated: 2028-02-29'))).toEqual([]);
    });

    it('a YAML error in frontmatter gives the line of the .mdx file', async () => {
      const problems = await contentWith((d) => writeFileSync(join(d, 'content/lessons/extra.mdx'), lesson(FRONT.replace('objectives: [One, Two]', 'objectives: [One, Two'))));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^content\/lessons\/extra\.mdx: line [67], column \d+: /);
    });

    it('a file without frontmatter says how to start one', async () => {
      expect(await contentWith((d) => writeFileSync(join(d, 'content/lessons/extra.mdx'), 'Just text.\n'))).toEqual([
        'content/lessons/extra.mdx: no frontmatter. Start the file with a block between two "---" lines (title, week, order, summary, objectives, updated)',
      ]);
    });

    it('two lessons with the same week and order: an error naming both', async () => {
      const problems = await contentWith((d) => writeFileSync(join(d, 'content/lessons/zz-extra.mdx'), lesson(FRONT.replace('order: 7', 'order: 1'))));
      expect(problems).toEqual([
        'content/lessons/zz-extra.mdx › order: content/lessons/virtualization-and-hypervisors.mdx is also week 1, order 1, so the two would share one place in the reading order. Give one of them another order (1 = first in the week)',
      ]);
    });

    it('a draft may share a place with a published lesson (it is not in the build)', async () => {
      expect(await contentWith((d) => writeFileSync(join(d, 'content/lessons/zz-extra.mdx'), lesson(`${FRONT.replace('order: 7', 'order: 1')}\ndraft: true`)))).toEqual([]);
    });

    it('two widgets with the same id on one page: an error naming both tags and lines', async () => {
      const problems = await contentWith((d) => {
        const file = 'content/lessons/vm-lifecycle-snapshots.mdx';
        edit(d, file, 'id="snap-external"', 'id="snap-lifecycle"');
      });
      const text = readFileSync('content/lessons/vm-lifecycle-snapshots.mdx', 'utf8').split('\n');
      const first = text.findIndex((l) => l.includes('id="snap-lifecycle"')) + 1;
      const second = text.findIndex((l) => l.includes('id="snap-external"')) + 1;
      expect(problems).toEqual([
        `content/lessons/vm-lifecycle-snapshots.mdx: <SnapshotSandbox id="snap-lifecycle"> at line ${second} has the same id as <SnapshotSandbox id="snap-lifecycle"> at line ${first}; the two would share element ids and saved state. Give each widget on a page its own id`,
      ]);
    });
  });

  describe('course.yaml', () => {
    it('a week listed twice: an error', async () => {
      const problems = await contentWith((d) => edit(d, 'content/course.yaml', /- week: 3\b/, '- week: 2'));
      expect(problems[0]).toBe('content/course.yaml › weeks[2].week: week 2 is listed twice (also at weeks[1]). Merge the two entries, or fix the week number');
      // …and week 3, no longer planned, would lose its lessons and labs from the course home.
      expect(problems.slice(1).every((p) => / › week: week 3 is not in the weekly plan/.test(p))).toBe(true);
    });

    it('a misspelt field suggests the right one', async () => {
      expect(await contentWith((d) => edit(d, 'content/course.yaml', /^term:/m, 'trem:'))).toEqual([
        'content/course.yaml › term: missing required field (expected string)',
        'content/course.yaml: unknown field "trem". Did you mean "term"?',
      ]);
    });
  });

  describe('presets and labs nobody uses are checked too', () => {
    it.each([
      ['sizing', 'thin-provisioned-lab.yaml', 'policy: course', 'policy: curse', 'policy'],
      ['network', 'cloud-project.yaml', /^title: /m, 'titel: ', 'titel'],
      ['snapshots', 'virtualbox-not-a-backup.yaml', /^title: /m, 'titel: ', 'titel'],
    ])('a broken copy of a %s preset that no lesson names fails', async (sim, source, from, to, field) => {
      const problems = await contentWith((d) => {
        cpSync(join(d, `content/scenarios/${sim}/${source}`), join(d, `content/scenarios/${sim}/unused-copy.yaml`));
        edit(d, `content/scenarios/${sim}/unused-copy.yaml`, from, to);
      });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.startsWith(`content/scenarios/${sim}/unused-copy.yaml`))).toBe(true);
      expect(problems.join('\n')).toContain(field);
    });

    it('a preset in a folder no simulator reads', async () => {
      const problems = await contentWith((d) => cpSync(join(d, 'content/scenarios/sizing'), join(d, 'content/scenarios/sizeing'), { recursive: true }));
      expect(problems).toEqual(['content/scenarios/sizeing/: no simulator is called "sizeing". Presets go in content/scenarios/network/, content/scenarios/sizing/, content/scenarios/snapshots/']);
    });

    it('a lab file with a mistake fails, naming file and field', async () => {
      const problems = await contentWith((d) => edit(d, 'labs/bastion-host.yaml', 'lesson: software-defined-data-center', 'lesson: software-defined-datacenter'));
      expect(problems).toEqual(['labs/bastion-host.yaml › lesson: no lesson "software-defined-datacenter". Did you mean "software-defined-data-center"?']);
    });
  });
});
