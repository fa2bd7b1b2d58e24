import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { glossaryEntrySchema } from './schemas/glossary';
import { lessonSchema } from './schemas/lesson';

/** Content lives at the top level (`content/`), apart from code, so instructors edit one folder. */
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

const glossary = defineCollection({
  loader: file('content/glossary.yaml'),
  schema: glossaryEntrySchema,
});

export const collections = { lessons, glossary };
