import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contentErrors, glossaryIssues, termIdsIn, unplannedWeekMessages } from '../../../src/schemas/check';
import { courseSchema } from '../../../src/schemas/course';
import { formatDate } from '../../../src/lib/dates';
import { glossaryEntrySchema, glossarySchema, type GlossaryEntry } from '../../../src/schemas/glossary';
import { lessonSchema } from '../../../src/schemas/lesson';
import { formatIssue } from '../../../src/sim/core';

const frontmatter = (mdx: string): unknown => parse(/^---\n([\s\S]*?)\n---/.exec(mdx)?.[1] ?? '');
const fixture = (name: string) => readFileSync(`tests/fixtures/content/${name}`, 'utf8');

describe('lesson frontmatter schema', () => {
  it('accepts a complete lesson and defaults draft to false', () => {
    const r = lessonSchema.safeParse(frontmatter(fixture('lesson-valid.mdx')));
    expect(r.success).toBe(true);
    expect(r.data?.draft).toBe(false);
    expect(r.data?.updated.toISOString().slice(0, 10)).toBe('2026-11-21');
  });

  it('names the file, the field and what was expected for each mistake', () => {
    expect(contentErrors(lessonSchema, frontmatter(fixture('lesson-invalid.mdx')), 'content/lessons/bad.mdx')).toEqual([
      'content/lessons/bad.mdx › title: missing required field (expected string)',
      'content/lessons/bad.mdx › week: expected number, got "one"',
      'content/lessons/bad.mdx › summary: must be at least 20 characters',
      'content/lessons/bad.mdx › objectives: needs at least 2 items',
      'content/lessons/bad.mdx › updated: expected a date written as YYYY-MM-DD, e.g. 2026-11-21',
      'content/lessons/bad.mdx: unknown field "autor"',
    ]);
  });

  it('every lesson in content/lessons has valid frontmatter', () => {
    const files = readdirSync('content/lessons').filter((f) => f.endsWith('.mdx'));
    for (const f of files) {
      expect(contentErrors(lessonSchema, frontmatter(readFileSync(`content/lessons/${f}`, 'utf8')), f)).toEqual([]);
    }
  });
});

describe('glossary schema', () => {
  const entry = (over: Partial<GlossaryEntry>): GlossaryEntry => ({
    id: 'x',
    term: 'X',
    aka: [],
    definition: 'A thing used in the tests.',
    related: [],
    ...over,
  });

  it('rejects ids that are not slugs and definitions that are too short', () => {
    expect(contentErrors(glossaryEntrySchema, { id: 'Type 1', term: 'Type 1', definition: 'short' }, 'content/glossary.yaml')).toEqual([
      'content/glossary.yaml › id: must be lower-case words joined by hyphens, e.g. "type-1-hypervisor"',
      'content/glossary.yaml › definition: must be at least 10 characters',
    ]);
  });

  it('finds duplicate ids and related ids that do not exist', () => {
    const issues = glossaryIssues([entry({ id: 'a', related: ['b', 'zzz'] }), entry({ id: 'b' }), entry({ id: 'a' })]);
    expect(issues.map((i) => formatIssue(i, 'content/glossary.yaml'))).toEqual([
      'content/glossary.yaml › [2].id: duplicate id "a" (also at [0])',
      'content/glossary.yaml › [0].related[1]: unknown glossary id "zzz"',
    ]);
  });

  it('the course glossary is valid, and every term a lesson uses is in it', () => {
    const data = parse(readFileSync('content/glossary.yaml', 'utf8'));
    const parsed = glossarySchema.safeParse(data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(glossaryIssues(parsed.data!)).toEqual([]);
    const ids = new Set(parsed.data!.map((g) => g.id));
    for (const f of readdirSync('content/lessons').filter((n) => n.endsWith('.mdx'))) {
      const missing = termIdsIn(readFileSync(`content/lessons/${f}`, 'utf8')).filter((t) => !ids.has(t));
      expect(missing, f).toEqual([]);
    }
  });

  it('termIdsIn lists each term once in order of first use', () => {
    expect(termIdsIn(`<Term id="a">A</Term> and <Term id='b'>B</Term> and <Term id="a">again</Term>`)).toEqual(['a', 'b']);
  });
});

describe('course settings schema', () => {
  it('the course file is valid', () => {
    expect(contentErrors(courseSchema, parse(readFileSync('content/course.yaml', 'utf8')), 'content/course.yaml')).toEqual([]);
  });

  it('reports a week without a number and a misspelt field', () => {
    expect(
      contentErrors(courseSchema, { code: 'X1', title: 'T', term: 'Autumn', description: 'D', weeks: [{ title: 'W' }], teachers: [] }, 'content/course.yaml'),
    ).toEqual(['content/course.yaml › weeks[0].week: missing required field (expected number)', 'content/course.yaml: unknown field "teachers"']);
  });

  it('D1: the date locale defaults to en-GB and an unknown one is named with examples', () => {
    const base = { code: 'X1', title: 'T', term: 'Autumn', description: 'D', weeks: [{ week: 1, title: 'W' }] };
    expect(courseSchema.parse(base).locale).toBe('en-GB');
    expect(courseSchema.parse({ ...base, locale: 'de-DE' }).locale).toBe('de-DE');
    expect(contentErrors(courseSchema, { ...base, locale: 'not a locale!' }, 'content/course.yaml')).toEqual([
      'content/course.yaml › locale: must be a locale the browser knows, like en-GB, en-US, de-DE or et-EE',
    ]);
  });

  it('D1: one date format: "5 December 2026" in en-GB, the locale\'s own words elsewhere, never a crash', () => {
    expect(formatDate('2026-12-05T09:00:00.000Z', { utc: true })).toBe('5 December 2026');
    expect(formatDate(new Date(Date.UTC(2026, 10, 21)), { locale: 'en-GB', utc: true })).toBe('21 November 2026');
    expect(formatDate('2026-12-05T14:05:00.000Z', { utc: true, time: true })).toMatch(/^5 December 2026(,| at) 14:05$/);
    expect(formatDate('2026-12-05T09:00:00.000Z', { locale: 'de-DE', utc: true })).toBe('5. Dezember 2026');
    expect(formatDate('yesterday')).toBe('an unknown date');
  });

  it('a lesson or lab in a week the plan lacks is named with its week, so it cannot vanish from the course home', () => {
    const items = [
      { file: 'content/lessons/a.mdx', week: 1 },
      { file: 'content/lessons/b.mdx', week: 9 },
      { file: 'labs/c.yaml', week: 6 },
    ];
    expect(unplannedWeekMessages(items, [1, 2, 3, 4, 5])).toEqual([
      'content/lessons/b.mdx › week: week 9 is not in the weekly plan of content/course.yaml (it plans weeks 1, 2, 3, 4, 5), so the course home would not list this. Add "- { week: 9, title: … }" to weeks in content/course.yaml, or move this to a planned week',
      'labs/c.yaml › week: week 6 is not in the weekly plan of content/course.yaml (it plans weeks 1, 2, 3, 4, 5), so the course home would not list this. Add "- { week: 6, title: … }" to weeks in content/course.yaml, or move this to a planned week',
    ]);
    expect(unplannedWeekMessages(items, [1, 6, 9])).toEqual([]);
  });

  it('every lesson and lab of the course is in a planned week', () => {
    const planned = (parse(readFileSync('content/course.yaml', 'utf8')) as { weeks: { week: number }[] }).weeks.map((w) => w.week);
    const weekOf = (text: string) => Number(/^week: (\d+)$/m.exec(text)?.[1]);
    const items = [
      ...readdirSync('content/lessons').map((f) => ({ file: `content/lessons/${f}`, week: weekOf(readFileSync(`content/lessons/${f}`, 'utf8')) })),
      ...readdirSync('labs').filter((f) => f.endsWith('.yaml')).map((f) => ({ file: `labs/${f}`, week: weekOf(readFileSync(`labs/${f}`, 'utf8')) })),
    ];
    expect(items.every((i) => Number.isInteger(i.week))).toBe(true);
    expect(unplannedWeekMessages(items, planned)).toEqual([]);
  });
});
