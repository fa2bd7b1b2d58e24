// The sites the build and page-speed benchmarks compare, all made from the same generated lessons:
// - "site": a copy of this site (its src, content, labs, public), packages from this project's node_modules;
// - "starlight": an Astro Starlight site with Starlight's defaults (its sidebar, table of contents,
//   Pagefind search, Expressive Code), packages from the reference kit in tests/bench/reference;
// - "plain": a hand-written Astro + @astrojs/mdx site (a content collection, a layout with a sidebar
//   listing every lesson and an "on this page" list), packages from this project's node_modules.
// Each site gets a node_modules folder of its own (links to every package of its kit) so that Vite's
// dependency cache in node_modules/.vite is not shared: sharing it made each build throw away the other's.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileCacheDir, NODE_FLAGS, withAllocatorEnv } from '../../src/build/env.mjs';

export type SiteKind = 'site' | 'starlight' | 'plain';

const root = process.cwd();
/** The reference kit: Astro at this site's version, Starlight and Lighthouse, with a lock file of its own. */
export const kitDir = resolve(root, 'tests/bench/reference');

/**
 * Installs the reference kit (`npm ci`, from its committed lock file) when it is missing. Returns false,
 * after saying why, when it cannot be installed (offline, registry unreachable): the caller then leaves
 * the Starlight comparison out.
 */
export function ensureReferenceKit(): boolean {
  const ready = () => ['astro', '@astrojs/starlight', 'lighthouse'].every((name) => existsSync(join(kitDir, 'node_modules', name, 'package.json')));
  if (ready()) return true;
  console.log(`  installing the Starlight reference kit: npm ci --prefix ${kitDir} …`);
  const r = spawnSync('npm', ['ci', '--prefix', kitDir, '--no-audit', '--no-fund'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0 && ready()) return true;
  // npm's first error lines say what went wrong (code, the request that failed); the last ones only where the log is.
  const said = (r.stderr || r.stdout || '').split('\n').filter((l) => /^npm error \S/.test(l));
  console.log(
    `  ✗ could not install the reference kit (exit ${r.status ?? r.error?.message}); is the npm registry reachable?\n` +
      `${said.slice(0, 3).map((l) => `    ${l}\n`).join('')}` +
      `    Install it by hand with: npm ci --prefix tests/bench/reference`,
  );
  return false;
}

const WORDS = 'a hypervisor shares one physical host between several virtual machines each with its own virtual cpus memory disks and network adapters while the host schedules them in turn'.split(' ');
const sentence = (seed: number, length: number) => {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
};

/** A lesson of about 900 words: sections with paragraphs, a list, a table and a shell block, plain MDX every site renders. */
function lessonParts(i: number) {
  const sections = Array.from({ length: 6 }, (_, s) => {
    const paragraphs = Array.from({ length: 3 }, (_, p) => Array.from({ length: 4 }, (_, k) => sentence(i + s * 11 + p * 5 + k, 12)).join(' ')).join('\n\n');
    const extra =
      s === 1
        ? `\n\n- ${sentence(i, 6)}\n- ${sentence(i + 1, 7)}\n- ${sentence(i + 2, 5)}`
        : s === 2
          ? `\n\n| Mode | Host reaches guest | Guest reaches LAN |\n|---|---|---|\n| NAT | no | yes |\n| Bridged | yes | yes |\n| Host-only | yes | no |`
          : s === 3
            ? `\n\n\`\`\`sh\nVBoxManage modifyvm "vm-${i}" --nic1 nat\nVBoxManage modifyvm "vm-${i}" --natpf1 "ssh,tcp,,2222,,22"\nVBoxManage startvm "vm-${i}" --type headless\n\`\`\``
            : '';
    return `## Section ${s + 1} of lesson ${i}\n\n${paragraphs}${extra}\n\n### A closer look ${s + 1}\n\n${sentence(i + s, 20)}`;
  });
  return {
    title: `Generated lesson ${i}`,
    week: 1 + (i % 5),
    order: 10 + Math.floor(i / 5),
    summary: sentence(i, 14),
    objectives: [sentence(i + 3, 6), sentence(i + 4, 7)],
    updated: '2026-11-21',
    body: sections.join('\n\n'),
  };
}

/** Lesson i as each site takes it. Starlight's frontmatter has a title and a description; the summary and objectives, which the other two sites show above the text, open its body. */
export function lesson(i: number, kind: SiteKind): string {
  const l = lessonParts(i);
  if (kind === 'starlight') {
    return `---\ntitle: ${l.title}\ndescription: ${l.summary}\nlastUpdated: ${l.updated}\n---\n\n${l.summary}\n\n${l.objectives.map((o) => `- ${o}`).join('\n')}\n\n${l.body}\n`;
  }
  return `---\ntitle: ${l.title}\nweek: ${l.week}\norder: ${l.order}\nsummary: ${l.summary}\nobjectives:\n${l.objectives.map((o) => `  - ${o}`).join('\n')}\nupdated: ${l.updated}\n---\n\n${l.body}\n`;
}

/** Where lesson i is written, relative to the site's folder; every site publishes it at /lessons/generated-<i>/. */
export const lessonPath = (i: number, kind: SiteKind) => (kind === 'starlight' ? `src/content/docs/lessons/generated-${i}.mdx` : `content/lessons/generated-${i}.mdx`);

const PLAIN: Record<string, string> = {
  'package.json': '{ "name": "reference-site", "private": true, "type": "module" }\n',
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
export default defineConfig({ site: 'https://example.edu', trailingSlash: 'always', build: { format: 'directory' }, integrations: [mdx()] });
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.strictObject({ title: z.string(), week: z.number(), order: z.number(), summary: z.string(), objectives: z.array(z.string()), updated: z.coerce.date(), draft: z.boolean().default(false) }),
});
export const collections = { lessons };
`,
  'src/layouts/Page.astro': `---
import { getCollection } from 'astro:content';
import '../styles/site.css';
interface Props { title: string; headings?: { depth: number; slug: string; text: string }[] }
const { title, headings = [] } = Astro.props;
const lessons = (await getCollection('lessons')).sort((a, b) => a.data.week - b.data.week || a.data.order - b.data.order);
---
<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" /><title>{title}</title></head>
<body>
  <nav aria-label="Lessons"><ul>{lessons.map((l) => <li><a href={\`/lessons/\${l.id}/\`}>{l.data.title}</a></li>)}</ul></nav>
  <main><h1>{title}</h1><slot /></main>
  <aside><h2>On this page</h2><ul>{headings.filter((h) => h.depth <= 3).map((h) => <li><a href={\`#\${h.slug}\`}>{h.text}</a></li>)}</ul></aside>
</body></html>
`,
  'src/pages/index.astro': `---
import { getCollection } from 'astro:content';
import Page from '../layouts/Page.astro';
const lessons = await getCollection('lessons');
---
<Page title="Course"><ul>{lessons.map((l) => <li><a href={\`/lessons/\${l.id}/\`}>{l.data.title}</a>: {l.data.summary}</li>)}</ul></Page>
`,
  'src/pages/lessons/[id].astro': `---
import { getCollection, render } from 'astro:content';
import Page from '../../layouts/Page.astro';
export async function getStaticPaths() {
  return (await getCollection('lessons')).map((lesson) => ({ params: { id: lesson.id }, props: { lesson } }));
}
const { lesson } = Astro.props;
const { Content, headings } = await render(lesson);
---
<Page title={lesson.data.title} headings={headings}>
  <p>{lesson.data.summary}</p>
  <ul>{lesson.data.objectives.map((o) => <li>{o}</li>)}</ul>
  <Content />
</Page>
`,
  'src/styles/site.css': 'body { display: grid; grid-template-columns: 16rem 1fr 14rem; font-family: system-ui; } main { max-width: 48rem; }\n',
};

/** Starlight as its getting-started template sets it up, with nothing switched off. */
const STARLIGHT: Record<string, string> = {
  // Astro finds the packages it must bundle (Starlight imports astro:* modules) from these dependencies.
  'package.json': '{ "name": "starlight-reference-site", "private": true, "type": "module", "dependencies": { "@astrojs/starlight": "*", "astro": "*" } }\n',
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({ site: 'https://example.edu', trailingSlash: 'always', build: { format: 'directory' }, integrations: [starlight({ title: 'Virtualization course' })] });
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  'src/content/docs/index.mdx': '---\ntitle: Virtualization course\ndescription: Weekly lessons on virtualization.\n---\n\nWeekly lessons on virtualization.\n',
};

/**
 * A fresh folder for the sites, inside the reference kit's folder (gitignored): Astro takes a file
 * whose path shares nothing but "/" with the site's root for a root-relative URL, so a site in /tmp
 * could not compile Starlight's components from the kit (“No cached compile metadata found”).
 */
export const sitesFolder = (label: string) => mkdtempSync(join(kitDir, `.sites-${label}-`));

/** Links every package of a node_modules folder into dir/node_modules. */
function linkPackages(dir: string, from: string) {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of readdirSync(from)) {
    if (!name.startsWith('.')) symlinkSync(join(from, name), join(dir, 'node_modules', name), 'dir');
  }
}

/** Makes one site in parent/<kind> with no generated lessons yet; returns its folder. */
export function createSite(parent: string, kind: SiteKind): string {
  const dir = join(parent, kind);
  if (kind === 'site') {
    for (const path of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'labs', 'public']) cpSync(join(root, path), join(dir, path), { recursive: true });
  } else {
    for (const [path, text] of Object.entries(kind === 'plain' ? PLAIN : STARLIGHT)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  mkdirSync(join(dir, lessonPath(0, kind), '..'), { recursive: true });
  linkPackages(dir, kind === 'starlight' ? join(kitDir, 'node_modules') : join(root, 'node_modules'));
  writeFileSync(join(parent, 'build-site.mjs'), BUILD_SCRIPT);
  writeFileSync(join(parent, 'measure-build.mjs'), MEASURE_SCRIPT);
  return dir;
}

/**
 * Empties a site's build caches, as on a fresh checkout: Vite's (node_modules/.vite, where this site
 * also keeps its Svelte compile cache), Astro's (node_modules/.astro: the content layer's data store
 * and the Node compile cache) and the generated .astro folder, and takes away the last output.
 *
 * They are moved into `<sites folder>/.emptied/`, which goes when the benchmark ends, not deleted
 * here: on a file system without a journal (ext4 here), every file created in the seconds after
 * thousands were deleted makes the kernel look past each freed inode before it picks one (`perf`:
 * find_inode_bit → recently_deleted, 15 % of a first build's samples). Deleting the caches right
 * before a first build added about 1 s of system time to each site's build; a fresh checkout has no
 * such deletes.
 */
export function clearCaches(dir: string) {
  const emptied = join(dir, '..', '.emptied');
  mkdirSync(emptied, { recursive: true });
  const aside = mkdtempSync(join(emptied, 'caches-'));
  for (const path of ['node_modules/.vite', 'node_modules/.astro', '.astro', 'dist']) {
    if (existsSync(join(dir, path))) renameSync(join(dir, path), join(aside, path.replaceAll('/', '_')));
  }
}

/** Adds a sentence at the end of lesson i of a site, as an author's edit. */
export function editLesson(dir: string, kind: SiteKind, i: number, sentence: string) {
  appendFileSync(join(dir, lessonPath(i, kind)), `\n${sentence}\n`);
}

/** Writes lessons [from, to) into a site. */
export function writeLessons(dir: string, kind: SiteKind, from: number, to: number) {
  for (let i = from; i < to; i++) writeFileSync(join(dir, lessonPath(i, kind)), lesson(i, kind));
}

/**
 * Where a build's time goes, in seconds: start (loading Astro and the config, the integrations' setup,
 * content sync), bundling (Vite's server and browser builds), pages (writing every page), finishing
 * (the integrations' build-done work: search index, checks) and exit (from build() returning to the
 * process ending: Node's compile cache is written then).
 */
export const PHASES = ['start', 'bundling', 'pages', 'finishing', 'exit'] as const;
export type Phase = (typeof PHASES)[number];
/** The log lines that open the bundling and pages phases and close the pages phase, in order (Astro 7's wording). */
const PHASE_LINES: [string, string][] = [
  ['bundling', 'Building static entrypoints'],
  ['pages', 'generating static routes'],
  ['pagesDone', 'Completed in'],
];

// Astro is imported from the site's own node_modules, so each site builds with the Astro of its kit.
// Astro logs at "info" so that the script can note when each phase of the build starts, from lines
// every Astro site prints (PHASE_LINES); the log itself is not printed, except its end when the build fails.
const BUILD_SCRIPT = `import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const root = process.argv[2];
const { build } = await import(pathToFileURL(createRequire(join(root, 'package.json')).resolve('astro')).href);
const lines = ${JSON.stringify(PHASE_LINES)};
const marks = {};
const write = process.stdout.write.bind(process.stdout);
let next = 0;
let tail = '';
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk);
  tail = (tail + text).slice(-4000);
  if (next < lines.length && text.includes(lines[next][1])) marks[lines[next++][0]] = performance.now() / 1000;
  const done = rest.find((x) => typeof x === 'function');
  if (done) queueMicrotask(done);
  return true;
};
try {
  await build({ root, logLevel: 'info' });
} catch (error) {
  // The log's last lines say what the build was doing.
  process.stderr.write(tail);
  throw error;
}
marks.done = performance.now() / 1000;
const cpu = process.cpuUsage();
write('\\n' + JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuSeconds: (cpu.user + cpu.system) / 1e6, marks }) + '\\n');
`;

/**
 * Runs build-site.mjs and adds up the memory of the build's processes every 20 ms: the build's own
 * and any it starts (this site's Svelte compiles ahead, src/integrations/svelte-compile-ahead.mjs;
 * Pagefind's indexer, in every site). Its last line is {"treePeakKb", "samples", "treeCpuSeconds"}.
 * Resident sizes are summed, so pages the processes share (Node's own code) count twice: the sum errs
 * high. treeCpuSeconds is the CPU time (user and system) of the build process and of every process it
 * started and waited for, its threads included, as the kernel counts it for this process's children
 * once the build has ended (/proc/self/stat: cutime and cstime, in USER_HZ ticks of 1/100 s).
 * Linux only (/proc); elsewhere the peak is 0 (the build process's own peak stands alone) and the CPU
 * time null.
 */
export const MEASURE_SCRIPT = `import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
const [script, dir] = process.argv.slice(2);
// npm run build's Node flags (src/build/env.mjs), for every site alike.
const child = spawn(process.execPath, [...${JSON.stringify(NODE_FLAGS)}, script, dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const out = [];
const err = [];
child.stdout.on('data', (chunk) => out.push(chunk));
child.stderr.on('data', (chunk) => err.push(chunk));
const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};
const family = (pid) => {
  const kids = [];
  try {
    for (const task of readdirSync('/proc/' + pid + '/task')) kids.push(...readFileSync('/proc/' + pid + '/task/' + task + '/children', 'utf8').split(' ').filter(Boolean));
  } catch {
    // gone, or no /proc
  }
  return [pid, ...kids.flatMap(family)];
};
let treePeakKb = 0;
let samples = 0;
const sample = () => {
  treePeakKb = Math.max(treePeakKb, family(String(child.pid)).reduce((sum, pid) => sum + rssKb(pid), 0));
  samples++;
};
const timer = setInterval(sample, 20);
child.on('close', (code) => {
  clearInterval(timer);
  process.stdout.write(Buffer.concat(out));
  process.stderr.write(Buffer.concat(err));
  let treeCpuSeconds = null;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5), counted from the pid; fields[0] is field 3.
    treeCpuSeconds = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // no /proc
  }
  process.stdout.write('\\n' + JSON.stringify({ treePeakKb, samples, treeCpuSeconds }) + '\\n');
  process.exitCode = code ?? 1;
});
`;

export interface BuildFigures {
  seconds: number;
  /** The higher of the build process's own peak and its processes' summed peak (MEASURE_SCRIPT). */
  peakMb: number;
  /** The build process's own peak (its maxRSS). */
  ownPeakMb: number;
  /** CPU time (user and system) of the build's processes together, threads included (MEASURE_SCRIPT); undefined without /proc. */
  cpuSeconds?: number;
  /** CPU time of the build process alone, up to the end of build() (BUILD_SCRIPT). */
  ownCpuSeconds?: number;
  /** Undefined when Astro's log did not have the lines PHASE_LINES looks for. */
  phases?: Record<Phase, number>;
}

/** The phases from the child's marks (seconds since it started) and the wall time the parent saw. */
export function phasesOf(marks: Record<string, unknown>, seconds: number): Record<Phase, number> | undefined {
  const at = (name: string) => (Object.hasOwn(marks, name) && typeof marks[name] === 'number' ? marks[name] : undefined);
  const [bundling, pages, pagesDone, done] = [at('bundling'), at('pages'), at('pagesDone'), at('done')];
  if (bundling === undefined || pages === undefined || pagesDone === undefined || done === undefined) return undefined;
  return { start: bundling, bundling: pages - bundling, pages: pagesDone - pages, finishing: done - pagesDone, exit: Math.max(0, seconds - done) };
}

/**
 * Builds one site (made by createSite) in its own Node process; wall time as the parent sees it, peak
 * memory as the child reports it. Every site, this one and the references alike, is built with the
 * allocator settings and the Node flags `npm run build` uses (src/build/env.mjs; the flags are given
 * by MEASURE_SCRIPT), so the comparison is of the sites, not of the settings.
 */
export function buildSite(dir: string): BuildFigures {
  const start = performance.now();
  // Every site gets npm run build's settings: the allocator's and a Node compile cache of its own, in the
  // environment so that the build's worker threads and child processes use it too (src/build/env.mjs, shareCompileCache).
  const env = { ...withAllocatorEnv(process.env), NODE_COMPILE_CACHE: compileCacheDir(dir) };
  const r = spawnSync(process.execPath, [join(dir, '..', 'measure-build.mjs'), join(dir, '..', 'build-site.mjs'), dir], { cwd: dir, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const [line = '', measured = ''] = r.stdout.split('\n').filter((l) => l.trim()).slice(-2);
  if (r.status !== 0 || !line.startsWith('{') || !measured.startsWith('{')) throw new Error(`build of ${dir} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}${r.stdout.slice(-2000)}`);
  const { maxRssKb, cpuSeconds, marks } = JSON.parse(line) as { maxRssKb: number; cpuSeconds?: number; marks: Record<string, unknown> };
  const { treePeakKb, treeCpuSeconds } = JSON.parse(measured) as { treePeakKb: number; treeCpuSeconds?: number | null };
  const cpu = typeof treeCpuSeconds === 'number' && Number.isFinite(treeCpuSeconds) && treeCpuSeconds > 0 ? treeCpuSeconds : undefined;
  return { seconds, peakMb: Math.max(maxRssKb, treePeakKb) / 1024, ownPeakMb: maxRssKb / 1024, cpuSeconds: cpu, ownCpuSeconds: cpuSeconds, phases: phasesOf(marks, seconds) };
}

/** The middle value; with an even count, the mean of the two middle ones. */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Each round's ratio, ours / theirs, for builds made alternately (index i of both lists is round i).
 * A slow spell of this noisy machine slows both builds of a round, so their ratio varies less than
 * either time; the bench prints these beside the ratio of the medians.
 */
export function roundRatios(ours: number[], theirs: number[]): number[] {
  if (ours.length !== theirs.length) throw new Error(`roundRatios: ${ours.length} builds against ${theirs.length}; each round builds both sites`);
  return ours.map((x, i) => x / theirs[i]!);
}

/**
 * A straight line through build times at several sizes (least squares): what a build costs with no
 * lesson (`fixed`, seconds) and what each lesson adds (`perLesson`, seconds).
 */
export function fixedAndPerLesson(points: { n: number; seconds: number }[]): { fixed: number; perLesson: number } {
  const sizes = new Set(points.map((p) => p.n));
  if (sizes.size < 2) throw new Error('fixedAndPerLesson: needs builds at two sizes or more');
  const meanN = points.reduce((s, p) => s + p.n, 0) / points.length;
  const meanT = points.reduce((s, p) => s + p.seconds, 0) / points.length;
  const perLesson = points.reduce((s, p) => s + (p.n - meanN) * (p.seconds - meanT), 0) / points.reduce((s, p) => s + (p.n - meanN) ** 2, 0);
  return { fixed: meanT - perLesson * meanN, perLesson };
}

/**
 * The number of lessons at which two sites' lines (fixedAndPerLesson) give the same time: where a
 * site with the higher fixed cost and the lower cost per lesson catches up. Undefined when the lines
 * are parallel or meet at no size above zero.
 */
export function sameAt(ours: { fixed: number; perLesson: number }, theirs: { fixed: number; perLesson: number }): number | undefined {
  const slope = theirs.perLesson - ours.perLesson;
  if (slope === 0) return undefined;
  const n = (ours.fixed - theirs.fixed) / slope;
  return n > 0 && Number.isFinite(n) ? n : undefined;
}
