import { z } from 'zod';

/** `content/course.yaml`: what the course home shows above the lesson cards. */
export const courseSchema = z.strictObject({
  code: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(120),
  /** e.g. "Autumn 2026". */
  term: z.string().trim().min(1).max(40),
  institution: z.string().trim().min(1).optional(),
  description: z.string().trim().min(1).max(600),
  /** The weekly plan; lessons are attached to weeks by their `week` field. */
  weeks: z
    .array(
      z.strictObject({
        week: z.number().int().min(1).max(52),
        title: z.string().trim().min(1),
        /** What happens that week besides reading (labs, quizzes, deadlines). */
        activities: z.array(z.string().trim().min(1)).default([]),
      }),
    )
    .min(1),
});

export type Course = z.output<typeof courseSchema>;
