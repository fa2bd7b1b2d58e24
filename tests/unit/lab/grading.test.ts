import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/lab/grade/cli';
import { guardFormula, quoteField } from '../../../src/lab/grade/csv';
import { gradeAll } from '../../../src/lab/grade/grade-all';
import { gradeReport } from '../../../src/lab/grade/grade-report';
import { canvasCsv, gradebookCsv } from '../../../src/lab/grade/gradebook';
import { catalogOf, type LabCatalog } from '../../../src/lab/grade/load-labs';
import { summaryMarkdown } from '../../../src/lab/grade/summary';
import type { ClassResults, GradedReport } from '../../../src/lab/grade/types';
import type { LabReport } from '../../../src/lab/report';
import type { CompiledLab } from '../../../src/lab/schema';
import type { SimStep } from '../../../src/lab/steps';
import { labSeed } from '../../../src/lab/variables';
import { compileLabFile, genuineReport, reportFromEntries, variantFor } from './reports';

let lab: CompiledLab;
let catalog: LabCatalog;
beforeAll(() => {
  lab = compileLabFile('labs/expose-web-nat.yaml');
  catalog = catalogOf([lab]);
});

const alice = { id: 's1001', name: 'Alice Martin' };
const bob = { id: 's1002', name: 'Bob Nguyen' };
const json = (r: LabReport | unknown): string => JSON.stringify(r);
const grade = (r: LabReport | string, file = 'hand-in.json'): GradedReport => gradeReport({ file, text: typeof r === 'string' ? r : json(r) }, catalog);
const codes = (g: GradedReport): string[] => g.flags.map((f) => f.code);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const port = (id: string): number => variantFor(lab, id).vars.hostPort as number;
const forward = (hostPort: number, extra: Record<string, unknown> = {}): SimStep =>
  ({ kind: 'network', action: { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'web', protocol: 'tcp', hostPort, guestPort: 80, ...extra } } }) as SimStep;
const refused: SimStep = { kind: 'network', action: { type: 'addPortForward', vm: 'nope', nic: 0, rule: { hostPort: 8080, guestPort: 80 } } } as SimStep;
/** Two ids whose variants have different host ports. */
function idsWithDifferentPorts(): [string, string] {
  for (let i = 2; i < 100; i++) if (port(`s${2000 + i}`) !== port('s2001')) return ['s2001', `s${2000 + i}`];
  throw new Error('every id drew the same port');
}

/** RFC 4180 reader for the tests: records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (record = []), (field = ''), i++;
    } else field += c;
  }
  expect(field === '' && record.length === 0, 'the file ends with CRLF').toBe(true);
  return records;
}

describe('grading one report', () => {
  it('R6, R7: a genuine report (a refused step, a free hint, a wrong try, start again, the solution) grades to 100 % with no flags', () => {
    const r = genuineReport(lab, alice, { noise: [refused, { hint: 'forward-exists' }, forward(port(alice.id), { hostIp: '127.0.0.1' }), { reset: true }] });
    expect(r.log.map((e) => ('ok' in e ? e.ok : null))).toEqual([false, null, true, null, true]);
    const g = grade(r);
    expect(g.flags).toEqual([]);
    expect(g.score!.earned).toBe(8);
    expect(g.score!.possible).toBe(8);
    expect(g.score!.percent).toBe(100);
    expect(g.score!.goals.find((x) => x.id === 'forward-exists')!.hintsShown).toBe(1);
    expect(g.seed).toBe(labSeed(lab.lab.id, alice.id));
    expect(g.steps).toBe(3);
  });

  it('R7: hints cost what the lab says, in the recomputed score too', () => {
    const r = genuineReport(lab, alice, { noise: [{ hint: 'forward-exists' }, { hint: 'forward-exists' }] });
    const g = grade(r);
    expect(g.flags).toEqual([]);
    expect(g.score!.earned).toBe(7.5);
  });

  it('R7: an edited claimed score is flagged and the recomputed score is used', () => {
    const r = reportFromEntries(lab, alice, [forward(port(alice.id), { hostIp: '127.0.0.1' })]);
    expect(r.claimed.earned).toBe(4);
    r.claimed = { earned: 8, possible: 8, met: ['forward-exists', 'laptop-reaches-web', 'phone-reaches-web', 'ssh-stays-private'] };
    const g = grade(r);
    expect(codes(g)).toEqual(['claim-differs']);
    expect(g.flags[0]!.message).toBe('claimed 8/8, recomputed 4/8; claimed met but not met in replay: phone-reaches-web, ssh-stays-private');
    expect(g.score!.earned).toBe(4);
  });

  it('R7: a claim that lists different goals, with the same points, is flagged too', () => {
    const r = genuineReport(lab, alice);
    r.claimed.met = r.claimed.met.filter((m) => m !== 'ssh-stays-private');
    expect(grade(r).flags.map((f) => f.message)).toEqual(['met in replay but not claimed: ssh-stays-private']);
  });

  it('R6: a flipped ok is flagged with its step number, whichever way it was flipped', () => {
    const r = genuineReport(lab, alice, { noise: [refused] });
    const up = clone(r);
    (up.log[0] as { ok: boolean }).ok = true;
    const g = grade(up);
    expect(codes(g)).toEqual(['replay-mismatch']);
    expect(g.flags[0]!.message).toBe('step 1 was refused in replay but accepted in the report');
    expect(g.score!.earned).toBe(8);

    const down = clone(r);
    (down.log[1] as { ok: boolean }).ok = false;
    expect(grade(down).flags.map((f) => f.message)).toEqual(['step 2 was accepted in replay but refused in the report']);
  });

  it('R6, R7: a changed action replays to its own outcome: the score drops and the claim is flagged', () => {
    const r = genuineReport(lab, alice);
    const step = (r.log[0] as { step: { action: { rule: { hostPort: number } } } }).step;
    step.action.rule.hostPort = step.action.rule.hostPort === 8080 ? 8081 : 8080;
    const g = grade(r);
    expect(codes(g)).toEqual(['claim-differs']);
    expect(g.score!.earned).toBe(6);
    expect(g.score!.goals.find((x) => x.id === 'forward-exists')!.met).toBe(false);
  });

  it('R6: an entry for another simulator, or a hint for a goal the lab lacks, does not replay', () => {
    const r = genuineReport(lab, alice);
    r.log.unshift({ t: 0, step: { kind: 'sizing', action: { type: 'addVm' } } as never, ok: true }, { t: 1, hint: 'no-such-goal' });
    const g = grade(r);
    expect(codes(g)).toEqual(['does-not-replay']);
    expect(g.flags[0]!.message).toMatch(/^steps 1 and 2 do not replay/);
    expect(g.score!.earned).toBe(8);
  });

  it('R4: a report for another version of the lab is flagged and graded against the current version', () => {
    const r = genuineReport(lab, alice);
    r.lab.hash = 'a'.repeat(64);
    const g = grade(r);
    expect(codes(g)).toEqual(['other-version']);
    expect(g.flags[0]!.message).toContain('made for another version of the lab');
    expect(g.score!.earned).toBe(8);
  });

  it('R4: a report from another engine version is flagged', () => {
    const r = genuineReport(lab, alice);
    r.engine = '0';
    expect(codes(grade(r))).toEqual(['other-engine']);
  });

  it('R5: a seed that does not belong to the student is flagged; the log is replayed with the student\'s own variables', () => {
    const [owner, copier] = idsWithDifferentPorts();
    const r = genuineReport(lab, { id: owner, name: 'Owner' });
    r.student = { id: copier, name: 'Copier' };
    const g = grade(r);
    expect(codes(g)).toEqual(['foreign-seed', 'claim-differs']);
    expect(g.flags[0]!.message).toMatch(/^the seed does not belong to this student/);
    expect(g.seed).toBe(labSeed(lab.lab.id, copier));
    expect(g.score!.goals.find((x) => x.id === 'forward-exists')!.met).toBe(false);
  });

  it('R5: the seed follows the student id trimmed and lower-cased', () => {
    const r = genuineReport(lab, { id: 'ab123', name: 'A' });
    r.student.id = '  AB123 ';
    expect(grade(r).flags).toEqual([]);
  });

  it('R3: an unknown lab is flagged with a suggestion and not graded', () => {
    const r = genuineReport(lab, alice);
    r.lab.id = 'expose-web-nap';
    const g = grade(r);
    expect(codes(g)).toEqual(['unknown-lab']);
    expect(g.flags[0]!.message).toContain('Did you mean "expose-web-nat"?');
    expect(g.score).toBeNull();
    expect(g.student!.id).toBe(alice.id);
  });

  it('R3: the reports of a lab file that does not compile are flagged', () => {
    const g = gradeReport({ file: 'x.json', text: json(genuineReport(lab, alice)) }, catalogOf([], new Map([['expose-web-nat', 'labs/expose-web-nat.yaml › goals[0]: something']])));
    expect(codes(g)).toEqual(['lab-broken']);
    expect(g.score).toBeNull();
  });

  it('R1: a file that is not JSON is flagged "unreadable" and grading goes on', () => {
    for (const text of ['', '{', '{"format": "virt-course-lab-report",', 'NaN', '\u0000\u0001']) {
      const g = grade(text);
      expect(codes(g)).toEqual(['unreadable']);
      expect(g.flags[0]!.message).toMatch(/^unreadable: /);
      expect(g.student).toBeNull();
    }
    expect(grade(`\uFEFF${json(genuineReport(lab, alice))}`).flags).toEqual([]);
    const results = gradeAll([{ file: 'a.json', text: '{' }, { file: 'b.json', text: json(genuineReport(lab, alice)) }], catalog);
    expect(results.unattached.map((r) => r.file)).toEqual(['a.json']);
    expect(results.students).toHaveLength(1);
  });

  it('R2: JSON that is not a valid report is flagged naming the field', () => {
    const r = clone(genuineReport(lab, alice)) as unknown as { log: { ok: unknown }[]; student: { id: string } };
    r.log[0]!.ok = 'yes';
    expect(grade(json(r)).flags[0]!.message).toMatch(/^not a valid lab report: log\[0\]/);
    for (const [data, text] of [
      [null, 'expected object'],
      [[], 'expected object'],
      [{ ...genuineReport(lab, alice), format: 'quiz' }, 'not a lab report (expected "format": "virt-course-lab-report")'],
      [{ ...genuineReport(lab, alice), student: { id: '  ', name: 'x' } }, 'student.id: the student id is empty'],
      [{ ...genuineReport(lab, alice), seed: 'xyz' }, 'seed: expected 8 hex digits'],
    ] as const) {
      const g = grade(json(data));
      expect(codes(g)).toEqual(['invalid']);
      expect(g.flags[0]!.message).toContain(text);
    }
  });
});

describe('grading a class', () => {
  it('R8: two students with identical logs are both flagged, each naming the other; times are ignored', () => {
    const [a, b] = idsWithDifferentPorts();
    const original = genuineReport(lab, { id: a, name: 'Ann' });
    const copy = clone(original);
    copy.student = { id: b, name: 'Ben' };
    copy.seed = labSeed(lab.lab.id, b);
    copy.log = copy.log.map((e) => ({ ...e, t: e.t + 777 }));
    const results = gradeAll([{ file: 'a.json', text: json(original) }, { file: 'b.json', text: json(copy) }, { file: 'c.json', text: json(genuineReport(lab, alice)) }], catalog);
    const [ga, gb, gc] = results.reports;
    expect(codes(ga!)).toEqual(['identical-log']);
    expect(ga!.flags[0]!.message).toBe(`the same log (1 step, times ignored) as Ben (${b}), although their variables differ`);
    expect(codes(gb!)).toContain('identical-log');
    expect(gb!.flags.find((f) => f.code === 'identical-log')!.message).toContain(`as Ann (${a})`);
    expect(gc!.flags).toEqual([]);
  });

  it('R8: students with the same variables whose log is exactly the worked solution are not flagged; the same detour is', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `s${4000 + i}`);
    const a = ids[0]!;
    const b = ids.find((id) => id !== a && port(id) === port(a))!;
    const c = ids.find((id) => port(id) !== port(a))!;
    const plain = gradeAll([a, b].map((id) => ({ file: `${id}.json`, text: json(genuineReport(lab, { id, name: id.toUpperCase() })) })), catalog);
    expect(plain.reports.flatMap((g) => g.flags)).toEqual([]);
    expect(plain.reports.every((g) => g.isSolution)).toBe(true);
    const detour = gradeAll([a, b].map((id) => ({ file: `${id}.json`, text: json(genuineReport(lab, { id, name: id.toUpperCase() }, { noise: [refused] })) })), catalog);
    expect(detour.reports[0]!.flags.map((f) => f.message)).toEqual([`the same log (2 steps, times ignored) as ${b.toUpperCase()} (${b}); their variables are the same, so a short log can match by coincidence`]);
    // A's worked solution handed in by C, whose port differs, is flagged on both.
    const copied = genuineReport(lab, { id: a, name: 'A' });
    const byC = { ...clone(copied), student: { id: c, name: 'C' }, seed: labSeed(lab.lab.id, c) };
    const across = gradeAll([copied, byC].map((r, i) => ({ file: `${i}.json`, text: json(r) })), catalog);
    expect(across.reports.map((g) => codes(g).includes('identical-log'))).toEqual([true, true]);
  });

  it('R8: one student\'s own repeated report, and logs without a step, are not flagged', () => {
    const r = genuineReport(lab, alice);
    const empty1 = reportFromEntries(lab, alice, [{ hint: 'forward-exists' }]);
    const empty2 = reportFromEntries(lab, bob, [{ hint: 'forward-exists' }]);
    const results = gradeAll([r, clone(r), empty1, empty2].map((x, i) => ({ file: `${i}.json`, text: json(x) })), catalog);
    expect(results.reports.flatMap((g) => g.flags)).toEqual([]);
  });

  it('R9: of several reports by one student for a lab the best recomputed score counts; the others are kept as notes', () => {
    const weak = reportFromEntries(lab, alice, [forward(port(alice.id), { hostIp: '127.0.0.1' })]);
    const best = genuineReport(lab, { id: ' S1001 ', name: 'Alice Martin' });
    const results = gradeAll([{ file: 'weak.json', text: json(weak) }, { file: 'best.json', text: json(best) }], catalog);
    expect(results.students).toHaveLength(1);
    const e = results.students[0]!.labs.get(lab.lab.id)!;
    expect(e.kept.file).toBe('best.json');
    expect(e.others.map((o) => o.file)).toEqual(['weak.json']);
    expect(results.students[0]!.flagCount).toBe(0);
    expect(gradebookCsv(results).split('\r\n')[1]).toBe('S1001,Alice Martin,8,0');
  });

  it('R9: one student id under different names is flagged', () => {
    const a = genuineReport(lab, alice);
    const b = genuineReport(lab, { id: alice.id, name: 'Mallory' });
    const results = gradeAll([a, b].map((x, i) => ({ file: `${i}.json`, text: json(x) })), catalog);
    expect(results.students[0]!.flags.map((f) => f.code)).toEqual(['name-differs']);
    expect(results.students[0]!.flagCount).toBe(1);
  });
});

describe('outputs', () => {
  const classOf = (reports: LabReport[]): ClassResults => gradeAll(reports.map((r, i) => ({ file: `hand-ins/${i}.json`, text: json(r) })), catalog);

  it('R10: gradebook.csv has the documented columns: Student ID, Name, one per lab, Flags', () => {
    const edited = reportFromEntries(lab, bob, [forward(port(bob.id), { hostIp: '127.0.0.1' })]);
    edited.claimed.earned = 8;
    const text = gradebookCsv(classOf([genuineReport(lab, alice), edited]));
    expect(text.split('\r\n')).toEqual([
      'Student ID,Name,Expose a web server from a NAT VM [expose-web-nat] (out of 8),Flags',
      's1001,Alice Martin,8,0',
      's1002,Bob Nguyen,4,1',
      '',
    ]);
    expect(text).not.toMatch(/^\uFEFF/);
  });

  it('R10: a lab column is empty for a student without a report for it', () => {
    const other = genuineReport(lab, bob);
    other.lab.id = 'no-such-lab';
    const rows = parseCsv(gradebookCsv(classOf([genuineReport(lab, alice), other])));
    expect(rows[2]).toEqual(['s1002', 'Bob Nguyen', '', '1']);
  });

  it('R10: names with commas and quotes are quoted (RFC 4180); formulas are guarded with a leading \'', () => {
    const names = ['O\'Neil, Zoë "Jo"', '=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(A1)', '\tTab', '\rCR', 'Line\nbreak'];
    const reports = names.map((name, i) => genuineReport(lab, { id: `s3${String(i).padStart(3, '0')}`, name }));
    const text = gradebookCsv(classOf(reports));
    expect(text).toContain('s3000,"O\'Neil, Zoë ""Jo""",8,0\r\n');
    expect(text).toContain('s3001,"\'=HYPERLINK(""http://x"",""y"")",8,0\r\n');
    const rows = parseCsv(text).slice(1);
    const byId = new Map(rows.map((r) => [r[0], r[1]]));
    // Names are trimmed when read, so a leading TAB or CR is gone before the guard sees it.
    expect(names.map((_, i) => byId.get(`s3${String(i).padStart(3, '0')}`))).toEqual(['O\'Neil, Zoë "Jo"', '\'=HYPERLINK("http://x","y")', '\'+1', '\'-1', '\'@SUM(A1)', 'Tab', 'CR', 'Line\nbreak']);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(quoteField('plain')).toBe('plain');
    expect(guardFormula('a=b')).toBe('a=b');
    expect(['\tx', '\rx', '=x', '+x', '-x', '@x'].map(guardFormula)).toEqual(["'\tx", "'\rx", "'=x", "'+x", "'-x", "'@x"]);
  });

  it('R11: gradebook-canvas.csv has Canvas\'s identification columns and a Points Possible row, no Flags', () => {
    const rows = parseCsv(canvasCsv(classOf([genuineReport(lab, alice)])));
    expect(rows).toEqual([
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Expose a web server from a NAT VM [expose-web-nat] (out of 8)'],
      ['Points Possible', '', '', '', '', '8'],
      ['Alice Martin', '', 's1001', 's1001', '', '8'],
    ]);
  });

  it('R12: report.md summarises the flags at the top and gives each goal with the engine\'s detail and hints', () => {
    const edited = genuineReport(lab, bob, { noise: [{ hint: 'forward-exists' }, { hint: 'forward-exists' }] });
    edited.claimed.earned = 8;
    const results = gradeAll(
      [
        { file: 'hand-ins/a.json', text: json(genuineReport(lab, { id: 's1001', name: 'Alice <b>*M*</b>' })) },
        { file: 'hand-ins/b.json', text: json(edited) },
        { file: 'hand-ins/x.json', text: '{' },
      ],
      catalog,
    );
    const text = summaryMarkdown(results, new Date('2026-12-01T10:00:00Z'));
    const flagsAt = text.indexOf('## Flags');
    expect(flagsAt).toBeGreaterThan(0);
    expect(flagsAt).toBeLessThan(text.indexOf('## Students'));
    expect(text).toContain('claimed 8/8, recomputed 7.5/8');
    expect(text).toContain('- **claim-differs** × 1');
    expect(text).toContain('`hand-ins/x.json`: unreadable');
    expect(text).toContain('### Alice \\<b\\>\\*M\\*\\</b\\> (s1001)');
    expect(text).toContain(`| ✓ met | forward-exists: A port forward sends host port ${port(bob.id)} to guest port 80 on web's NAT adapter | 1.5 / 2 (2 hints, −0.5) | Rule "web" forwards host port ${port(bob.id)} to guest port 80. |`);
    expect(text).toContain('Graded 2026-12-01 10:00 UTC');
  });
});

describe('the command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'grade-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { root: process.cwd(), cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l), catalog });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('R13: grades a folder and its subfolders, writes the three files, exits 0 even with flags', () => {
    mkdirSync(join(dir, 'hand-ins', 'late'), { recursive: true });
    writeFileSync(join(dir, 'hand-ins', 'a.json'), json(genuineReport(lab, alice)));
    const edited = genuineReport(lab, bob);
    edited.claimed.earned = 9;
    writeFileSync(join(dir, 'hand-ins', 'late', 'b.json'), json(edited));
    writeFileSync(join(dir, 'hand-ins', 'notes.txt'), 'not a report');
    writeFileSync(join(dir, 'hand-ins', 'broken.json'), '{');
    const r = run(['hand-ins/', '--out', 'grades']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Graded 2 reports (3 files) from 2 students');
    expect(r.out).toContain('1 report flagged (1 student); 1 file could not be graded');
    const csv = readFileSync(join(dir, 'grades', 'gradebook.csv'), 'utf8');
    expect(csv.split('\r\n').slice(1, 3)).toEqual(['s1001,Alice Martin,8,0', 's1002,Bob Nguyen,8,1']);
    expect(readFileSync(join(dir, 'grades', 'report.md'), 'utf8')).toContain('`hand-ins/late/b.json`');
    expect(readFileSync(join(dir, 'grades', 'gradebook-canvas.csv'), 'utf8')).toMatch(/^Student,ID,SIS User ID,SIS Login ID,Section,/);
  });

  it('R13: usage errors and no readable input exit 1 and say what to do', () => {
    expect(run([]).code).toBe(1);
    expect(run([]).err).toContain('Usage: npm run grade -- <files or folders…> [--out <dir>]');
    expect(run(['--frobnicate', 'x']).err).toContain('unknown option --frobnicate');
    expect(run(['hand-ins', '--out']).err).toContain('--out needs a folder');
    expect(run(['missing-folder']).err).toContain('no such file or folder: missing-folder');
    mkdirSync(join(dir, 'empty'));
    expect(run(['empty'])).toMatchObject({ code: 1 });
    expect(run(['empty']).err).toContain('no .json files in empty');
    mkdirSync(join(dir, 'junk'));
    writeFileSync(join(dir, 'junk', 'x.json'), '[1, 2');
    const junk = run(['junk', '--out', 'junk-grades']);
    expect(junk.code).toBe(1);
    expect(junk.err).toContain('none of the 1 .json file is a lab report');
    expect(run(['--help'])).toMatchObject({ code: 0 });
  });
});
