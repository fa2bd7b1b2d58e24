import { fail, ok, type Issue, type Result } from '../core/issues';
import { FLAVOR_CATALOGUE } from './flavors';
import { LIMITS } from './limits';
import { readNumber } from './numbers';
import type { Flavor } from './types';

/** What a workload needs. Disk is compared with root + ephemeral; leave it out (or 0) when the disk is a volume. */
export interface WorkloadNeeds {
  vcpus: number;
  ramMb: number;
  diskGb?: number;
}

export type NeedName = 'vcpus' | 'ramMb' | 'diskGb';

export type SmallestFlavorResult =
  | { found: true; flavor: Flavor; spare: Record<NeedName, number> }
  | {
      found: false;
      /** Needs that no flavor meets even on its own, with the largest on offer. */
      unmet: { need: NeedName; needed: number; largest: number }[];
      /** Every need is met by some flavor, but no single flavor meets them all. */
      noSingleFlavorHasAll: boolean;
    };

const flavorDisk = (f: Flavor): number => f.rootDiskGb + f.ephemeralGb;

/**
 * "Smallest" is the order RAM, then vCPUs, then local disk, then swap, then name: RAM first
 * because it is the resource a host cannot overcommit safely, so it decides how many VMs fit.
 */
export function compareFlavors(a: Flavor, b: Flavor): number {
  return a.ramMb - b.ramMb || a.vcpus - b.vcpus || flavorDisk(a) - flavorDisk(b) || a.swapMb - b.swapMb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function smallestFlavor(needs: WorkloadNeeds, catalogue: readonly Flavor[] = FLAVOR_CATALOGUE): SmallestFlavorResult {
  const disk = needs.diskGb ?? 0;
  const meets = (f: Flavor): boolean => f.vcpus >= needs.vcpus && f.ramMb >= needs.ramMb && flavorDisk(f) >= disk;
  const candidates = catalogue.filter(meets).sort(compareFlavors);
  const best = candidates[0];
  if (best) {
    return { found: true, flavor: best, spare: { vcpus: best.vcpus - needs.vcpus, ramMb: best.ramMb - needs.ramMb, diskGb: flavorDisk(best) - disk } };
  }
  const largest = (pick: (f: Flavor) => number): number => catalogue.reduce((m, f) => Math.max(m, pick(f)), 0);
  const unmet: { need: NeedName; needed: number; largest: number }[] = [];
  const checks: [NeedName, number, number][] = [
    ['vcpus', needs.vcpus, largest((f) => f.vcpus)],
    ['ramMb', needs.ramMb, largest((f) => f.ramMb)],
    ['diskGb', disk, largest(flavorDisk)],
  ];
  for (const [need, needed, max] of checks) if (needed > max) unmet.push({ need, needed, largest: max });
  return { found: false, unmet, noSingleFlavorHasAll: unmet.length === 0 };
}

/**
 * `smallestFlavor` for needs a student typed into a form: numbers or numeric text, checked against
 * the same bounds as a VM's sizes. A blank disk need means "no local disk needed". Issues are at
 * `vcpus`, `ramMb` and `diskGb`, so a view can put each message next to its field.
 */
export function recommendFlavor(input: { vcpus: unknown; ramMb: unknown; diskGb?: unknown }, catalogue: readonly Flavor[] = FLAVOR_CATALOGUE): Result<SmallestFlavorResult> {
  const vcpus = readNumber(input.vcpus, LIMITS.vcpus, ['vcpus']);
  const ramMb = readNumber(input.ramMb, LIMITS.vmRamMb, ['ramMb']);
  const blank = input.diskGb === undefined || (typeof input.diskGb === 'string' && input.diskGb.trim() === '');
  const diskGb = blank ? ok(0) : readNumber(input.diskGb, LIMITS.rootDiskGb, ['diskGb']);
  const issues: Issue[] = [vcpus, ramMb, diskGb].flatMap((r) => (r.ok ? [] : r.issues));
  if (!vcpus.ok || !ramMb.ok || !diskGb.ok) return fail(...issues);
  return ok(smallestFlavor({ vcpus: vcpus.value, ramMb: ramMb.value, ...(diskGb.value > 0 ? { diskGb: diskGb.value } : {}) }, catalogue));
}
