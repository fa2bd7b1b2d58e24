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
import { compileLab } from '../lab/compile';
import { courseSchema } from '../schemas/course';
import { courseWeekIssues, duplicateWidgetIdIssues, glossaryIssues, lessonSlotMessages, termIdsIn, unplannedWeekMessages } from '../schemas/check';
import { glossarySchema } from '../schemas/glossary';
import { lessonSchema } from '../schemas/lesson';
import { parseStory } from '../schemas/story';
import { loadQuiz } from '../quiz/load';
import { closest, formatIssue, knownList, parseScenario, type Issue, type Result } from '../sim/core';
import { loadScenario as loadNetwork } from '../sim/network/scenario';
import { loadScenario as loadSizing } from '../sim/sizing/scenario';
import { labFromText } from '../sim/snapshots/scenario/parse';
import { LAB_OPENS_AT } from '../widgets/snapshots/clock';

/** How each simulator's preset files are read; a folder not listed here is a mistake too. */
const PRESET_LOADERS: Record<string, (text: string) => Result<unknown>> = {
  network: loadNetwork,
  sizing: loadSizing,
  snapshots: (text) => labFromText(text, { now: LAB_OPENS_AT }),
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
export type RunPart = <T extends PartOutcome>(name: string, input: unknown, run: (files: ContentFiles) => T) => T;

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
function checkGlossary(files: ContentFiles): { errors: string[]; ids?: string[] } {
  const file = 'content/glossary.yaml';
  const text = files.read(file);
  if (text === undefined) return { errors: [`${file}: missing (the glossary page and every <Term> need it)`] };
  const r = parseScenario(text, glossarySchema, { suggestKeys: true });
  if (!r.ok) return { errors: messages(r.issues, file) };
  return { errors: messages(glossaryIssues(r.value), file), ids: r.value.map((e) => e.id) };
}

/** `<Term id>`s a lesson uses that the glossary lacks, with the closest id. */
function termIssues(body: string, glossary: readonly string[]): Issue[] {
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
function checkLesson(files: ContentFiles, file: string, glossary: readonly string[] | undefined): { errors: string[]; facts?: LessonFacts } {
  const text = files.read(file) ?? '';
  const yaml = frontmatterOf(text);
  if (yaml === undefined) return { errors: [`${file}: no frontmatter. Start the file with a block between two "---" lines (title, week, order, summary, objectives, updated)`] };
  const errors: string[] = [];
  const r = parseScenario(yaml, lessonSchema, { suggestKeys: true });
  if (!r.ok) errors.push(...messages(r.issues, file));
  errors.push(...messages([...duplicateWidgetIdIssues(text), ...(glossary ? termIssues(text, glossary) : [])], file));
  return r.ok && !r.value.draft ? { errors, facts: { file, week: r.value.week, order: r.value.order } } : { errors };
}

function checkLessons(files: ContentFiles, part: RunPart, glossary: readonly string[] | undefined): { errors: string[]; lessons: LessonFacts[] } {
  const errors: string[] = [];
  const lessons: LessonFacts[] = [];
  for (const name of files.list('content/lessons', /\.mdx?$/)) {
    const file = `content/lessons/${name}`;
    const r = part(file, glossary ?? null, (f) => checkLesson(f, file, glossary));
    errors.push(...r.errors);
    if (r.facts) lessons.push(r.facts);
  }
  errors.push(...lessonSlotMessages(lessons));
  return { errors, lessons };
}

/** The course file's mistakes, and its planned weeks when it could be read. */
function checkCourse(files: ContentFiles): { errors: string[]; weeks?: number[] } {
  const file = 'content/course.yaml';
  const text = files.read(file);
  if (text === undefined) return { errors: [`${file}: missing (the course home needs it)`] };
  const r = parseScenario(text, courseSchema, { suggestKeys: true });
  return r.ok ? { errors: messages(courseWeekIssues(r.value.weeks), file), weeks: r.value.weeks.map((w) => w.week) } : { errors: messages(r.issues, file) };
}

function checkPresets(files: ContentFiles, part: RunPart): string[] {
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
      errors.push(
        ...part(file, null, (f) => {
          const r = load(f.read(file) ?? '');
          return { errors: r.ok ? [] : messages(r.issues, file) };
        }).errors,
      );
    }
  }
  return errors;
}

/** A lab's mistakes, and its week unless it is a draft. Its presets are read through `files` too. */
function checkLab(files: ContentFiles, file: string, lessonIds: string[]): { errors: string[]; week?: number } {
  const dir = (sim: string): string => `content/scenarios/${sim}`;
  const sources = {
    preset: (sim: string, name: string) => files.read(`${dir(sim)}/${name}.yaml`),
    presetNames: (sim: string) => files.list(dir(sim), /\.yaml$/).map((f) => f.slice(0, -'.yaml'.length)),
    lessons: lessonIds,
  };
  const r = compileLab(file, files.read(file) ?? '', sources);
  if (!r.ok) return { errors: messages(r.issues, file) };
  return r.value.lab.draft ? { errors: [] } : { errors: [], week: r.value.lab.week };
}

function checkLabs(files: ContentFiles, part: RunPart, lessonIds: string[]): { errors: string[]; weeks: { file: string; week: number }[] } {
  const errors: string[] = [];
  const weeks: { file: string; week: number }[] = [];
  for (const name of files.list('labs', /\.ya?ml$/)) {
    const file = `labs/${name}`;
    const r = part(file, lessonIds, (f) => checkLab(f, file, lessonIds));
    errors.push(...r.errors);
    if (r.week !== undefined) weeks.push({ file, week: r.week });
  }
  return { errors, weeks };
}

/** Quiz files (src/quiz/load.ts) and the lessons they name; the `#anchor`s they link to are checked with the lessons' headings later. */
function checkQuizzes(files: ContentFiles, part: RunPart, lessonIds: string[]): string[] {
  return files.list('content/quizzes', /\.ya?ml$/).flatMap((name) => {
    const file = `content/quizzes/${name}`;
    return part(file, lessonIds, (f) => {
      const r = loadQuiz(f.read(file) ?? '', file, { knownLessons: lessonIds });
      return { errors: r.ok ? [] : r.messages };
    }).errors;
  });
}

/** Guided exercises of the snapshot sandbox (src/schemas/story.ts), each against the snapshot presets. */
function checkStories(files: ContentFiles, part: RunPart): string[] {
  const presets = files.list('content/scenarios/snapshots', /\.ya?ml$/).map((f) => f.replace(/\.ya?ml$/, ''));
  return files.list('content/stories', /\.ya?ml$/).flatMap((name) => {
    const file = `content/stories/${name}`;
    return part(file, presets, (f) => {
      const r = parseStory(f.read(file) ?? '', presets);
      return { errors: r.ok ? [] : messages(r.issues, file) };
    }).errors;
  });
}

/**
 * Every mistake in the content under `root`, one line each; [] when the content is fine. `part` runs
 * each part of the check (every part runs unless a cache gives its outcome back).
 */
export function checkContent(root: string, part?: RunPart): string[] {
  const files = filesUnder(root);
  const run: RunPart = part ?? ((_name, _input, check) => check(files));
  const glossary = run('content/glossary.yaml', null, checkGlossary);
  const course = run('content/course.yaml', null, checkCourse);
  const lessons = checkLessons(files, run, glossary.ids);
  const lessonIds = files.list('content/lessons', /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
  const labs = checkLabs(files, run, lessonIds);
  // The course home lists lessons and labs under the weeks of the plan: one in another week would vanish.
  const unplanned = course.weeks ? unplannedWeekMessages([...lessons.lessons, ...labs.weeks], course.weeks) : [];
  return [...glossary.errors, ...course.errors, ...lessons.errors, ...unplanned, ...checkQuizzes(files, run, lessonIds), ...checkPresets(files, run), ...checkStories(files, run), ...labs.errors];
}
