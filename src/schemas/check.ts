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
