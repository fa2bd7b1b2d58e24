/**
 * Two students, one log (SPEC R8): reports for the same lab whose entries are the same in the
 * same order, times ignored, are flagged, each naming the others. Logs without a single
 * simulator step are left alone (two students who did nothing have not copied each other).
 */
import { isStep, type LogEntry } from '../log';
import { flag } from './flags';
import type { GradedReport } from './types';

/** JSON with sorted keys, so the same entry written in another key order is still the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The log without its times: what two copies have in common. */
export function logKey(log: readonly LogEntry[]): string {
  return canonical(log.map(({ t: _t, ...rest }) => rest));
}

const who = (g: GradedReport): string => `${g.student!.name || '(no name)'} (${g.student!.id})`;

export function flagIdenticalLogs(reports: readonly GradedReport[]): void {
  const groups = new Map<string, GradedReport[]>();
  for (const g of reports) {
    if (!g.report || !g.student || !g.lab || !g.report.log.some(isStep)) continue;
    const key = `${g.lab.lab.id}\u0000${logKey(g.report.log)}`;
    const group = groups.get(key);
    if (group) group.push(g);
    else groups.set(key, [g]);
  }
  for (const group of groups.values()) {
    if (new Set(group.map((g) => g.student!.key)).size < 2) continue;
    for (const g of group) {
      const others = new Map<string, GradedReport>();
      for (const o of group) if (o.student!.key !== g.student!.key && !others.has(o.student!.key)) others.set(o.student!.key, o);
      const list = [...others.values()];
      const steps = g.report!.log.filter(isStep).length;
      const known = g.vars !== null && list.every((o) => o.vars !== null);
      const sameVars = known && list.every((o) => canonical(o.vars) === canonical(g.vars));
      const why = !known ? '' : sameVars ? '; their variables are the same, so a short log can match by coincidence' : ', although their variables differ';
      g.flags.push(flag('identical-log', `the same log (${steps} step${steps === 1 ? '' : 's'}, times ignored) as ${list.map(who).join(', ')}${why}`));
    }
  }
}
