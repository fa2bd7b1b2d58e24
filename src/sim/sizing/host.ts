import type { Host } from './types';

/** Cores are what run vCPUs side by side; SMT threads share a core's execution units. */
export function physicalCores(host: Host): number {
  return host.sockets * host.coresPerSocket;
}

/** What the OS (and Nova's VCPU inventory) counts as CPUs: every hardware thread. */
export function logicalCpus(host: Host): number {
  return physicalCores(host) * host.threadsPerCore;
}
