import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../../src/lib/content-check';

/**
 * The catalogue of content mistakes the build refuses before Astro reads anything (issue 15: "66
 * kinds of broken content"). One row per kind: the change made to a copy of the course, and the
 * message that must come out, which names the file, the field (or line) and what to do. Two more
 * kinds need the built site and are in build-errors.test.ts: a link to a page that does not exist,
 * and an unknown `setup` action of a widget.
 */
type Change = (dir: string) => void;

const edit =
  (file: string, from: string | RegExp, to: string): Change =>
  (dir) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${file}: ${String(from)} not found`);
    writeFileSync(join(dir, file), next);
  };
const append = (file: string, text: string): Change => (dir) => writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}${text}`);
const create = (file: string, text: string): Change => (dir) => writeFileSync(join(dir, file), text);
const copy = (from: string, to: string, then?: Change): Change => (dir) => {
  cpSync(join(dir, from), join(dir, to), { recursive: true });
  then?.(dir);
};

const FRONT = 'title: Extra\nweek: 1\norder: 7\nsummary: A lesson written for the tests of the content check.\nobjectives: [One, Two]\nupdated: 2026-11-21';
const lesson = (front: string, body = 'Text.\n'): string => `---\n${front}\n---\n\n${body}`;
const G = 'content/glossary.yaml';
const L = 'content/lessons/anatomy-of-a-vm.mdx';
const C = 'content/course.yaml';
const Q = 'content/quizzes/virtual-networking.yaml';
const HYPERVISOR = '- id: hypervisor\n  term: Hypervisor';

/** [kind, change, a message that must appear (it names the file and the field)] */
const KINDS: [string, Change, string | RegExp][] = [
  // Glossary
  ['glossary: YAML syntax error', edit(G, HYPERVISOR, '- id: hypervisor\n  term: "Hypervisor'), /^content\/glossary\.yaml: line \d+, column \d+: Missing closing "quote/],
  ['glossary: duplicate id', append(G, '\n- id: hypervisor\n  term: Again\n  definition: The same id written a second time.\n'), /^content\/glossary\.yaml › \[\d+\]\.id: duplicate id "hypervisor" \(also at \[2\]\)$/],
  ['glossary: misspelt field', edit(G, HYPERVISOR, '- id: hypervisor\n  trem: Hypervisor'), 'content/glossary.yaml › [2]: unknown field "trem". Did you mean "term"?'],
  ['glossary: missing term', edit(G, HYPERVISOR, '- id: hypervisor'), 'content/glossary.yaml › [2].term: missing required field (expected string)'],
  ['glossary: id that is not a slug', edit(G, '- id: hypervisor\n', '- id: Hyper Visor\n'), 'content/glossary.yaml › [2].id: must be lower-case words joined by hyphens'],
  ['glossary: definition too short', append(G, '\n- id: zz\n  term: ZZ\n  definition: Short.\n'), /content\/glossary\.yaml › \[\d+\]\.definition: must be at least 10 characters/],
  ['glossary: related id that does not exist', append(G, '\n- id: zz\n  term: ZZ\n  definition: A term for the tests.\n  related: [hypervisr]\n'), /content\/glossary\.yaml › \[\d+\]\.related\[0\]: unknown glossary id "hypervisr"/],
  ['glossary: aka that is not a list', append(G, '\n- id: zz\n  term: ZZ\n  aka: 5\n  definition: A term for the tests.\n'), /content\/glossary\.yaml › \[\d+\]\.aka: expected array, got 5/],
  ['glossary: not a list', create(G, 'id: x\n'), 'content/glossary.yaml: expected array, got a mapping'],
  // Lesson frontmatter
  ['lesson: missing title', edit(L, /^title: .*\n/m, ''), `${L} › title: missing required field (expected string)`],
  ['lesson: misspelt field', edit(L, /^title: /m, 'titel: '), `${L}: unknown field "titel". Did you mean "title"?`],
  ['lesson: unknown field', edit(L, /^week: /m, 'author: Someone\nweek: '), `${L}: unknown field "author"`],
  ['lesson: week written as text', edit(L, /^week: 2$/m, 'week: two'), `${L} › week: expected number, got "two"`],
  ['lesson: week 0', edit(L, /^week: 2$/m, 'week: 0'), `${L} › week: must be at least 1, got 0`],
  ['lesson: order 0', edit(L, /^order: 1$/m, 'order: 0'), `${L} › order: must be at least 1, got 0`],
  ['lesson: order not whole', edit(L, /^order: 1$/m, 'order: 1.5'), `${L} › order:`],
  ['lesson: summary too short', edit(L, /^summary: .*$/m, 'summary: Short.'), `${L} › summary: must be at least 20 characters`],
  ['lesson: one objective', create('content/lessons/extra.mdx', lesson(FRONT.replace('objectives: [One, Two]', 'objectives: [One]'))), 'content/lessons/extra.mdx › objectives: needs at least 2 items'],
  ['lesson: empty title', edit(L, /^title: .*$/m, 'title: ""'), `${L} › title: must not be empty`],
  ['lesson: 30 February', edit(L, /^updated: .*$/m, 'updated: 2026-02-30'), `${L} › updated: "2026-02-30" is not a day of the calendar`],
  ['lesson: month 13', edit(L, /^updated: .*$/m, 'updated: 2026-13-45'), `${L} › updated: "2026-13-45" is not a day of the calendar`],
  ['lesson: 29 February of a common year', edit(L, /^updated: .*$/m, 'updated: 2025-02-29'), `${L} › updated: "2025-02-29" is not a day of the calendar`],
  ['lesson: date in words', edit(L, /^updated: .*$/m, 'updated: yesterday'), `${L} › updated: expected a date written as YYYY-MM-DD`],
  ['lesson: draft as text', edit(L, /^updated: /m, 'draft: "yes"\nupdated: '), `${L} › draft: expected boolean, got "yes"`],
  ['lesson: YAML syntax error', create('content/lessons/extra.mdx', lesson(FRONT.replace('objectives: [One, Two]', 'objectives: [One, Two'))), /^content\/lessons\/extra\.mdx: line \d+, column \d+: /],
  ['lesson: no frontmatter', create('content/lessons/extra.mdx', 'Just text.\n'), 'content/lessons/extra.mdx: no frontmatter'],
  ['lesson: same week and order as another', create('content/lessons/zz.mdx', lesson(FRONT.replace('order: 7', 'order: 1'))), 'content/lessons/zz.mdx › order: content/lessons/virtualization-and-hypervisors.mdx is also week 1, order 1'],
  ['lesson: two widgets with one id', edit('content/lessons/vm-lifecycle-snapshots.mdx', 'id="snap-external"', 'id="snap-lifecycle"'), /^content\/lessons\/vm-lifecycle-snapshots\.mdx: <SnapshotSandbox id="snap-lifecycle"> at line \d+ has the same id as <SnapshotSandbox id="snap-lifecycle"> at line \d+/],
  ['lesson: <Term> not in the glossary', edit(L, '<Term id="hypervisor">', '<Term id="hypervisr">'), `${L}: <Term id="hypervisr"> is not in content/glossary.yaml. Did you mean "hypervisor"?`],
  ['lesson: week the plan lacks', create('content/lessons/extra.mdx', lesson(FRONT.replace('week: 1', 'week: 9'))), 'content/lessons/extra.mdx › week: week 9 is not in the weekly plan of content/course.yaml'],
  // Course plan
  ['course: week listed twice', edit(C, /- week: 3\b/, '- week: 2'), 'content/course.yaml › weeks[2].week: week 2 is listed twice (also at weeks[1])'],
  ['course: misspelt field', edit(C, /^term:/m, 'trem:'), 'content/course.yaml: unknown field "trem". Did you mean "term"?'],
  ['course: week without a number', edit(C, /- week: 3\n    title:/, '- title:'), 'content/course.yaml › weeks[2].week: missing required field (expected number)'],
  ['course: week as text', edit(C, /- week: 3\b/, '- week: three'), 'content/course.yaml › weeks[2].week: expected number, got "three"'],
  ['course: activity of an unknown kind', edit(C, '{ lab: expose-web-nat }', '{ labs: expose-web-nat }'), 'content/course.yaml › weeks[2].activities[0]'],
  ['course: YAML syntax error', append(C, '\n  - week: [6\n'), /^content\/course\.yaml: line \d+, column \d+: /],
  // Quizzes
  ['quiz: unknown question type', edit(Q, 'type: single-choice', 'type: single-choise'), 'content/quizzes/virtual-networking.yaml › questions['],
  ['quiz: single choice with two right answers', edit(Q, '      - text: nginx listens on the wrong address\n', '      - text: nginx listens on the wrong address\n        correct: true\n'), 'content/quizzes/virtual-networking.yaml › questions['],
  ['quiz: numeric answer without tolerance', edit('content/quizzes/anatomy-of-a-vm.yaml', '    answer: 22\n    tolerance: { absolute: 0 }\n', '    answer: 22\n'), 'content/quizzes/anatomy-of-a-vm.yaml › questions['],
  ['quiz: misspelt header field', edit(Q, /^passingScore:/m, 'passingScor:'), 'content/quizzes/virtual-networking.yaml'],
  ['quiz: YAML syntax error', edit(Q, 'title: "Quiz 3: Virtual networking"', 'title: "Quiz 3: Virtual networking'), /^content\/quizzes\/virtual-networking\.yaml: line \d+/],
  ['quiz: two questions with one id', edit(Q, '  - id: vn-nat-gateway', '  - id: vn-modes-in-one-line'), 'content/quizzes/virtual-networking.yaml'],
  ['quiz: passing score above 1', edit(Q, /^passingScore: .*$/m, 'passingScore: 70'), 'content/quizzes/virtual-networking.yaml'],
  // Presets, used by a lesson or not
  ['sizing preset: unknown policy', copy('content/scenarios/sizing/thin-provisioned-lab.yaml', 'content/scenarios/sizing/unused.yaml', edit('content/scenarios/sizing/unused.yaml', 'policy: course', 'policy: curse')), 'content/scenarios/sizing/unused.yaml › policy'],
  ['sizing preset: unknown flavor', copy('content/scenarios/sizing/thin-provisioned-lab.yaml', 'content/scenarios/sizing/unused.yaml', edit('content/scenarios/sizing/unused.yaml', 'flavor: m1.small', 'flavor: m1.smal')), 'content/scenarios/sizing/unused.yaml › vms['],
  ['sizing preset: YAML syntax error', create('content/scenarios/sizing/unused.yaml', 'title: [x\n'), /^content\/scenarios\/sizing\/unused\.yaml: line \d+/],
  ['network preset: misspelt field', copy('content/scenarios/network/cloud-project.yaml', 'content/scenarios/network/unused.yaml', edit('content/scenarios/network/unused.yaml', /^title: /m, 'titel: ')), 'content/scenarios/network/unused.yaml'],
  ['network preset: VM on an unknown network', copy('content/scenarios/network/cloud-project.yaml', 'content/scenarios/network/unused.yaml', edit('content/scenarios/network/unused.yaml', /network: private\b/, 'network: privat')), 'content/scenarios/network/unused.yaml › '],
  ['snapshot preset: unknown platform', copy('content/scenarios/snapshots/virtualbox-not-a-backup.yaml', 'content/scenarios/snapshots/unused.yaml', edit('content/scenarios/snapshots/unused.yaml', 'platform: virtualbox', 'platform: vmware')), 'content/scenarios/snapshots/unused.yaml › platform'],
  ['snapshot preset: misspelt field', copy('content/scenarios/snapshots/virtualbox-not-a-backup.yaml', 'content/scenarios/snapshots/unused.yaml', edit('content/scenarios/snapshots/unused.yaml', /^title: /m, 'titel: ')), 'content/scenarios/snapshots/unused.yaml'],
  ['presets in a folder no simulator reads', copy('content/scenarios/sizing', 'content/scenarios/sizeing'), 'content/scenarios/sizeing/: no simulator is called "sizeing"'],
  // Guided exercises
  ['story: unknown preset', edit('content/stories/data-disk.yaml', 'presets: [virtualbox-data-disk]', 'presets: [virtualbox-data-disc]'), 'content/stories/data-disk.yaml › presets[0]'],
  ['story: unknown event in a step check', edit('content/stories/data-disk.yaml', 'done: [{ event: DIRECT_DISKS_KEPT }]', 'done: [{ event: DIRECT_DISK_KEPT }]'), 'content/stories/data-disk.yaml › steps[0].done'],
  ['story: misspelt field', edit('content/stories/data-disk.yaml', /^title: /m, 'titel: '), 'content/stories/data-disk.yaml'],
  // Labs, used by a lesson or not
  ['lab: unknown lesson', edit('labs/expose-web-nat.yaml', 'lesson: virtual-networking', 'lesson: virtual-netwrking'), 'labs/expose-web-nat.yaml › lesson: no lesson "virtual-netwrking". Did you mean "virtual-networking"?'],
  ['lab: id differs from the file name', edit('labs/expose-web-nat.yaml', 'id: expose-web-nat', 'id: expose-web'), 'labs/expose-web-nat.yaml › id: the id "expose-web" differs from the file name "expose-web-nat"'],
  ['lab: unknown preset', edit('labs/expose-web-nat.yaml', 'preset: virtualbox-home-lab', 'preset: virtualbox-home-lob'), 'labs/expose-web-nat.yaml › start.preset: no network preset "virtualbox-home-lob"'],
  ['lab: misspelt field', edit('labs/expose-web-nat.yaml', /^minutes:/m, 'minuts:'), 'labs/expose-web-nat.yaml'],
  ['lab: YAML syntax error', edit('labs/expose-web-nat.yaml', /^title: .*$/m, 'title: "Expose'), /^labs\/expose-web-nat\.yaml: line \d+/],
  ['lab: week the plan lacks', edit('labs/expose-web-nat.yaml', /^week: 3$/m, 'week: 9'), 'labs/expose-web-nat.yaml › week: week 9 is not in the weekly plan'],
  ['lab: two goals with one id', edit('labs/expose-web-nat.yaml', '  - id: laptop-reaches-web', '  - id: forward-exists'), 'labs/expose-web-nat.yaml › goals[1].id: two goals have the id "forward-exists"'],
  ['lab: goal check of an unknown kind', edit('labs/expose-web-nat.yaml', 'check: { kind: port-forward,', 'check: { kind: port-forwad,'), 'labs/expose-web-nat.yaml › goals[0].check'],
  ['lab: goal points not a number', edit('labs/expose-web-nat.yaml', /    points: 2\n    text: "A port forward/, '    points: two\n    text: "A port forward'), 'labs/expose-web-nat.yaml › goals[0].points'],
  ['lab: unknown simulator', edit('labs/expose-web-nat.yaml', 'simulator: network', 'simulator: netwrok'), 'labs/expose-web-nat.yaml'],
  ['lab: unused copy with a mistake', copy('labs/expose-web-nat.yaml', 'labs/unused.yaml'), 'labs/unused.yaml › id: the id "expose-web-nat" differs from the file name "unused"'],
];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'course-mistakes-'));
  cpSync('content', join(dir, 'content'), { recursive: true });
  cpSync('labs', join(dir, 'labs'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each kind on a fresh copy: the folders are put back after every row. */
async function problemsAfter(change: Change): Promise<string[]> {
  const fresh = mkdtempSync(join(tmpdir(), 'course-mistake-'));
  try {
    cpSync(join(dir, 'content'), join(fresh, 'content'), { recursive: true });
    cpSync(join(dir, 'labs'), join(fresh, 'labs'), { recursive: true });
    change(fresh);
    return await checkContent(fresh);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

describe(`the content check catches ${KINDS.length} kinds of mistake, each naming the file and the field`, () => {
  it.each(KINDS)('%s', async (_, change, expected) => {
    const problems = await problemsAfter(change);
    expect(problems.length).toBeGreaterThan(0);
    if (typeof expected === 'string') expect(problems.some((p) => p.startsWith(expected)), problems.join('\n')).toBe(true);
    else expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
    // Every message starts with the file it is about.
    for (const p of problems) expect(p).toMatch(/^(content|labs)\/[^ :›]+/);
  });
});
