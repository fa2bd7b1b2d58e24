import { describe, expect, it } from 'vitest';
import { groupByWeek, neighbours, sortLessons, visibleLessons } from '../../../src/lib/lesson-order';
import { readingMinutes, wordsIn } from '../../../src/lib/reading-time';
import { url } from '../../../src/lib/urls';

const lesson = (id: string, week: number, order: number, draft = false) => ({ id, data: { week, order, title: id, draft } });

describe('reading time', () => {
  it('counts the words a reader sees, not imports, tags, attributes or comments', () => {
    const body = [
      "import Fig from '~/components/figures/Fig.astro';",
      '',
      '## Two words',
      '',
      '<Callout type="tip" title="ignored attribute">Three more words</Callout>',
      '{/* WIDGET sizing: not read by students */}',
      '<Figure id="f" caption="x"><svg viewBox="0 0 1 1"><text>svg text</text></svg></Figure>',
      '[link text](https://example.edu) **bold**',
    ].join('\n');
    expect(wordsIn(body)).toEqual({ prose: 8, code: 0 });
  });

  it('counts code at half speed and rounds up to whole minutes, at least one', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(220))).toBe(1);
    expect(readingMinutes('word '.repeat(221))).toBe(2);
    const code = '```sh\n' + 'vboxmanage '.repeat(110) + '\n```\n';
    expect(wordsIn(code)).toEqual({ prose: 0, code: 110 });
    expect(readingMinutes(code + 'word '.repeat(220))).toBe(2);
  });
});

describe('lesson order and drafts', () => {
  const all = [lesson('c', 2, 1), lesson('b', 1, 2), lesson('a', 1, 1), lesson('d', 2, 2, true)];

  it('orders by week, then order', () => {
    expect(sortLessons(all).map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves drafts out of production builds and keeps them in dev', () => {
    expect(visibleLessons(all, false).map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(visibleLessons(all, true).map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('groups by week for the sidebar and finds previous/next', () => {
    const ordered = visibleLessons(all, false);
    expect(groupByWeek(ordered).map((g) => [g.week, g.lessons.map((l) => l.id)])).toEqual([
      [1, ['a', 'b']],
      [2, ['c']],
    ]);
    expect(neighbours(ordered, 'a')).toEqual({ next: ordered[1] });
    expect(neighbours(ordered, 'b')).toEqual({ prev: ordered[0], next: ordered[2] });
    expect(neighbours(ordered, 'zzz')).toEqual({});
  });
});

describe('urls respect the base path', () => {
  it('joins base and path with exactly one slash', () => {
    expect(url('lessons/x/', '/')).toBe('/lessons/x/');
    expect(url('/lessons/x/', '/virt-course/')).toBe('/virt-course/lessons/x/');
    expect(url('', '/virt-course')).toBe('/virt-course/');
  });
});
