/**
 * `report.md`, for the instructor (SPEC R12): a summary of every flag at the top, then per
 * student and lab the recomputed score, each goal met or not with the engine's own explanation,
 * hints used, flags in plain words, and the reports that did not count. Everything a student
 * wrote (names, ids) is escaped, so it shows as text.
 */
import { ENGINE_VERSION } from '../report';
import type { GoalResult } from '../run';
import { FLAG_MEANINGS, type Flag, type FlagCode } from './flags';
import { fmt } from './grade-report';
import { labPossible } from './load-labs';
import type { ClassResults, GradedReport, LabEntry, StudentResult } from './types';

/** Markdown text: punctuation that means something is backslash-escaped; line breaks become spaces. */
export const md = (s: string): string => s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~]/g, '\\$&');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const who = (s: StudentResult['student']): string => `${md(s.name || '(no name)')} (${md(s.id)})`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (earned: number, possible: number): string => (possible === 0 ? '–' : `${Math.round((earned / possible) * 100)} %`);

export interface SummaryCounts {
  files: number;
  reports: number;
  students: number;
  flaggedReports: number;
  flaggedStudents: number;
  unattached: number;
}

export function counts(results: ClassResults): SummaryCounts {
  return {
    files: results.reports.length,
    reports: results.reports.filter((r) => r.student).length,
    students: results.students.length,
    flaggedReports: results.reports.filter((r) => r.student && r.flags.length > 0).length,
    flaggedStudents: results.students.filter((s) => s.flagCount > 0).length,
    unattached: results.unattached.length,
  };
}

function flagTable(results: ClassResults): string[] {
  const rows: string[] = [];
  for (const s of results.students) {
    for (const f of s.flags) rows.push(`| ${who(s.student)} | – | – | ${md(f.message)} |`);
    const reports = [...[...s.labs.values()].flatMap((e) => [e.kept, ...e.others]), ...s.ungraded];
    for (const r of reports) for (const f of r.flags) rows.push(`| ${who(s.student)} | ${md(r.lab?.lab.id ?? r.report?.lab.id ?? '?')} | ${code(r.file)} | ${md(f.message)} |`);
  }
  if (rows.length === 0) return ['No flags: every report replayed to the score it claimed, under its own student\'s seed, for the current version of its lab.', ''];
  const byCode = new Map<FlagCode, number>();
  const all: Flag[] = [...results.students.flatMap((s) => s.flags), ...results.reports.filter((r) => r.student).flatMap((r) => r.flags)];
  for (const f of all) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  const order = Object.keys(FLAG_MEANINGS);
  return [
    ...[...byCode].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([c, n]) => `- **${c}** × ${n}: ${FLAG_MEANINGS[c]}`),
    '',
    '| Student | Lab | File | Flag |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

function goalRow(g: GoalResult): string {
  const hint = g.hintsShown > 0 ? ` (${plural(g.hintsShown, 'hint')}, ${g.hintCost === 0 ? 'free' : `−${fmt(g.hintCost)}`})` : '';
  return `| ${g.met ? '✓ met' : '✗ not met'} | ${md(g.id)}: ${md(g.text)} | ${fmt(g.earned)} / ${fmt(g.points)}${hint} | ${md(g.detail)} |`;
}

function reportLine(r: GradedReport): string {
  const s = r.score;
  const hints = s ? s.goals.reduce((n, g) => n + g.hintsShown, 0) : 0;
  const saved = r.report ? `, saved ${md(r.report.savedAt)}` : '';
  return `File ${code(r.file)}${saved}: ${r.entries} log ${r.entries === 1 ? 'entry' : 'entries'}, ${plural(r.steps, 'step')} replayed, ${hints === 0 ? 'no hints' : `${plural(hints, 'hint')} shown`}.`;
}

function flagLines(flags: readonly Flag[]): string[] {
  return flags.length === 0 ? ['Flags: none.'] : ['Flags:', '', ...flags.map((f) => `- ${md(f.message)}`)];
}

function labSection(e: LabEntry): string[] {
  const s = e.kept.score!;
  const out = [
    `#### ${md(e.lab.lab.title)} [${md(e.lab.lab.id)}]: ${fmt(s.earned)} / ${fmt(s.possible)} (${percent(s.earned, s.possible)})`,
    '',
    reportLine(e.kept),
    '',
    '| | Goal | Points | The engine says |',
    '|---|---|---|---|',
    ...s.goals.map(goalRow),
    '',
    ...flagLines(e.kept.flags),
    '',
  ];
  if (e.others.length > 0) {
    out.push('Also handed in, not counted (the best recomputed score counts):', '');
    for (const o of e.others) {
      const sc = o.score ? `${fmt(o.score.earned)} / ${fmt(o.score.possible)}` : 'not graded';
      out.push(`- ${code(o.file)}${o.report ? `, saved ${md(o.report.savedAt)}` : ''}: ${sc}${o.flags.length > 0 ? `; flags: ${o.flags.map((f) => md(f.message)).join('; ')}` : ''}`);
    }
    out.push('');
  }
  return out;
}

function studentSection(s: StudentResult, results: ClassResults): string[] {
  const out = [`### ${who(s.student)}`, ''];
  if (s.flags.length > 0) out.push(...s.flags.map((f) => `- ${md(f.message)}`), '');
  for (const lab of results.labs) {
    const e = s.labs.get(lab.lab.id);
    if (e) out.push(...labSection(e));
  }
  for (const r of s.ungraded) {
    out.push(`#### ${md(r.report?.lab.title ?? '?')} [${md(r.report?.lab.id ?? '?')}]: not graded`, '', reportLine(r), '', ...flagLines(r.flags), '');
  }
  return out;
}

export function summaryMarkdown(results: ClassResults, when: Date = new Date()): string {
  const c = counts(results);
  const out = [
    '# Lab grades',
    '',
    `${plural(c.files, 'file')} read: ${plural(c.reports, 'report')} from ${plural(c.students, 'student')}, ${plural(results.labs.length, 'lab')}. ` +
      `${c.flaggedReports === 0 ? 'No report flagged' : `${plural(c.flaggedReports, 'report')} flagged (${plural(c.flaggedStudents, 'student')})`}` +
      `${c.unattached > 0 ? `; ${plural(c.unattached, 'file')} could not be graded` : ''}.`,
    '',
    `Graded ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC with engine version ${ENGINE_VERSION}. Every score below is recomputed by replaying the student's log; the score the browser showed is only compared.`,
    '',
  ];
  if (results.labs.length > 0) {
    out.push('| Lab | Version | Out of | Students | Average |', '|---|---|---|---|---|');
    for (const lab of results.labs) {
      const kept = results.students.flatMap((s) => s.labs.get(lab.lab.id)?.kept.score ?? []);
      const avg = kept.reduce((n, s) => n + s.earned, 0) / kept.length;
      out.push(`| ${md(lab.lab.title)} [${md(lab.lab.id)}] | ${lab.hash.slice(0, 8)} | ${fmt(labPossible(lab))} | ${kept.length} | ${fmt(avg)} (${percent(avg, labPossible(lab))}) |`);
    }
    out.push('');
  }
  out.push('## Flags', '', ...flagTable(results));
  if (results.unattached.length > 0) {
    out.push('## Files that could not be graded', '', 'These files have no row in the gradebook.', '');
    for (const r of results.unattached) out.push(`- ${code(r.file)}${r.looksLike ? ` (seems to be from ${md(r.looksLike)})` : ''}: ${md(r.flags.map((f) => f.message).join('; '))}`);
    out.push('');
  }
  if (results.brokenLabs.size > 0) {
    out.push('## Lab files that do not compile', '');
    for (const [id, msg] of results.brokenLabs) out.push(`- ${md(id)}: ${md(msg)}`);
    out.push('');
  }
  out.push('## Students', '');
  for (const s of results.students) out.push(...studentSection(s, results));
  return out.join('\n');
}
