import { formatIssue, type Issue, validate } from '../sim/core';
import type { z } from 'zod';
import type { GlossaryEntry } from './glossary';

/**
 * Validate content data against a schema and return messages in the project's format
 * (`content/lessons/x.mdx › week: expected number, got "one"`), or [] when valid.
 * Used by unit tests to pin messages and by build-time loaders for content Astro does not load.
 */
export function contentErrors(schema: z.ZodType, data: unknown, file: string): string[] {
  const r = validate(schema, data);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i, file));
}

/** Cross-entry rules zod cannot see: unique ids, related ids that exist. */
export function glossaryIssues(entries: readonly GlossaryEntry[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined) issues.push({ path: [i, 'id'], message: `duplicate id "${e.id}" (also at [${first}])` });
    else seen.set(e.id, i);
  });
  entries.forEach((e, i) =>
    e.related.forEach((r, j) => {
      if (!seen.has(r)) issues.push({ path: [i, 'related', j], message: `unknown glossary id "${r}"` });
    }),
  );
  return issues;
}

/** The `<Term id="…">` ids a lesson body uses, in order of first use. */
export function termIdsIn(body: string): string[] {
  const ids: string[] = [];
  for (const m of body.matchAll(/<Term\s+id=["']([^"']+)["']/g)) if (!ids.includes(m[1]!)) ids.push(m[1]!);
  return ids;
}

/**
 * Lessons (or labs) in a week that `content/course.yaml` does not plan. The course home lists them
 * under the weeks of that plan, so they would silently vanish from it: one message per file.
 */
export function unplannedWeekMessages(items: readonly { file: string; week: number }[], planned: readonly number[]): string[] {
  const weeks = planned.length > 0 ? `it plans weeks ${planned.join(', ')}` : 'it plans no weeks';
  return items
    .filter((item) => !planned.includes(item.week))
    .map((item) =>
      formatIssue(
        {
          path: ['week'],
          message: `week ${item.week} is not in the weekly plan of content/course.yaml (${weeks}), so the course home would not list this`,
          hint: `Add "- { week: ${item.week}, title: … }" to weeks in content/course.yaml, or move this to a planned week`,
        },
        item.file,
      ),
    );
}

/** Two lessons in the same week with the same `order` would swap places at random: name both files. */
export function lessonSlotMessages(items: readonly { file: string; week: number; order: number }[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const item of items) {
    const key = `${item.week}/${item.order}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, item.file);
    else
      out.push(
        formatIssue(
          { path: ['order'], message: `${first} is also week ${item.week}, order ${item.order}, so the two would share one place in the reading order`, hint: 'Give one of them another order (1 = first in the week)' },
          item.file,
        ),
      );
  }
  return out;
}

/** A week listed twice in content/course.yaml: the course home would show it twice. */
export function courseWeekIssues(weeks: readonly { week: number }[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<number, number>();
  weeks.forEach((w, i) => {
    const first = seen.get(w.week);
    if (first === undefined) seen.set(w.week, i);
    else issues.push({ path: ['weeks', i, 'week'], message: `week ${w.week} is listed twice (also at weeks[${first}])`, hint: 'Merge the two entries, or fix the week number' });
  });
  return issues;
}

/** The components a lesson embeds whose `id` prefixes the element ids of the page. */
const WIDGETS = ['NetworkLab', 'SizingCalculator', 'SnapshotSandbox', 'Lab'];

/** Line of an offset in a text, from 1. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * Two widgets with the same `id` on one page would share element ids (labels, live regions, saved
 * state): one message per repeated id, naming both tags and their lines.
 */
export function duplicateWidgetIdIssues(body: string): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, { tag: string; line: number }>();
  const tags = new RegExp(`<(${WIDGETS.join('|')})\\b((?:[^>"'{]|"[^"]*"|'[^']*'|\\{[^}]*\\})*)>`, 'g');
  for (const m of body.matchAll(tags)) {
    const id = /\sid=(?:"([^"]*)"|'([^']*)'|\{\s*["']([^"']*)["']\s*\})/.exec(m[2]!);
    const value = id?.[1] ?? id?.[2] ?? id?.[3];
    if (value === undefined) continue;
    const here = { tag: m[1]!, line: lineAt(body, m.index) };
    const first = seen.get(value);
    if (first === undefined) seen.set(value, here);
    else
      issues.push({
        path: [],
        message: `<${here.tag} id="${value}"> at line ${here.line} has the same id as <${first.tag} id="${value}"> at line ${first.line}; the two would share element ids and saved state`,
        hint: 'Give each widget on a page its own id',
      });
  }
  return issues;
}
