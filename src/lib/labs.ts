import { compileLab } from '../lab/compile';
import type { CompiledLab } from '../lab/schema';
import { unplannedWeekMessages } from '../schemas/check';
import { loadContent, loadCourse, type Lesson } from './content';
import { ContentError } from './content-error';
import { url } from './urls';

/** Every lab file and every simulator preset, as text, at build time. */
const labFiles = import.meta.glob<string>('/labs/*.yaml', { query: '?raw', import: 'default', eager: true });
const presetFiles = import.meta.glob<string>('/content/scenarios/**/*.yaml', { query: '?raw', import: 'default', eager: true });

export interface CourseLab {
  compiled: CompiledLab;
  lesson: Lesson | null;
}

export const labUrl = (id: string): string => url(`labs/${id}/`);

let cache: Promise<CourseLab[]> | undefined;

/**
 * Every lab in `labs/*.yaml`, compiled (validated, preset resolved, tried on sample seeds), in week
 * order. A mistake fails the build naming the file, the field and a fix; so does a week that
 * content/course.yaml does not plan (the course home lists labs by that plan). Drafts only in dev.
 */
export function loadLabs(): Promise<CourseLab[]> {
  cache ??= (async () => {
    const { lessons } = await loadContent();
    const sources = {
      preset: (simulator: string, name: string) => presetFiles[`/content/scenarios/${simulator}/${name}.yaml`],
      presetNames: (simulator: string) =>
        Object.keys(presetFiles)
          .filter((f) => f.startsWith(`/content/scenarios/${simulator}/`))
          .map((f) => f.slice(`/content/scenarios/${simulator}/`.length, -'.yaml'.length)),
      lessons: lessons.map((l) => l.id),
    };
    const out: CourseLab[] = [];
    const weeks: { file: string; week: number }[] = [];
    for (const [path, text] of Object.entries(labFiles)) {
      const source = path.slice(1);
      const r = compileLab(source, text, sources);
      if (!r.ok) throw ContentError.of(r.issues, source);
      if (r.value.lab.draft && !import.meta.env.DEV) continue;
      out.push({ compiled: r.value, lesson: lessons.find((l) => l.id === r.value.lab.lesson) ?? null });
      weeks.push({ file: source, week: r.value.lab.week });
    }
    const unplanned = unplannedWeekMessages(weeks, loadCourse().weeks.map((w) => w.week));
    if (unplanned.length > 0) throw new ContentError(unplanned);
    return out.sort((a, b) => a.compiled.lab.week - b.compiled.lab.week || a.compiled.lab.id.localeCompare(b.compiled.lab.id));
  })();
  return cache;
}

export { clientLab } from '../lab/client-lab';
