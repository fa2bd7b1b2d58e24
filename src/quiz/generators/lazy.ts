/**
 * Generators loaded on demand, for quiz views in the browser: each family (and the simulation
 * engine it asks) is its own chunk, fetched only when a quiz names one of its generators. A quiz
 * on hypervisors never downloads the network or snapshot engines.
 *
 * A generator's family is the first word of its id (`sizing-how-many-fit` → sizing); a unit test
 * checks that every generator in registry.ts is found this way.
 */
import { createRegistry, type GeneratorRegistry } from './collection';
import type { RegisteredGenerator } from './generator';

const families: Record<string, () => Promise<Record<string, unknown>>> = {
  consolidation: () => import('./consolidation'),
  sizing: () => import('./sizing'),
  network: () => import('./network'),
  snapshot: () => import('./snapshots'),
};

/** The family a generator id belongs to, or null for an id no family claims. */
export function familyOf(id: string): string | null {
  const word = id.split('-')[0] ?? '';
  return Object.hasOwn(families, word) ? word : null;
}

const isGenerator = (value: unknown): value is RegisteredGenerator =>
  typeof value === 'object' && value !== null && typeof (value as RegisteredGenerator).id === 'string' && typeof (value as RegisteredGenerator).generate === 'function';

/**
 * A registry with the named generators, loading only their families. Ids no family provides are
 * left out, so drawing an attempt reports them as unknown generators, as at build time.
 */
export async function loadGenerators(ids: Iterable<string>): Promise<GeneratorRegistry> {
  const wanted = new Set(ids);
  const names = new Set([...wanted].map(familyOf).filter((f): f is string => f !== null));
  const modules = await Promise.all([...names].map((name) => families[name]!()));
  return createRegistry(modules.flatMap((m) => Object.values(m).filter(isGenerator)).filter((g) => wanted.has(g.id)));
}

/** The generator ids a quiz's entries name. */
export function generatorIds(entries: ReadonlyArray<{ type: string; generator?: string }>): string[] {
  return entries.flatMap((e) => (e.type === 'generated' && typeof e.generator === 'string' ? [e.generator] : []));
}
