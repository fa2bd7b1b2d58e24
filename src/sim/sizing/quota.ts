import type { Quota, Vm } from './types';

/** Nova's `[quota]` defaults: 10 instances, 20 cores, 50 GB (51200 MB) of RAM per project [nova-quota]. */
export const NOVA_DEFAULT_QUOTA: Quota = { instances: 10, cores: 20, ramMb: 51200 };

export type QuotaKey = keyof Quota;
export const QUOTA_KEYS: readonly QuotaKey[] = ['instances', 'cores', 'ramMb'];

/** What a project uses of each quota: instances, vCPUs (VCPU and PCPU together) and RAM. */
export interface QuotaUse {
  instances: number;
  cores: number;
  ramMb: number;
}

export const zeroUse = (): QuotaUse => ({ instances: 0, cores: 0, ramMb: 0 });

export const useOf = (vm: Pick<Vm, 'vcpus' | 'ramMb'>): QuotaUse => ({ instances: 1, cores: vm.vcpus, ramMb: vm.ramMb });

export const addUse = (a: QuotaUse, b: QuotaUse): QuotaUse => ({ instances: a.instances + b.instances, cores: a.cores + b.cores, ramMb: a.ramMb + b.ramMb });

/** One quota a request breaks: Nova's "Quota exceeded for cores: Requested 4, but already used 18 of 20 cores". */
export interface QuotaProblem {
  code: 'over-quota';
  quota: QuotaKey;
  requested: number;
  used: number;
  limit: number;
}

/** Nova checks quota in the API, before the scheduler: a request over any limit is refused outright. -1 means unlimited. */
export function checkQuota(quota: Quota, used: QuotaUse, want: QuotaUse): QuotaProblem[] {
  const problems: QuotaProblem[] = [];
  for (const key of QUOTA_KEYS) {
    const limit = quota[key];
    if (limit < 0) continue;
    if (used[key] + want[key] > limit) problems.push({ code: 'over-quota', quota: key, requested: want[key], used: used[key], limit });
  }
  return problems;
}

/** How many more VMs of this size the quota allows, and which quotas stop the next one; null count when unlimited. */
export function quotaHeadroom(quota: Quota, used: QuotaUse, want: QuotaUse): { count: number | null; limitedBy: QuotaKey[] } {
  const per = QUOTA_KEYS.map((k) => (quota[k] < 0 || want[k] === 0 ? null : Math.max(0, Math.floor((quota[k] - used[k]) / want[k]))));
  const counts = per.filter((n): n is number => n !== null);
  if (counts.length === 0) return { count: null, limitedBy: [] };
  const count = Math.min(...counts);
  return { count, limitedBy: QUOTA_KEYS.filter((_, i) => per[i] === count) };
}
