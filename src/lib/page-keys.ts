/**
 * The lesson pages' keys for Astro's incremental build, and what the page cache integration
 * (src/integrations/page-cache.ts, Node) hands the pages (src/lib/page-cache-key.ts, in Astro's
 * bundle) in the same process. No Astro imports here, so the unit tests can load it.
 */
import { createHash } from 'node:crypto';

export interface PageCacheState {
  /** This build's stamp, set when the browser build ends; absent when pages must not be kept. */
  stamp?: string;
  /** Astro's incremental build manifest (`<cacheDir>/incremental-build.json`). */
  manifest?: string;
}

const STATE = Symbol.for('course.page-cache');
export const pageCacheState = (): PageCacheState => ((globalThis as { [STATE]?: PageCacheState })[STATE] ??= {});

/** What a lesson page's key is made of besides the build's stamp (src/integrations/page-cache.ts). */
export interface LessonFacts {
  id: string;
  /** The lesson's frontmatter, as the content collection gives it. */
  data: unknown;
  /** Reading minutes and glossary terms, worked out from the text (absent for a draft). */
  minutes?: number;
  terms?: string[];
  body: string;
  /** The lessons this lesson's quiz links into by section: the page shows those sections' headings. */
  linksInto: string[];
}

/**
 * Each lesson page's `cacheKey` for Astro's incremental build: the stamp (browser build, code,
 * config, every other content file); what the pages may show of every lesson (frontmatter, reading
 * minutes, terms); and the page's own lesson (text and frontmatter) with the text of each lesson its
 * quiz links into (for the headings). Editing a lesson's text changes its own key and the keys of
 * the lessons whose quiz links into it, and no other, unless its minutes or terms change.
 */
export function lessonKeys(stamp: string, lessons: LessonFacts[]): Map<string, string> {
  const shared = createHash('sha256').update(stamp).update('\0');
  for (const l of [...lessons].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    shared.update(JSON.stringify([l.id, l.data, l.minutes ?? null, l.terms ?? null])).update('\0');
  }
  const common = shared.digest('hex');
  const byId = new Map(lessons.map((l) => [l.id, l]));
  return new Map(
    lessons.map((l) => {
      const linked = [...new Set(l.linksInto)].sort().map((id) => [id, byId.get(id)?.body ?? null]);
      return [l.id, createHash('sha256').update(common).update('\0').update(JSON.stringify([l.id, l.data, l.body, linked])).digest('hex')];
    }),
  );
}
