import { getCollection, type CollectionEntry } from 'astro:content';
import courseText from '../../content/course.yaml?raw';
import { knownList, closest, parseScenario } from '../sim/core';
import { courseSchema, type Course } from '../schemas/course';
import { glossaryIssues, termIdsIn, unplannedWeekMessages } from '../schemas/check';
import type { GlossaryEntry } from '../schemas/glossary';
import { ContentError } from './content-error';
import { visibleLessons } from './lesson-order';
import { readingMinutes } from './reading-time';

export type Lesson = CollectionEntry<'lessons'> & { minutes: number; terms: string[] };

let cache: Promise<{ lessons: Lesson[]; glossary: GlossaryEntry[] }> | undefined;

/**
 * Lessons in reading order (drafts only in dev) and the glossary, cross-checked: every `<Term id>`
 * a lesson uses must exist, glossary ids are unique, and every lesson's week is in the weekly plan of
 * content/course.yaml (the course home lists lessons by that plan). Fails the build with file + what to fix.
 */
export function loadContent(): Promise<{ lessons: Lesson[]; glossary: GlossaryEntry[] }> {
  cache ??= (async () => {
    const glossary = (await getCollection('glossary')).map((e) => e.data);
    const gIssues = glossaryIssues(glossary);
    if (gIssues.length > 0) throw ContentError.of(gIssues, 'content/glossary.yaml');
    const known = glossary.map((g) => g.id);
    const lessons = visibleLessons(await getCollection('lessons'), import.meta.env.DEV).map((entry) => {
      const body = entry.body ?? '';
      const terms = termIdsIn(body);
      const unknown = terms.filter((t) => !known.includes(t));
      if (unknown.length > 0) {
        const issues = unknown.map((t) => {
          const guess = closest(t, known);
          return { path: [], message: `<Term id="${t}"> is not in content/glossary.yaml`, hint: guess ? `Did you mean "${guess}"?` : `Add it to the glossary ${knownList(known, 5)}` };
        });
        throw ContentError.of(issues, `content/lessons/${entry.id}.mdx`);
      }
      return Object.assign(entry, { minutes: readingMinutes(body), terms });
    });
    const unplanned = unplannedWeekMessages(
      lessons.map((l) => ({ file: l.filePath ?? `content/lessons/${l.id}.mdx`, week: l.data.week })),
      loadCourse().weeks.map((w) => w.week),
    );
    if (unplanned.length > 0) throw new ContentError(unplanned);
    return { lessons, glossary };
  })();
  return cache;
}

let course: Course | undefined;

/**
 * content/course.yaml, parsed and validated once per build (every page's layout and every lesson
 * asks for it; in dev, editing the file reloads this module and so the cache). Callers share the
 * object and must not change it.
 */
export function loadCourse(): Course {
  if (course) return course;
  const r = parseScenario(courseText, courseSchema);
  if (!r.ok) throw ContentError.of(r.issues, 'content/course.yaml');
  course = r.value;
  return course;
}
