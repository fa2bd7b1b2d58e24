import { demand, inventory, type Inventory } from './policy';
import type { QuotaKey } from './quota';
import { RESOURCES, type Amounts, type Host, type Policy, type Resource, type VmSpec } from './types';

/** Why a VM does not fit, as data; `explain.ts` turns it into a sentence. */
export type FitProblem =
  | { code: 'vcpus-exceed-physical-cores'; resource: 'VCPU'; requested: number; physicalCores: number }
  /** The node reports no inventory of this class at all (Placement refuses a total of 0). */
  | { code: 'no-inventory'; resource: Resource; requested: number }
  | { code: 'exceeds-max-unit'; resource: Resource; requested: number; maxUnit: number }
  | {
      code: 'over-capacity';
      resource: Resource;
      requested: number;
      used: number;
      capacity: number;
      total: number;
      reserved: number;
      /** MB the host's storage keeps in RAM (course policy only). */
      storage: number;
      allocationRatio: number;
      /** used + requested − capacity: how much is missing. */
      shortBy: number;
    };

export interface FitVerdict {
  fits: boolean;
  problems: FitProblem[];
  /** What the VM asks for under the policy. */
  demand: Amounts;
}

export const zeroAmounts = (): Amounts => ({ VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0 });

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return { VCPU: a.VCPU + b.VCPU, PCPU: a.PCPU + b.PCPU, MEMORY_MB: a.MEMORY_MB + b.MEMORY_MB, DISK_GB: a.DISK_GB + b.DISK_GB };
}

/** What a list of VMs asks for in sum under the policy. */
export function allocated(specs: readonly VmSpec[], policy: Policy): Amounts {
  let sum = zeroAmounts();
  for (const spec of specs) sum = addAmounts(sum, demand(spec, policy));
  return sum;
}

/** capacity − used per resource; negative means promised beyond capacity. */
export function remaining(inv: Record<Resource, Inventory>, used: Amounts): Amounts {
  return {
    VCPU: inv.VCPU.capacity - used.VCPU,
    PCPU: inv.PCPU.capacity - used.PCPU,
    MEMORY_MB: inv.MEMORY_MB.capacity - used.MEMORY_MB,
    DISK_GB: inv.DISK_GB.capacity - used.DISK_GB,
  };
}

/**
 * Placement's test for one resource provider: for every resource the VM asks for (a zero request is
 * not sent), the amount must not exceed max_unit and used + amount must not exceed the capacity.
 * The course's per-VM rule is max_unit = physical cores on VCPU, reported under its own code.
 */
export function checkAgainst(inv: Record<Resource, Inventory>, used: Amounts, want: Amounts, policy: Policy): FitVerdict {
  const problems: FitProblem[] = [];
  for (const resource of RESOURCES) {
    const requested = want[resource];
    if (requested === 0) continue;
    const line = inv[resource];
    if (line.total === 0) {
      problems.push({ code: 'no-inventory', resource, requested });
      continue;
    }
    if (requested > line.maxUnit) {
      problems.push(
        policy.kind === 'course' && resource === 'VCPU'
          ? { code: 'vcpus-exceed-physical-cores', resource, requested, physicalCores: line.maxUnit }
          : { code: 'exceeds-max-unit', resource, requested, maxUnit: line.maxUnit },
      );
      continue;
    }
    if (!line.enforced) continue;
    const after = used[resource] + requested;
    if (line.capacity < after) {
      problems.push({
        code: 'over-capacity',
        resource,
        requested,
        used: used[resource],
        capacity: line.capacity,
        total: line.total,
        reserved: line.reserved,
        storage: line.storage,
        allocationRatio: line.allocationRatio,
        shortBy: after - line.capacity,
      });
    }
  }
  return { fits: problems.length === 0, problems, demand: want };
}

/** Does `spec` fit on `host` next to VMs that already use `used`? */
export function checkFit(host: Host, policy: Policy, used: Amounts, spec: VmSpec): FitVerdict {
  return checkAgainst(inventory(host, policy), used, demand(spec, policy), policy);
}

export interface Headroom {
  /** How many more VMs of this size fit. */
  count: number;
  /** The resources that stop copy number count + 1 (several when they run out together). */
  limitedBy: Resource[];
  /** Per-VM limits that rule this size out entirely; count is 0 when there are any. */
  blocked: FitProblem[];
  /** Copies each resource alone would allow; null when it does not limit (nothing asked, or only warned about). */
  perResource: Record<Resource, number | null>;
  /** Under a Nova project quota (headroomInState): copies the quota allows and the quotas that stop the next one. */
  quota?: { count: number; limitedBy: QuotaKey[] };
}

/** The largest n with used + n × amount ≤ capacity, computed exactly the way the fit test compares. */
function copiesWithin(capacity: number, used: number, amount: number): number {
  if (capacity < used + amount) return 0;
  let n = Math.floor((capacity - used) / amount);
  while (n > 0 && capacity < used + n * amount) n--;
  while (!(capacity < used + (n + 1) * amount)) n++;
  return n;
}

/** How many more VMs of one size fit, and which resource runs out first. Needs ramMb ≥ 1 (RAM always limits). */
export function headroom(host: Host, policy: Policy, used: Amounts, spec: VmSpec): Headroom {
  const inv = inventory(host, policy);
  const want = demand(spec, policy);
  const single = checkAgainst(inv, zeroAmounts(), want, policy);
  const blocked = single.problems.filter((p) => p.code !== 'over-capacity');
  const perResource: Record<Resource, number | null> = { VCPU: null, PCPU: null, MEMORY_MB: null, DISK_GB: null };
  for (const resource of RESOURCES) {
    const line = inv[resource];
    if (want[resource] === 0 || !line.enforced) continue;
    perResource[resource] = copiesWithin(line.capacity, used[resource], want[resource]);
  }
  const counts = RESOURCES.map((r) => perResource[r]).filter((n): n is number => n !== null);
  if (counts.length === 0) throw new RangeError('headroom() needs a VM with at least 1 MB of RAM');
  if (blocked.length > 0) {
    return { count: 0, limitedBy: blocked.map((p) => p.resource), blocked, perResource };
  }
  const count = Math.min(...counts);
  const limitedBy = RESOURCES.filter((r) => perResource[r] === count);
  return { count, limitedBy, blocked, perResource };
}
