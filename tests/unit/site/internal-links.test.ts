import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenInternalLinks } from '../../../src/integrations/internal-links';

/** The link check the build runs on its output (src/integrations/content-check.ts), on a small made-up site. */
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function site(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'course-links-'));
  made.push(dir);
  for (const [file, body] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), `<!doctype html><html><body>${body}</body></html>`);
  }
  return dir;
}

describe('internal links in the built site', () => {
  const pages = (base: string) => ({
    'index.html': `<a href="${base}lessons/a/">A</a> <a href="https://example.org/x">out</a> <a href="mailto:x@example.org">mail</a> <a href="#top">top</a><h1 id="top">Home</h1>`,
    'lessons/a/index.html': `<h2 id="nat-mode">NAT</h2><a href="../b/">B</a> <a href="../a/#nat-mode">here</a> <a href="../a/#nat-mod">typo</a> <a href="${base}glossary/?q=a&amp;b=c#kvm">term</a>`,
    'glossary/index.html': '<dl><dt id="kvm">KVM</dt></dl>',
    '_astro/x.html': '<a href="/nowhere/">skipped: build assets are not pages</a>',
  });

  it('a site whose links all reach a page passes, under "/" and under a base path', () => {
    const ok = { ...pages('/'), 'lessons/a/index.html': '<h2 id="nat-mode">NAT</h2><a href="../a/#nat-mode">here</a> <a href="/glossary/#kvm">term</a>' };
    expect(brokenInternalLinks(site(ok), '/')).toEqual([]);
    const based = { ...pages('/virt-course/'), 'lessons/a/index.html': '<h2 id="nat-mode">NAT</h2><a href="../a/#nat-mode">here</a> <a href="/virt-course/glossary/#kvm">term</a>' };
    expect(brokenInternalLinks(site(based), '/virt-course/')).toEqual([]);
  });

  it('a missing page and a missing anchor are named with the lesson file and the closest target', () => {
    expect(brokenInternalLinks(site(pages('/virt-course/')), '/virt-course/')).toEqual([
      'content/lessons/a.mdx (page /lessons/a/): the link "../b/" is broken: no page /lessons/b/ was built. Did you mean "/virt-course/lessons/a/"?',
      'content/lessons/a.mdx (page /lessons/a/): the link "../a/#nat-mod" is broken: page /lessons/a/ has no element with id "nat-mod". Did you mean "#nat-mode"?',
    ]);
  });

  it('a link that leaves the base path is broken on a project site', () => {
    const dir = site({ 'index.html': '<a href="/lessons/a/">A</a>', 'lessons/a/index.html': '<p>A</p>' });
    expect(brokenInternalLinks(dir, '/virt-course/')).toEqual([
      'page /: the link "/lessons/a/" is broken: it leaves the site\'s base path /virt-course/; write links with url() from src/lib/urls.ts, or relative to the page',
    ]);
  });
});
