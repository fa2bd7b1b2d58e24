import { logicalCpus, physicalCores } from './host';
import { defaultOrigin, resolveRatios } from './nova-history';
import { storageMemoryMb } from './storage';
import type { Amounts, Host, NovaPolicy, Policy, PolicyPreset, Ratios, Reserve, Resource, VmSpec } from './types';

/** The course keeps 2 GB of RAM for the host itself (seed 004: "reserve at least 2GB"). */
export const COURSE_RESERVE: Reserve = { ramMb: 2048, cpus: 0, diskGb: 0 };

/** Nova's defaults: reserved_host_memory_mb = 512, reserved_host_cpus = 0, reserved_host_disk_mb = 0. */
export const NOVA_RESERVE: Reserve = { ramMb: 512, cpus: 0, diskGb: 0 };

/** initial_*_allocation_ratio for compute nodes created since Nova 2023.1 (Antelope). */
export const NOVA_RATIOS_2023_1: Ratios = resolveRatios(defaultOrigin('2023.1')).ratios;

/** The defaults before 2023.1; nodes created back then keep them after an upgrade. */
export const NOVA_RATIOS_PRE_2023_1: Ratios = resolveRatios(defaultOrigin('zed')).ratios;

export function presetPolicy(preset: PolicyPreset): Policy {
  switch (preset) {
    case 'course':
      return { kind: 'course', reserved: { ...COURSE_RESERVE } };
    case 'nova-2023.1':
      return { kind: 'nova', ratios: { ...NOVA_RATIOS_2023_1 }, reserved: { ...NOVA_RESERVE } };
    case 'nova-pre-2023.1':
      return { kind: 'nova', ratios: { ...NOVA_RATIOS_PRE_2023_1 }, reserved: { ...NOVA_RESERVE } };
  }
}

const sameRatios = (a: Ratios, b: Ratios): boolean => a.cpu === b.cpu && a.ram === b.ram && a.disk === b.disk;

/** Which preset the policy's ratios match; reserves and the other Nova settings are editable without leaving a preset. */
export function presetOf(policy: Policy): PolicyPreset | 'nova-custom' {
  if (policy.kind === 'course') return 'course';
  if (sameRatios(policy.ratios, NOVA_RATIOS_2023_1)) return 'nova-2023.1';
  if (sameRatios(policy.ratios, NOVA_RATIOS_PRE_2023_1)) return 'nova-pre-2023.1';
  return 'nova-custom';
}

/** The ratios in force; the course policy never overcommits RAM or disk. */
export function ratiosOf(policy: Policy): Ratios {
  return policy.kind === 'nova' ? policy.ratios : { cpu: 1, ram: 1, disk: 1 };
}

/** One resource of one host as the policy sees it (Placement's inventory record). */
export interface Inventory {
  resource: Resource;
  /** Physical amount: cores (course) or logical CPUs in the set (Nova), MB of RAM, GB of disk. */
  total: number;
  reserved: number;
  /** MB of RAM the host's storage keeps (ZFS ARC, Ceph OSDs), taken off before VMs; only the course policy counts it. */
  storage: number;
  allocationRatio: number;
  /** (total − reserved − storage) × allocationRatio: what VMs may be promised in sum. */
  capacity: number;
  /** The largest amount one VM may ask for; always enforced. */
  maxUnit: number;
  /** False when the policy only warns about the sum (the course's vCPU total). */
  enforced: boolean;
}

function record(resource: Resource, total: number, reserved: number, ratio: number, maxUnit: number, enforced: boolean, storage = 0): Inventory {
  return { resource, total, reserved, storage, allocationRatio: ratio, capacity: (total - reserved - storage) * ratio, maxUnit, enforced };
}

/** VCPU and PCPU of a Nova node: all logical CPUs are VCPU unless cpu_shared_set / cpu_dedicated_set split them [nova-cpu-sets]. */
function novaCpus(host: Host, policy: NovaPolicy): [Inventory, Inventory] {
  const sets = policy.cpuSets;
  if (!sets) {
    const cpus = logicalCpus(host);
    return [record('VCPU', cpus, policy.reserved.cpus, policy.ratios.cpu, cpus, true), record('PCPU', 0, 0, 1, 0, true)];
  }
  // With either set written, reserved_host_cpus must be 0: CPUs in neither set are the host's.
  const shared = sets.shared ?? 0;
  return [record('VCPU', shared, 0, policy.ratios.cpu, shared, true), record('PCPU', sets.dedicated, 0, 1, sets.dedicated, true)];
}

export function inventory(host: Host, policy: Policy): Record<Resource, Inventory> {
  const r = policy.reserved;
  if (policy.kind === 'nova') {
    const [vcpu, pcpu] = novaCpus(host, policy);
    return {
      VCPU: vcpu,
      PCPU: pcpu,
      MEMORY_MB: record('MEMORY_MB', host.ramMb, r.ramMb, policy.ratios.ram, host.ramMb, true),
      DISK_GB: record('DISK_GB', host.diskGb, r.diskGb, policy.ratios.disk, host.diskGb, true),
    };
  }
  const cores = physicalCores(host);
  return {
    VCPU: record('VCPU', cores, r.cpus, 1, cores, false),
    PCPU: record('PCPU', 0, 0, 1, 0, true),
    MEMORY_MB: record('MEMORY_MB', host.ramMb, r.ramMb, 1, host.ramMb, true, storageMemoryMb(host)),
    DISK_GB: record('DISK_GB', host.diskGb, r.diskGb, 1, host.diskGb, true),
  };
}

/** Local disk a VM's files may grow to: root (unless it is a volume) + ephemeral + swap rounded up to GB. */
export function localDiskGb(spec: Pick<VmSpec, 'rootDiskGb' | 'ephemeralGb' | 'swapMb' | 'bootFromVolume'>): number {
  return (spec.bootFromVolume ? 0 : spec.rootDiskGb) + spec.ephemeralGb + Math.ceil(spec.swapMb / 1024);
}

/**
 * What one VM asks the policy for. Nova counts the flavor's full disk whatever the image format,
 * and dedicated vCPUs as PCPU; the course counts only preallocated (thick) disks, because a thin
 * disk takes space as it grows, and every vCPU as a vCPU.
 */
export function demand(spec: VmSpec, policy: Policy): Amounts {
  const disk = localDiskGb(spec);
  const pinned = policy.kind === 'nova' && spec.cpuPolicy === 'dedicated';
  return {
    VCPU: pinned ? 0 : spec.vcpus,
    PCPU: pinned ? spec.vcpus : 0,
    MEMORY_MB: spec.ramMb,
    DISK_GB: policy.kind === 'nova' || spec.provisioning === 'thick' ? disk : 0,
  };
}
