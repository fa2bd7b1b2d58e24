// `npm test` step: a rebuild makes exactly the files of the first build.
// The build keeps what the Svelte compiler made (src/integrations/svelte-compile-cache.ts), what
// trying the labs found (src/lab/tries-cache.ts), the labs as read (src/lab/reads-cache.ts), what
// checking each content file found (src/lib/content-check-cache.ts) and what Expressive Code made
// of each code block (src/integrations/code-block-cache.ts), so a rebuild of unchanged sources takes all of it from
// those caches instead of doing the work again; Astro copies the lesson pages whose key and code
// are unchanged (src/integrations/page-cache.ts), and the same site keeps its link check and search
// index (src/integrations/site-fingerprint.ts). This builds the site again into dist-again (the
// caches are warm by now: the build before this step filled them), checks that it used them, and
// compares every file with dist. In CI, dist is a fresh clone's first build, with every component
// compiled and every lab tried, so this proves the cached path gives the same site byte for byte;
// anywhere, it proves the build is reproducible (no random ids, no timestamps).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/build/env.mjs';

const [first, again] = ['dist', 'dist-again'];
if (!existsSync(first)) {
  console.error(`✗ ${first}/ is missing: run \`npm run build\` first (npm test does)`);
  process.exit(1);
}
rmSync(again, { recursive: true, force: true });
const env = { ...process.env };
delete env.BASE_PATH; // the same base as dist
// npm run build's Node flags (src/build/env.mjs), as the first build had them.
const r = spawnSync(process.execPath, [...NODE_FLAGS, 'src/build/astro.mjs', 'build', '--outDir', again], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
process.stdout.write(r.stdout.split('\n').filter((l) => l.includes('svelte-compile-cache') || l.includes('labs: ') || l.includes('quizzes: ') || l.includes('content: ') || l.includes('code blocks: ') || l.includes('internal links: ') || l.includes('search index: ')).map((l) => `${l}\n`).join(''));
if (r.status !== 0) {
  console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
  console.error('✗ the rebuild failed');
  process.exit(1);
}
const taken = [...r.stdout.matchAll(/: (\d+) of (\d+) Svelte components taken from the cache/g)].map((m) => [Number(m[1]), Number(m[2])]);
if (taken.length !== 2 || taken.some(([hit, all]) => all === 0 || hit !== all)) {
  console.error(`✗ expected the rebuild to take every Svelte component from the cache in both builds (server and browser); it reported ${JSON.stringify(taken)}`);
  process.exit(1);
}
// Every component is in the compile cache, so nothing is compiled ahead (src/integrations/svelte-compile-ahead.mjs).
if (/Svelte compiles done ahead/.test(r.stdout)) {
  console.error(`✗ expected the rebuild, with every Svelte component in the compile cache, to start no process compiling ahead; it said: ${/.*Svelte compiles done ahead.*/.exec(r.stdout)?.[0]}`);
  process.exit(1);
}
if (!/labs: the tries of [1-9]\d* sample seed sets? kept from the last build/.test(r.stdout)) {
  console.error('✗ expected the rebuild to take the labs\' tries from the last build (src/lab/tries-cache.ts); it did not say so');
  process.exit(1);
}
const unchanged = /content: (\d+) of (\d+) files unchanged since the last build/.exec(r.stdout);
if (!unchanged || unchanged[1] !== unchanged[2]) {
  console.error(`✗ expected the rebuild to take every content file's check from the last build (src/lib/content-check-cache.ts); it said ${unchanged ? `${unchanged[1]} of ${unchanged[2]}` : 'nothing'}`);
  process.exit(1);
}

if (!/labs: [1-9]\d* labs? as read in the last build kept/.test(r.stdout) || !/quizzes: [1-9]\d* quiz(?:zes)? as loaded in the last build kept/.test(r.stdout)) {
  console.error('✗ expected the rebuild to keep the labs as read and the quizzes as loaded in the last build (src/lab/reads-cache.ts, src/lib/quiz-cache.ts); it did not say so');
  process.exit(1);
}
const blocks = /code blocks: (\d+) of (\d+) highlighted blocks kept from the last build/.exec(r.stdout);
if (!blocks || blocks[1] !== blocks[2] || blocks[1] === '0') {
  console.error(`✗ expected the rebuild to take every code block's highlighting from the last build (src/integrations/code-block-cache.ts); it said ${blocks ? `${blocks[1]} of ${blocks[2]}` : 'nothing'}`);
  process.exit(1);
}

if (!/internal links: all reach a page \(the same site as the last build, checked then\)/.test(r.stdout) || !/search index: [1-9]\d* pages, kept from the last build \(the same site\)/.test(r.stdout)) {
  console.error('✗ expected the rebuild, which writes the same site, to keep the link check and the search index of the last build (src/integrations/site-fingerprint.ts); it did not say so');
  process.exit(1);
}
const lessonPages = [...r.stdout.matchAll(/\/lessons\/[^/\s]+\/index\.html(.*)/g)];
const keptPages = lessonPages.filter((m) => /\((?:restored|cached)\)/.test(m[1])).length;
if (lessonPages.length === 0 || keptPages !== lessonPages.length) {
  console.error(`✗ expected the rebuild to copy every lesson page from the last build (src/integrations/page-cache.ts); it copied ${keptPages} of ${lessonPages.length}`);
  process.exit(1);
}
console.log(`lesson pages: ${keptPages} of ${lessonPages.length} copied from the last build`);

const files = (dir, prefix = '') =>
  readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
const a = files(first).sort();
const b = files(again).sort();
const problems = [];
for (const f of a.filter((f) => !b.includes(f))) problems.push(`only in the first build: ${f}`);
for (const f of b.filter((f) => !a.includes(f))) problems.push(`only in the rebuild: ${f}`);
for (const f of a.filter((f) => b.includes(f))) {
  if (!readFileSync(join(first, f)).equals(readFileSync(join(again, f)))) problems.push(`differs: ${f}`);
}
rmSync(again, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`✗ the rebuild differs from the first build in ${problems.length} file(s):\n${problems.slice(0, 30).map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`✓ the rebuild made the same ${a.length} files, byte for byte`);
