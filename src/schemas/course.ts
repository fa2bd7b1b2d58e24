import { z } from 'zod';
import { DEFAULT_DATE_LOCALE, isDateLocale } from '../lib/dates';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lowercase letters, digits and dashes');
const activitySchema = z.union([
  z.string().trim().min(1),
  z.strictObject({ lab: id }),
  z.strictObject({ quiz: id }),
  z.strictObject({ lesson: id }),
]);
export type Activity = z.output<typeof activitySchema>;

/** `content/course.yaml`: what the course home shows above the lesson cards. */
export const courseSchema = z.strictObject({
  code: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(120),
  /** e.g. "Autumn 2026". */
  term: z.string().trim().min(1).max(40),
  institution: z.string().trim().min(1).optional(),
  description: z.string().trim().min(1).max(600),
  /** How dates are written across the site, as a BCP 47 locale: en-GB (the default) writes "5 December 2026". */
  locale: z
    .string()
    .trim()
    .refine(isDateLocale, { error: 'must be a locale the browser knows, like en-GB, en-US, de-DE or et-EE' })
    .default(DEFAULT_DATE_LOCALE),
  /** The weekly plan; lessons are attached to weeks by their `week` field. */
  weeks: z
    .array(
      z.strictObject({
        week: z.number().int().min(1).max(52),
        title: z.string().trim().min(1),
        /**
         * What happens that week besides reading: free text ("Course reflection"), or a link by id to a
         * lab (`{ lab: expose-web-nat }`), a quiz (`{ quiz: quiz-virtual-networking }`) or a lesson.
         * Labs of the week that are not listed here are added after the list.
         */
        activities: z.array(activitySchema).default([]),
      }),
    )
    .min(1),
});

export type Course = z.output<typeof courseSchema>;
