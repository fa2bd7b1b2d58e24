/**
 * Generators loaded on demand, for quiz views in the browser: each family (and the simulation
 * engine it asks) is its own chunk, fetched only when a quiz names one of its generators. A quiz
 * on hypervisors never downloads the network or snapshot engines.
 *
 * A generator's family is the first word of its id (`sizing-how-many-fit` → sizing); a unit test
 * checks that every generator in registry.ts is found this way.
 */
import { createRegistry, type GeneratorRegistry } from './collection';
import { prevalidated, type GeneratorLogic } from './generator';

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

const isLogic = (value: unknown): value is GeneratorLogic<never> =>
  typeof value === 'object' && value !== null && typeof (value as GeneratorLogic<never>).id === 'string' && typeof (value as GeneratorLogic<never>).generate === 'function';

/**
 * A registry with the named generators, loading only their families' logic: no parameter schemas,
 * no zod, because the build validated the params (and filled in defaults) when it loaded the quiz.
 * Ids no family provides are left out, so drawing an attempt reports them as unknown generators.
 */
export async function loadGenerators(ids: Iterable<string>): Promise<GeneratorRegistry> {
  const wanted = new Set(ids);
  const names = new Set([...wanted].map(familyOf).filter((f): f is string => f !== null));
  const modules = await Promise.all([...names].map((name) => families[name]!()));
  return createRegistry(modules.flatMap((m) => Object.values(m).filter(isLogic)).filter((g) => wanted.has(g.id)).map(prevalidated));
}

/** The generator ids a quiz's entries name. */
export function generatorIds(entries: ReadonlyArray<{ type: string; generator?: string }>): string[] {
  return entries.flatMap((e) => (e.type === 'generated' && typeof e.generator === 'string' ? [e.generator] : []));
}
