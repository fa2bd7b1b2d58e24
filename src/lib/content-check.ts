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
import { labSources } from '../lab/grade/load-labs';
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

const read = (root: string, path: string): string | undefined => {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
};

const list = (root: string, dir: string, ext: RegExp): string[] => {
  try {
    return readdirSync(join(root, dir)).filter((f) => ext.test(f)).sort();
  } catch {
    return [];
  }
};

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
function checkGlossary(root: string): { errors: string[]; ids?: string[] } {
  const file = 'content/glossary.yaml';
  const text = read(root, file);
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

function checkLessons(root: string, glossary: readonly string[] | undefined): { errors: string[]; lessons: LessonFacts[] } {
  const errors: string[] = [];
  const lessons: LessonFacts[] = [];
  for (const name of list(root, 'content/lessons', /\.mdx?$/)) {
    const file = `content/lessons/${name}`;
    const text = read(root, file) ?? '';
    const yaml = frontmatterOf(text);
    if (yaml === undefined) {
      errors.push(`${file}: no frontmatter. Start the file with a block between two "---" lines (title, week, order, summary, objectives, updated)`);
      continue;
    }
    const r = parseScenario(yaml, lessonSchema, { suggestKeys: true });
    if (!r.ok) errors.push(...messages(r.issues, file));
    else if (!r.value.draft) lessons.push({ file, week: r.value.week, order: r.value.order });
    errors.push(...messages([...duplicateWidgetIdIssues(text), ...(glossary ? termIssues(text, glossary) : [])], file));
  }
  errors.push(...lessonSlotMessages(lessons));
  return { errors, lessons };
}

/** The course file's mistakes, and its planned weeks when it could be read. */
function checkCourse(root: string): { errors: string[]; weeks?: number[] } {
  const file = 'content/course.yaml';
  const text = read(root, file);
  if (text === undefined) return { errors: [`${file}: missing (the course home needs it)`] };
  const r = parseScenario(text, courseSchema, { suggestKeys: true });
  return r.ok ? { errors: messages(courseWeekIssues(r.value.weeks), file), weeks: r.value.weeks.map((w) => w.week) } : { errors: messages(r.issues, file) };
}

function checkPresets(root: string): string[] {
  const errors: string[] = [];
  for (const folder of list(root, 'content/scenarios', /^[^.]/)) {
    const files = list(root, `content/scenarios/${folder}`, /\.ya?ml$/);
    const load = Object.hasOwn(PRESET_LOADERS, folder) ? PRESET_LOADERS[folder] : undefined;
    if (!load) {
      if (files.length > 0) errors.push(`content/scenarios/${folder}/: no simulator is called "${folder}". Presets go in ${Object.keys(PRESET_LOADERS).map((k) => `content/scenarios/${k}/`).join(', ')}`);
      continue;
    }
    for (const name of files) {
      const file = `content/scenarios/${folder}/${name}`;
      const r = load(read(root, file) ?? '');
      if (!r.ok) errors.push(...messages(r.issues, file));
    }
  }
  return errors;
}

function checkLabs(root: string, lessonIds: string[]): { errors: string[]; weeks: { file: string; week: number }[] } {
  const sources = { ...labSources(root), lessons: lessonIds };
  const errors: string[] = [];
  const weeks: { file: string; week: number }[] = [];
  for (const name of list(root, 'labs', /\.ya?ml$/)) {
    const file = `labs/${name}`;
    const r = compileLab(file, read(root, file) ?? '', sources);
    if (!r.ok) errors.push(...messages(r.issues, file));
    else if (!r.value.lab.draft) weeks.push({ file, week: r.value.lab.week });
  }
  return { errors, weeks };
}

/** Quiz files (src/quiz/load.ts) and the lessons they name; the `#anchor`s they link to are checked with the lessons' headings later. */
function checkQuizzes(root: string, lessonIds: string[]): string[] {
  return list(root, 'content/quizzes', /\.ya?ml$/).flatMap((name) => {
    const file = `content/quizzes/${name}`;
    const r = loadQuiz(read(root, file) ?? '', file, { knownLessons: lessonIds });
    return r.ok ? [] : r.messages;
  });
}

/** Guided exercises of the snapshot sandbox (src/schemas/story.ts), each against the snapshot presets. */
function checkStories(root: string): string[] {
  const presets = list(root, 'content/scenarios/snapshots', /\.ya?ml$/).map((f) => f.replace(/\.ya?ml$/, ''));
  return list(root, 'content/stories', /\.ya?ml$/).flatMap((name) => {
    const file = `content/stories/${name}`;
    const r = parseStory(read(root, file) ?? '', presets);
    return r.ok ? [] : messages(r.issues, file);
  });
}

/** Every mistake in the content under `root`, one line each; [] when the content is fine. */
export function checkContent(root: string): string[] {
  const glossary = checkGlossary(root);
  const course = checkCourse(root);
  const lessons = checkLessons(root, glossary.ids);
  const lessonIds = list(root, 'content/lessons', /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
  const labs = checkLabs(root, lessonIds);
  // The course home lists lessons and labs under the weeks of the plan: one in another week would vanish.
  const unplanned = course.weeks ? unplannedWeekMessages([...lessons.lessons, ...labs.weeks], course.weeks) : [];
  return [...glossary.errors, ...course.errors, ...lessons.errors, ...unplanned, ...checkQuizzes(root, lessonIds), ...checkPresets(root), ...checkStories(root), ...labs.errors];
}
