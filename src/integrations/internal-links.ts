import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEntities } from '../lib/html-entities';
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

/**
 * The start tags of a page, read without building a tree (a build checks hundreds of pages, each
 * with a sidebar of every lesson): comments are skipped, and so is the text of script, style and
 * textarea elements, whose own start tags still count. Attribute values may hold ">" when quoted.
 */
const ATTRS = String.raw`((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?)*)\s*\/?>`;
const TAGS = new RegExp(String.raw`<!--[\s\S]*?-->|<(script|style|textarea)\b${ATTRS}[\s\S]*?<\/\1\s*>|<([a-zA-Z][^\s/>]*)${ATTRS}`, 'gi');
const HAS_ID = /id\s*=/i;
const HAS_HREF = /href/i;
const ATTR = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Ids of every element and the href of every `<a>` on a page. */
export function scanPage(html: string): { ids: string[]; links: string[] } {
  const ids: string[] = [];
  const links: string[] = [];
  for (const m of html.matchAll(TAGS)) {
    const tag = (m[1] ?? m[3])?.toLowerCase();
    const attrs = m[1] ? m[2] : m[4];
    if (!tag || !attrs) continue;
    // Most tags have neither: skip reading their attributes one by one.
    if (!HAS_ID.test(attrs) && !(tag === 'a' && HAS_HREF.test(attrs))) continue;
    for (const a of attrs.matchAll(ATTR)) {
      const name = a[1]!.toLowerCase();
      const wanted = name === 'id' || (name === 'href' && tag === 'a');
      if (!wanted) continue;
      const raw = a[2] ?? a[3] ?? a[4] ?? '';
      (name === 'id' ? ids : links).push(decodeEntities(raw));
    }
  }
  return { ids, links };
}

/** What scanPage found on a page, filed under a hash of the page's text. */
export type PageScans = Map<string, { ids: string[]; links: string[] }>;

/**
 * The scans of the last build's pages, from a scans file's entries (`{ strings, pages }`: every id and
 * href once, and per page hash the indexes of its ids and links). Anything that is not that shape is
 * left out: a broken file only costs the scans. Read with own-key checks.
 */
export function scansFromEntries(entries: Record<string, unknown> | undefined): PageScans {
  const scans: PageScans = new Map();
  const strings = entries && Object.hasOwn(entries, 'strings') ? entries['strings'] : undefined;
  const pages = entries && Object.hasOwn(entries, 'pages') ? entries['pages'] : undefined;
  if (!Array.isArray(strings) || !strings.every((x) => typeof x === 'string') || typeof pages !== 'object' || pages === null || Array.isArray(pages)) return scans;
  const list = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((i) => Number.isInteger(i) && i >= 0 && i < strings.length) ? value.map((i: number) => strings[i] as string) : undefined;
  for (const [hash, value] of Object.entries(pages as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}$/.test(hash) || !Array.isArray(value) || value.length !== 2) continue;
    const ids = list(value[0]);
    const links = list(value[1]);
    if (ids && links) scans.set(hash, { ids, links });
  }
  return scans;
}

/** The scans as a scans file's entries (see scansFromEntries). */
export function scansToEntries(scans: PageScans): Record<string, unknown> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const pages: Record<string, [number[], number[]]> = {};
  for (const [hash, { ids, links }] of scans) pages[hash] = [ids.map(at), links.map(at)];
  return { strings, pages };
}

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
 *
 * With `scans`, a page whose text hashes to a scan in it is not scanned again (after an edit a
 * rebuild changes a few pages of hundreds), and on return `scans` holds exactly this site's pages.
 */
export function brokenInternalLinks(dir: string, base: string, scans?: PageScans): string[] {
  const root = base.endsWith('/') ? base : `${base}/`;
  const ids = new Map<string, Set<string>>();
  const pages: Page[] = [];
  // An id or href read from a page is a slice of that page's text, and keeping the slice keeps the
  // whole page in memory: each distinct string is kept once, as a copy of its own (every page
  // repeats the sidebar's links). Without this a 200-lesson build held every page it had read.
  const kept = new Map<string, string>();
  const own = (s: string): string => {
    let copy = kept.get(s);
    if (copy === undefined) {
      copy = ` ${s}`.slice(1);
      kept.set(copy, copy);
    }
    return copy;
  };
  const used: PageScans = new Map();
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(join(dir, file), 'utf8');
    let found: { ids: string[]; links: string[] } | undefined;
    if (scans) {
      const hash = createHash('sha256').update(html).digest('hex');
      found = scans.get(hash);
      if (!found) {
        const scanned = scanPage(html);
        found = { ids: scanned.ids.map(own), links: scanned.links.map(own) };
      }
      used.set(hash, found);
    } else found = scanPage(html);
    const path = pagePath(file);
    ids.set(path, new Set(found.ids.map(own)));
    pages.push({ path, links: [...new Set(found.links)].map(own) });
  }
  if (scans) {
    scans.clear();
    for (const [hash, found] of used) scans.set(hash, found);
  }
  // Every page links the same sidebar: each target file is looked up once.
  const files = new Map<string, boolean>();
  const isFile = (file: string): boolean => {
    let known = files.get(file);
    if (known === undefined) files.set(file, (known = existsSync(join(dir, file)) && statSync(join(dir, file)).isFile()));
    return known;
  };
  const known = [...ids.keys()];
  const problemWith = (target: URL): string | undefined => {
    if (!target.pathname.startsWith(root)) return `it leaves the site's base path ${root}; write links with url() from src/lib/urls.ts, or relative to the page`;
    const rel = decodeURIComponent(target.pathname.slice(root.length));
    const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    if (!isFile(file)) {
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
  };
  // A link that starts with one "/" means the same target from every page (each page repeats the sidebar's): judged once.
  const fromRoot = new Map<string, string | undefined>();
  const out: string[] = [];
  for (const page of pages) {
    const pageUrl = new URL(`${root}${page.path}`, 'https://site.invalid');
    for (const href of page.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      let problem: string | undefined;
      if (href.startsWith('/')) {
        if (fromRoot.has(href)) problem = fromRoot.get(href);
        else fromRoot.set(href, (problem = problemWith(new URL(href, pageUrl))));
      } else problem = problemWith(new URL(href, pageUrl));
      if (problem) out.push(`${sourceOf(page.path)}: the link "${href}" is broken: ${problem}`);
    }
  }
  return [...new Set(out)];
}
