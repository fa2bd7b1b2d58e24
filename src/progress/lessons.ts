import { isRecord, readSlice, writeSlice, type Slice } from './store';

/** Lesson id → ISO date-time when the student finished reading it. */
export type LessonsRead = Record<string, string>;

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const lessonsSlice: Slice<LessonsRead> = {
  key: 'lessons',
  version: 1,
  empty: () => ({}),
  check: (data) => {
    if (!isRecord(data)) return 'expected a mapping of lesson ids';
    const out: LessonsRead = {};
    for (const [id, at] of Object.entries(data)) {
      if (!ID.test(id)) return `"${id.slice(0, 40)}" is not a lesson id`;
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return `lesson "${id}" has no valid date`;
      out[id] = at;
    }
    return out;
  },
};

export const readLessons = (): LessonsRead => readSlice(lessonsSlice);

export const isLessonRead = (read: LessonsRead, id: string): boolean => Object.prototype.hasOwnProperty.call(read, id);

/** Marks a lesson read or not; returns what is saved afterwards (unchanged when the browser refuses to store). */
export function setLessonRead(id: string, read: boolean, now: Date = new Date()): LessonsRead {
  const current = readLessons();
  const next = { ...current };
  if (read) next[id] = current[id] ?? now.toISOString();
  else delete next[id];
  return writeSlice(lessonsSlice, next) ? next : current;
}
