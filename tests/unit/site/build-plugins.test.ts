import { describe, expect, it } from 'vitest';
import { noPreloadHelper } from '../../../src/integrations/no-preload-helper';
import { lessonWidgets, withWidgetImports } from '../../../src/integrations/lesson-widgets';

type Chunk = { type: 'chunk'; fileName: string; code: string; imports: string[]; moduleIds: string[] };
const chunk = (fileName: string, code: string, imports: string[] = [], moduleIds = [`/src/${fileName}`]): Chunk => ({ type: 'chunk', fileName, code, imports, moduleIds });
const HELPER = '_astro/preload-helper.AbC12.js';

function run(bundle: Record<string, Chunk>): Record<string, Chunk> {
  const hook = noPreloadHelper().generateBundle as { order: string; handler: (o: unknown, b: Record<string, Chunk>) => void };
  expect(hook.order).toBe('post');
  hook.handler({}, bundle);
  return bundle;
}

describe('no Vite preload helper in the browser', () => {
  it('replaces the helper with a plain call where every lazy import has no deps, and drops the helper chunk', () => {
    const page = chunk('_astro/site.js', 'import{t as e}from"./preload-helper.AbC12.js";var s=async()=>(await e(async()=>{let{go:e}=await import(`./search.js`);return{go:e}},[])).go();', [HELPER]);
    const bundle = run({ [HELPER]: chunk(HELPER, 'export const t=()=>{};', [], ['\0vite/preload-helper.js']), [page.fileName]: page });
    expect(bundle[HELPER]).toBeUndefined();
    expect(page.code).not.toContain('preload-helper');
    expect(page.code.startsWith('var e=f=>f();')).toBe(true);
    expect(page.imports).toEqual([]);
  });

  it('keeps the helper for a chunk that hands it CSS to load, so no style is lost', () => {
    const code = 'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/x.css"])))=>i.map(i=>d[i]);\nimport{t as A}from"./preload-helper.AbC12.js";A(()=>import("./x.js"),__vite__mapDeps([0]));';
    const lab = chunk('_astro/lab.js', code, [HELPER]);
    const bundle = run({ [HELPER]: chunk(HELPER, 'export const t=()=>{};', [], ['\0vite/preload-helper.js']), [lab.fileName]: lab });
    expect(bundle[HELPER]).toBeDefined();
    expect(lab.code).toBe(code);
  });

  it('leaves a helper that was merged with other code alone', () => {
    const merged = chunk('_astro/shared.js', 'export const t=()=>{},u=1;', [], ['\0vite/preload-helper.js', '/src/lib/urls.ts']);
    const page = chunk('_astro/page.js', 'import{t as e}from"./shared.js";e(()=>import("./y.js"),[]);', [merged.fileName]);
    const bundle = run({ [merged.fileName]: merged, [page.fileName]: page });
    expect(bundle[merged.fileName]).toBeDefined();
    expect(page.code).toContain('./shared.js');
  });
});

describe('lessons import the widgets they use', () => {
  it('finds the widget components', () => {
    expect(lessonWidgets).toEqual(expect.arrayContaining(['NetworkLab', 'SizingCalculator', 'SnapshotSandbox', 'Lab']));
  });

  it('adds an import after the frontmatter for each widget used, once, and none for a text lesson', () => {
    const text = '---\ntitle: T\n---\n\n## A\n\nPlain text about a NetworkLab.\n';
    expect(withWidgetImports(text)).toBe(text);
    const out = withWidgetImports('---\ntitle: T\n---\n\n<NetworkLab id="a" />\n\n<NetworkLab id="b"/>\n<Lab id="x" />\n');
    const imports = out.split('\n').filter((l) => l.startsWith('import '));
    expect(imports).toHaveLength(2);
    expect(imports[0]).toMatch(/^import Lab from ".*src\/components\/widgets\/Lab\.astro";$/);
    expect(imports[1]).toMatch(/^import NetworkLab from ".*src\/components\/widgets\/NetworkLab\.astro";$/);
    expect(out.startsWith('---\ntitle: T\n---\nimport Lab')).toBe(true);
  });

  it('leaves a widget the lesson imports itself', () => {
    const own = "---\ntitle: T\n---\nimport NetworkLab from './elsewhere.astro';\n\n<NetworkLab id=\"a\" />\n";
    expect(withWidgetImports(own)).toBe(own);
  });
});
