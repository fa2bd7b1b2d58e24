/**
 * A hand-in file → a lab report, or the reason it is not one (SPEC R1, R2). Never throws.
 */
import { formatIssue } from '../../sim/core/issues';
import { validate } from '../../sim/core/validate';
import type { LabReport } from '../report';
import { reportSchema } from '../report-schema';
import { flag, type Flag } from './flags';

export type Parsed = { ok: true; report: LabReport } | { ok: false; flag: Flag; /** Whatever identity the file shows, for the list of files not graded. */ looksLike: string | null };

const MAX_ISSUES = 3;

function looksLike(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const s = (data as { student?: unknown }).student;
  if (s === null || typeof s !== 'object') return null;
  const { id, name } = s as { id?: unknown; name?: unknown };
  const parts = [typeof name === 'string' ? name.trim() : '', typeof id === 'string' ? `(${id.trim()})` : ''].filter((p) => p && p !== '()');
  return parts.length > 0 ? parts.join(' ').slice(0, 120) : null;
}

export function parseReport(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, flag: flag('unreadable', `unreadable: ${(e as Error).message}`), looksLike: null };
  }
  const v = validate(reportSchema, data);
  if (!v.ok) {
    const shown = v.issues.slice(0, MAX_ISSUES).map((i) => formatIssue(i)).join('; ');
    const more = v.issues.length > MAX_ISSUES ? ` (and ${v.issues.length - MAX_ISSUES} more)` : '';
    return { ok: false, flag: flag('invalid', `not a valid lab report: ${shown}${more}`), looksLike: looksLike(data) };
  }
  return { ok: true, report: v.value as LabReport };
}
