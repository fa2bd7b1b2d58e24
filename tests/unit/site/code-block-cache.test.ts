/**
 * Expressive Code's renderings kept between builds (src/integrations/code-block-cache.ts): a rebuild
 * gives exactly what rendering gives, renders again whatever a rendering depends on that changed,
 * and never trusts a broken or foreign file.
 */
import { ExpressiveCodeBlock } from 'astro-expressive-code';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockKey, codeBlockCache } from '../../../src/integrations/code-block-cache';
import { buildCodeFingerprint } from '../../../src/lab/tries-cache';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project folder with a config file, and its cache folder. */
function project(): { root: URL; cacheDir: URL; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'code-block-cache-'));
  made.push(dir);
  writeFileSync(join(dir, 'astro.config.mjs'), 'export default {};\n');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'plugin.ts'), 'export const plugin = 1;\n');
  writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
  return { root: pathToFileURL(`${dir}/`), cacheDir: pathToFileURL(`${dir}/cache/`), file: join(dir, 'cache', 'course-code-blocks.json') };
}

type Hook = (options: Record<string, unknown>) => unknown;
/** One "build": the integration's hooks around a renderer that renders `blocks`, as Astro and Expressive Code call them. */
async function build(p: { root: URL; cacheDir: URL }, blocks: ConstructorParameters<typeof ExpressiveCodeBlock>[0][], base = '/', command = 'build') {
  buildCodeFingerprint(fileURLToPath(p.root), true); // as the content check does when a build starts
  const cache = codeBlockCache(p.root);
  const said: string[] = [];
  const logger = { info: (m: string) => said.push(m) };
  const hooks = cache.integration.hooks as Record<string, Hook>;
  await hooks['astro:config:setup']!({ command, logger, config: { root: p.root, cacheDir: p.cacheDir, base, trailingSlash: 'always', build: { assets: '_astro', format: 'directory' } } });
  const renderer = await cache.createRenderer({ themes: ['github-light', 'github-dark'] } as never);
  const out = [];
  for (const input of blocks) {
    const { renderedGroupAst, styles } = await renderer.ec.render(new ExpressiveCodeBlock(input));
    out.push({ ast: renderedGroupAst, styles: [...styles] });
  }
  await hooks['astro:build:done']!({ logger });
  return { out, said, counts: cache.counts(), renderer };
}

const at = (groupIndex: number) => ({ sourceFilePath: '/x/lesson.mdx', positionInDocument: { groupIndex, totalGroups: 2 } });
const BLOCKS = [
  { code: 'VBoxManage startvm "web" --type headless', language: 'sh', meta: '', parentDocument: at(0) },
  { code: 'network:\n  - name: lan\n    cidr: 10.0.0.0/24', language: 'yaml', meta: 'title="lab.yaml"', parentDocument: at(1) },
];

describe('code blocks kept between builds', () => {
  it('a rebuild takes every block from the last build and gives exactly what rendering gives', async () => {
    const p = project();
    const first = await build(p, BLOCKS);
    expect(first.counts).toEqual({ kept: 0, rendered: 2 });
    expect(first.said).toEqual([]);
    expect(JSON.stringify(first.out)).toContain('VBoxManage');
    const again = await build(p, BLOCKS);
    expect(again.counts).toEqual({ kept: 2, rendered: 0 });
    expect(again.out).toEqual(first.out);
    expect(again.said).toEqual(['code blocks: 2 of 2 highlighted blocks kept from the last build (same text and settings)']);
    // A caller may change what it got (the rehype step splices elements in): the next block is untouched.
    again.out[0]!.ast.children!.length = 0;
    const { renderedGroupAst } = await again.renderer.ec.render(new ExpressiveCodeBlock(BLOCKS[0]!));
    expect(renderedGroupAst).toEqual(first.out[0]!.ast);
  });

  it('renders again a block whose text, language, meta or place changed, and keeps only what the build used', async () => {
    const p = project();
    await build(p, BLOCKS);
    const changed = [
      { ...BLOCKS[0]!, code: `${BLOCKS[0]!.code} --type gui` },
      { ...BLOCKS[1]!, language: 'json' },
      { ...BLOCKS[1]!, meta: 'title="other.yaml"' },
      { ...BLOCKS[0]!, parentDocument: at(1) },
    ];
    const keys = [...BLOCKS, ...changed].map(blockKey);
    expect(new Set(keys).size).toBe(keys.length);
    const next = await build(p, [BLOCKS[0]!, ...changed]);
    expect(next.counts).toEqual({ kept: 1, rendered: 4 });
    const fresh = await build(project(), [BLOCKS[0]!, ...changed]);
    expect(next.out).toEqual(fresh.out);
    const entries = Object.keys((JSON.parse(readFileSync(p.file, 'utf8')) as { entries: object }).entries);
    expect(entries.sort()).toEqual([BLOCKS[0]!, ...changed].map(blockKey).sort());
  });

  it('another configuration, base path, code under src/ or package version renders everything again', async () => {
    const p = project();
    await build(p, BLOCKS);
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 0, rendered: 2 });
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 2, rendered: 0 });
    writeFileSync(new URL('astro.config.mjs', p.root), 'export default { changed: true };\n');
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 0, rendered: 2 });
    writeFileSync(new URL('src/plugin.ts', p.root), 'export const plugin = 2;\n');
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 0, rendered: 2 });
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 2, rendered: 0 });
    writeFileSync(new URL('package-lock.json', p.root), '{"lockfileVersion":3,"packages":{}}');
    expect((await build(p, BLOCKS, '/virt-course/')).counts).toEqual({ kept: 0, rendered: 2 });
  });

  it('a broken, foreign or tampered file costs the rendering and one line, never the build', async () => {
    const p = project();
    mkdirSync(new URL('.', pathToFileURL(p.file)), { recursive: true });
    writeFileSync(p.file, '{ not json');
    const broken = await build(p, BLOCKS);
    expect(broken.counts).toEqual({ kept: 0, rendered: 2 });
    expect(broken.said[0]).toMatch(/course-code-blocks\.json is not valid JSON; highlighting every code block/);
    // The stamp is right, but entries are not renderings (or are under keys no block has).
    const { stamp, entries } = JSON.parse(readFileSync(p.file, 'utf8')) as { stamp: string; entries: Record<string, unknown> };
    const [key] = Object.keys(entries);
    const text = JSON.stringify({ stamp, entries: { [key!]: { ast: '<script>alert(1)</script>', styles: [] } } });
    writeFileSync(p.file, text.replace('"entries":{', '"entries":{"__proto__":{"ast":{"type":"element","children":[]},"styles":[]},'));
    expect(Object.keys((JSON.parse(readFileSync(p.file, 'utf8')) as { entries: object }).entries)).toContain('__proto__');
    const again = await build(p, BLOCKS);
    expect(again.counts).toEqual({ kept: 0, rendered: 2 });
    expect(again.out).toEqual(broken.out);
    expect(({} as Record<string, unknown>)['ast']).toBeUndefined();
  });

  it('COURSE_BUILD_CACHE=off and astro dev render every block themselves and write nothing', async () => {
    const p = project();
    const plain = await build(project(), BLOCKS);
    process.env.COURSE_BUILD_CACHE = 'off';
    try {
      for (let i = 0; i < 2; i++) {
        const off = await build(p, BLOCKS);
        expect(off.counts).toEqual({ kept: 0, rendered: 0 }); // Expressive Code's own render, not wrapped
        expect(off.out).toEqual(plain.out);
      }
    } finally {
      delete process.env.COURSE_BUILD_CACHE;
    }
    for (let i = 0; i < 2; i++) expect((await build(p, BLOCKS, '/', 'dev')).counts).toEqual({ kept: 0, rendered: 0 });
    expect(() => readFileSync(p.file)).toThrow();
  });
});
