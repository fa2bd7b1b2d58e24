/**
 * Every generator a quiz file may name, each joined with its parameter schema (build time, exports,
 * tests). Add new ones here, with their schema in params.ts and their family in lazy.ts.
 */
import { createRegistry, type GeneratorRegistry } from './collection';
import { consolidationAnnualEnergy, consolidationRatio, consolidationWattsSaved } from './consolidation';
import { defineGenerator } from './define';
import { networkCloudInternetReach, networkVirtualboxLanReach } from './network';
import {
  cloudReachParams,
  consolidationParams,
  consolidationRatioParams,
  howManyFitParams,
  lanReachParams,
  limitingResourceParams,
  sessionParams,
} from './params';
import { sizingHowManyFit, sizingLimitingResource } from './sizing';
import { snapshotCurrentAfterCommands, snapshotFileAfterCommands } from './snapshots';

export { createRegistry, type GeneratorRegistry } from './collection';

export const defaultGenerators: GeneratorRegistry = /* @__PURE__ */ createRegistry([
  defineGenerator({ ...consolidationWattsSaved, params: consolidationParams }),
  defineGenerator({ ...consolidationAnnualEnergy, params: consolidationParams }),
  defineGenerator({ ...consolidationRatio, params: consolidationRatioParams }),
  defineGenerator({ ...sizingHowManyFit, params: howManyFitParams }),
  defineGenerator({ ...sizingLimitingResource, params: limitingResourceParams }),
  defineGenerator({ ...networkCloudInternetReach, params: cloudReachParams }),
  defineGenerator({ ...networkVirtualboxLanReach, params: lanReachParams }),
  defineGenerator({ ...snapshotFileAfterCommands, params: sessionParams }),
  defineGenerator({ ...snapshotCurrentAfterCommands, params: sessionParams }),
]);
