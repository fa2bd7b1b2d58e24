/**
 * Reports → one result per student (SPEC R9). A student is their id, trimmed and lower-cased.
 * Of several reports for one lab the best recomputed score counts; the others are kept as notes.
 */
import { normalizeStudentId } from '../variables';
import { flag } from './flags';
import type { GradedReport, Student, StudentResult } from './types';

/** Higher recomputed score first; then fewer flags; then the later save; then file order. */
function better(a: GradedReport, b: GradedReport): boolean {
  const sa = a.score?.earned ?? -Infinity;
  const sb = b.score?.earned ?? -Infinity;
  if (sa !== sb) return sa > sb;
  if (a.flags.length !== b.flags.length) return a.flags.length < b.flags.length;
  return (a.report?.savedAt ?? '') > (b.report?.savedAt ?? '');
}

const sameName = (n: string): string => n.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

export function byStudent(reports: readonly GradedReport[]): StudentResult[] {
  const mine = new Map<string, GradedReport[]>();
  for (const g of reports) {
    if (!g.student) continue;
    const list = mine.get(g.student.key);
    if (list) list.push(g);
    else mine.set(g.student.key, [g]);
  }
  const out: StudentResult[] = [];
  for (const list of mine.values()) {
    // The latest report names the student (of two saved at the same moment, the later file).
    const latest = list.reduce((a, b) => ((b.report?.savedAt ?? '') >= (a.report?.savedAt ?? '') ? b : a));
    const student: Student = { ...latest.student!, key: normalizeStudentId(latest.student!.id) };
    const result: StudentResult = { student, labs: new Map(), ungraded: [], flags: [], flagCount: 0 };
    for (const g of list) {
      if (!g.lab || !g.score) {
        result.ungraded.push(g);
        continue;
      }
      const entry = result.labs.get(g.lab.lab.id);
      if (!entry) result.labs.set(g.lab.lab.id, { lab: g.lab, kept: g, others: [] });
      else if (better(g, entry.kept)) {
        entry.others.push(entry.kept);
        entry.kept = g;
      } else entry.others.push(g);
    }
    const names = new Map<string, string>();
    for (const g of list) if (g.student!.name && !names.has(sameName(g.student!.name))) names.set(sameName(g.student!.name), g.student!.name);
    if (names.size > 1) {
      const shown = [...names.values()].map((n) => `"${n}"`);
      result.flags.push(flag('name-differs', `the student id "${student.id}" was handed in under different names: ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`));
    }
    result.flagCount = result.flags.length + list.reduce((n, g) => n + g.flags.length, 0);
    out.push(result);
  }
  return out.sort((a, b) => a.student.name.localeCompare(b.student.name, 'en') || a.student.id.localeCompare(b.student.id, 'en'));
}
