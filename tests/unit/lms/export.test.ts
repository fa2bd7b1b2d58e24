/**
 * The packages and the export command: a SCORM 1.2 package as an LMS reads it (S1, L-S5), and
 * `npm run export` (S7, S8) run with small stand-ins for the package scripts (run.mjs builds the
 * real ones; the browser tests run those).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseGift } from 'gift-pegjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLabs } from '../../../src/lab/grade/load-labs';
import { labPackage, launchPage, quizPackage } from '../../../src/lms/export/package';
import { main, parseArgs, type Players } from '../../../src/lms/export/cli';
import { labCaveats } from '../../../src/lms/guide';
import { STRICT_XML } from '../quiz/xml';
import { loadQuiz, type Quiz } from '../../../src/quiz';

const player = { js: 'window.started = true;', css: 'body{}' };
const players: Players = { quiz: player, lab: { network: player, sizing: player, snapshots: player, builder: player } };

const quiz = (() => {
  const r = loadQuiz(readFileSync('content/quizzes/graded-virtual-networking.yaml', 'utf8'), 'x.yaml');
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return r.value;
})();

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['file', 'item', 'organization', 'resource'].includes(name) });

/** The manifest as an LMS reads it: organization → item → resource → files. */
function manifestOf(files: Record<string, Uint8Array>) {
  const text = strFromU8(files['imsmanifest.xml']!);
  expect(SyntaxValidator.validate(text, STRICT_XML)).toBe(true);
  const m = xml.parse(text).manifest;
  const org = m.organizations.organization.find((o: Record<string, string>) => o['@identifier'] === m.organizations['@default']);
  const item = org.item[0];
  const resource = m.resources.resource.find((r: Record<string, string>) => r['@identifier'] === item['@identifierref']);
  return { m, org, item, resource };
}

function activityOf(files: Record<string, Uint8Array>): { kind: string; value: unknown } {
  const html = strFromU8(files['index.html']!);
  const json = /<script type="application\/json" id="activity">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json);
}

describe('SCORM 1.2 packages', () => {
  it('S1: a quiz package: manifest (ADL SCORM 1.2, one item, one SCO listing every file, mastery score), launch page, script and styles', () => {
    const files = unzipSync(quizPackage(quiz, player));
    expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html', 'player.css', 'player.js']);
    const { m, org, item, resource } = manifestOf(files);
    expect([m.metadata.schema, String(m.metadata.schemaversion)]).toEqual(['ADL SCORM', '1.2']);
    expect(m['@xmlns']).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    expect(m['@xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');
    expect(org.title).toBe(quiz.title);
    expect(String(item['adlcp:masteryscore'])).toBe('60');
    expect([resource['@type'], resource['@adlcp:scormtype'], resource['@href']]).toEqual(['webcontent', 'sco', 'index.html']);
    expect(resource.file.map((f: Record<string, string>) => f['@href']).sort()).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());
    expect(activityOf(files)).toEqual({ kind: 'quiz', value: JSON.parse(JSON.stringify(quiz)) });
    const html = strFromU8(files['index.html']!);
    expect(html).toContain('<script src="player.js"></script>');
    expect(html).not.toMatch(/(src|href)="\//);
    expect(quizPackage(quiz, player)).toEqual(quizPackage(quiz, player));
  });

  it('S1: no text in the activity can close its script element or inject markup', () => {
    const evil: Quiz = { ...quiz, title: '</title><script>alert(1)</script>', questions: quiz.questions.map((q) => ('prompt' in q ? { ...q, prompt: '</script><img src=x onerror=alert(1)>' } : q)) };
    const html = launchPage(evil.title, { kind: 'quiz', value: evil });
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    const json = /id="activity">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect((JSON.parse(json) as { value: Quiz }).value.title).toBe(evil.title);
  });

  it('L-S5: a lab package carries the compiled lab, without a solution its policy never shows, and no mastery score', () => {
    const { labs } = loadLabs('.');
    for (const compiled of labs.values()) {
      const files = unzipSync(labPackage(compiled, player));
      const { item, m } = manifestOf(files);
      expect(m['@identifier']).toBe(`vcourse-lab-${compiled.lab.id}`);
      expect(item['adlcp:masteryscore']).toBeUndefined();
      const { kind, value } = activityOf(files) as { kind: string; value: typeof compiled };
      expect(kind).toBe('lab');
      expect(value.hash).toBe(compiled.hash);
      expect(value.lab.solution.length > 0).toBe(compiled.lab.policy.solution !== 'never' && compiled.lab.solution.length > 0);
    }
  });
});

describe('lab caveats', () => {
  it('L-S6: every lab says where its score is computed, that it has no report, the 4,096-character limit, and whether its solution is inside', () => {
    const { labs } = loadLabs('.');
    for (const compiled of labs.values()) {
      const text = labCaveats(compiled).join('\n');
      expect(text).toContain("recomputed by the simulator in the student's browser");
      expect(text).toContain('Lab reports cannot be downloaded in the package');
      expect(text).toContain('4,096 characters');
      expect(text.includes('holds the worked solution'), compiled.lab.id).toBe(compiled.lab.policy.solution !== 'never' && compiled.lab.solution.length > 0);
    }
  });
});

describe('npm run export', () => {
  const dirs: string[] = [];
  const run = (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { root: '.', cwd: process.cwd(), out: (l) => out.push(l), err: (l) => err.push(l), players });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('S7: options: variants from 1 to 50, ids, a folder; mistakes are named with the usage', () => {
    expect(parseArgs([])).toEqual({ ok: true, help: false, out: 'exports', variants: 5, only: null });
    expect(parseArgs(['--variants', '8', '--only=a,b', '--out', 'x'])).toEqual({ ok: true, help: false, out: 'x', variants: 8, only: ['a', 'b'] });
    expect(parseArgs(['--variants', '0'])).toEqual({ ok: false, message: '--variants takes a whole number from 1 to 50, not "0"' });
    expect(parseArgs(['--varients', '3'])).toEqual({ ok: false, message: 'unknown option --varients' });
    expect(parseArgs(['--out'])).toEqual({ ok: false, message: '--out needs a value' });
    expect(parseArgs(['--out', 'a', '--out', 'b'])).toEqual({ ok: false, message: '--out is given twice' });
    const bad = run(['--only', 'graded-virtual-networkin']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--only names no quiz or lab "graded-virtual-networkin" (did you mean "graded-virtual-networking"?)');
    expect(run(['--out', '.']).err).toContain('would write into the project itself');
    expect(run(['--help'])).toMatchObject({ code: 0 });
  });

  it('S7, S8: every quiz (the LMS-only one too) in four formats and every lab as a package, with an index that lists each file and its caveats', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    dirs.push(dir);
    const r = run(['--out', dir, '--variants', '3']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const quizzes = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml')).length;
    const labs = readdirSync('labs').filter((f) => f.endsWith('.yaml')).length;
    expect(r.out).toContain(`Exported ${quizzes} quizzes (1 LMS-only) and ${labs} labs`);
    expect(readdirSync(join(dir, 'moodle-xml'))).toHaveLength(quizzes);
    expect(readdirSync(join(dir, 'gift'))).toHaveLength(quizzes);
    expect(readdirSync(join(dir, 'qti'))).toHaveLength(quizzes);
    expect(readdirSync(join(dir, 'scorm', 'quizzes'))).toHaveLength(quizzes);
    expect(readdirSync(join(dir, 'scorm', 'labs'))).toHaveLength(labs);
    const gift = readFileSync(join(dir, 'gift', 'graded-virtual-networking.gift'), 'utf8');
    expect(parseGift(gift).filter((q) => q.id?.startsWith('gv-lan-reach-v'))).toHaveLength(3);
    const moodle = readFileSync(join(dir, 'moodle-xml', 'graded-virtual-networking.xml'), 'utf8');
    expect(SyntaxValidator.validate(moodle, STRICT_XML)).toBe(true);
    const qti = unzipSync(new Uint8Array(readFileSync(join(dir, 'qti', 'graded-virtual-networking-qti.zip'))));
    expect(Object.keys(qti).sort()).toEqual(['graded-virtual-networking/graded-virtual-networking.xml', 'imsmanifest.xml']);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('<a href="moodle-xml/graded-virtual-networking.xml" download>');
    expect(index).toContain('<a href="scorm/labs/expose-web-nat.zip" download>');
    expect(index).toContain('LMS only');
    expect(index).toContain('gv-lan-reach:</span> Parametric: 3 variants');
    expect(index).toContain('cmi.suspend_data');
    // E22: a per-question site quiz keeps its tries in Moodle XML (hints, penalty) and says so; the graded one stays at-end.
    const perQuestion = readFileSync(join(dir, 'moodle-xml', 'quiz-virtual-networking.xml'), 'utf8');
    expect(SyntaxValidator.validate(perQuestion, STRICT_XML)).toBe(true);
    expect(perQuestion).toContain('<penalty>0.5000000</penalty>');
    expect(perQuestion).toContain('<hint format="html"><text>Not yet: 2 more tries.</text></hint>');
    expect(moodle).not.toContain('<hint');
    expect(index).toContain('Interactive with multiple tries');
    // A second export replaces the first, so nothing removed since lingers.
    const stale = join(dir, 'gift', 'removed-quiz.gift');
    rmSync(join(dir, 'gift', 'graded-virtual-networking.gift'));
    writeFileSync(stale, 'old');
    expect(run(['--out', dir, '--only', 'expose-web-nat']).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(join(dir, 'scorm', 'labs'))).toEqual(['expose-web-nat.zip']);
  }, 30_000); // runs the whole export in a child process: seconds on a shared machine
});
