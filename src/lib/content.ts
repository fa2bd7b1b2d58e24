import { getCollection, type CollectionEntry } from 'astro:content';
import courseText from '../../content/course.yaml?raw';
import { InputError, formatIssue, knownList, closest, parseScenario } from '../sim/core';
import { courseSchema, type Course } from '../schemas/course';
import { glossaryIssues, termIdsIn } from '../schemas/check';
import type { GlossaryEntry } from '../schemas/glossary';
import { visibleLessons } from './lesson-order';
import { readingMinutes } from './reading-time';

export type Lesson = CollectionEntry<'lessons'> & { minutes: number; terms: string[] };

let cache: Promise<{ lessons: Lesson[]; glossary: GlossaryEntry[] }> | undefined;

/**
 * Lessons in reading order (drafts only in dev) and the glossary, cross-checked: every `<Term id>`
 * a lesson uses must exist, and glossary ids are unique. Fails the build with file + what to fix.
 */
export function loadContent(): Promise<{ lessons: Lesson[]; glossary: GlossaryEntry[] }> {
  cache ??= (async () => {
    const glossary = (await getCollection('glossary')).map((e) => e.data);
    const gIssues = glossaryIssues(glossary);
    if (gIssues.length > 0) throw new InputError(gIssues, 'content/glossary.yaml');
    const known = glossary.map((g) => g.id);
    const lessons = visibleLessons(await getCollection('lessons'), import.meta.env.DEV).map((entry) => {
      const body = entry.body ?? '';
      const terms = termIdsIn(body);
      const unknown = terms.filter((t) => !known.includes(t));
      if (unknown.length > 0) {
        const messages = unknown.map((t) => {
          const guess = closest(t, known);
          return formatIssue(
            { path: [], message: `<Term id="${t}"> is not in content/glossary.yaml`, hint: guess ? `Did you mean "${guess}"?` : `Add it to the glossary ${knownList(known, 5)}` },
            `content/lessons/${entry.id}.mdx`,
          );
        });
        throw new Error(messages.join('\n'));
      }
      return Object.assign(entry, { minutes: readingMinutes(body), terms });
    });
    return { lessons, glossary };
  })();
  return cache;
}

export function loadCourse(): Course {
  const r = parseScenario(courseText, courseSchema);
  if (!r.ok) throw new InputError(r.issues, 'content/course.yaml');
  return r.value;
}
