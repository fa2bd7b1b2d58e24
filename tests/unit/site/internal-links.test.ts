import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, type Node } from 'ultrahtml';
import { querySelectorAll } from 'ultrahtml/selector';
import { brokenInternalLinks, scanPage } from '../../../src/integrations/internal-links';

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

  it('a link repeated on several pages is named on each; a relative one is judged from its own page', () => {
    const dir = site({
      'index.html': '<a href="/lessons/x/">X</a> <a href="lessons/a/">A</a>',
      'lessons/a/index.html': '<a href="/lessons/x/">X</a> <a href="lessons/a/">not from here</a>',
      'glossary/index.html': '<a href="/lessons/x/">X</a> <a href="/lessons/a/#nope">A</a>',
    });
    expect(brokenInternalLinks(dir, '/').sort()).toEqual([
      'content/lessons/a.mdx (page /lessons/a/): the link "/lessons/x/" is broken: no page /lessons/x/ was built. Did you mean "/lessons/a/"?',
      'content/lessons/a.mdx (page /lessons/a/): the link "lessons/a/" is broken: no page /lessons/a/lessons/a/ was built',
      'page /: the link "/lessons/x/" is broken: no page /lessons/x/ was built. Did you mean "/lessons/a/"?',
      'page /glossary/: the link "/lessons/a/#nope" is broken: page /lessons/a/ has no element with id "nope"',
      'page /glossary/: the link "/lessons/x/" is broken: no page /lessons/x/ was built. Did you mean "/lessons/a/"?',
    ]);
  });

  it('a link that leaves the base path is broken on a project site', () => {
    const dir = site({ 'index.html': '<a href="/lessons/a/">A</a>', 'lessons/a/index.html': '<p>A</p>' });
    expect(brokenInternalLinks(dir, '/virt-course/')).toEqual([
      'page /: the link "/lessons/a/" is broken: it leaves the site\'s base path /virt-course/; write links with url() from src/lib/urls.ts, or relative to the page',
    ]);
  });
});

describe('reading ids and links from a page', () => {
  // ultrahtml builds the whole tree: the oracle the fast scanner must agree with.
  const oracle = (html: string) => {
    const doc = parse(html);
    const value = (n: Node, name: string) => String((n as { attributes: Record<string, string> }).attributes[name] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    return { ids: querySelectorAll(doc, '[id]').map((n) => value(n, 'id')), links: querySelectorAll(doc, 'a[href]').map((n) => value(n, 'href')) };
  };
  const samples = [
    `<!doctype html><html lang="en"><head><script type="module">const a = '<a href="/in-script/">x</a>'; if (1 > 0) {}</script><style id="css">a[id="x"] > b { }</style></head><body>`,
    `<!-- <a href="/commented/">no</a> --><nav aria-label="Lessons"><a href="/lessons/a/" class="current">A</a><a href='/lessons/b/'>B</a><a href="c.html">C</a></nav>`,
    `<astro-island uid="x" props="{&quot;text&quot;:[0,&quot;1 &gt; 0 &lt;a href=&#39;/fake/&#39;&gt;&quot;]}" id="isl"></astro-island><h2 id="nat-mode">NAT &amp; more</h2>`,
    `<a title="a &gt; b" href="/after-gt/?q=1&amp;r=2#kvm">G</a><input id="plain" value="x"><a href="#top" id="link-with-id">top</a><br/><img src="x.png" alt="">`,
  ];
  it('finds the same ids and links as a full HTML parser, skipping comments and script, style and textarea text', () => {
    for (const html of samples) expect(scanPage(html)).toEqual(oracle(html));
    const all = scanPage(samples.join(''));
    expect(all.links).toEqual(['/lessons/a/', '/lessons/b/', 'c.html', '/after-gt/?q=1&r=2#kvm', '#top']);
    expect(all.ids).toEqual(['css', 'isl', 'nat-mode', 'plain', 'link-with-id']);
    // Where ultrahtml differs from browsers: tag names are case-insensitive, a textarea holds text.
    expect(scanPage('<A HREF="/upper/">U</A><textarea id="t"><a href="/in-textarea/"></textarea>')).toEqual({ ids: ['t'], links: ['/upper/'] });
    // A quoted value may hold a raw ">" (ultrahtml ends the tag there; Astro escapes it anyway).
    expect(scanPage(`<div data-x="1 > 0 <a href='/fake/'>" id="after"></div><a title='a > b' href="/real/">`)).toEqual({ ids: ['after'], links: ['/real/'] });
    // Unquoted values, which ultrahtml reads as empty (Astro always quotes): read as browsers do.
    expect(scanPage('<a href=/lessons/c/ class=x>C</a><p id=here>')).toEqual({ ids: ['here'], links: ['/lessons/c/'] });
  });
});
