import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { packageBuildsPlugin } from '../../../src/integrations/package-builds';

/**
 * Real Vite builds of a tiny app that imports cytoscape lazily, as the network diagrams do: with the
 * plugin, the browser gets cytoscape's own minified build byte for byte, in a file of its own beside
 * the chunk that imports it, and nothing of cytoscape is bundled (src/integrations/package-builds.ts).
 */
// Inside the project, so that the app resolves cytoscape from the project's node_modules.
const root = mkdtempSync(join(process.cwd(), 'node_modules', '.package-builds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'main.js'), "export const draw = () => import('cytoscape').then(({ default: cytoscape }) => cytoscape({ headless: true }));\n");

async function buildWith(plugins: Plugin[]): Promise<Rollup.OutputBundle[string][]> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins,
    build: { write: false, minify: false, lib: { entry: 'main.js', formats: ['es'], fileName: () => 'assets/main.js' } },
  });
  return (Array.isArray(result) ? result : [result]).flatMap((o) => (o as Rollup.RollupOutput).output);
}

const shipped = readFileSync(fileURLToPath(import.meta.resolve('cytoscape/dist/cytoscape.esm.min.mjs')));

describe('package builds shipped as they are (src/integrations/package-builds.ts)', () => {
  it('without it, cytoscape is bundled into the output', async () => {
    const out = await buildWith([]);
    const code = out.map((o) => (o.type === 'chunk' ? o.code : '')).join('');
    expect(code.length).toBeGreaterThan(500_000);
    expect(code).toContain('Cannot call a class as a function');
  });

  it('with it, the chunk imports the package\'s own minified file, emitted beside it with a hash of its bytes in the name', async () => {
    const out = await buildWith([packageBuildsPlugin({ cytoscape: 'cytoscape/dist/cytoscape.esm.min.mjs' }, 'assets')]);
    const chunks = out.filter((o) => o.type === 'chunk');
    const assets = out.filter((o) => o.type === 'asset');
    expect(chunks.map((c) => c.fileName)).toEqual(['assets/main.js']);
    const file = assets.find((a) => /^assets\/cytoscape\.esm\.min\.[\w-]{8}\.js$/.test(a.fileName));
    expect(file, assets.map((a) => a.fileName).join()).toBeDefined();
    expect(Buffer.from(file!.source as Uint8Array).equals(shipped)).toBe(true);
    const code = chunks[0]!.type === 'chunk' ? chunks[0]!.code : '';
    expect(code).toContain(`import("./${file!.fileName.slice('assets/'.length)}")`);
    expect(code).not.toContain('Cannot call a class as a function');
    expect(code.length).toBeLessThan(1000);
  });

  it('refuses, naming the file, a build that imports other modules, exports other names or cannot be found', async () => {
    await expect(buildWith([packageBuildsPlugin({ cytoscape: 'fflate' }, 'assets')])).rejects.toThrow(/fflate imports .+; only a file that imports nothing can be shipped as it is/);
    await expect(buildWith([packageBuildsPlugin({ cytoscape: 'marked' }, 'assets')])).rejects.toThrow(/marked exports .*Lexer.* but cytoscape exports default; its importers would break/);
    await expect(buildWith([packageBuildsPlugin({ cytoscape: 'cytoscape/dist/nope.mjs' }, 'assets')])).rejects.toThrow(/cannot find cytoscape\/dist\/nope\.mjs for cytoscape/);
  });
});
