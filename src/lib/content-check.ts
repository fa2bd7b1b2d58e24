/**
 * Every content file checked from the files themselves, before Astro reads any of them (Node only;
 * run by src/integrations/content-check.ts at the start of `astro build`). Astro's content layer
 * keeps a data store between builds (node_modules/.astro) and, when a file no longer parses, logs one
 * line and goes on with the previous data; its own messages for frontmatter are raw zod output.
 * Checking the text first makes every mistake fail the build the same way, cached or not, with the
 * project's messages: file › field: what is wrong. How to fix it.
 *
 * What is checked here and nowhere else: the glossary (YAML line and column, unique ids naming both),
 * lesson frontmatter (did-you-mean for unknown fields, dates that exist), two lessons in one place of
 * the reading order, weeks listed twice in content/course.yaml, widgets sharing an id on one page, and
 * every preset under content/scenarios/, story under content/stories/, quiz file and lab under labs/,
 * whether or not a page uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, type Issue, type Result } from '../sim/core/issues';
import { closest, knownList } from '../sim/core/suggest';

/*
 * The code that checks each kind of file is imported when a file of that kind is checked: a rebuild
 * whose files were all checked before (src/lib/content-check-cache.ts) loads no schema, engine or lab
 * runner, and one that checks an edited lesson loads only what lessons need.
 */
const lessonCode = async () => ({ ...(await import('../schemas/lesson')), ...(await import('../schemas/check')), ...(await import('../sim/core')) });

/** How each simulator's preset files are read; a folder not listed here is a mistake too. */
const PRESET_LOADERS: Record<string, () => Promise<(text: string) => Result<unknown>>> = {
  network: async () => (await import('../sim/network/scenario')).loadScenario,
  sizing: async () => (await import('../sim/sizing/scenario')).loadScenario,
  snapshots: async () => {
    const [{ labFromText }, { LAB_OPENS_AT }] = await Promise.all([import('../sim/snapshots/scenario/parse'), import('../widgets/snapshots/clock')]);
    return (text) => labFromText(text, { now: LAB_OPENS_AT });
  },
};

/** How the check reads the content: a file's text (undefined when it cannot be read) and a folder's names, sorted. Paths are relative to the project root. */
export interface ContentFiles {
  read(path: string): string | undefined;
  list(dir: string, ext: RegExp): string[];
}

/** The files under `root`. */
export function filesUnder(root: string): ContentFiles {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    list(dir, ext) {
      try {
        return readdirSync(join(root, dir))
          .filter((f) => ext.test(f))
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/** What a part of the check gives: its mistakes, and what later parts need from it. */
export interface PartOutcome {
  errors: string[];
}

/**
 * Runs the check one part at a time (a file, or the glossary): `name` says which, `input` is what the
 * part gets besides the files it reads (lesson ids, glossary ids). src/lib/content-check-cache.ts
 * gives back a part's outcome when its files and input are unchanged; by default every part runs.
 */
export type RunPart = <T extends PartOutcome>(name: string, input: unknown, run: (files: ContentFiles) => Promise<T>) => Promise<T>;

const messages = (issues: readonly Issue[], file: string): string[] => issues.map((i) => formatIssue(i, file));

/**
 * A lesson's frontmatter as YAML text padded with blank lines, so line numbers in YAML errors are
 * the lines of the .mdx file; undefined when the file does not start with a `---` block.
 */
export function frontmatterOf(text: string): string | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(text);
  return m ? `\n${m[1]}` : undefined;
}

/** The glossary's mistakes, and its ids when it could be read (undefined: do not check <Term> ids against it). */
async function checkGlossary(files: ContentFiles): Promise<{ errors: string[]; ids?: string[] }> {
  const [{ glossarySchema }, { glossaryIssues }, { parseScenario }] = await Promise.all([import('../schemas/glossary'), import('../schemas/check'), import('../sim/core')]);
  const file = 'content/glossary.yaml';
  const text = files.read(file);
  if (text === undefined) return { errors: [`${file}: missing (the glossary page and every <Term> need it)`] };
  const r = parseScenario(text, glossarySchema, { suggestKeys: true });
  if (!r.ok) return { errors: messages(r.issues, file) };
  return { errors: messages(glossaryIssues(r.value), file), ids: r.value.map((e) => e.id) };
}

/** `<Term id>`s a lesson uses that the glossary lacks, with the closest id. */
function termIssues(termIdsIn: (body: string) => string[], body: string, glossary: readonly string[]): Issue[] {
  return termIdsIn(body)
    .filter((t) => !glossary.includes(t))
    .map((t) => {
      const guess = closest(t, glossary);
      return { path: [], message: `<Term id="${t}"> is not in content/glossary.yaml`, hint: guess ? `Did you mean "${guess}"?` : `Add it to the glossary ${knownList(glossary, 5)}` };
    });
}

interface LessonFacts {
  file: string;
  week: number;
  order: number;
}

/** One lesson's mistakes, and its place in the reading order unless it is a draft or its frontmatter is wrong. */
async function checkLesson(files: ContentFiles, file: string, glossary: readonly string[] | undefined): Promise<{ errors: string[]; facts?: LessonFacts }> {
  const { lessonSchema, duplicateWidgetIdIssues, termIdsIn, parseScenario } = await lessonCode();
  const text = files.read(file) ?? '';
  const yaml = frontmatterOf(text);
  if (yaml === undefined) return { errors: [`${file}: no frontmatter. Start the file with a block between two "---" lines (title, week, order, summary, objectives, updated)`] };
  const errors: string[] = [];
  const r = parseScenario(yaml, lessonSchema, { suggestKeys: true });
  if (!r.ok) errors.push(...messages(r.issues, file));
  errors.push(...messages([...duplicateWidgetIdIssues(text), ...(glossary ? termIssues(termIdsIn, text, glossary) : [])], file));
  return r.ok && !r.value.draft ? { errors, facts: { file, week: r.value.week, order: r.value.order } } : { errors };
}

async function checkLessons(files: ContentFiles, part: RunPart, glossary: readonly string[] | undefined): Promise<{ errors: string[]; lessons: LessonFacts[] }> {
  const errors: string[] = [];
  const lessons: LessonFacts[] = [];
  for (const name of files.list('content/lessons', /\.mdx?$/)) {
    const file = `content/lessons/${name}`;
    const r = await part(file, glossary ?? null, (f) => checkLesson(f, file, glossary));
    errors.push(...r.errors);
    if (r.facts) lessons.push(r.facts);
  }
  if (lessons.length > 0) errors.push(...(await import('../schemas/check')).lessonSlotMessages(lessons));
  return { errors, lessons };
}

/** The course file's mistakes, and its planned weeks when it could be read. */
async function checkCourse(files: ContentFiles): Promise<{ errors: string[]; weeks?: number[] }> {
  const [{ courseSchema }, { courseWeekIssues }, { parseScenario }] = await Promise.all([import('../schemas/course'), import('../schemas/check'), import('../sim/core')]);
  const file = 'content/course.yaml';
  const text = files.read(file);
  if (text === undefined) return { errors: [`${file}: missing (the course home needs it)`] };
  const r = parseScenario(text, courseSchema, { suggestKeys: true });
  return r.ok ? { errors: messages(courseWeekIssues(r.value.weeks), file), weeks: r.value.weeks.map((w) => w.week) } : { errors: messages(r.issues, file) };
}

async function checkPresets(files: ContentFiles, part: RunPart): Promise<string[]> {
  const errors: string[] = [];
  for (const folder of files.list('content/scenarios', /^[^.]/)) {
    const names = files.list(`content/scenarios/${folder}`, /\.ya?ml$/);
    const load = Object.hasOwn(PRESET_LOADERS, folder) ? PRESET_LOADERS[folder] : undefined;
    if (!load) {
      if (names.length > 0) errors.push(`content/scenarios/${folder}/: no simulator is called "${folder}". Presets go in ${Object.keys(PRESET_LOADERS).map((k) => `content/scenarios/${k}/`).join(', ')}`);
      continue;
    }
    for (const name of names) {
      const file = `content/scenarios/${folder}/${name}`;
      const r = await part(file, null, async (f) => {
        const loaded = (await load())(f.read(file) ?? '');
        return { errors: loaded.ok ? [] : messages(loaded.issues, file) };
      });
      errors.push(...r.errors);
    }
  }
  return errors;
}

/** A lab's mistakes, and its week unless it is a draft. Its presets are read through `files` too. */
async function checkLab(files: ContentFiles, file: string, lessonIds: string[]): Promise<{ errors: string[]; week?: number }> {
  const { compileLab, presetSources } = await import('../lab/compile');
  const r = compileLab(file, files.read(file) ?? '', { ...presetSources(files), lessons: lessonIds });
  if (!r.ok) return { errors: messages(r.issues, file) };
  return r.value.lab.draft ? { errors: [] } : { errors: [], week: r.value.lab.week };
}

async function checkLabs(files: ContentFiles, part: RunPart, lessonIds: string[]): Promise<{ errors: string[]; weeks: { file: string; week: number }[] }> {
  const errors: string[] = [];
  const weeks: { file: string; week: number }[] = [];
  for (const name of files.list('labs', /\.ya?ml$/)) {
    const file = `labs/${name}`;
    const r = await part(file, lessonIds, (f) => checkLab(f, file, lessonIds));
    errors.push(...r.errors);
    if (r.week !== undefined) weeks.push({ file, week: r.week });
  }
  return { errors, weeks };
}

/** Quiz files (src/quiz/load.ts) and the lessons they name; the `#anchor`s they link to are checked with the lessons' headings later. */
async function checkQuizzes(files: ContentFiles, part: RunPart, lessonIds: string[]): Promise<string[]> {
  const errors: string[] = [];
  for (const name of files.list('content/quizzes', /\.ya?ml$/)) {
    const file = `content/quizzes/${name}`;
    const r = await part(file, lessonIds, async (f) => {
      const loaded = (await import('../quiz/load')).loadQuiz(f.read(file) ?? '', file, { knownLessons: lessonIds });
      return { errors: loaded.ok ? [] : loaded.messages };
    });
    errors.push(...r.errors);
  }
  return errors;
}

/** Guided exercises of the snapshot sandbox (src/schemas/story.ts), each against the snapshot presets. */
async function checkStories(files: ContentFiles, part: RunPart): Promise<string[]> {
  const presets = files.list('content/scenarios/snapshots', /\.ya?ml$/).map((f) => f.replace(/\.ya?ml$/, ''));
  const errors: string[] = [];
  for (const name of files.list('content/stories', /\.ya?ml$/)) {
    const file = `content/stories/${name}`;
    const r = await part(file, presets, async (f) => {
      const parsed = (await import('../schemas/story')).parseStory(f.read(file) ?? '', presets);
      return { errors: parsed.ok ? [] : messages(parsed.issues, file) };
    });
    errors.push(...r.errors);
  }
  return errors;
}

/** What the first half of the check finds (checkLessonFiles). */
export interface LessonFilesOutcome {
  errors: string[];
  /** The weeks content/course.yaml plans (undefined when it has a mistake). */
  weeks: number[] | undefined;
  /** Each lesson's week, for the plan check in the second half. */
  planned: { file: string; week: number }[];
}

/**
 * The first half of the check: what Astro's content layer reads itself (the glossary, the course file,
 * the lessons). It runs before Astro starts, so its messages come before any of Astro's own.
 */
export async function checkLessonFiles(root: string, part?: RunPart): Promise<LessonFilesOutcome> {
  const files = filesUnder(root);
  const run: RunPart = part ?? ((_name, _input, check) => check(files));
  const glossary = await run('content/glossary.yaml', null, checkGlossary);
  const course = await run('content/course.yaml', null, checkCourse);
  const lessons = await checkLessons(files, run, glossary.ids);
  return { errors: [...glossary.errors, ...course.errors, ...lessons.errors], weeks: course.weeks, planned: lessons.lessons };
}

/**
 * The second half: the files only this site's code reads (labs, quizzes, presets, stories), and that
 * every lesson and lab is in a week of the plan. It needs from the first half only `weeks` and
 * `planned`, so it can run in another thread beside Astro's content sync (src/lib/content-check-rest.ts).
 */
export async function checkOtherFiles(root: string, lessons: Pick<LessonFilesOutcome, 'weeks' | 'planned'>, part?: RunPart): Promise<string[]> {
  const files = filesUnder(root);
  const run: RunPart = part ?? ((_name, _input, check) => check(files));
  const lessonIds = files.list('content/lessons', /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
  const labs = await checkLabs(files, run, lessonIds);
  // The course home lists lessons and labs under the weeks of the plan: one in another week would vanish.
  const planned = [...lessons.planned, ...labs.weeks];
  const unplanned = lessons.weeks && planned.length > 0 ? (await import('../schemas/check')).unplannedWeekMessages(planned, lessons.weeks) : [];
  const quizzes = await checkQuizzes(files, run, lessonIds);
  const presets = await checkPresets(files, run);
  const stories = await checkStories(files, run);
  return [...unplanned, ...quizzes, ...presets, ...stories, ...labs.errors];
}

/**
 * Every mistake in the content under `root`, one line each; [] when the content is fine. `part` runs
 * each part of the check (every part runs unless a cache gives its outcome back).
 */
export async function checkContent(root: string, part?: RunPart): Promise<string[]> {
  const lessons = await checkLessonFiles(root, part);
  return [...lessons.errors, ...(await checkOtherFiles(root, lessons, part))];
}
