import { getCollection } from 'astro:content';
import { rmSync } from 'node:fs';
import { loadContent } from './content';
import { lessonKeys, pageCacheState } from './page-keys';
import { loadQuizzes } from './quizzes';

let keys: Promise<Map<string, string> | undefined> | undefined;

/**
 * The lesson pages' keys for this build, or undefined when pages must all be rendered (no stamp:
 * `astro dev`, `COURSE_BUILD_CACHE=off`). The first call also removes Astro's manifest (Astro has
 * read it by then, and writes a new one when every page is done): a build stopped halfway, after
 * some kept copies were replaced, then leaves no manifest to pair old keys with new copies.
 */
export function lessonCacheKeys(): Promise<Map<string, string> | undefined> {
  keys ??= (async () => {
    const { stamp, manifest } = pageCacheState();
    if (stamp === undefined) return undefined;
    if (manifest) rmSync(manifest, { force: true });
    const [{ lessons }, all, quizzes] = await Promise.all([loadContent(), getCollection('lessons'), loadQuizzes()]);
    const visible = new Map(lessons.map((l) => [l.id, l]));
    return lessonKeys(
      stamp,
      all.map((entry) => {
        const shown = visible.get(entry.id);
        const quiz = quizzes.find((q) => q.lesson.id === entry.id)?.quiz;
        const linksInto = (quiz?.questions ?? []).flatMap((q) => (q.lesson?.anchor ? [q.lesson.lesson] : []));
        return { id: entry.id, data: entry.data, minutes: shown?.minutes, terms: shown?.terms, body: entry.body ?? '', linksInto };
      }),
    );
  })();
  return keys;
}
