/**
 * What the sizing calculator island uses from the engine, imported module by module so the
 * browser never loads the scenario loader (YAML and zod stay at build time).
 */
export type { Issue } from '../../sim/core/issues';
export { apply, type SizingAction, type SizingEvent } from '../../sim/sizing/actions';
export { summarize, type ResourceLine, type SizingSummary, type VmVerdict } from '../../sim/sizing/summary';
export type { Finding } from '../../sim/sizing/findings';
export { headroomForFlavor } from '../../sim/sizing/queries';
export { recommendFlavor, type SmallestFlavorResult } from '../../sim/sizing/smallest';
export { encodeState, decodeState } from '../../sim/sizing/url';
export { FLAVOR_CATALOGUE } from '../../sim/sizing/flavors';
export { localDiskGb } from '../../sim/sizing/policy';
export { HOST_PRESETS, matchingHostPreset } from '../../sim/sizing/host-presets';
export { DEFAULT_VM_OPTIONS } from '../../sim/sizing/state';
export {
  explainEvent,
  explainFinding,
  explainHeadroom,
  explainProblem,
  explainSmallest,
  formatAmount,
  formatGb,
  formatMb,
  formatNumber,
  formatRatio,
  RESOURCE_LABEL,
} from '../../sim/sizing/explain';
export {
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  NIC_MODELS,
  POLICY_PRESETS,
  PROVISIONINGS,
  RESOURCES,
  type PolicyPreset,
  type Resource,
  type SizingState,
  type Vm,
} from '../../sim/sizing/types';
