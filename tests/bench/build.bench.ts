// The build, side by side with reference sites built from the same text: N generated MDX lessons go
// into a copy of this site, into an Astro Starlight site (Starlight's defaults: sidebar, table of
// contents, Pagefind search, Expressive Code; packages from the reference kit in tests/bench/reference,
// installed here with `npm ci` when missing) and into a plain Astro + @astrojs/mdx site (see
// reference-sites.ts). The sites are built alternately, each build in its own Node process, and the
// figures are reported as ratios: this site / Starlight (issue 16's target: ≤ 1.00 for time and peak
// memory at 200 lessons) and this site / plain Astro. Two kinds of build are reported apart:
//   - first build: every site's caches emptied first (Vite's, Astro's content store, this site's Svelte
//     compile cache, the Node compile cache), as on a fresh checkout or in CI; they are moved aside, not
//     deleted right before the build (clearCaches in reference-sites.ts says why);
//   - rebuild: the same site built again with nothing changed (the median of rounds 2…N);
//   - after an edit: a build after a sentence was added to one lesson of each site, as an instructor
//     rebuilds after editing (sizes with at least one generated lesson); with BENCH_BUILD_ROUNDS > 2,
//     as many edits and builds as rebuilds, alternating, and their median.
// Peak memory is that of all the build's processes together: the build's own peak (its maxRSS), or the
// sum of its processes' resident memory sampled every 20 ms when that is higher (a build may start
// others: this site's Svelte compiles ahead, Pagefind's indexer in every site); the build process's
// own peak is printed beside it.
// CPU time is that of all the build's processes together (user and system, threads included), beside the
// build process's own; with C cores a build takes at least its CPU time / C, which the bench prints
// against Starlight's time (a site whose work alone is longer than that cannot meet the time target
// by using the cores better).
// With several builds of a kind, each round's own time ratio is printed too (a round builds every site
// once, one after the other, so a slow spell of the machine slows them alike).
// Beside each comparison with Starlight, where the time went in both sites: start, bundling, pages,
// finishing, exit (PHASES in reference-sites.ts), each phase's median over the builds.
// Every site is built with the allocator settings `npm run build` uses (src/build/env.mjs: Rolldown's
// mimalloc without transparent huge pages, purging at once), so the ratios compare the sites alone.
// The sites live in a temporary folder tests/bench/reference/.sites-build-*.
//
//   BENCH_LESSONS=200 npm run bench build.bench N lessons (default 40, to keep `npm run bench` short)
//   BENCH_BUILD_ROUNDS=3                         builds per site and size (default 2: one first build, one rebuild;
//                                                with more, the rebuilds' median is reported)
//   BENCH_BUILD_FIRSTS=3                         first builds per site and size, alternating, caches emptied before
//                                                each (default 1); their median is reported: one first build
//                                                varies by a second or more on this machine
//   BENCH_BUILD_SIZES=1,100,200                  several sizes: also prints what a build costs with no lesson and
//                                                what each lesson adds (time: a line through every build; memory),
//                                                and at how many lessons this site and Starlight take the same time
//   BENCH_BUILD_KEEP=1                           keeps the sites (path printed) to profile a build by hand
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ALLOCATOR_ENV, NODE_FLAGS } from '../../src/build/env.mjs';
import { section } from './harness';
import { buildSite, clearCaches, createSite, editLesson, ensureReferenceKit, fixedAndPerLesson, median, PHASES, roundRatios, sameAt, sitesFolder, writeLessons, type BuildFigures, type Phase, type SiteKind } from './reference-sites';

const sizes = (process.env.BENCH_BUILD_SIZES ?? process.env.BENCH_LESSONS ?? '40').split(',').map((s) => Number(s.trim()));
const rounds = Number(process.env.BENCH_BUILD_ROUNDS ?? 2);
const firsts = Number(process.env.BENCH_BUILD_FIRSTS ?? 1);
/** Builds after an edit, per site and size: as many as rebuilds (one with the default two rounds). */
const edits = Math.max(1, rounds - 1);
if (sizes.some((n) => !Number.isInteger(n) || n < 0) || !Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(firsts) || firsts < 1) {
  throw new Error('BENCH_LESSONS / BENCH_BUILD_SIZES must be whole numbers ≥ 0 (e.g. 200 or 0,100,200), BENCH_BUILD_ROUNDS and BENCH_BUILD_FIRSTS ≥ 1');
}

const NAMES: Record<SiteKind, string> = { site: 'this site', starlight: 'Starlight', plain: 'plain Astro' };
const tmp = sitesFolder('build');
try {
  section(`build: this site vs Starlight and vs a plain Astro + MDX site, same generated MDX lessons, ${firsts > 1 ? `${firsts} first builds and ${rounds - 1} rebuilds` : `${rounds} builds`} each, alternating (first builds, then rebuilds), Node ${process.version}, every site with npm run build's allocator settings (${Object.entries(ALLOCATOR_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}) and Node flags (${NODE_FLAGS.join(' ')}) and a Node compile cache of its own (emptied with the other caches)`);
  const kinds: SiteKind[] = ensureReferenceKit() ? ['site', 'starlight', 'plain'] : ['site', 'plain'];
  if (!kinds.includes('starlight')) console.log('  (Starlight left out: only the plain Astro comparison follows)');
  const dirs = Object.fromEntries(kinds.map((kind) => [kind, createSite(tmp, kind)])) as Record<SiteKind, string>;

  type Kind = 'first' | 'rebuild' | 'edit';
  const figures: { n: number; by: Record<Kind, Partial<Record<SiteKind, BuildFigures>>>; runs: Record<Kind, Partial<Record<SiteKind, BuildFigures[]>>> }[] = [];
  let written = 0;
  for (const n of [...sizes].sort((a, b) => a - b)) {
    for (const kind of kinds) writeLessons(dirs[kind], kind, written, n);
    written = Math.max(written, n);
    const first = Object.fromEntries(kinds.map((kind) => [kind, [] as BuildFigures[]])) as Record<SiteKind, BuildFigures[]>;
    const again = Object.fromEntries(kinds.map((kind) => [kind, [] as BuildFigures[]])) as Record<SiteKind, BuildFigures[]>;
    for (let f = 0; f < firsts; f++) {
      for (const kind of kinds) {
        clearCaches(dirs[kind]);
        first[kind].push(buildSite(dirs[kind]));
      }
    }
    for (let r = 1; r < rounds; r++) for (const kind of kinds) again[kind].push(buildSite(dirs[kind]));
    // Every build, in rounds (index i: round i of every site), for the medians, the ratios per round and the lines through the sizes.
    const runs: Record<Kind, Partial<Record<SiteKind, BuildFigures[]>>> = { first, rebuild: rounds > 1 ? again : {}, edit: {} };
    if (n > 0) {
      const edited = Object.fromEntries(kinds.map((kind) => [kind, [] as BuildFigures[]])) as Record<SiteKind, BuildFigures[]>;
      for (let e = 0; e < edits; e++) {
        for (const kind of kinds) editLesson(dirs[kind], kind, 0, `Edited before build ${e + 1} at ${Date.now()}.`);
        for (const kind of kinds) edited[kind].push(buildSite(dirs[kind]));
      }
      runs.edit = edited;
    }
    const middle = (builds: BuildFigures[]): BuildFigures => {
      const phased = builds.map((x) => x.phases).filter((p) => p !== undefined);
      // Each phase's own median (they need not come from the same build); none when a build's log lacked them.
      const phases = phased.length === builds.length ? (Object.fromEntries(PHASES.map((p) => [p, median(phased.map((x) => x[p]))])) as Record<Phase, number>) : undefined;
      const cpu = builds.every((x) => x.cpuSeconds !== undefined) ? median(builds.map((x) => x.cpuSeconds!)) : undefined;
      const ownCpu = builds.every((x) => x.ownCpuSeconds !== undefined) ? median(builds.map((x) => x.ownCpuSeconds!)) : undefined;
      return { seconds: median(builds.map((x) => x.seconds)), peakMb: median(builds.map((x) => x.peakMb)), ownPeakMb: median(builds.map((x) => x.ownPeakMb)), cpuSeconds: cpu, ownCpuSeconds: ownCpu, phases };
    };
    const by: Record<Kind, Partial<Record<SiteKind, BuildFigures>>> = { first: {}, rebuild: {}, edit: {} };
    for (const which of ['first', 'rebuild', 'edit'] as const) for (const kind of kinds) if (runs[which][kind]) by[which][kind] = middle(runs[which][kind]);
    figures.push({ n, by, runs });
    for (const which of ['first', 'rebuild', 'edit'] as const) {
      const f = by[which];
      if (!f.site) continue;
      const label = which === 'first' ? `first build (empty caches${firsts > 1 ? `, median of ${firsts}` : ''})` : which === 'rebuild' ? `rebuild (nothing changed${rounds > 2 ? `, median of ${rounds - 1}` : ''})` : `rebuild after editing one lesson${edits > 1 ? ` (median of ${edits}, a new edit before each)` : ''}`;
      console.log(`  ${String(n).padStart(4)} generated lessons, ${label}: ${kinds.map((k) => `${NAMES[k]} ${f[k]!.seconds.toFixed(1)} s, ${f[k]!.peakMb.toFixed(0)} MB peak (${f[k]!.ownPeakMb.toFixed(0)} MB in the build process)`).join('; ')}`);
      for (const ref of kinds.filter((k) => k !== 'site')) {
        const time = f.site.seconds / f[ref]!.seconds;
        const memory = f.site.peakMb / f[ref]!.peakMb;
        const target = ref === 'starlight' ? `  (target ≤ 1.00×: time ${time <= 1 ? 'met' : 'MISSED'}, memory ${memory <= 1 ? 'met' : 'MISSED'})` : '';
        const [ourBuilds, theirBuilds] = [runs[which].site!, runs[which][ref]!];
        // With several rounds, each round's own ratio too: both builds of a round meet the same spell of this noisy machine.
        const each = ourBuilds.length > 1 ? `; each round: time ${roundRatios(ourBuilds.map((x) => x.seconds), theirBuilds.map((x) => x.seconds)).map((r) => r.toFixed(2)).join(', ')}×` : '';
        console.log(`        this site / ${NAMES[ref]}: time ${time.toFixed(2)}×, peak memory ${memory.toFixed(2)}×${target}${each}`);
      }
      // CPU time of all the build's processes: with C cores a build cannot take less than CPU / C, so
      // when this site's CPU over the cores is already longer than Starlight's whole build, no better
      // use of the cores can meet the time target; only less work can.
      if (f.starlight && f.site.cpuSeconds !== undefined && f.starlight.cpuSeconds !== undefined) {
        const [a, b] = [f.site, f.starlight];
        const cores = availableParallelism();
        console.log(
          `        CPU time of all the build's processes: this site ${a.cpuSeconds!.toFixed(1)} s (${a.ownCpuSeconds?.toFixed(1) ?? '?'} s in the build process), Starlight ${b.cpuSeconds!.toFixed(1)} s (${b.ownCpuSeconds?.toFixed(1) ?? '?'} s), ${(a.cpuSeconds! / b.cpuSeconds!).toFixed(2)}×; ` +
            `on ${cores} core${cores === 1 ? '' : 's'} that much CPU time needs at least ${(a.cpuSeconds! / cores).toFixed(1)} s of wall time (Starlight's build took ${b.seconds.toFixed(1)} s)`,
        );
      }
      const [ours, theirs] = [f.site.phases, f.starlight?.phases];
      if (f.starlight) {
        console.log(
          ours && theirs
            ? `        where the time goes, this site / Starlight: ${PHASES.map((p) => `${p} ${ours[p].toFixed(1)} / ${theirs[p].toFixed(1)} s`).join(' · ')}`
            : "        where the time goes: not measured (Astro's log lacked the lines reference-sites.ts looks for)",
        );
      }
    }
  }
  if (figures.length > 1) {
    const [a, b] = [figures[0]!, figures.at(-1)!];
    // What a build costs with no lesson and what each lesson adds, from a line through every build at every size.
    for (const which of ['first', 'rebuild'] as const) {
      if (!figures.every((f) => f.runs[which].site?.length)) continue;
      const lines = Object.fromEntries(kinds.map((kind) => [kind, fixedAndPerLesson(figures.flatMap((f) => f.runs[which][kind]!.map((x) => ({ n: f.n, seconds: x.seconds }))))])) as Partial<Record<SiteKind, ReturnType<typeof fixedAndPerLesson>>>;
      const memoryPerLesson = (kind: SiteKind) => ((b.by[which][kind]!.peakMb - a.by[which][kind]!.peakMb) / (b.n - a.n)).toFixed(2);
      console.log(`  ${which === 'first' ? 'first builds' : 'rebuilds'}, ${figures.map((f) => f.n).join(', ')} lessons: a build with no lesson (the line through every build) and what each lesson adds`);
      for (const kind of kinds) {
        const { fixed, perLesson } = lines[kind]!;
        console.log(`    ${NAMES[kind].padEnd(11)} ${fixed.toFixed(1)} s + ${(perLesson * 1000).toFixed(1)} ms per lesson; ${memoryPerLesson(kind)} MB peak memory per lesson (${a.n} → ${b.n})`);
      }
      if (lines.starlight) {
        const [ours, theirs] = [lines.site!, lines.starlight];
        const n = sameAt(ours, theirs);
        if (n !== undefined) console.log(`    this site and Starlight take the same time at about ${Math.round(n)} lessons (with ${ours.fixed > theirs.fixed ? 'more' : 'fewer'} lessons, this site is faster)`);
      }
    }
  }
} finally {
  if (process.env.BENCH_BUILD_KEEP === '1') console.log(`  sites kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
