import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createBuilder, type ViteBuilder } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { collectAfterBundling, fullGarbageCollector } from '../../../src/integrations/collect-after-bundling';

const root = mkdtempSync(join(tmpdir(), 'collect-after-bundling-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Stands in for Astro's buildApp: notes that it ran, and marks every environment built as Astro's bundles do (else Vite would bundle them all itself). */
function astroBundles(events: string[]) {
  return async (builder: ViteBuilder) => {
    events.push('bundled');
    for (const environment of Object.values(builder.environments)) environment.isBuilt = true;
  };
}

/** A WeakRef to an object nothing else holds, made in a finished job (a WeakRef keeps its target alive until then). */
async function unreachable(): Promise<WeakRef<object>> {
  const ref = new WeakRef({ payload: new Array(10_000).fill('x') });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ref;
}

describe('one full garbage collection between bundling and page rendering', () => {
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

  it("collects once, after Astro's bundles (the builder's buildApp), in builds only", async () => {
    const events: string[] = [];
    const plugin = collectAfterBundling(() => () => events.push('collected'));
    expect(plugin.apply).toBe('build');
    const builder = await createBuilder({
      configFile: false,
      logLevel: 'silent',
      root,
      plugins: [plugin],
      builder: { buildApp: astroBundles(events) },
    });
    await builder.buildApp();
    expect(events).toEqual(['bundled', 'collected']);
  });

  it('goes on without a collector where the runtime has none', async () => {
    const builder = await createBuilder({ configFile: false, logLevel: 'silent', root, plugins: [collectAfterBundling(() => null)], builder: { buildApp: astroBundles([]) } });
    await expect(builder.buildApp()).resolves.toBeUndefined();
  });
});
