import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageCacheStamp } from '../../../src/integrations/page-cache';
import { lessonKeys, type LessonFacts } from '../../../src/lib/page-keys';

/**
 * Lesson pages kept between builds (Astro's incremental build, keyed by src/lib/page-keys.ts): a key
 * changes whenever what its page shows can change, and a rebuild after edits gives exactly the site a
 * build with empty caches gives.
 */

const lesson = (id: string, over: Partial<LessonFacts> = {}): LessonFacts => ({
  id,
  data: { title: `Lesson ${id}`, week: 1 },
  minutes: 5,
  terms: ['hypervisor'],
  body: `Text of ${id}.`,
  linksInto: [],
  ...over,
});
const base = (): LessonFacts[] => [lesson('a'), lesson('b', { linksInto: ['c'] }), lesson('c'), lesson('d')];
const changed = (before: Map<string, string>, after: Map<string, string>) => [...before.keys()].filter((id) => before.get(id) !== after.get(id)).sort();
const edit = (id: string, over: Partial<LessonFacts>) => base().map((l) => (l.id === id ? { ...l, ...over } : l));

describe('lesson page keys', () => {
  const before = lessonKeys('stamp', base());

  it('are the same for the same lessons, in any order, and differ between lessons', () => {
    expect(lessonKeys('stamp', base().reverse())).toEqual(before);
    expect(new Set(before.values()).size).toBe(4);
  });

  it('an edit to a lesson\'s text changes its own key, and the key of a lesson whose quiz links into it', () => {
    expect(changed(before, lessonKeys('stamp', edit('a', { body: 'Text of a, edited.' })))).toEqual(['a']);
    expect(changed(before, lessonKeys('stamp', edit('c', { body: 'Text of c, edited.' })))).toEqual(['b', 'c']);
    expect(changed(before, lessonKeys('stamp', edit('b', { linksInto: ['c', 'd'] })))).toEqual(['b']);
  });

  it('what every page may show of a lesson (frontmatter, minutes, terms), the stamp, or a new lesson change every key', () => {
    for (const over of [{ data: { title: 'Renamed', week: 1 } }, { minutes: 6 }, { terms: ['hypervisor', 'vcpu'] }]) {
      expect(changed(before, lessonKeys('stamp', edit('d', over)))).toEqual(['a', 'b', 'c', 'd']);
    }
    expect(changed(before, lessonKeys('other stamp', base()))).toEqual(['a', 'b', 'c', 'd']);
    expect(changed(before, lessonKeys('stamp', [...base(), lesson('e')]))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('the build\'s stamp', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = () => {
    const dir = mkdtempSync(join(tmpdir(), 'course-stamp-'));
    made.push(dir);
    for (const [file, text] of Object.entries({
      'src/x.ts': 'export {};',
      'astro.config.mjs': 'export default {};',
      'content/course.yaml': 'title: A course',
      'content/glossary.yaml': '- id: hypervisor',
      'content/lessons/a.mdx': '---\ntitle: A\n---\nText.',
      'content/scenarios/network/home.yaml': 'vms: []',
      'labs/lab.yaml': 'id: lab',
    })) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  };

  it('changes with the browser build, the config and every content or lab file other than a lesson', () => {
    const dir = project();
    const files = ['_astro/a.1234.js', '_astro/b.5678.css'];
    const first = pageCacheStamp(dir, files);
    expect(pageCacheStamp(dir, [...files].reverse())).toBe(first);
    expect(pageCacheStamp(dir, ['_astro/a.9999.js', files[1]!])).not.toBe(first);
    writeFileSync(join(dir, 'content/lessons/a.mdx'), '---\ntitle: A\n---\nText, edited.');
    expect(pageCacheStamp(dir, files)).toBe(first); // the lessons are in each page's own key
    for (const file of ['astro.config.mjs', 'content/course.yaml', 'content/glossary.yaml', 'content/scenarios/network/home.yaml', 'labs/lab.yaml']) {
      const was = pageCacheStamp(dir, files);
      writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n# edited`);
      expect(pageCacheStamp(dir, files), file).not.toBe(was);
    }
    const was = pageCacheStamp(dir, files);
    writeFileSync(join(dir, 'content/new-file.yaml'), 'x: 1');
    expect(pageCacheStamp(dir, files)).not.toBe(was);
  });
});

/**
 * The real build, three times over on a copy of the project with its own caches: a rebuild after an
 * edit renders only the pages the edit can change, copies the others, and the site is byte for byte
 * the one a build with empty caches makes from the same sources.
 */
describe('a rebuild with kept lesson pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'course-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);
  for (const name of ['src', 'public', 'content', 'labs', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json']) {
    cpSync(name, join(dir, name), { recursive: true });
  }
  // Its own node_modules folder (each package a link), so Astro's caches are this copy's own.
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync('node_modules')) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(resolve('node_modules', name), join(dir, 'node_modules', name));
  }
  const build = (): { log: string; rendered: string[]; kept: string[] } => {
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
    delete env.BASE_PATH;
    delete env.COURSE_BUILD_CACHE;
    const log = execFileSync(process.execPath, ['src/build/astro.mjs', 'build'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', env });
    const pages = [...log.matchAll(/\/lessons\/([^/]+)\/index\.html(.*)/g)];
    return { log, rendered: pages.filter((m) => !/\((?:restored|cached)\)/.test(m[2]!)).map((m) => m[1]!).sort(), kept: pages.filter((m) => /\((?:restored|cached)\)/.test(m[2]!)).map((m) => m[1]!).sort() };
  };
  const site = (): Map<string, Buffer> => {
    const out = new Map<string, Buffer>();
    const walk = (sub: string) => {
      for (const e of readdirSync(join(dir, 'dist', sub), { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(sub, e.name));
        else out.set(join(sub, e.name), readFileSync(join(dir, 'dist', sub, e.name)));
      }
    };
    walk('');
    return out;
  };
  const sameSite = (a: Map<string, Buffer>, b: Map<string, Buffer>) => {
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    const differ = [...a.keys()].filter((f) => !a.get(f)!.equals(b.get(f)!));
    expect(differ).toEqual([]);
  };
  const emptyCaches = () => {
    for (const path of ['node_modules/.astro', 'node_modules/.vite', '.astro']) rmSync(join(dir, path), { recursive: true, force: true });
  };
  const change = (file: string, from: string | RegExp, to: string) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const next = text.replace(from, to);
    expect(next, file).not.toBe(text);
    writeFileSync(join(dir, file), next);
  };
  const lessons = readdirSync('content/lessons').map((f) => f.replace(/\.mdx$/, '')).sort();

  it('renders only what an edit can change, and makes the site a build with empty caches makes', () => {
    const first = build();
    expect(first.kept).toEqual([]);
    expect(first.rendered).toEqual(lessons);
    expect(existsSync(join(dir, 'node_modules/.astro/incremental-build.json'))).toBe(true);

    // Nothing changed: every lesson page is copied.
    const again = build();
    expect(again.kept).toEqual(lessons);

    // One lesson's text: that page again, and the pages whose quiz links into it; the rest copied.
    change('content/lessons/software-defined-data-center.mdx', /\n*$/, '\n\nOne more sentence, added by an edit.\n');
    const one = build();
    expect(one.rendered).toContain('software-defined-data-center');
    expect(one.kept.length).toBeGreaterThan(0);
    expect([...one.rendered, ...one.kept].sort()).toEqual(lessons);
    const edited = site();
    emptyCaches();
    expect(build().kept).toEqual([]);
    sameSite(edited, site());

    // A title every page's sidebar shows (other content files are in every key: the stamp, above).
    change('content/lessons/anatomy-of-a-vm.mdx', /^title: .*$/m, 'title: Inside a virtual machine');
    const renamed = build();
    expect(renamed.kept).toEqual([]);
    const after = site();
    expect(after.get('lessons/virtual-networking/index.html')!.toString()).toContain('Inside a virtual machine');
    emptyCaches();
    build();
    sameSite(after, site());
  }, 600_000);
});
