import type { RegisteredGenerator } from './generator';

/** Generators by id. Kept apart from registry.ts so code that loads generators lazily imports none. */
export type GeneratorRegistry = ReadonlyMap<string, RegisteredGenerator>;

export function createRegistry(generators: readonly RegisteredGenerator[]): GeneratorRegistry {
  const map = new Map<string, RegisteredGenerator>();
  for (const g of generators) {
    if (map.has(g.id)) throw new Error(`two generators share the id "${g.id}"`);
    map.set(g.id, g);
  }
  return map;
}
