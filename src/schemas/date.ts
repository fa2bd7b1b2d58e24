import { z } from 'zod';

const MESSAGE = 'expected a date written as YYYY-MM-DD, e.g. 2026-11-21';

/**
 * A calendar date written `YYYY-MM-DD` that exists: `2026-02-30` and `2026-13-45` are refused rather
 * than shifted to another day (JavaScript's Date rolls them over to 2 March 2026 and 14 February 2027).
 * Astro's own frontmatter parser hands over a Date (already rolled over), so the text is checked by
 * the content check before Astro reads it (src/integrations/content-check.ts); a Date is accepted here.
 */
export const calendarDate = z.union([z.date(), z.string()], { error: MESSAGE }).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) ctx.addIssue({ code: 'custom', message: MESSAGE });
    return value;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    ctx.addIssue({ code: 'custom', message: m ? `${JSON.stringify(value)} is not a day of the calendar (check the month and the day); ${MESSAGE}` : MESSAGE });
    return z.NEVER;
  }
  return date;
});
