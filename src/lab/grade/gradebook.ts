/**
 * The gradebook files (SPEC R10, R11). `gradebook.csv`: one row per student, `Student ID`,
 * `Name`, one column per lab with the recomputed points, `Flags`; Moodle's "Import grades from
 * CSV" takes it as it is. `gradebook-canvas.csv`: the same points in the layout of a Canvas
 * gradebook export (`Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`, then a
 * "Points Possible" row), which is what Canvas's gradebook import reads.
 */
import type { CompiledLab } from '../schema';
import { csvText, numberCell, textCell } from './csv';
import { fmt } from './grade-report';
import { labPossible } from './load-labs';
import type { ClassResults, StudentResult } from './types';

export const labColumn = (lab: CompiledLab): string => `${lab.lab.title} [${lab.lab.id}] (out of ${fmt(labPossible(lab))})`;

const earned = (s: StudentResult, lab: CompiledLab): number | null => s.labs.get(lab.lab.id)?.kept.score?.earned ?? null;

export const GRADEBOOK_ID_COLUMNS = ['Student ID', 'Name'] as const;

export function gradebookCsv(results: ClassResults): string {
  const header = [...GRADEBOOK_ID_COLUMNS, ...results.labs.map(labColumn), 'Flags'].map(textCell);
  const rows = results.students.map((s) => [textCell(s.student.id), textCell(s.student.name), ...results.labs.map((l) => numberCell(earned(s, l))), numberCell(s.flagCount)]);
  return csvText([header, ...rows]);
}

export const CANVAS_ID_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

/**
 * Canvas matches a row by its Canvas `ID`, then `SIS User ID`, then `SIS Login ID`, then by
 * name: the student id goes in both SIS columns, so it matches whichever one students typed.
 * No Flags column (Canvas would make it an assignment).
 */
export function canvasCsv(results: ClassResults): string {
  const header = [...CANVAS_ID_COLUMNS, ...results.labs.map(labColumn)].map(textCell);
  const points = ['Points Possible', '', '', '', '', ...results.labs.map((l) => numberCell(labPossible(l)))];
  const rows = results.students.map((s) => [textCell(s.student.name), '', textCell(s.student.id), textCell(s.student.id), '', ...results.labs.map((l) => numberCell(earned(s, l)))]);
  return csvText([header, points, ...rows]);
}
