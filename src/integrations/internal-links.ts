import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ELEMENT_NODE, parse, type Node } from 'ultrahtml';
import { querySelectorAll } from 'ultrahtml/selector';
import { closest } from '../sim/core/suggest';

/**
 * Every link inside the built site goes to a page that was built (and, with `#part`, to an element
 * with that id), checked on the HTML Astro wrote, so a link in a lesson, a lab brief, a component or
 * the course shell is covered alike. The site has no broken internal link; this keeps it so.
 */

interface Page {
  /** Path of the page under the base, e.g. "lessons/anatomy-of-a-vm/" ("" for the home page). */
  path: string;
  links: string[];
}

const SKIP_DIRS = new Set(['_astro', 'pagefind']);

function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return SKIP_DIRS.has(rel) ? [] : htmlFiles(dir, rel);
    return e.name.endsWith('.html') ? [rel] : [];
  });
}

const decode = (s: string): string => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

const attribute = (node: Node, name: string): string => (node.type === ELEMENT_NODE ? decode(String(node.attributes[name] ?? '')) : '');

/** `lessons/x/index.html` → `lessons/x/`; `404.html` stays itself. */
const pagePath = (file: string): string => (file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file);

/** Where an author fixes a link found on a page: the lesson or lab file when the page comes from one. */
function sourceOf(path: string): string {
  const lesson = /^lessons\/([^/]+)\/$/.exec(path);
  if (lesson) return `content/lessons/${lesson[1]}.mdx (page /${path})`;
  const lab = /^labs\/([^/]+)\/$/.exec(path);
  if (lab) return `labs/${lab[1]}.yaml (page /${path})`;
  return `page /${path}`;
}

/**
 * Broken internal links in a built site at `dir` published under `base` ("/" or "/virt-course/"):
 * one message per link, naming the page (its source file when known), the link and the closest page.
 */
export function brokenInternalLinks(dir: string, base: string): string[] {
  const root = base.endsWith('/') ? base : `${base}/`;
  const ids = new Map<string, Set<string>>();
  const pages: Page[] = [];
  for (const file of htmlFiles(dir)) {
    const doc = parse(readFileSync(join(dir, file), 'utf8'));
    const path = pagePath(file);
    ids.set(path, new Set(querySelectorAll(doc, '[id]').map((n) => attribute(n, 'id'))));
    pages.push({ path, links: querySelectorAll(doc, 'a[href]').map((n) => attribute(n, 'href')) });
  }
  const known = [...ids.keys()];
  const out: string[] = [];
  for (const page of pages) {
    const pageUrl = new URL(`${root}${page.path}`, 'https://site.invalid');
    for (const href of page.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const target = new URL(href, pageUrl);
      const problem = ((): string | undefined => {
        if (!target.pathname.startsWith(root)) return `it leaves the site's base path ${root}; write links with url() from src/lib/urls.ts, or relative to the page`;
        const rel = decodeURIComponent(target.pathname.slice(root.length));
        const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
        const exists = existsSync(join(dir, file)) && statSync(join(dir, file)).isFile();
        if (!exists) {
          const guess = closest(rel, known);
          return `no page /${rel} was built${guess !== undefined ? `. Did you mean "${root}${guess}"?` : ''}`;
        }
        const hash = decodeURIComponent(target.hash.slice(1));
        const targetIds = ids.get(pagePath(file));
        if (hash !== '' && targetIds && !targetIds.has(hash)) {
          const guess = closest(hash, [...targetIds]);
          return `page /${rel} has no element with id "${hash}"${guess !== undefined ? `. Did you mean "#${guess}"?` : ''}`;
        }
        return undefined;
      })();
      if (problem) out.push(`${sourceOf(page.path)}: the link "${href}" is broken: ${problem}`);
    }
  }
  return [...new Set(out)];
}
