/**
 * Two students, one log (SPEC R8): reports for the same lab whose entries are the same in the
 * same order, times ignored, are flagged, each naming the others. Left alone: logs without a
 * single simulator step (two students who did nothing have not copied each other), and two
 * students with the same variables whose steps are exactly the worked solution, hints aside (the
 * shortest honest log: with 20 possible ports, many students share one and do just that).
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

const sameVars = (a: GradedReport, b: GradedReport): boolean => a.vars !== null && b.vars !== null && canonical(a.vars) === canonical(b.vars);

const MAX_NAMES = 6;
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
      for (const o of group) {
        if (o.student!.key === g.student!.key || others.has(o.student!.key)) continue;
        if (g.isSolution && o.isSolution && sameVars(g, o)) continue;
        others.set(o.student!.key, o);
      }
      const list = [...others.values()];
      if (list.length === 0) continue;
      const steps = g.report!.log.filter(isStep).length;
      const same = list.filter((o) => sameVars(g, o)).length;
      const differ = g.vars !== null && list.every((o) => o.vars !== null && !sameVars(g, o));
      const why = same === list.length ? '; their variables are the same, so a short log can match by coincidence' : differ ? ', although their variables differ' : '';
      const names = list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).map(who).join(', ')} and ${list.length - MAX_NAMES} more` : list.map(who).join(', ');
      g.flags.push(flag('identical-log', `the same log (${steps} step${steps === 1 ? '' : 's'}, times ignored) as ${names}${why}`));
    }
  }
}
