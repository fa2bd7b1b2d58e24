/**
 * `npm run export` (SPEC S7): every quiz (the LMS-only ones too) as Moodle XML, GIFT, QTI 1.2 and
 * a SCORM 1.2 package, every lab as a SCORM 1.2 package, and an index.html that lists each file
 * with its caveats and how to import it. All of it goes to one folder outside the site (default
 * `exports/`, ignored by git): answer keys are never published with `dist/`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { loadLabs } from '../../lab/grade/load-labs';
import type { CompiledLab } from '../../lab/schema';
import type { Simulator } from '../../lab/steps';
import { defaultGenerators, loadQuiz, qtiManifest, quizCaveats, toGift, toMoodleXml, toQti12, type Caveat, type LmsFormat, type Quiz } from '../../quiz';
import { closest } from '../../sim/core/suggest';
import { labCaveats } from '../guide';
import { exportIndex, type ExportedLab, type ExportedQuiz } from './index-page';
import { labPackage, quizPackage, type Player } from './package';

export const USAGE = `Usage: npm run export -- [--out <dir>] [--variants <n>] [--only <ids>]

Writes the course's quizzes and labs for learning platforms, into a folder
that is not part of the site (answer keys stay out of dist/):
  moodle-xml/<quiz>.xml    Moodle XML (weights, units, ordering, HTML text)
  gift/<quiz>.gift         Moodle GIFT
  qti/<quiz>-qti.zip       QTI 1.2 for Canvas
  scorm/quizzes/<quiz>.zip SCORM 1.2 package: the quiz, reporting its score
  scorm/labs/<lab>.zip     SCORM 1.2 package: the lab, reporting its score
  index.html               every file with what it keeps and loses, and how
                           to import it
Quizzes marked lmsOnly: true are exported too (the site leaves them out).

Options:
  --out <dir>       the folder to write; default: exports
  --variants <n>    variants of each parametric question, 1 to 50 (default 5)
  --only <ids>      only these quizzes and labs (ids, comma-separated)
  --help            show this text

Example:
  npm run export -- --variants 8`;

export interface Players {
  quiz: Player;
  lab: Record<Simulator, Player>;
}

export interface ExportContext {
  /** The course project (content/, labs/). */
  root: string;
  /** Where a relative --out is read from (npm's INIT_CWD). */
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The package scripts, built by run.mjs; tests pass small stand-ins. */
  players: Players;
}

type Args = { ok: true; help: boolean; out: string; variants: number; only: string[] | null } | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): Args {
  let out = 'exports';
  let variants = 5;
  let only: string[] | null = null;
  let help = false;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    const m = /^(--out|--variants|--only)(?:=(.*))?$/.exec(a);
    if (!m) return { ok: false, message: a.startsWith('-') ? `unknown option ${a}` : `unexpected "${a}" (options start with --)` };
    const name = m[1]!;
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) return { ok: false, message: `${name} needs a value` };
    if (seen.has(name)) return { ok: false, message: `${name} is given twice` };
    seen.add(name);
    if (name === '--out') out = value;
    else if (name === '--variants') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 50) return { ok: false, message: `--variants takes a whole number from 1 to 50, not "${value}"` };
      variants = n;
    } else only = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  return { ok: true, help, out, variants, only };
}

/** Every content/quizzes/*.yaml, checked as the build checks them (lessons must exist), by title; messages for the ones that fail. */
export function loadCourseQuizzes(root: string): { quizzes: Quiz[]; errors: string[] } {
  const lessons = readdirSync(join(root, 'content', 'lessons'))
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => f.replace(/\.mdx?$/, ''));
  const dir = join(root, 'content', 'quizzes');
  const quizzes: Quiz[] = [];
  const errors: string[] = [];
  const byId = new Map<string, string>();
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    const file = `content/quizzes/${f}`;
    const r = loadQuiz(readFileSync(join(dir, f), 'utf8'), file, { knownLessons: lessons });
    if (!r.ok) {
      errors.push(...r.messages);
      continue;
    }
    const other = byId.get(r.value.id);
    if (other) {
      errors.push(`${file} › id: quiz id "${r.value.id}" is also used by ${other}`);
      continue;
    }
    byId.set(r.value.id, file);
    quizzes.push(r.value);
  }
  // "Quiz 2: …" before "Quiz 10: …", as an instructor reads them.
  quizzes.sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }));
  return { quizzes, errors };
}

const FORMATS: LmsFormat[] = ['moodle-xml', 'gift', 'qti', 'scorm'];

/** A path as the instructor typed it: relative to where they are, absolute when outside. */
function shown(cwd: string, p: string): string {
  const rel = relative(cwd, p);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function main(argv: readonly string[], ctx: ExportContext): number {
  const args = parseArgs(argv);
  if (!args.ok) {
    ctx.err(`export: ${args.message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    ctx.out(USAGE);
    return 0;
  }
  const outDir = resolve(ctx.cwd, args.out);
  const toRoot = relative(outDir, resolve(ctx.root));
  if (toRoot === '' || (!toRoot.startsWith('..') && !isAbsolute(toRoot))) {
    ctx.err(`export: --out ${args.out} would write into the project itself; name a folder of its own, e.g. --out exports`);
    return 1;
  }

  const loaded = loadCourseQuizzes(ctx.root);
  let labs: CompiledLab[] = [];
  const problems = [...loaded.errors];
  try {
    const catalog = loadLabs(ctx.root);
    labs = [...catalog.labs.values()].sort((a, b) => a.lab.week - b.lab.week || a.lab.id.localeCompare(b.lab.id));
    for (const msg of catalog.broken.values()) problems.push(msg);
  } catch (e) {
    problems.push(`cannot read the labs in ${join(ctx.root, 'labs')}: ${(e as Error).message}`);
  }
  if (problems.length > 0) {
    ctx.err(`export: fix these first (npm run build reports the same):\n${problems.join('\n')}`);
    return 1;
  }

  let quizzes = loaded.quizzes;
  if (args.only) {
    const known = [...quizzes.map((q) => q.id), ...labs.map((l) => l.lab.id)];
    const unknown = args.only.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      const hints = unknown.map((id) => {
        const guess = closest(id, known);
        return `"${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
      });
      ctx.err(`export: --only names no quiz or lab ${hints.join(', ')}. Known: ${known.join(', ')}`);
      return 1;
    }
    quizzes = quizzes.filter((q) => args.only!.includes(q.id));
    labs = labs.filter((l) => args.only!.includes(l.lab.id));
  }

  const options = { variants: args.variants, generators: defaultGenerators };
  const files = new Map<string, string | Uint8Array>();
  const exportedQuizzes: ExportedQuiz[] = quizzes.map((quiz) => {
    const paths = {
      'moodle-xml': `moodle-xml/${quiz.id}.xml`,
      gift: `gift/${quiz.id}.gift`,
      qti: `qti/${quiz.id}-qti.zip`,
      scorm: `scorm/quizzes/${quiz.id}.zip`,
    } satisfies Record<LmsFormat, string>;
    files.set(paths['moodle-xml'], toMoodleXml(quiz, options));
    files.set(paths.gift, toGift(quiz, options));
    files.set(paths.qti, zipSync({ 'imsmanifest.xml': strToU8(qtiManifest(quiz)), [`${quiz.id}/${quiz.id}.xml`]: strToU8(toQti12(quiz, options)) }, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
    files.set(paths.scorm, quizPackage(quiz, ctx.players.quiz));
    const caveats = Object.fromEntries(FORMATS.map((f) => [f, quizCaveats(quiz, f, options)])) as Record<LmsFormat, Caveat[]>;
    return { quiz, paths, caveats };
  });
  const exportedLabs: ExportedLab[] = labs.map((lab) => {
    const path = `scorm/labs/${lab.lab.id}.zip`;
    files.set(path, labPackage(lab, ctx.players.lab[lab.lab.simulator]));
    return { lab, path, caveats: labCaveats(lab) };
  });
  files.set('index.html', exportIndex({ quizzes: exportedQuizzes, labs: exportedLabs, variants: args.variants }));

  try {
    mkdirSync(outDir, { recursive: true });
    // Only what an earlier export wrote is replaced, so a quiz removed since does not linger.
    for (const sub of ['moodle-xml', 'gift', 'qti', 'scorm']) rmSync(join(outDir, sub), { recursive: true, force: true });
    for (const [path, data] of files) {
      mkdirSync(join(outDir, path, '..'), { recursive: true });
      writeFileSync(join(outDir, path), data);
    }
  } catch (e) {
    ctx.err(`export: cannot write to ${args.out}: ${(e as Error).message}`);
    return 1;
  }

  const lmsOnly = quizzes.filter((q) => q.lmsOnly).length;
  const where = shown(ctx.cwd, outDir);
  ctx.out(
    `Exported ${plural(quizzes.length, 'quiz', 'quizzes')}${lmsOnly > 0 ? ` (${lmsOnly} LMS-only)` : ''} and ${plural(labs.length, 'lab')} to ${where}/, ${plural(args.variants, 'variant')} per parametric question:`,
  );
  ctx.out(`  moodle-xml/, gift/, qti/: ${plural(quizzes.length, 'file')} each; scorm/: ${plural(quizzes.length + labs.length, 'package')}.`);
  ctx.out(`Open ${shown(ctx.cwd, join(outDir, 'index.html'))} for what each file keeps and loses, and how to import it.`);
  return 0;
}
