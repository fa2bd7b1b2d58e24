import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "type-1-hypervisor"');

/** One entry of `content/glossary.yaml`. */
export const glossaryEntrySchema = z.strictObject({
  /** Used by `<Term id="…">` in lessons and as the anchor on the glossary page. */
  id: slug,
  term: z.string().trim().min(1),
  /** Other names for the same thing; listed and searchable. */
  aka: z.array(z.string().trim().min(1)).default([]),
  /** One or two plain sentences (no markdown): shown in the tooltip and on the glossary page. */
  definition: z.string().trim().min(10).max(600),
  /** Ids of related entries; each must exist. */
  related: z.array(slug).default([]),
});

export const glossarySchema = z.array(glossaryEntrySchema).min(1);

export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;
