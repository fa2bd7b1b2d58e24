/**
 * The course's own quizzes (content/quizzes/*.yaml): they load without issues, point at lessons and
 * headings that exist, are varied enough, and every drawn variant can be answered with full marks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import {
  correctResponse,
  drawAttempt,
  explainGrade,
  grade,
  loadQuiz,
  QUESTION_TYPES,
  toGift,
  toMoodleXml,
  toQti12,
  type Question,
  type Quiz,
  type QuizEntry,
} from '../../../src/quiz';
import { findNonJson } from '../../../src/sim/core';

const QUIZ_DIR = 'content/quizzes';
const LESSON_DIR = 'content/lessons';
const SEEDS = Array.from({ length: 20 }, (_, i) => `course-${i + 1}`);

/** Lessons that embed a simulator, and the generators whose questions must accompany them. */
const SIMULATOR_GENERATORS: Record<string, readonly string[]> = {
  'anatomy-of-a-vm': ['sizing-how-many-fit', 'sizing-limiting-resource'],
  'virtual-networking': ['network-cloud-internet-reach', 'network-virtualbox-lan-reach'],
  'vm-lifecycle-snapshots': ['snapshot-file-after-commands', 'snapshot-current-after-commands'],
  'virtualization-and-hypervisors': ['consolidation-watts-saved', 'consolidation-annual-energy', 'consolidation-ratio'],
};

const lessonIds = readdirSync(LESSON_DIR)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();

const quizFiles = readdirSync(QUIZ_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Visible text of a heading as Astro hands it to the slugger: inline markdown stripped, link text kept. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .trim();
}

/**
 * Heading ids the way Astro assigns them (rehype-heading-ids with github-slugger: one slugger per
 * page, so a repeated heading gets "-1"). Lines inside fenced code blocks are not headings.
 */
function headingSlugs(mdx: string): string[] {
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  let fence: string | null = null;
  for (const line of mdx.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!.charAt(0);
      else if (f[1]!.charAt(0) === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^(#{1,6})\s+(.+)$/.exec(line);
    if (h) slugs.push(slugger.slug(headingText(h[2]!)));
  }
  return slugs;
}

const anchorsOf = new Map(lessonIds.map((id) => [id, new Set(headingSlugs(readFileSync(`${LESSON_DIR}/${id}.mdx`, 'utf8')))]));

interface Loaded {
  file: string;
  quiz: Quiz;
}

function load(file: string): Loaded {
  const r = loadQuiz(readFileSync(`${QUIZ_DIR}/${file}`, 'utf8'), `${QUIZ_DIR}/${file}`, { knownLessons: lessonIds });
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return { file, quiz: r.value };
}

const entryType = (e: QuizEntry): string => (e.type === 'generated' ? e.generator : e.type);

describe('heading slugs (as Astro computes them)', () => {
  it('follow github-slugger: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    const mdx = [
      '## Type 1: bare metal',
      '### Hardware assistance (2005–2006)',
      '```sh',
      '## not a heading',
      '```',
      "### A project's network, in the `SDDC` picture",
      '## Type 1: bare metal',
    ].join('\n');
    expect(headingSlugs(mdx)).toEqual([
      'type-1-bare-metal',
      'hardware-assistance-20052006',
      'a-projects-network-in-the-sddc-picture',
      'type-1-bare-metal-1',
    ]);
  });
});

describe('course quizzes', () => {
  it('there is one site quiz per lesson (LMS-only quizzes come on top)', () => {
    const lessons = quizFiles.map((f) => load(f).quiz).filter((q) => !q.lmsOnly).map((q) => q.lesson).sort();
    expect(lessons).toEqual(lessonIds);
  });

  it('there is at least one LMS-only quiz, so the export and the site are tested with one', () => {
    expect(quizFiles.map((f) => load(f).quiz).filter((q) => q.lmsOnly).length).toBeGreaterThanOrEqual(1);
  });

  it('all seven question types are used across the course', () => {
    const used = new Set<string>();
    for (const f of quizFiles) {
      const { quiz } = load(f);
      for (const q of drawAttempt(quiz, 'types').questions) used.add(q.type);
    }
    expect([...used].sort()).toEqual([...QUESTION_TYPES].sort());
  });

  for (const file of quizFiles) {
    describe(file, () => {
      it('loads with loadQuiz without issues, and its id matches the file name', () => {
        const r = loadQuiz(readFileSync(`${QUIZ_DIR}/${file}`, 'utf8'), `${QUIZ_DIR}/${file}`, { knownLessons: lessonIds });
        expect(r.ok ? [] : r.messages).toEqual([]);
        const { quiz } = load(file);
        const name = file.replace(/\.ya?ml$/, '');
        expect(quiz.id).toBe(quiz.lmsOnly ? name : `quiz-${name}`);
      });

      it('belongs to a lesson that exists, and every question links to a heading of that lesson', () => {
        const { quiz } = load(file);
        expect(lessonIds).toContain(quiz.lesson);
        const anchors = anchorsOf.get(quiz.lesson)!;
        const missing: string[] = [];
        for (const e of quiz.questions) {
          const link = e.lesson;
          if (!link?.anchor) missing.push(`${e.id}: no #anchor`);
          else if (link.lesson !== quiz.lesson) missing.push(`${e.id}: links to another lesson (${link.lesson})`);
          else if (!anchors.has(link.anchor)) missing.push(`${e.id}: #${link.anchor} is not a heading of ${quiz.lesson}`);
        }
        expect(missing).toEqual([]);
      });

      it('has at least 10 questions (a graded LMS-only quiz 8) of at least 4 types, and a one-at-a-time mode', () => {
        const { quiz } = load(file);
        expect(quiz.questions.length).toBeGreaterThanOrEqual(quiz.lmsOnly ? 8 : 10);
        const types = new Set(drawAttempt(quiz, 'types').questions.map((q) => q.type));
        expect(types.size).toBeGreaterThanOrEqual(4);
        expect(quiz.mode).toBe('one-at-a-time');
        expect(quiz.passingScore).toBeGreaterThan(0.5);
      });

      it("uses its simulator's generators (at least 2 generated questions)", () => {
        const { quiz } = load(file);
        const wanted = SIMULATOR_GENERATORS[quiz.lesson];
        if (!wanted) return;
        const generated = quiz.questions.filter((e) => e.type === 'generated');
        expect(generated.length).toBeGreaterThanOrEqual(2);
        for (const e of generated) expect(wanted).toContain(entryType(e));
      });

      it('explains every question, and gives feedback on tempting wrong options', () => {
        const { quiz } = load(file);
        const problems: string[] = [];
        for (const q of drawAttempt(quiz, 'explain').questions) {
          if (!q.explanation) problems.push(`${q.id}: no explanation`);
          if (q.source) continue;
          if (q.type === 'single-choice' || q.type === 'multiple-answer') {
            const wrong = q.options.filter((o) => !o.correct);
            if (wrong.length > 0 && !wrong.some((o) => o.feedback)) problems.push(`${q.id}: no feedback on any wrong option`);
          }
          if (q.type === 'true-false' && !(q.answer ? q.feedbackFalse : q.feedbackTrue)) problems.push(`${q.id}: no feedback for the wrong answer`);
        }
        expect(problems).toEqual([]);
      });

      it('in 20 attempts, every question scores 1 for its key and less for a wrong answer', () => {
        const { quiz } = load(file);
        for (const seed of SEEDS) {
          const attempt = drawAttempt(quiz, seed);
          expect(findNonJson(attempt)).toBeNull();
          expect(attempt.questions.map((q) => q.id)).toEqual(quiz.questions.map((e) => e.id));
          for (const q of attempt.questions) {
            const right = grade(q, correctResponse(q));
            expect({ id: q.id, seed, score: right.score }).toEqual({ id: q.id, seed, score: 1 });
            const text = [q.prompt, q.explanation ?? '', ...explainGrade(right)].join('\n');
            expect(text).not.toMatch(/\bNaN\b|\bundefined\b|\bInfinity\b|\[object Object\]/);
            const wrong = wrongResponse(q);
            if (wrong !== undefined) expect({ id: q.id, seed, fullMarks: grade(q, wrong).score === 1 }).toEqual({ id: q.id, seed, fullMarks: false });
          }
        }
      });

      it('exports to Moodle XML, GIFT and QTI 1.2 for Moodle and Canvas', () => {
        const { quiz } = load(file);
        const gift = toGift(quiz, { variants: 2 });
        for (const e of quiz.questions) expect(gift).toContain(`[id:${e.id}`);
        const qti = toQti12(quiz, { variants: 2 });
        expect(qti).toContain(quiz.id);
        expect(qti).not.toMatch(/\bNaN\b|\bundefined\b/);
        const xml = toMoodleXml(quiz, { variants: 2 });
        for (const e of quiz.questions) expect(xml).toContain(`<idnumber>${e.id}`);
        expect(xml).not.toMatch(/\bNaN\b|\bundefined\b/);
      });
    });
  }
});

/** A response that must not earn full marks: the first wrong option, the opposite boolean, a shifted number… */
function wrongResponse(q: Question): unknown {
  switch (q.type) {
    case 'single-choice':
      return q.options.find((o) => !o.correct)?.id;
    case 'multiple-answer':
      return q.options.map((o) => o.id);
    case 'true-false':
      return !q.answer;
    case 'numeric':
      return q.answer + 10 * (q.tolerance.value * (q.tolerance.kind === 'relative' ? Math.abs(q.answer) : 1) + 1);
    case 'short-text':
      return 'I do not know';
    case 'matching': {
      const pairs = q.pairs;
      return Object.fromEntries(pairs.map((p, i) => [p.id, pairs[(i + 1) % pairs.length]!.right]));
    }
    case 'ordering':
      return [...q.correctOrder].reverse();
  }
}
