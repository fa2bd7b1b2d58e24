/** Every generator a quiz file may name. Add new ones here (and their family in lazy.ts). */
import { consolidationAnnualEnergy, consolidationRatio, consolidationWattsSaved } from './consolidation';
import { createRegistry, type GeneratorRegistry } from './collection';
import { networkCloudInternetReach, networkVirtualboxLanReach } from './network';
import { sizingHowManyFit, sizingLimitingResource } from './sizing';
import { snapshotCurrentAfterCommands, snapshotFileAfterCommands } from './snapshots';

export { createRegistry, type GeneratorRegistry } from './collection';

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
