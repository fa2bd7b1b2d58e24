import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';
import { contentCheck } from '../../../src/integrations/content-check';
import { pagefindIndex } from '../../../src/integrations/pagefind-index';
import { sharedSiteFingerprint, siteFingerprint, siteFingerprintToShare } from '../../../src/integrations/site-fingerprint';

/**
 * What is worked out from the built site alone (the internal link check, the search index) is kept
 * for a rebuild that writes the same site (src/integrations/site-fingerprint.ts), and done again when
 * any file differs, when the kept copy is not what was noted, or with COURSE_BUILD_CACHE=off.
 */
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): { root: string; dist: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'course-kept-'));
  made.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'x.ts'), 'export {};');
  const dist = join(root, 'dist');
  for (const [file, body] of Object.entries({
    'index.html': '<h1 id="top">Home</h1><a href="/lessons/a/">A</a>',
    'lessons/a/index.html': '<main><h1>Lesson A</h1><p>Hypervisors share one machine between guests.</p><a href="/#top">home</a></main>',
    '_astro/x.css': 'body{}',
  })) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), file.endsWith('.html') ? `<!doctype html><html lang="en"><head><title>${file}</title></head><body>${body}</body></html>` : body);
  }
  return { root, dist, cache: join(root, 'node_modules', '.astro') };
}

interface Logged {
  lines: string[];
  logger: { info: (m: string) => void; warn: (m: string) => void; error: (m: string) => void; debug: (m: string) => void };
}
const logged = (): Logged => {
  const lines: string[] = [];
  const say = (m: string) => void lines.push(m);
  return { lines, logger: { info: say, warn: say, error: say, debug: say } };
};
type Hook = (options: Record<string, unknown>) => unknown;
const hook = (integration: AstroIntegration, name: string): Hook => (integration.hooks as Record<string, Hook>)[name]!;
const config = (root: string) => ({ root: pathToFileURL(`${root}/`), cacheDir: pathToFileURL(join(root, 'node_modules', '.astro') + '/'), base: '/' });

describe('the site fingerprint', () => {
  it('changes with any file\'s bytes or name, and leaves out the search index at the top', () => {
    const { dist } = project();
    const first = siteFingerprint(dist);
    expect(siteFingerprint(dist)).toBe(first);
    mkdirSync(join(dist, 'pagefind'));
    writeFileSync(join(dist, 'pagefind', 'index.pf'), 'x');
    expect(siteFingerprint(dist)).toBe(first);
    expect(siteFingerprint(dist, [])).not.toBe(first);
    writeFileSync(join(dist, '_astro', 'x.css'), 'body{color:red}');
    expect(siteFingerprint(dist)).not.toBe(first);
    writeFileSync(join(dist, '_astro', 'x.css'), 'body{}');
    expect(siteFingerprint(dist)).toBe(first);
    writeFileSync(join(dist, '_astro', 'y.css'), 'body{}');
    expect(siteFingerprint(dist)).not.toBe(first);
  });
});

describe('the fingerprint the search index leaves for the link check', () => {
  it('is taken once, for the same folder only, and dropped by the search index\'s last hook', async () => {
    const { dist } = project();
    const other = project().dist;
    const first = siteFingerprintToShare(dist);
    expect(first).toBe(siteFingerprint(dist));
    writeFileSync(join(dist, '_astro', 'x.css'), 'body{color:red}');
    // Another folder is worked out, and does not take it.
    expect(sharedSiteFingerprint(other)).toBe(siteFingerprint(other));
    expect(siteFingerprintToShare(dist)).not.toBe(first);
    const second = siteFingerprint(dist);
    writeFileSync(join(dist, '_astro', 'x.css'), 'body{}');
    // Taken: what was left (nothing in between writes into a site but Pagefind, into the folder left out)…
    expect(sharedSiteFingerprint(dist)).toBe(second);
    // …once: the next call works it out.
    expect(sharedSiteFingerprint(dist)).toBe(first);
    siteFingerprintToShare(other);
    await hook(pagefindIndex().finish, 'astro:build:done')({ logger: logged().logger });
    writeFileSync(join(other, '_astro', 'x.css'), 'body{color:blue}');
    expect(sharedSiteFingerprint(other)).toBe(siteFingerprint(other));
  });
});

describe('the internal link check of a rebuild', () => {
  const run = (root: string, dist: string) => {
    const check = contentCheck();
    hook(check, 'astro:config:done')({ config: config(root) });
    const { lines, logger } = logged();
    let error: unknown;
    try {
      hook(check, 'astro:build:done')({ dir: pathToFileURL(`${dist}/`), logger });
    } catch (e) {
      error = e;
    }
    return { lines, error };
  };

  it('is kept for the same site, and done again when a page changes; a broken link always fails', () => {
    const { root, dist, cache } = project();
    expect(run(root, dist).lines).toEqual(['internal links: all reach a page']);
    expect(existsSync(join(cache, 'course-links.json'))).toBe(true);
    expect(run(root, dist).lines).toEqual(['internal links: all reach a page (the same site as the last build, checked then)']);
    writeFileSync(join(dist, 'lessons/a/index.html'), '<a href="/lessons/b/">B</a>');
    const broken = run(root, dist);
    expect(String(broken.error)).toContain('the link "/lessons/b/" is broken');
    expect(run(root, dist).error).toBeDefined(); // a failed check is never kept
  });

  it('after a page changes, reads again only that page; the others\' links and ids come from the last build', () => {
    const { root, dist, cache } = project();
    expect(run(root, dist).lines).toEqual(['internal links: all reach a page']);
    expect(existsSync(join(cache, 'course-link-scans.json'))).toBe(true);
    // The home page changes (its id "top" goes); the lesson, unchanged, still links to /#top.
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="en"><head><title>Home</title></head><body><h1 id="start">Home</h1><a href="/lessons/a/">A</a></body></html>');
    const changed = run(root, dist);
    expect(String(changed.error)).toContain('lessons/a.mdx (page /lessons/a/): the link "/#top" is broken: page / has no element with id "top"');
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="en"><head><title>Home</title></head><body><h1 id="top">Home</h1><a href="/lessons/a/">A</a></body></html>');
    expect(run(root, dist).lines).toEqual(['internal links: all reach a page (1 of 2 pages unchanged since the last build, their links and ids taken from then)']);
    // A kept scan is used for its page's text: one planted for the lesson's hash, with a link to
    // nowhere, is what the check then finds on it.
    const file = join(cache, 'course-link-scans.json');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; entries: { strings: string[]; pages: Record<string, [number[], number[]]> } };
    kept.entries.strings.push('/nowhere/');
    for (const page of Object.values(kept.entries.pages)) page[1].push(kept.entries.strings.length - 1);
    rmSync(join(cache, 'course-links.json'));
    writeFileSync(file, JSON.stringify(kept));
    expect(String(run(root, dist).error)).toContain('the link "/nowhere/" is broken');
  });

  it('a broken scans file, or entries of the wrong shape, only cost reading the pages', () => {
    const { root, dist, cache } = project();
    expect(run(root, dist).lines).toEqual(['internal links: all reach a page']);
    const file = join(cache, 'course-link-scans.json');
    const good = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; entries: { strings: string[]; pages: Record<string, unknown> } };
    const hashes = Object.keys(good.entries.pages);
    const wrong = [
      '{ broken',
      JSON.stringify({ ...good, entries: { strings: [1, 2], pages: good.entries.pages } }),
      JSON.stringify({ ...good, entries: { strings: good.entries.strings, pages: Object.fromEntries(hashes.map((h) => [h, [[999], []]])) } }),
      JSON.stringify({ ...good, entries: { strings: good.entries.strings, pages: Object.fromEntries(hashes.map((h) => [h.toUpperCase(), [[], []]])) } }),
      `{"stamp":${JSON.stringify(good.stamp)},"entries":{"strings":[],"pages":{"__proto__":[[],[]]}}}`,
    ];
    for (const text of wrong) {
      rmSync(join(cache, 'course-links.json'), { force: true });
      writeFileSync(file, text);
      const { lines, error } = run(root, dist);
      expect(error, text).toBeUndefined();
      expect(lines.at(-1), text).toBe('internal links: all reach a page');
      expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as typeof good).entries.pages).sort(), text).toEqual([...hashes].sort());
    }
  });

  it('a note from another site, a broken note or a "__proto__" note is not taken', () => {
    const { root, dist, cache } = project();
    mkdirSync(cache, { recursive: true });
    for (const text of ['{ broken', JSON.stringify({ stamp: 'other', entries: { passed: true } }), '{"stamp":"x","entries":{"__proto__":{"passed":true}}}']) {
      writeFileSync(join(cache, 'course-links.json'), text);
      // Checked again (the pages' scans may be taken from the last build, the verdict is not).
      expect(run(root, dist).lines.at(-1)).toMatch(/^internal links: all reach a page(?! \(the same site)/);
    }
  });

  it('COURSE_BUILD_CACHE=off checks every time and notes nothing', () => {
    const { root, dist, cache } = project();
    process.env.COURSE_BUILD_CACHE = 'off';
    try {
      expect(run(root, dist).lines).toEqual(['internal links: all reach a page']);
      expect(run(root, dist).lines).toEqual(['internal links: all reach a page']);
      expect(existsSync(join(cache, 'course-links.json'))).toBe(false);
      expect(existsSync(join(cache, 'course-link-scans.json'))).toBe(false);
    } finally {
      delete process.env.COURSE_BUILD_CACHE;
    }
  });
});

describe('the search index of a rebuild', () => {
  const run = async (root: string, dist: string) => {
    const search = pagefindIndex();
    hook(search.start, 'astro:config:setup')({ config: config(root), command: 'build' });
    const { lines, logger } = logged();
    await hook(search.start, 'astro:build:done')({ dir: pathToFileURL(`${dist}/`), logger });
    await hook(search.finish, 'astro:build:done')({ logger });
    return lines;
  };
  const index = (dist: string) => siteFingerprint(join(dist, 'pagefind'), []);

  it('is copied for the same site, made again when a page changes or the copy is not what was noted', async () => {
    const { root, dist, cache } = project();
    expect(await run(root, dist)).toEqual(['search index: 2 pages']);
    const made = index(dist);
    rmSync(join(dist, 'pagefind'), { recursive: true });
    expect(await run(root, dist)).toEqual(['search index: 2 pages, kept from the last build (the same site)']);
    expect(index(dist)).toBe(made);

    // A page changed: indexed again, and the new index kept.
    rmSync(join(dist, 'pagefind'), { recursive: true });
    writeFileSync(join(dist, 'lessons/a/index.html'), '<!doctype html><html lang="en"><head><title>A</title></head><body><main><h1>Lesson A</h1><p>Containers share one kernel.</p></main></body></html>');
    expect(await run(root, dist)).toEqual(['search index: 2 pages']);
    const remade = index(dist);
    expect(remade).not.toBe(made);

    // The kept copy changed by hand: not used.
    const entry = readFileSync(join(cache, 'course-pagefind.json'), 'utf8');
    writeFileSync(join(cache, 'course-pagefind', 'pagefind-entry.json'), '{}');
    rmSync(join(dist, 'pagefind'), { recursive: true });
    expect(await run(root, dist)).toEqual(['search index: 2 pages']);
    expect(index(dist)).toBe(remade);
    expect(readFileSync(join(cache, 'course-pagefind.json'), 'utf8')).toBe(entry);
  }, 60_000);

  it('COURSE_BUILD_CACHE=off indexes every time and keeps nothing', async () => {
    const { root, dist, cache } = project();
    process.env.COURSE_BUILD_CACHE = 'off';
    try {
      expect(await run(root, dist)).toEqual(['search index: 2 pages']);
      rmSync(join(dist, 'pagefind'), { recursive: true });
      expect(await run(root, dist)).toEqual(['search index: 2 pages']);
      expect(existsSync(join(cache, 'course-pagefind'))).toBe(false);
    } finally {
      delete process.env.COURSE_BUILD_CACHE;
    }
  }, 60_000);
});
