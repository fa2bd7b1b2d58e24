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
export { HOST_PRESETS, matchingHostPreset, presetSizes } from '../../sim/sizing/host-presets';
export { DEFAULT_VM_OPTIONS } from '../../sim/sizing/state';
export { CPU_MODELS, CPU_TYPE_NAMES, findCpuModel } from '../../sim/sizing/cpu-models';
export { storageMemoryMb } from '../../sim/sizing/storage';
export { allocatedGb } from '../../sim/sizing/disks';
export { resolveRatios, RELEASE_LABEL } from '../../sim/sizing/nova-history';
export { NOVA_DEFAULT_QUOTA } from '../../sim/sizing/quota';
export { startConcerns } from '../../sim/sizing/start';
export {
  explainEvent,
  explainFinding,
  explainHeadroom,
  explainProblem,
  explainRatioReason,
  explainSmallest,
  explainStart,
  formatAmount,
  formatGb,
  formatMb,
  formatNumber,
  formatRatio,
  RESOURCE_LABEL,
} from '../../sim/sizing/explain';
export {
  CPU_POLICIES,
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  NIC_MODELS,
  NOVA_RELEASES,
  POLICY_PRESETS,
  PROVISIONINGS,
  RESOURCES,
  STORAGE_KINDS,
  type HostStorage,
  type NovaPolicy,
  type NovaRelease,
  type PolicyPreset,
  type Ratios,
  type Resource,
  type SizingState,
  type StorageKind,
  type Vm,
} from '../../sim/sizing/types';
