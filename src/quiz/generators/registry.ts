/** Every generator a quiz file may name. Add new ones here. */
import { consolidationAnnualEnergy, consolidationRatio, consolidationWattsSaved } from './consolidation';
import type { RegisteredGenerator } from './generator';
import { networkCloudInternetReach, networkVirtualboxLanReach } from './network';
import { sizingHowManyFit, sizingLimitingResource } from './sizing';
import { snapshotCurrentAfterCommands, snapshotFileAfterCommands } from './snapshots';

export type GeneratorRegistry = ReadonlyMap<string, RegisteredGenerator>;

export function createRegistry(generators: readonly RegisteredGenerator[]): GeneratorRegistry {
  const map = new Map<string, RegisteredGenerator>();
  for (const g of generators) {
    if (map.has(g.id)) throw new Error(`two generators share the id "${g.id}"`);
    map.set(g.id, g);
  }
  return map;
}

export const defaultGenerators: GeneratorRegistry = /* @__PURE__ */ createRegistry([
  consolidationWattsSaved,
  consolidationAnnualEnergy,
  consolidationRatio,
  sizingHowManyFit,
  sizingLimitingResource,
  networkCloudInternetReach,
  networkVirtualboxLanReach,
  snapshotFileAfterCommands,
  snapshotCurrentAfterCommands,
]);
