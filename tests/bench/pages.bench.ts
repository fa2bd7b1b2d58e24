// Page speed as Lighthouse 13 sees it (node API, mobile form factor, its default simulated throttling,
// performance category only), against issue 16's targets: a text lesson paints first no later than
// the same lesson on an Astro Starlight site (FCP ratio this site / Starlight ≤ 1.00), and quiz pages
// have 0 ms total blocking time. A copy of this site and a Starlight site (reference-sites.ts) are
// built with the same few generated lessons and served as real hosts serve them, gzipped and
// cacheable (tests/tools/serve.mjs --gzip --cache; Lighthouse clears the cache before each run).
// Lighthouse then runs alternately on the generated text lesson on both sites, every quiz page of
// this site and a lesson of this site with a simulator. Medians of FCP, LCP and TBT are printed, with
// each run's TBT and the longest task after the first paint (quiz and simulator pages), what the
// lessons load before their first paint and the long tasks behind any blocking time.
//
//   BENCH_PAGES_ROUNDS=5        Lighthouse runs per page (default 3; the median is reported)
//   BENCH_PAGES_LESSONS=10      generated lessons in both sites (default 5)
//   BENCH_PAGES_ONLY=text       only the text lesson on both sites (a quicker A/B of a first-paint change)
//   BENCH_PAGES_KEEP=1          keeps the built sites (path printed) …
//   BENCH_PAGES_SITES=<path>    … and measures them again without building: remove <path>/site to
//                               rebuild only this site after a change
// Chromium: CHROME_PATH, else /usr/bin/chromium. Exits non-zero only if something crashes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { section } from './harness';
import { buildSite, createSite, ensureReferenceKit, kitDir, median, sitesFolder, writeLessons, type SiteKind } from './reference-sites';

const rounds = Number(process.env.BENCH_PAGES_ROUNDS ?? 3);
const lessons = Number(process.env.BENCH_PAGES_LESSONS ?? 5);
/** BENCH_PAGES_ONLY=text: only the text lesson on both sites (quicker A/B runs of a change to first paint). */
const onlyText = process.env.BENCH_PAGES_ONLY === 'text';
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(lessons) || lessons < 1) {
  throw new Error('BENCH_PAGES_ROUNDS and BENCH_PAGES_LESSONS must be whole numbers ≥ 1');
}
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = ['--headless=new', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
// Chromium refuses to start its sandbox as root (containers, CI).
if (process.getuid?.() === 0) chromeFlags.push('--no-sandbox');
const TEXT_LESSON = '/lessons/generated-1/';

interface Target {
  label: string;
  kind: SiteKind;
  path: string;
}
interface Run {
  fcp: number;
  lcp: number;
  tbt: number;
  lhr: Lhr;
}
interface LhrItem {
  url?: string;
  duration?: number;
  wastedMs?: number;
  totalBytes?: number;
  transferSize?: number;
  resourceSize?: number;
  resourceType?: string;
  networkRequestTime?: number;
  networkEndTime?: number;
  startTime?: number;
}
interface Lhr {
  lighthouseVersion: string;
  runtimeError?: { message: string };
  audits: Record<string, { numericValue?: number; displayValue?: string; details?: { items?: LhrItem[] | Record<string, { label: string; value: boolean }> } }>;
}

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.on('error', fail);
  });

/** Serves a dist folder as a real host would (gzip, cacheable for 10 minutes); resolves with its origin once it listens. */
async function serve(dist: string, servers: ChildProcess[]): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve('tests/tools/serve.mjs'), dist, String(port), '/', '--gzip', '--cache'], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(child);
  await new Promise<void>((done, fail) => {
    child.stdout!.once('data', () => done());
    child.once('exit', (code) => fail(new Error(`serve.mjs ${dist} exited (${code})`)));
  });
  return `http://127.0.0.1:${port}`;
}

/** This site's quiz pages and the first lesson with a simulator, found in its dist. */
function sitePages(dist: string): { quizzes: string[]; simulator?: string } {
  const quizzes = readdirSync(join(dist, 'quizzes'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dist, 'quizzes', d.name, 'index.html')))
    .map((d) => `/quizzes/${d.name}/`)
    .sort();
  const simulator = readdirSync(join(dist, 'lessons'))
    .sort()
    .find((name) => /component-url="[^"]*\/(NetworkLab|SizingCalculator|SnapshotSandbox)\./.test(readFileSync(join(dist, 'lessons', name, 'index.html'), 'utf8')));
  return { quizzes, ...(simulator ? { simulator: `/lessons/${simulator}/` } : {}) };
}

const items = (lhr: Lhr, audit: string) => {
  const found = lhr.audits[audit]?.details?.items;
  return Array.isArray(found) ? found : [];
};
const kb = (bytes = 0) => `${(bytes / 1024).toFixed(1)} KB`;
const shortUrl = (url = '') => url.replace(/^https?:\/\/[^/]+/, '');

/** What the text lesson fetches and what Lighthouse says holds back its first paint. */
function diagnose(name: string, lhr: Lhr) {
  const requests = items(lhr, 'network-requests');
  const doc = requests.find((r) => r.resourceType === 'Document');
  const byType = new Map<string, { n: number; bytes: number }>();
  for (const r of requests) {
    const t = byType.get(r.resourceType ?? 'Other') ?? { n: 0, bytes: 0 };
    byType.set(r.resourceType ?? 'Other', { n: t.n + 1, bytes: t.bytes + (r.transferSize ?? 0) });
  }
  console.log(
    `    ${name}: document ${kb(doc?.transferSize)} gzipped (${kb(doc?.resourceSize)} HTML); on load ${[...byType].map(([t, v]) => `${v.n} ${t} ${kb(v.bytes)}`).join(', ')}`,
  );
  const blocking = items(lhr, 'render-blocking-insight');
  console.log(
    `      render-blocking: ${blocking.length ? blocking.map((b) => `${shortUrl(b.url)} (${kb(b.totalBytes)}, ${Math.round(b.wastedMs ?? 0)} ms)`).join('; ') : 'none'}` +
      `${lhr.audits['render-blocking-insight']?.displayValue ? ` → ${lhr.audits['render-blocking-insight'].displayValue}` : ''}`,
  );
  const fonts = items(lhr, 'font-display-insight');
  if (fonts.length) console.log(`      font display: ${fonts.map((f) => `${shortUrl(f.url)} ${Math.round(f.wastedMs ?? 0)} ms`).join('; ')}`);
  for (const r of requests.filter((r) => r.resourceType === 'Stylesheet' || r.resourceType === 'Font' || r.resourceType === 'Script')) {
    console.log(`      ${r.resourceType!.padEnd(10)} ${shortUrl(r.url).padEnd(48)} ${kb(r.transferSize).padStart(8)}  ${Math.round(r.networkRequestTime ?? 0)}–${Math.round(r.networkEndTime ?? 0)} ms observed`);
  }
}

section(`pages: Lighthouse mobile (simulated throttling), this site vs Starlight, ${lessons} generated lessons, gzip, ${rounds} alternating runs per page (median)`);
if (!existsSync(chromePath)) {
  console.log(`  ✗ no Chromium at ${chromePath} (set CHROME_PATH): page speed not measured`);
} else if (!ensureReferenceKit()) {
  console.log('  ✗ page speed not measured: Lighthouse and Starlight come from the reference kit');
} else {
  const reuse = process.env.BENCH_PAGES_SITES;
  const keep = process.env.BENCH_PAGES_KEEP === '1' || reuse !== undefined;
  const folder = reuse ? resolve(reuse) : sitesFolder('pages');
  const servers: ChildProcess[] = [];
  const kitRequire = createRequire(join(kitDir, 'package.json'));
  const { default: lighthouse } = (await import(pathToFileURL(kitRequire.resolve('lighthouse')).href)) as {
    default: (url: string, flags: Record<string, unknown>) => Promise<{ lhr: Lhr } | undefined>;
  };
  const chromeLauncher = (await import(pathToFileURL(kitRequire.resolve('chrome-launcher')).href)) as {
    launch: (o: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill: () => void }>;
  };
  try {
    const origins = {} as Record<'site' | 'starlight', string>;
    for (const kind of ['site', 'starlight'] as const) {
      const dir = join(folder, kind);
      if (existsSync(join(dir, 'dist', 'index.html'))) {
        console.log(`  ${kind}: reusing ${join(dir, 'dist')}`);
      } else {
        rmSync(dir, { recursive: true, force: true });
        createSite(folder, kind);
        writeLessons(dir, kind, 0, lessons);
        const { seconds } = buildSite(dir);
        console.log(`  ${kind}: built in ${seconds.toFixed(1)} s`);
      }
      origins[kind] = await serve(join(dir, 'dist'), servers);
    }
    const { quizzes, simulator } = sitePages(join(folder, 'site', 'dist'));
    const targets: Target[] = [
      { label: 'text lesson', kind: 'site', path: TEXT_LESSON },
      { label: 'text lesson', kind: 'starlight', path: TEXT_LESSON },
      ...(onlyText ? [] : quizzes.map((path) => ({ label: 'quiz', kind: 'site' as const, path }))),
      ...(simulator && !onlyText ? [{ label: 'lesson with a simulator', kind: 'site' as const, path: simulator }] : []),
    ];
    const runs = new Map<Target, Run[]>(targets.map((t) => [t, []]));
    let version = '';
    for (let r = 0; r < rounds; r++) {
      const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
      try {
        // Every other round Starlight's lesson goes first, so neither site always follows the other.
        const order = r % 2 ? [targets[1]!, targets[0]!, ...targets.slice(2)] : targets;
        for (const target of order) {
          const result = await lighthouse(`${origins[target.kind as 'site' | 'starlight']}${target.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
          const lhr = result?.lhr;
          if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse on ${target.kind} ${target.path}: ${lhr?.runtimeError?.message ?? 'no result'}`);
          version = lhr.lighthouseVersion;
          const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
          runs.get(target)!.push({ fcp: value('first-contentful-paint'), lcp: value('largest-contentful-paint'), tbt: value('total-blocking-time'), lhr });
        }
      } finally {
        chrome.kill();
      }
    }

    console.log(`  Lighthouse ${version}, medians of ${rounds}:`);
    const med = (t: Target) => {
      const rs = runs.get(t)!;
      return { fcp: median(rs.map((x) => x.fcp)), lcp: median(rs.map((x) => x.lcp)), tbt: median(rs.map((x) => x.tbt)) };
    };
    const line = (name: string, m: ReturnType<typeof med>) => `${name.padEnd(50)} FCP ${String(Math.round(m.fcp)).padStart(5)} ms  LCP ${String(Math.round(m.lcp)).padStart(5)} ms  TBT ${String(Math.round(m.tbt)).padStart(4)} ms`;
    const [ours, theirs] = [med(targets[0]!), med(targets[1]!)];
    console.log(`  ${line(`text lesson ${TEXT_LESSON}, this site`, ours)}`);
    console.log(`  ${line(`text lesson ${TEXT_LESSON}, Starlight`, theirs)}`);
    const ratio = ours.fcp / theirs.fcp;
    console.log(`    FCP this site / Starlight ${ratio.toFixed(2)}×  (target ≤ 1.00×: ${ratio <= 1 ? 'met' : 'NOT MET'}); LCP ${(ours.lcp / theirs.lcp).toFixed(2)}×`);
    for (const t of targets.slice(2)) {
      const m = med(t);
      const target = t.label === 'quiz' ? `  (target 0 ms: ${m.tbt === 0 ? 'met' : 'NOT MET'})` : '';
      console.log(`  ${line(`${t.label} ${t.path}`, m)}${target}`);
      // Every run, not only the median: how often a page blocks at all, and its longest task after the
      // first paint (where blocking time counts; Lighthouse lists tasks of 50 ms and more, simulated).
      const after = (x: Run) => items(x.lhr, 'long-tasks').filter((task) => (task.startTime ?? 0) >= x.fcp);
      const longest = Math.max(0, ...runs.get(t)!.flatMap((x) => after(x).map((task) => task.duration ?? 0)));
      console.log(
        `      TBT by run: ${runs.get(t)!.map((x) => Math.round(x.tbt)).join(', ')} ms; longest task after the first paint: ${longest ? `${Math.round(longest)} ms` : 'none of 50 ms or more'}`,
      );
      if (m.tbt > 0) {
        // Long tasks as Lighthouse simulates them (4× CPU slowdown): over 50 ms, the excess counts as blocking.
        const tasks = items(runs.get(t)!.find((x) => x.tbt === m.tbt)!.lhr, 'long-tasks');
        console.log(`      long tasks: ${tasks.map((x) => `${shortUrl(x.url) || x.url} ${Math.round(x.duration ?? 0)} ms`).join('; ')}`);
      }
    }
    // The run whose FCP is the median tells what that paint waited for.
    const medianRun = (t: Target) => runs.get(t)!.find((x) => x.fcp === med(t).fcp)!.lhr;
    console.log('  what the pages load before they paint (Lighthouse diagnostics of the median-FCP run):');
    diagnose('this site', medianRun(targets[0]!));
    diagnose('Starlight', medianRun(targets[1]!));
    const simulatorTarget = targets.find((t) => t.label === 'lesson with a simulator');
    if (simulatorTarget) diagnose(`this site, ${simulatorTarget.path}`, medianRun(simulatorTarget));
  } finally {
    for (const s of servers) s.kill();
    if (keep) console.log(`  sites kept in ${folder} (BENCH_PAGES_SITES=${folder} measures them again)`);
    else rmSync(folder, { recursive: true, force: true });
  }
}
