import { DEFAULT_HOST_EXTRAS } from './state';
import type { Host } from './types';

export interface HostPreset {
  /** Stable key for a select. */
  id: string;
  /** What a student picks from, short enough for a phone: "Lab server: 8 cores, 32 GB, 1 TB" (RAM, then disk). */
  label: string;
  host: Host;
}

type Sizes = Pick<Host, 'sockets' | 'coresPerSocket' | 'threadsPerCore' | 'ramMb' | 'diskGb' | 'cpuVendor' | 'cpuModel'>;

function preset(id: string, label: string, sizes: Sizes): HostPreset {
  return { id, label, host: { name: id, ...DEFAULT_HOST_EXTRAS, ...sizes } };
}

/** The fields choosing a preset sets: sizes and CPU; the name, storage and ballooning target stay the student's. */
export function presetSizes(p: HostPreset): Sizes {
  const { sockets, coresPerSocket, threadsPerCore, ramMb, diskGb, cpuVendor, cpuModel } = p.host;
  return { sockets, coresPerSocket, threadsPerCore, ramMb, diskGb, cpuVendor, cpuModel };
}

/**
 * Typical hosts a student can start from instead of typing every field. Illustrative sizes, not
 * vendor models, all with SMT (2 threads per core); the first is the lessons' lab host (8 cores,
 * 32 GB, 1 TB SSD).
 */
export const HOST_PRESETS: readonly HostPreset[] = [
  preset('lab-host', 'Lab server: 8 cores, 32 GB, 1 TB', { sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000, cpuVendor: 'intel', cpuModel: 'Cascadelake-Server' }),
  preset('lab-pc', 'Lab PC: 4 cores, 16 GB, 500 GB', { sockets: 1, coresPerSocket: 4, threadsPerCore: 2, ramMb: 16384, diskGb: 500, cpuVendor: 'amd', cpuModel: 'EPYC-Rome' }),
  preset('workstation', 'Workstation: 16 cores, 64 GB, 2 TB', { sockets: 1, coresPerSocket: 16, threadsPerCore: 2, ramMb: 65536, diskGb: 2000, cpuVendor: 'amd', cpuModel: 'EPYC-Milan' }),
  preset('compute-node', 'Compute node: 2 × 16 cores, 256 GB, 2 TB', { sockets: 2, coresPerSocket: 16, threadsPerCore: 2, ramMb: 262144, diskGb: 2000, cpuVendor: 'intel', cpuModel: 'Icelake-Server' }),
  preset('large-node', 'Large node: 2 × 32 cores, 1 TB RAM, 4 TB', { sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ramMb: 1048576, diskGb: 4000, cpuVendor: 'amd', cpuModel: 'EPYC-Genoa' }),
];

/** The preset whose sizes and vendor the host has (any name, any CPU model), or null for a typed host. */
export function matchingHostPreset(host: Host): HostPreset | null {
  return (
    HOST_PRESETS.find(
      (p) =>
        p.host.sockets === host.sockets &&
        p.host.coresPerSocket === host.coresPerSocket &&
        p.host.threadsPerCore === host.threadsPerCore &&
        p.host.ramMb === host.ramMb &&
        p.host.diskGb === host.diskGb &&
        p.host.cpuVendor === host.cpuVendor,
    ) ?? null
  );
}
