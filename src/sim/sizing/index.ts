/**
 * Sizing engine: will these VMs fit on this host, under the course's strict rules or OpenStack
 * Nova/Placement's allocation ratios, and what should the student watch out for? Rules: SPEC.md.
 *
 * For a calculator view:
 *   let state = createState('course');                          // or loadScenario(yaml).value.state
 *   ({ state, issues, events } = apply(state, { type: 'addVm', flavor: 'g4.r8c4' }));
 *   const view = summarize(state);                              // resources, verdicts, findings
 *   view.findings.map(explainFinding);                          // sentences for students
 *   const link = encodeState(state); decodeState(link);         // shareable configuration
 */

// State and the one way to change it.
export type { SizingState, Host, Vm, VmSpec, VmOptions, VmDetails, Policy, NovaPolicy, PolicyPreset, Ratios, Reserve, Resource, Amounts, Flavor } from './types';
export type { CpuType, CpuVendor, CpuPolicy, DiskFormat, NicModel, Provisioning, HostStorage, StorageKind, ClusterPeer, CpuSets, Quota, NovaOrigin, NovaRelease, WrittenRatios } from './types';
export { RESOURCES, CPU_TYPES, CPU_VENDORS, CPU_POLICIES, DISK_FORMATS, NIC_MODELS, PROVISIONINGS, POLICY_PRESETS, STORAGE_KINDS, NOVA_RELEASES } from './types';
export { createState, DEFAULT_HOST, DEFAULT_HOST_EXTRAS, DEFAULT_VM_OPTIONS, DEFAULT_VM_DETAILS } from './state';
export { apply, type SizingAction, type SizingEvent, type ApplyResult } from './actions';
export { LIMITS, MAX_VMS, MAX_NAME_LENGTH, MAX_PEERS } from './limits';

// Everything the view shows.
export { summarize, verdicts, type SizingSummary, type ResourceLine, type VmVerdict } from './summary';
export type { VmProblem } from './verdicts';
export { findings, type Finding, type FindingCode, type Basis } from './findings';

// Queries.
export { fitInState, headroomInState, headroomForFlavor, specForFlavor } from './queries';
export { checkFit, checkAgainst, headroom, allocated, remaining, addAmounts, zeroAmounts, type FitVerdict, type FitProblem, type Headroom } from './fit';
export { pack, type PackVm, type PackResult, type HostLoad, type Unplaced } from './pack';
export { smallestFlavor, recommendFlavor, compareFlavors, type WorkloadNeeds, type SmallestFlavorResult, type NeedName } from './smallest';
export { physicalCores, logicalCpus } from './host';
export { HOST_PRESETS, matchingHostPreset, presetSizes, type HostPreset } from './host-presets';

// What the real tools decide beyond the course's rules of thumb.
export { startCheck, startConcerns, VIRTUALBOX_MAX_VCPUS, type StartCheck } from './start';
export { guaranteedMb, isBallooning, DEFAULT_BALLOON_TARGET_PERCENT } from './balloon';
export { storageMemoryMb, PVE81_ARC_CAP_MB, CEPH_OSD_MEMORY_MB } from './storage';
export { allocatedGb, worstCaseGb, SNAPSHOT_FORMATS } from './disks';
export { resolveRatios, defaultOrigin, eraOf, RELEASE_LABEL, INITIAL_DEFAULTS, PRE_STEIN_DEFAULTS, type RatioReason, type ResolvedRatios } from './nova-history';
export { checkQuota, quotaHeadroom, NOVA_DEFAULT_QUOTA, QUOTA_KEYS, type QuotaKey, type QuotaProblem } from './quota';
export { CPU_MODELS, GENERIC_LEVELS, CPU_TYPE_NAMES, findCpuModel, lowestCommonLevel, type CpuModel, type GenericCpu } from './cpu-models';
export { clusterNodes, recommendedGeneric, blockingPeers } from './cluster';

// Flavors and policies.
export { FLAVOR_CATALOGUE, parseFlavorName, resolveFlavor, specFromFlavor, matchesFlavor } from './flavors';
export {
  presetPolicy,
  presetOf,
  ratiosOf,
  inventory,
  demand,
  localDiskGb,
  COURSE_RESERVE,
  NOVA_RESERVE,
  NOVA_RATIOS_2023_1,
  NOVA_RATIOS_PRE_2023_1,
  type Inventory,
} from './policy';

// Links, files and text.
export { encodeState, decodeState } from './url';
export { validateState } from './validate';
export { loadScenario, buildScenario, sizingScenarioSchema, type SizingScenario, type SizingScenarioFile } from './scenario';
export {
  explainProblem,
  explainFinding,
  explainStart,
  explainRatioReason,
  explainVerdict,
  explainHeadroom,
  explainUnplaced,
  explainSmallest,
  explainEvent,
  formatMb,
  formatGb,
  formatNumber,
  formatRatio,
  formatAmount,
  formatNames,
  RESOURCE_LABEL,
} from './explain';
