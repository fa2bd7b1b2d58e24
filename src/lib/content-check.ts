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
 * every preset under content/scenarios/ and every lab under labs/, whether or not a lesson uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLab } from '../lab/compile';
import { labSources } from '../lab/grade/load-labs';
import { courseSchema } from '../schemas/course';
import { courseWeekIssues, duplicateWidgetIdIssues, glossaryIssues, lessonSlotMessages } from '../schemas/check';
import { glossarySchema } from '../schemas/glossary';
import { lessonSchema } from '../schemas/lesson';
import { formatIssue, parseScenario, type Issue, type Result } from '../sim/core';
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

function checkGlossary(root: string): string[] {
  const file = 'content/glossary.yaml';
  const text = read(root, file);
  if (text === undefined) return [`${file}: missing (the glossary page and every <Term> need it)`];
  const r = parseScenario(text, glossarySchema, { suggestKeys: true });
  if (!r.ok) return messages(r.issues, file);
  return messages(glossaryIssues(r.value), file);
}

interface LessonFacts {
  file: string;
  week: number;
  order: number;
}

function checkLessons(root: string): { errors: string[]; lessons: LessonFacts[] } {
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
    errors.push(...messages(duplicateWidgetIdIssues(text), file));
  }
  errors.push(...lessonSlotMessages(lessons));
  return { errors, lessons };
}

function checkCourse(root: string): string[] {
  const file = 'content/course.yaml';
  const text = read(root, file);
  if (text === undefined) return [`${file}: missing (the course home needs it)`];
  const r = parseScenario(text, courseSchema, { suggestKeys: true });
  return r.ok ? messages(courseWeekIssues(r.value.weeks), file) : messages(r.issues, file);
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

function checkLabs(root: string, lessonIds: string[]): string[] {
  const sources = { ...labSources(root), lessons: lessonIds };
  return list(root, 'labs', /\.ya?ml$/).flatMap((name) => {
    const file = `labs/${name}`;
    const r = compileLab(file, read(root, file) ?? '', sources);
    return r.ok ? [] : messages(r.issues, file);
  });
}

/** Every mistake in the content under `root`, one line each; [] when the content is fine. */
export function checkContent(root: string): string[] {
  const lessons = checkLessons(root);
  const lessonIds = list(root, 'content/lessons', /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
  return [...checkGlossary(root), ...checkCourse(root), ...lessons.errors, ...checkPresets(root), ...checkLabs(root, lessonIds)];
}
