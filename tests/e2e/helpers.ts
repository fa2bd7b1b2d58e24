import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML page of a built site, as URL paths ("/", "/lessons/x/", "/404.html"). */
export function builtPages(dir = 'dist'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(p);
      } else if (name.endsWith('.html')) {
        const rel = relative(dir, p).split(sep).join('/');
        out.push(rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

export const lessonPages = (dir = 'dist') => builtPages(dir).filter((p) => p.startsWith('/lessons/'));

/**
 * Collects what would tell a student something is broken: console errors, uncaught exceptions and
 * requests that failed or answered ≥ 400. Call `assertClean()` at the end of the test.
 */
export function watch(page: Page, options: { allow404?: boolean } = {}) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`exception: ${err.message}`));
  // A request the page itself abandoned by navigating away (net::ERR_ABORTED) is not a fault.
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    if (!error.includes('ERR_ABORTED')) problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !(options.allow404 && res.status() === 404)) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    problems,
    assertClean: () => expect(problems, problems.join('\n')).toEqual([]),
  };
}

export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('vcourse:theme', t), theme);
}

/** WCAG 2.1 AA, as axe-core checks it. Returns a readable list of violations (empty = pass). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`,
  );
}

/** Heading levels in document order must start at one h1 and never skip a level going down. */
export async function headingProblems(page: Page): Promise<string[]> {
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
    hs.filter((h) => h.checkVisibility() || h.closest('details')).map((h) => ({ level: Number(h.tagName[1]), text: h.textContent?.trim() ?? '' })),
  );
  const problems: string[] = [];
  const h1s = levels.filter((h) => h.level === 1).length;
  if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
  levels.forEach((h, i) => {
    const prev = levels[i - 1];
    if (prev && h.level > prev.level + 1) problems.push(`h${prev.level} "${prev.text}" is followed by h${h.level} "${h.text}"`);
  });
  return problems;
}

/** What a script's text is, for the page-weight report: the libraries that must stay off pages that do not need them. */
export const LIBRARY_MARKERS: Record<string, RegExp> = {
  zod: /ZodError|\$ZodType|_zod\b/,
  yaml: /yaml\.document|YAMLParseError/,
  cytoscape: /cytoscape|Cytoscape/,
  'preload helper': /Unable to preload CSS|modulepreload/,
};

/**
 * Every script the page fetches from now on, by path, with the LIBRARY_MARKERS found in each: for
 * tests that a page never loads a library, however the student uses it. `settled()` waits for the
 * bodies read so far.
 */
export function recordLibraries(page: Page): { scripts: Map<string, string[]>; settled: () => Promise<void>; found: (name: string) => string[] } {
  const scripts = new Map<string, string[]>();
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then(
        (body) => {
          const text = body.toString('utf8');
          scripts.set(new URL(res.url()).pathname, Object.keys(LIBRARY_MARKERS).filter((name) => LIBRARY_MARKERS[name]!.test(text)));
        },
        () => undefined,
      ),
    );
  });
  return {
    scripts,
    settled: async () => void (await Promise.all(pending)),
    found: (name) => [...scripts].filter(([, libs]) => libs.includes(name)).map(([path]) => path),
  };
}
