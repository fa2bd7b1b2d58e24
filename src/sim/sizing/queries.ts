import type { PathSegment, Result } from '../core/issues';
import { allocated, checkFit, headroom, type FitVerdict, type Headroom } from './fit';
import { resolveFlavor, specFromFlavor } from './flavors';
import { addUse, quotaHeadroom, useOf, zeroUse } from './quota';
import { DEFAULT_VM_OPTIONS } from './state';
import type { Flavor, Provisioning, SizingState, VmSpec } from './types';
import { verdicts } from './verdicts';

/**
 * Questions about one more VM on the calculator's host. They count every configured VM, the same
 * totals the resource lines show, so "remaining" and "how many more" never disagree.
 */
export function fitInState(state: SizingState, spec: VmSpec): FitVerdict {
  return checkFit(state.host, state.policy, allocated(state.vms, state.policy), spec);
}

/**
 * With a Nova project quota the count is also bounded by what the quota leaves (counted over the
 * VMs the verdicts accept), and `quota` says which quotas stop the next copy.
 */
export function headroomInState(state: SizingState, spec: VmSpec): Headroom {
  const h = headroom(state.host, state.policy, allocated(state.vms, state.policy), spec);
  const quota = state.policy.kind === 'nova' ? state.policy.quota : undefined;
  if (!quota || h.blocked.length > 0) return h;
  const accepted = new Set(verdicts(state).filter((v) => v.fits).map((v) => v.vmId));
  const used = state.vms.filter((v) => accepted.has(v.id)).reduce((u, v) => addUse(u, useOf(v)), zeroUse());
  const q = quotaHeadroom(quota, used, useOf(spec));
  if (q.count === null || q.count > h.count) return h;
  return { ...h, count: q.count, limitedBy: q.count === h.count ? h.limitedBy : [], quota: { count: q.count, limitedBy: q.limitedBy } };
}

/** The sizes of a VM created from a flavor name, for the two queries above. */
export function specForFlavor(name: string, provisioning: Provisioning = 'thin', bootFromVolume = false, path: PathSegment[] = []): Result<VmSpec> {
  const flavor = resolveFlavor(name, path);
  return flavor.ok ? { ok: true, value: specFromFlavor(flavor.value, provisioning, bootFromVolume) } : flavor;
}

/**
 * "How many more of flavor X fit?" for a name a student typed (catalogue or g4.r8c4-style). The
 * copies are sized as `addVm` would create them (default provisioning, local root disk), so the
 * answer matches what adding them one by one would show. Issues are at `flavor`.
 */
export function headroomForFlavor(state: SizingState, name: string): Result<{ flavor: Flavor; headroom: Headroom }> {
  const flavor = resolveFlavor(name, ['flavor']);
  if (!flavor.ok) return flavor;
  const spec = specFromFlavor(flavor.value, DEFAULT_VM_OPTIONS.provisioning, false);
  return { ok: true, value: { flavor: flavor.value, headroom: headroomInState(state, spec) } };
}
