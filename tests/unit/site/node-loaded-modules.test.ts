import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { init as lexerReady } from 'es-module-lexer/minimal';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLoadable, nodeLoadedModules } from '../../../src/integrations/node-loaded-modules';

const root = mkdtempSync(join(tmpdir(), 'node-loaded-modules-'));
const src = join(root, 'src') + sep;
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** Packages that Vite's server build leaves to Node; `svelte` stands for one it bundles. */
const externalPackages = async (specifier: string) => specifier !== 'svelte';

async function verdict(name: string) {
  return nodeLoadable(join(root, name), src, new Map(), externalPackages);
}

beforeAll(async () => {
  await lexerReady;
  write({
    'src/plain.ts': "import { sep } from 'node:path';\nimport { z } from 'zod';\nimport { dep } from './dep';\nimport type { Shape } from './dir';\nexport const plain = (x: number): number => dep(x) + sep.length;\nexport const lazy = () => import('./dep');\n",
    'src/dep.ts': 'export function dep(x: number): number {\n  return x * 2;\n}\n',
    'src/dir/index.ts': 'export type Shape = { x: number };\nexport const shape = { x: 1 };\n',
    'src/envy.ts': 'export const base = import.meta.env.BASE_URL;\n',
    'src/uses-envy.ts': "import { base } from './envy';\nexport const home = base + 'index.html';\n",
    'src/url-ok.ts': 'export const here = import.meta.url;\n',
    'src/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
    'src/cycle-b.ts': "import { a } from './cycle-a';\nimport './styles.css';\nexport const b = () => a;\n",
    'src/styles.css': 'p { color: red; }\n',
    'src/ring-a.ts': "import { d } from './ring-b';\nexport const c = () => d;\n",
    'src/ring-b.ts': "import { c } from './ring-a';\nexport const d = () => c;\n",
    'src/framework.ts': "import { mount } from 'svelte';\nexport { mount };\n",
    'src/content.ts': "import { getCollection } from 'astro:content';\nexport { getCollection };\n",
    'src/raw.ts': "import text from './dep.ts?raw';\nexport { text };\n",
    'src/computed.ts': "export const load = (name: string) => import('./' + name);\n",
    'src/js-extension.ts': "import { dep } from './dep.js';\nexport { dep };\n",
    'src/state.svelte.ts': 'export const count = 1;\n',
    'src/enum.ts': 'export enum Mode {\n  Fast,\n  Safe,\n}\n',
    'src/uses-enum.ts': "import { Mode } from './enum';\nexport const mode = Mode.Safe;\n",
    'src/readonly-param.ts': 'export class Lines {\n  constructor(lines: readonly string[]) {\n    this.count = lines.length;\n  }\n  count: number;\n}\n',
    'outside.ts': 'export const outside = 1;\n',
  });
});

describe('which files the prerender bundle leaves to Node', () => {
  it('a file that Node loads as it is, with all it imports (relative, node:, packages Vite leaves to Node, type-only, lazy)', async () => {
    expect(await verdict('src/plain.ts')).toBe(true);
    expect(await verdict('src/dep.ts')).toBe(true);
    expect(await verdict('src/dir/index.ts')).toBe(true);
    expect(await verdict('src/url-ok.ts')).toBe(true);
  });

  it("not a file that uses Vite's import.meta, nor any file that imports one", async () => {
    expect(await verdict('src/envy.ts')).toBe(false);
    expect(await verdict('src/uses-envy.ts')).toBe(false);
  });

  it('an import cycle is judged as a whole: one stylesheet import keeps both files in the bundle; a clean cycle qualifies', async () => {
    expect(await verdict('src/cycle-a.ts')).toBe(false);
    expect(await verdict('src/cycle-b.ts')).toBe(false);
    expect(await verdict('src/ring-a.ts')).toBe(true);
    expect(await verdict('src/ring-b.ts')).toBe(true);
  });

  it('not a file importing a package Vite bundles, a virtual module, a query, a computed name or a .js name for a .ts file', async () => {
    for (const name of ['framework', 'content', 'raw', 'computed', 'js-extension']) expect(await verdict(`src/${name}.ts`), name).toBe(false);
  });

  it("not TypeScript that Node's type stripping refuses (an enum), nor a file importing it; a readonly parameter type is fine", async () => {
    expect(await verdict('src/enum.ts')).toBe(false);
    expect(await verdict('src/uses-enum.ts')).toBe(false);
    expect(await verdict('src/readonly-param.ts')).toBe(true);
  });

  it('only TypeScript under src/, and not Svelte modules', async () => {
    expect(await verdict('outside.ts')).toBe(false);
    expect(await verdict('src/state.svelte.ts')).toBe(false);
  });
});

describe('the prerender bundle imports those files from Node', () => {
  it('imports a qualifying file by its file: URL and bundles one that does not; the bundle runs in Node', async () => {
    write({
      'entry.ts': "import { dep } from './src/dep';\nimport { home } from './src/uses-envy';\nexport const result = `${dep(21)} ${home}`;\n",
    });
    const outDir = join(root, 'out');
    const builder = await createBuilder({
      configFile: false,
      logLevel: 'silent',
      root,
      plugins: [nodeLoadedModules(pathToFileURL(src))],
      environments: {
        prerender: { consumer: 'server', build: { outDir, ssr: true, rolldownOptions: { input: { entry: join(root, 'entry.ts') } } } },
      },
      builder: {
        async buildApp(b) {
          await b.build(b.environments['prerender']!);
        },
      },
    });
    await builder.buildApp();
    const [file] = readdirSync(outDir).filter((f) => f.startsWith('entry'));
    const code = readFileSync(join(outDir, file!), 'utf8');
    expect(code).toContain(pathToFileURL(join(src, 'dep.ts')).href);
    expect(code).not.toContain('x * 2');
    expect(code).toContain('index.html');
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(join(outDir, file!)).href)}); console.log(m.result);`], { encoding: 'utf8' });
    expect(printed.trim()).toBe('42 /index.html');
  });

  it('changes only the prerender environment, in builds', () => {
    const plugin = nodeLoadedModules(pathToFileURL(src));
    expect(plugin.apply).toBe('build');
    const applies = plugin.applyToEnvironment as (environment: { name: string }) => boolean;
    expect(applies({ name: 'prerender' })).toBe(true);
    for (const name of ['client', 'ssr']) expect(applies({ name })).toBe(false);
  });
});
