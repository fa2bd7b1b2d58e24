/**
 * What a student has done across the course, for the course home and the progress page: how many
 * quizzes passed, labs complete and lessons read, and where to continue. Pure: it takes the saved
 * slices and the course's catalogue (built into the page), so tests run it without a browser.
 */
import { bestLabScore, labRecord, type LabsProgress } from './labs';
import { isLessonRead, type LessonsRead } from './lessons';
import { passed, quizRecord, type QuizzesProgress } from './quizzes';

export interface CatalogItem {
  id: string;
  title: string;
  href: string;
}

/** Everything the summary counts, in course order (written into the page at build time). */
export interface Catalog {
  quizzes: (CatalogItem & { pass: number })[];
  labs: CatalogItem[];
  lessons: CatalogItem[];
}

export interface Resume {
  kind: 'quiz' | 'lab' | 'lesson';
  title: string;
  href: string;
  /** in-progress: touched and not finished (the most recent such); next: the first lesson not read yet. */
  reason: 'in-progress' | 'next';
  /** ISO date-time of the last change (in-progress only). */
  at?: string;
}

export interface ProgressSummary {
  quizzes: { passed: number; taken: number; total: number };
  labs: { complete: number; started: number; total: number };
  lessons: { read: number; total: number };
  resume: Resume | null;
}

const time = (iso: string | undefined): number => {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
};

export function summarize(catalog: Catalog, quizzes: QuizzesProgress, labs: LabsProgress, lessons: LessonsRead): ProgressSummary {
  const open: Resume[] = [];
  let quizzesPassed = 0;
  let quizzesTaken = 0;
  for (const q of catalog.quizzes) {
    const rec = Object.hasOwn(quizzes, q.id) ? quizRecord(quizzes, q.id) : null;
    if (!rec) continue;
    const didPass = rec.history.some((a) => passed(a, q.pass));
    if (rec.history.length > 0) quizzesTaken++;
    if (didPass) {
      quizzesPassed++;
      continue;
    }
    const c = rec.current;
    const worked = rec.history.length > 0 || (c !== null && (Object.keys(c.responses).length > 0 || Object.keys(c.tries ?? {}).length > 0));
    if (!worked) continue;
    const at = [c?.at, rec.history.at(-1)?.at].reduce<string | undefined>((a, b) => (time(b) > time(a) ? b : a), undefined);
    open.push({ kind: 'quiz', title: q.title, href: q.href, reason: 'in-progress', ...(at ? { at } : {}) });
  }
  let labsComplete = 0;
  let labsStarted = 0;
  for (const l of catalog.labs) {
    const rec = labRecord(labs, l.id);
    if (!rec || (rec.log.length === 0 && rec.attempts.length === 0)) continue;
    labsStarted++;
    const best = bestLabScore(rec);
    if (best && best.possible > 0 && best.earned >= best.possible) {
      labsComplete++;
      continue;
    }
    open.push({ kind: 'lab', title: l.title, href: l.href, reason: 'in-progress', at: rec.current?.at ?? rec.startedAt });
  }
  const read = catalog.lessons.filter((l) => isLessonRead(lessons, l.id)).length;
  const latest = open.reduce<Resume | null>((best, r) => (best === null || time(r.at) > time(best.at) ? r : best), null);
  const next = catalog.lessons.find((l) => !isLessonRead(lessons, l.id));
  return {
    quizzes: { passed: quizzesPassed, taken: quizzesTaken, total: catalog.quizzes.length },
    labs: { complete: labsComplete, started: labsStarted, total: catalog.labs.length },
    lessons: { read, total: catalog.lessons.length },
    resume: latest ?? (next ? { kind: 'lesson', title: next.title, href: next.href, reason: 'next' } : null),
  };
}

const count = (n: number, total: number, one: string, many: string, verb: string) => `${n} of ${total} ${total === 1 ? one : many} ${verb}`;

/** "2 of 5 quizzes passed", "1 of 9 labs complete", "3 of 5 lessons read". */
export const summaryLines = (s: ProgressSummary): string[] => [
  count(s.lessons.read, s.lessons.total, 'lesson', 'lessons', 'read'),
  count(s.quizzes.passed, s.quizzes.total, 'quiz', 'quizzes', 'passed'),
  count(s.labs.complete, s.labs.total, 'lab', 'labs', 'complete'),
];
