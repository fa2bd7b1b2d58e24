/**
 * Every hand-in → class results: each report graded on its own (R1–R7), then the checks that
 * need them all (identical logs, R8), then one result per student (R9). No file system here.
 */
import { byStudent } from './by-student';
import { gradeReport } from './grade-report';
import { flagIdenticalLogs } from './identical-logs';
import type { LabCatalog } from './load-labs';
import type { ClassResults, HandIn } from './types';

export function gradeAll(handIns: readonly HandIn[], catalog: LabCatalog): ClassResults {
  const reports = handIns.map((h) => gradeReport(h, catalog));
  flagIdenticalLogs(reports);
  const students = byStudent(reports);
  const used = new Set<string>();
  for (const s of students) for (const id of s.labs.keys()) used.add(id);
  const labs = [...catalog.labs.values()]
    .filter((l) => used.has(l.lab.id))
    .sort((a, b) => a.lab.week - b.lab.week || a.lab.id.localeCompare(b.lab.id));
  return { reports, students, unattached: reports.filter((r) => !r.student), labs, brokenLabs: catalog.broken };
}
