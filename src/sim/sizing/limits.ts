/**
 * Upper bounds for what a student may type. They are generous for real hardware (a large
 * 8-socket server, a 4 TB VM) and exist so that a stray keystroke (an extra zero or ten) gets a
 * clear message instead of a meaningless figure. Every message that rejects a value states the bound.
 */
export interface Bound {
  min: number;
  max: number;
  /** Unit shown after the number, singular and plural. */
  unit: [string, string];
  integer: boolean;
  /** Why the upper bound is where it is, appended to "must be at most …". */
  why: string;
}

export const LIMITS = {
  sockets: { min: 1, max: 16, unit: ['socket', 'sockets'], integer: true, why: 'the largest servers have 16 sockets' },
  coresPerSocket: { min: 1, max: 256, unit: ['core', 'cores'], integer: true, why: 'current CPUs have at most a few hundred cores' },
  threadsPerCore: { min: 1, max: 8, unit: ['thread', 'threads'], integer: true, why: 'SMT goes up to 8 threads per core' },
  hostRamMb: { min: 1, max: 16_777_216, unit: ['MB', 'MB'], integer: true, why: '16 TB is more than any single server in this course' },
  hostDiskGb: { min: 1, max: 1_048_576, unit: ['GB', 'GB'], integer: true, why: '1 PB of local disk is far beyond a compute node' },
  vcpus: { min: 1, max: 1024, unit: ['vCPU', 'vCPUs'], integer: true, why: 'larger guests are beyond what KVM supports' },
  vmRamMb: { min: 1, max: 8_388_608, unit: ['MB', 'MB'], integer: true, why: '8 TB is larger than any VM a cloud offers' },
  rootDiskGb: { min: 0, max: 65_536, unit: ['GB', 'GB'], integer: true, why: '64 TB is larger than any single virtual disk here' },
  ephemeralGb: { min: 0, max: 65_536, unit: ['GB', 'GB'], integer: true, why: '64 TB is larger than any single virtual disk here' },
  swapMb: { min: 0, max: 1_048_576, unit: ['MB', 'MB'], integer: true, why: '1 TB of swap is far beyond any real flavor' },
  ratio: { min: 0.01, max: 100, unit: ['', ''], integer: false, why: 'ratios above 100 are not meaningful' },
  reserveRamMb: { min: 0, max: 16_777_216, unit: ['MB', 'MB'], integer: true, why: 'the reserve must stay below the host RAM' },
  reserveCpus: { min: 0, max: 4096, unit: ['CPU', 'CPUs'], integer: true, why: 'the reserve must stay below the host CPUs' },
  reserveDiskGb: { min: 0, max: 1_048_576, unit: ['GB', 'GB'], integer: true, why: 'the reserve must stay below the host disk' },
  vmSockets: { min: 1, max: 16, unit: ['socket', 'sockets'], integer: true, why: 'guests rarely see more than a few sockets' },
  vmCores: { min: 1, max: 1024, unit: ['core', 'cores'], integer: true, why: 'larger guests are beyond what KVM supports' },
  balloonMinMb: { min: 1, max: 8_388_608, unit: ['MB', 'MB'], integer: true, why: 'the minimum cannot exceed the largest VM' },
  diskWrittenGb: { min: 0, max: 65_536 * 3, unit: ['GB', 'GB'], integer: true, why: 'it cannot exceed the VM’s local disks' },
  snapshots: { min: 0, max: 100, unit: ['snapshot', 'snapshots'], integer: true, why: 'long snapshot chains are not a sizing case' },
  snapshotGb: { min: 0, max: 65_536 * 300, unit: ['GB', 'GB'], integer: true, why: 'each snapshot holds at most one copy of the disk' },
  balloonTargetPercent: { min: 1, max: 100, unit: ['%', '%'], integer: true, why: 'it is a share of the host RAM' },
  arcMaxMb: { min: 64, max: 16_777_216, unit: ['MB', 'MB'], integer: true, why: 'the ARC cannot be larger than the host RAM' },
  cephOsds: { min: 1, max: 64, unit: ['OSD', 'OSDs'], integer: true, why: 'a node with more disks than that is not a sizing case here' },
  osdMemoryMb: { min: 896, max: 65_536, unit: ['MB', 'MB'], integer: true, why: 'osd_memory_target is a few GB per OSD' },
  cpuSet: { min: 0, max: 16 * 256 * 8, unit: ['CPU', 'CPUs'], integer: true, why: 'a set cannot hold more CPUs than the host has' },
  quotaInstances: { min: -1, max: 100_000, unit: ['instance', 'instances'], integer: true, why: 'use -1 for unlimited' },
  quotaCores: { min: -1, max: 1_000_000, unit: ['core', 'cores'], integer: true, why: 'use -1 for unlimited' },
  quotaRamMb: { min: -1, max: 1_073_741_824, unit: ['MB', 'MB'], integer: true, why: 'use -1 for unlimited' },
  initialRatio: { min: 0.01, max: 100, unit: ['', ''], integer: false, why: 'ratios above 100 are not meaningful' },
  writtenRatio: { min: 0, max: 100, unit: ['', ''], integer: false, why: 'ratios above 100 are not meaningful' },
} as const satisfies Record<string, Bound>;

/** Other cluster nodes a state may list. */
export const MAX_PEERS = 16;

/** A state holds at most this many VMs: enough for any lesson, small enough for a shareable link. */
export const MAX_VMS = 200;

/** Names are free text shown as text; the bound keeps lists and links readable. */
export const MAX_NAME_LENGTH = 64;
