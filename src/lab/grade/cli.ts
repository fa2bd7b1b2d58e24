/**
 * `npm run grade -- <files or folders…> [--out <dir>]` (SPEC R13): reads the hand-ins, grades
 * them against the labs as they are now, writes the gradebooks and the report. Exit code 0 when
 * something was graded, flags or not; 1 for a usage error or when there is nothing to grade.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { gradeAll } from './grade-all';
import { canvasCsv, gradebookCsv } from './gradebook';
import { loadLabs, type LabCatalog } from './load-labs';
import { counts, summaryMarkdown } from './summary';
import type { HandIn } from './types';

export const USAGE = `Usage: npm run grade -- <files or folders…> [--out <dir>]

Grades the lab reports students hand in (the .json files of the lab page's
"Download lab report" button). Folders are searched for *.json, subfolders too.
Each report's log is replayed against the lab as it is now (labs/*.yaml) and the
score recomputed; the score the student's browser showed is only compared.

Options:
  --out <dir>   where to write gradebook.csv (Moodle), gradebook-canvas.csv
                (Canvas) and report.md; default: grades
  --help        show this text

Example:
  npm run grade -- hand-ins/ --out grades/`;

/** A report is a few hundred KB at most; anything far larger is not one. */
const MAX_BYTES = 32 * 1024 * 1024;

export interface CliContext {
  /** The course project (labs/, content/scenarios/). */
  root: string;
  /** Where relative paths are read from (npm's INIT_CWD: the folder the command was typed in). */
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: Date;
  /** Tests pass labs; otherwise they are compiled from `root`. */
  catalog?: LabCatalog;
}

type Args = { ok: true; help: boolean; inputs: string[]; out: string } | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): Args {
  const inputs: string[] = [];
  let out = 'grades';
  let help = false;
  let outGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      inputs.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--out' || a === '-o' || a.startsWith('--out=')) {
      const value = a.startsWith('--out=') ? a.slice(6) : argv[++i];
      if (value === undefined || value === '' || (value.startsWith('-') && !a.startsWith('--out='))) return { ok: false, message: `${a} needs a folder, e.g. --out grades/` };
      if (outGiven) return { ok: false, message: '--out is given twice' };
      out = value;
      outGiven = true;
    } else if (a.startsWith('-')) return { ok: false, message: `unknown option ${a}` };
    else inputs.push(a);
  }
  if (!help && inputs.length === 0) return { ok: false, message: 'no reports given: name the folder (or files) holding the students\' .json reports' };
  return { ok: true, help, inputs, out };
}

/** Every *.json under a folder, sorted; hidden folders and node_modules are skipped. */
function walk(dir: string, found: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, found);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) found.push(p);
  }
}

function readHandIn(path: string, shown: string): HandIn {
  try {
    const size = statSync(path).size;
    if (size > MAX_BYTES) return { file: shown, text: '', error: `file too large (${Math.round(size / 1048576)} MB); a lab report is far smaller` };
    return { file: shown, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { file: shown, text: '', error: `cannot read the file: ${(e as Error).message}` };
  }
}

/** A path as the instructor typed it: relative to where they are, absolute when outside. */
function shown(cwd: string, p: string): string {
  const rel = relative(cwd, p);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}

export function main(argv: readonly string[], ctx: CliContext): number {
  const args = parseArgs(argv);
  if (!args.ok) {
    ctx.err(`grade: ${args.message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    ctx.out(USAGE);
    return 0;
  }

  const files: string[] = [];
  for (const input of args.inputs) {
    const p = resolve(ctx.cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      ctx.err(`grade: no such file or folder: ${input}\nCheck the path (relative to ${ctx.cwd}); folders are searched for *.json reports.`);
      return 1;
    }
    if (isDir) walk(p, files);
    else files.push(p);
  }
  const unique = [...new Set(files)];
  if (unique.length === 0) {
    ctx.err(`grade: no .json files in ${args.inputs.join(', ')}.\nPut the reports students downloaded with "Download lab report" (one .json file each) in a folder, e.g. hand-ins/, and run: npm run grade -- hand-ins/`);
    return 1;
  }

  let catalog = ctx.catalog;
  if (!catalog) {
    try {
      catalog = loadLabs(ctx.root);
    } catch (e) {
      ctx.err(`grade: cannot read the labs in ${join(ctx.root, 'labs')}: ${(e as Error).message}\nRun the command inside the course project (where package.json and labs/ are).`);
      return 1;
    }
  }
  for (const [id, msg] of catalog.broken) ctx.err(`warning: labs/${id} does not compile, its reports cannot be graded:\n${msg}`);

  const handIns = unique.map((p) => readHandIn(p, shown(ctx.cwd, p)));
  const results = gradeAll(handIns, catalog);
  const c = counts(results);
  if (c.reports === 0) {
    ctx.err(`grade: none of the ${unique.length} .json file${unique.length === 1 ? ' is a lab report' : 's is a lab report'}:`);
    for (const r of results.unattached.slice(0, 20)) ctx.err(`  ${r.file}: ${r.flags.map((f) => f.message).join('; ')}`);
    if (results.unattached.length > 20) ctx.err(`  … and ${results.unattached.length - 20} more`);
    ctx.err('Students hand in the file the lab page\'s "Download lab report" button saves (…json); check that these are those files.');
    return 1;
  }

  const outDir = resolve(ctx.cwd, args.out);
  const written = { gradebook: join(outDir, 'gradebook.csv'), canvas: join(outDir, 'gradebook-canvas.csv'), report: join(outDir, 'report.md') };
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(written.gradebook, gradebookCsv(results), 'utf8');
    writeFileSync(written.canvas, canvasCsv(results), 'utf8');
    writeFileSync(written.report, summaryMarkdown(results, ctx.now), 'utf8');
  } catch (e) {
    ctx.err(`grade: cannot write to ${args.out}: ${(e as Error).message}`);
    return 1;
  }

  const show = (p: string): string => shown(ctx.cwd, p);
  const labs = results.labs.map((l) => l.lab.id).join(', ') || 'none';
  ctx.out(`Graded ${c.reports} report${c.reports === 1 ? '' : 's'} (${c.files} file${c.files === 1 ? '' : 's'}) from ${c.students} student${c.students === 1 ? '' : 's'}; labs: ${labs}.`);
  ctx.out(
    `${c.flaggedReports === 0 ? 'No report flagged' : `${c.flaggedReports} report${c.flaggedReports === 1 ? '' : 's'} flagged (${c.flaggedStudents} student${c.flaggedStudents === 1 ? '' : 's'})`}` +
      `${c.unattached > 0 ? `; ${c.unattached} file${c.unattached === 1 ? '' : 's'} could not be graded` : ''}${c.flaggedReports + c.unattached > 0 ? `: see ${show(written.report)}` : ''}.`,
  );
  ctx.out(`Wrote ${show(written.gradebook)} (Moodle), ${show(written.canvas)} (Canvas), ${show(written.report)}.`);
  return 0;
}
