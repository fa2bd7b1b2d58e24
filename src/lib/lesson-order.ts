/** Minimal shape the ordering needs, so it is testable without Astro. */
export interface Orderable {
  id: string;
  data: { week: number; order: number; title: string; draft: boolean };
}

/** Lessons in reading order: by week, then order, then title (stable for ties). */
export function sortLessons<T extends Orderable>(lessons: readonly T[]): T[] {
  return lessons
    .slice()
    .sort((a, b) => a.data.week - b.data.week || a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

/** Production builds leave drafts out; `astro dev` shows them so authors can preview. */
export function visibleLessons<T extends Orderable>(lessons: readonly T[], includeDrafts: boolean): T[] {
  return sortLessons(includeDrafts ? lessons : lessons.filter((l) => !l.data.draft));
}

export function groupByWeek<T extends Orderable>(lessons: readonly T[]): { week: number; lessons: T[] }[] {
  const groups: { week: number; lessons: T[] }[] = [];
  for (const lesson of sortLessons(lessons)) {
    const last = groups.at(-1);
    if (last && last.week === lesson.data.week) last.lessons.push(lesson);
    else groups.push({ week: lesson.data.week, lessons: [lesson] });
  }
  return groups;
}

/** Previous and next lesson in reading order, for the links at the foot of a lesson. */
export function neighbours<T extends Orderable>(ordered: readonly T[], id: string): { prev?: T; next?: T } {
  const i = ordered.findIndex((l) => l.id === id);
  if (i < 0) return {};
  const out: { prev?: T; next?: T } = {};
  if (i > 0) out.prev = ordered[i - 1]!;
  if (i < ordered.length - 1) out.next = ordered[i + 1]!;
  return out;
}
