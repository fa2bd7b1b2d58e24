import { logicalCpus, physicalCores } from './host';
import type { Amounts, Host, Policy, PolicyPreset, Ratios, Reserve, Resource, VmSpec } from './types';

/** The course keeps 2 GB of RAM for the host itself (seed 004: "reserve at least 2GB"). */
export const COURSE_RESERVE: Reserve = { ramMb: 2048, cpus: 0, diskGb: 0 };

/** Nova's defaults: reserved_host_memory_mb = 512, reserved_host_cpus = 0, reserved_host_disk_mb = 0. */
export const NOVA_RESERVE: Reserve = { ramMb: 512, cpus: 0, diskGb: 0 };

/** initial_*_allocation_ratio for compute nodes created since Nova 2023.1 (Antelope). */
export const NOVA_RATIOS_2023_1: Ratios = { cpu: 4.0, ram: 1.0, disk: 1.0 };

/** The defaults before 2023.1; nodes created back then keep them after an upgrade. */
export const NOVA_RATIOS_PRE_2023_1: Ratios = { cpu: 16.0, ram: 1.5, disk: 1.0 };

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

/** Which preset the policy's ratios match; reserves are editable without leaving a preset. */
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
  /** Physical amount: cores (course) or logical CPUs (Nova), MB of RAM, GB of disk. */
  total: number;
  reserved: number;
  allocationRatio: number;
  /** (total − reserved) × allocationRatio: what VMs may be promised in sum. */
  capacity: number;
  /** The largest amount one VM may ask for; always enforced. */
  maxUnit: number;
  /** False when the policy only warns about the sum (the course's vCPU total). */
  enforced: boolean;
}

function record(resource: Resource, total: number, reserved: number, ratio: number, maxUnit: number, enforced: boolean): Inventory {
  return { resource, total, reserved, allocationRatio: ratio, capacity: (total - reserved) * ratio, maxUnit, enforced };
}

export function inventory(host: Host, policy: Policy): Record<Resource, Inventory> {
  const r = policy.reserved;
  if (policy.kind === 'nova') {
    const cpus = logicalCpus(host);
    return {
      VCPU: record('VCPU', cpus, r.cpus, policy.ratios.cpu, cpus, true),
      MEMORY_MB: record('MEMORY_MB', host.ramMb, r.ramMb, policy.ratios.ram, host.ramMb, true),
      DISK_GB: record('DISK_GB', host.diskGb, r.diskGb, policy.ratios.disk, host.diskGb, true),
    };
  }
  const cores = physicalCores(host);
  return {
    VCPU: record('VCPU', cores, r.cpus, 1, cores, false),
    MEMORY_MB: record('MEMORY_MB', host.ramMb, r.ramMb, 1, host.ramMb, true),
    DISK_GB: record('DISK_GB', host.diskGb, r.diskGb, 1, host.diskGb, true),
  };
}

/** Local disk a VM's files may grow to: root (unless it is a volume) + ephemeral + swap rounded up to GB. */
export function localDiskGb(spec: VmSpec): number {
  return (spec.bootFromVolume ? 0 : spec.rootDiskGb) + spec.ephemeralGb + Math.ceil(spec.swapMb / 1024);
}

/**
 * What one VM asks the policy for. Nova counts the flavor's full disk whatever the image format;
 * the course counts only preallocated (thick) disks, because a thin disk takes space as it grows.
 */
export function demand(spec: VmSpec, policy: Policy): Amounts {
  const disk = localDiskGb(spec);
  return {
    VCPU: spec.vcpus,
    MEMORY_MB: spec.ramMb,
    DISK_GB: policy.kind === 'nova' || spec.provisioning === 'thick' ? disk : 0,
  };
}
