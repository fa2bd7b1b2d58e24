import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createBuilder, type Plugin, type ViteBuilder } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { collectAfterBundling, fullGarbageCollector } from '../../../src/integrations/collect-after-bundling';

const root = mkdtempSync(join(tmpdir(), 'collect-after-bundling-'));
writeFileSync(join(root, 'entry.js'), 'export const answer = 42;\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A Vite builder shaped like Astro's: a server bundle ("prerender"), then the browser bundle ("client"), each noted in `events` when it is made. */
function astroLikeBuilder(plugin: Plugin, events: string[]) {
  const input = { entry: join(root, 'entry.js') };
  return createBuilder({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins: [plugin],
    environments: {
      prerender: { consumer: 'server', build: { outDir: join(root, 'out-server'), ssr: true, rolldownOptions: { input } } },
      client: { build: { outDir: join(root, 'out-client'), rolldownOptions: { input } } },
    },
    builder: {
      async buildApp(builder: ViteBuilder) {
        await builder.build(builder.environments['prerender']!);
        events.push('server bundle');
        await builder.build(builder.environments['client']!);
        events.push('browser bundle');
      },
    },
  });
}

/** A WeakRef to an object nothing else holds, made in a finished job (a WeakRef keeps its target alive until then). */
async function unreachable(): Promise<WeakRef<object>> {
  const ref = new WeakRef({ payload: new Array(10_000).fill('x') });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ref;
}

describe('full garbage collections before the browser bundle and before page rendering', () => {
  it("Node's collector frees an object nothing holds", async () => {
    const ref = await unreachable();
    const gc = fullGarbageCollector();
    expect(gc).toBeTypeOf('function');
    gc!();
    expect(ref.deref()).toBeUndefined();
  });

  it('turns the flag it needed off again: contexts made later get no gc', () => {
    if (typeof (globalThis as { gc?: unknown }).gc === 'function') return; // node --expose-gc: nothing was turned on
    fullGarbageCollector();
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });

  it('collects before the browser bundle and after all bundling, in builds only', async () => {
    const events: string[] = [];
    const plugin = collectAfterBundling(() => () => events.push('collected'));
    expect(plugin.apply).toBe('build');
    await (await astroLikeBuilder(plugin, events)).buildApp();
    expect(events).toEqual(['server bundle', 'collected', 'browser bundle', 'collected']);
  });

  it('collects only while the bundling is worth collecting after, asking at each point', async () => {
    const events: string[] = [];
    let asked = 0;
    const plugin = collectAfterBundling(
      () => () => events.push('collected'),
      () => ++asked === 2,
    );
    await (await astroLikeBuilder(plugin, events)).buildApp();
    expect(asked).toBe(2);
    expect(events).toEqual(['server bundle', 'browser bundle', 'collected']);
    const none: string[] = [];
    await (await astroLikeBuilder(collectAfterBundling(() => () => none.push('collected'), () => false), none)).buildApp();
    expect(none).toEqual(['server bundle', 'browser bundle']);
  });

  it('goes on without a collector where the runtime has none', async () => {
    const events: string[] = [];
    await (await astroLikeBuilder(collectAfterBundling(() => null), events)).buildApp();
    expect(events).toEqual(['server bundle', 'browser bundle']);
  });
});
