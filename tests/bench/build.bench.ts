// The build, side by side with a reference site built from the same text: N generated MDX lessons
// go into a copy of this site and into a plain Astro + @astrojs/mdx site (a content collection, a
// layout with a sidebar listing every lesson and an "on this page" list, as Starlight has); the two
// are built alternately, each build in its own Node process, and the figures are reported as ratios
// (this site / reference). Both copies live in a temporary folder and use this project's node_modules.
//
//   BENCH_LESSONS=200 npm run bench build       N lessons (default 40, to keep `npm run bench` short)
//   BENCH_BUILD_ROUNDS=3                         builds per site (default 2; the median is reported; the
//                                                first build of each also fills its Vite cache, as a fresh checkout would)
//   BENCH_BUILD_SIZES=0,100,200                  several sizes: also prints the memory each lesson adds
//   BENCH_BUILD_KEEP=1                           keeps the two sites (path printed) to profile a build by hand
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { section } from './harness';

const root = process.cwd();
const sizes = (process.env.BENCH_BUILD_SIZES ?? process.env.BENCH_LESSONS ?? '40').split(',').map((s) => Number(s.trim()));
const rounds = Number(process.env.BENCH_BUILD_ROUNDS ?? 2);
if (sizes.some((n) => !Number.isInteger(n) || n < 0) || !Number.isInteger(rounds) || rounds < 1) {
  throw new Error('BENCH_LESSONS / BENCH_BUILD_SIZES must be whole numbers ≥ 0 (e.g. 200 or 0,100,200) and BENCH_BUILD_ROUNDS ≥ 1');
}

const WORDS = 'a hypervisor shares one physical host between several virtual machines each with its own virtual cpus memory disks and network adapters while the host schedules them in turn'.split(' ');
const sentence = (seed: number, length: number) => {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
};

/** A lesson of about 900 words: sections with paragraphs, a list, a table and a shell block, plain MDX both sites render. */
function lesson(i: number): string {
  const week = 1 + (i % 5);
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
  return `---
title: Generated lesson ${i}
week: ${week}
order: ${10 + Math.floor(i / 5)}
summary: ${sentence(i, 14)}
objectives:
  - ${sentence(i + 3, 6)}
  - ${sentence(i + 4, 7)}
updated: 2026-11-21
---

${sections.join('\n\n')}
`;
}

const REFERENCE: Record<string, string> = {
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

/** Builds one site in its own Node process; wall time as the parent sees it, peak memory as the child reports it. */
function buildOnce(dir: string): { seconds: number; peakMb: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(dir, '..', 'build-site.mjs'), dir], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`build of ${dir} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}${r.stdout.slice(-2000)}`);
  const { maxRssKb } = JSON.parse(line) as { maxRssKb: number };
  return { seconds, peakMb: maxRssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tmp = mkdtempSync(join(tmpdir(), 'course-build-bench-'));
try {
  // Both sites resolve packages from this project's node_modules, each through a folder of its own
  // (links to every package) so that Vite's dependency cache in node_modules/.vite is not shared:
  // sharing it made each site's build throw away the other's.
  symlinkSync(resolve(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');
  const linkPackages = (dir: string) => {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    for (const name of readdirSync(join(root, 'node_modules'))) {
      if (!name.startsWith('.')) symlinkSync(resolve(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    }
  };
  writeFileSync(
    join(tmp, 'build-site.mjs'),
    `import { build } from 'astro';\nawait build({ root: process.argv[2], logLevel: 'error' });\nprocess.stdout.write('\\n' + JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + '\\n');\n`,
  );
  const site = join(tmp, 'site');
  const reference = join(tmp, 'reference');
  for (const path of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'labs', 'public']) cpSync(join(root, path), join(site, path), { recursive: true });
  for (const [path, text] of Object.entries(REFERENCE)) {
    mkdirSync(join(reference, path, '..'), { recursive: true });
    writeFileSync(join(reference, path), text);
  }
  mkdirSync(join(reference, 'content', 'lessons'), { recursive: true });
  linkPackages(site);
  linkPackages(reference);

  section(`build: this site vs a plain Astro + MDX site, same generated lessons, ${rounds} alternating builds each (median), Node ${process.version}`);
  const figures: { n: number; site: { seconds: number; peakMb: number }; reference: { seconds: number; peakMb: number } }[] = [];
  let written = 0;
  for (const n of [...sizes].sort((a, b) => a - b)) {
    for (; written < n; written++) {
      const text = lesson(written);
      writeFileSync(join(site, 'content', 'lessons', `generated-${written}.mdx`), text);
      writeFileSync(join(reference, 'content', 'lessons', `generated-${written}.mdx`), text);
    }
    const runs = { site: [] as { seconds: number; peakMb: number }[], reference: [] as { seconds: number; peakMb: number }[] };
    for (let r = 0; r < rounds; r++) {
      runs.site.push(buildOnce(site));
      runs.reference.push(buildOnce(reference));
    }
    const pick = (xs: { seconds: number; peakMb: number }[]) => ({ seconds: median(xs.map((x) => x.seconds)), peakMb: median(xs.map((x) => x.peakMb)) });
    const s = pick(runs.site);
    const ref = pick(runs.reference);
    figures.push({ n, site: s, reference: ref });
    console.log(
      `  ${String(n).padStart(4)} generated lessons: this site ${s.seconds.toFixed(1)} s, ${s.peakMb.toFixed(0)} MB peak; reference ${ref.seconds.toFixed(1)} s, ${ref.peakMb.toFixed(0)} MB peak` +
        `  → time ${(s.seconds / ref.seconds).toFixed(2)}×, memory ${(s.peakMb / ref.peakMb).toFixed(2)}× (target ≤ 1.00×)`,
    );
  }
  if (figures.length > 1) {
    const [a, b] = [figures[0]!, figures.at(-1)!];
    const per = (f: (x: (typeof figures)[number]) => number) => ((f(b) - f(a)) / (b.n - a.n)).toFixed(2);
    console.log(`  memory each lesson adds: this site ${per((x) => x.site.peakMb)} MB, reference ${per((x) => x.reference.peakMb)} MB; time: this site ${per((x) => x.site.seconds * 1000)} ms, reference ${per((x) => x.reference.seconds * 1000)} ms`);
  }
} finally {
  if (process.env.BENCH_BUILD_KEEP === '1') console.log(`  sites kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
