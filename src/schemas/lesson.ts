import { z } from 'zod';
import { calendarDate } from './date';

/**
 * Lesson frontmatter (`content/lessons/*.mdx`). Strict: a misspelt field is an error, not silently
 * ignored. Reading time is not here on purpose: it is computed from the text.
 */
export const lessonSchema = z.strictObject({
  /** Shown as the page heading, in the sidebar and on the course home. */
  title: z.string().trim().min(1).max(120),
  /** Teaching week the lesson belongs to; the sidebar groups lessons by it. */
  week: z.number().int().min(1).max(52),
  /** Position within the week (1 = first). */
  order: z.number().int().min(1).max(99),
  /** One or two sentences for the course home card and search results. */
  summary: z.string().trim().min(20).max(320),
  /** What a student can do after the lesson; shown in the objectives box. */
  objectives: z.array(z.string().trim().min(1)).min(2).max(8),
  /** Date of the last content change, `YYYY-MM-DD`. */
  updated: calendarDate,
  /** Drafts are shown by `astro dev` but left out of the production build. */
  draft: z.boolean().default(false),
});

export type LessonFrontmatter = z.output<typeof lessonSchema>;
