import type { Host } from './types';

export interface HostPreset {
  /** Stable key for a select. */
  id: string;
  /** What a student picks from, e.g. "Lab server: 8 cores / 16 threads, 32 GB, 1 TB". */
  label: string;
  host: Host;
}

function preset(id: string, label: string, host: Omit<Host, 'name'>): HostPreset {
  return { id, label, host: { name: id, ...host } };
}

/**
 * Typical hosts a student can start from instead of typing every field. Illustrative sizes, not
 * vendor models; the first is the lesson's lab host (8 cores with SMT, 32 GB, 1 TB SSD).
 */
export const HOST_PRESETS: readonly HostPreset[] = [
  preset('lab-host', 'Lab server: 8 cores / 16 threads, 32 GB RAM, 1 TB disk', { sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000, cpuVendor: 'intel' }),
  preset('lab-pc', 'Lab PC: 4 cores / 8 threads, 16 GB RAM, 500 GB disk', { sockets: 1, coresPerSocket: 4, threadsPerCore: 2, ramMb: 16384, diskGb: 500, cpuVendor: 'amd' }),
  preset('workstation', 'Workstation: 16 cores / 32 threads, 64 GB RAM, 2 TB disk', { sockets: 1, coresPerSocket: 16, threadsPerCore: 2, ramMb: 65536, diskGb: 2000, cpuVendor: 'amd' }),
  preset('compute-node', 'Compute node: 2 × 16 cores / 64 threads, 256 GB RAM, 2 TB disk', { sockets: 2, coresPerSocket: 16, threadsPerCore: 2, ramMb: 262144, diskGb: 2000, cpuVendor: 'intel' }),
  preset('large-node', 'Large compute node: 2 × 32 cores / 128 threads, 1 TB RAM, 4 TB disk', { sockets: 2, coresPerSocket: 32, threadsPerCore: 2, ramMb: 1048576, diskGb: 4000, cpuVendor: 'amd' }),
];

/** The preset whose sizes the host has (any name), or null for a typed host. */
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
