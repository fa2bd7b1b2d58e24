import { buildFitIndex, firstFit, setRoom } from './first-fit-index';
import { checkAgainst, type FitProblem } from './fit';
import { demand, inventory, type Inventory } from './policy';
import { RESOURCES, type Amounts, type Host, type Policy, type Resource, type VmSpec } from './types';

export interface PackVm extends VmSpec {
  id: string;
}

export interface HostLoad {
  hostIndex: number;
  name: string;
  vmIds: string[];
  used: Amounts;
  remaining: Amounts;
}

export interface Unplaced {
  vmId: string;
  /** Every host refuses this VM on a per-VM limit: no host is big enough, even empty. */
  tooBigForEveryHost: boolean;
  /** The host that came nearest (fewest problems, then smallest shortfall), with its problems. */
  closest: { hostIndex: number; problems: FitProblem[] } | null;
}

export interface PackResult {
  /** One entry per VM, in input order; hostIndex is null when it did not fit anywhere. */
  placements: { vmId: string; hostIndex: number | null }[];
  hosts: HostLoad[];
  unplaced: Unplaced[];
}

const R = RESOURCES.length;

/**
 * First-fit decreasing: VMs sorted by RAM, then vCPUs (shared or dedicated), then disk (largest first, input order on
 * ties) each go to the first host, in the given order, where they fit next to what is already there.
 * RAM leads the order because it is the resource neither policy lets a host promise twice.
 */
export function pack(hosts: readonly Host[], vms: readonly PackVm[], policy: Policy): PackResult {
  const inv: Record<Resource, Inventory>[] = hosts.map((h) => inventory(h, policy));
  const capacity = new Float64Array(hosts.length * R);
  const maxUnit = new Float64Array(hosts.length * R);
  const used = new Float64Array(hosts.length * R);
  const enforced = RESOURCES.map((r) => inv[0]?.[r].enforced ?? true);
  inv.forEach((lines, h) =>
    RESOURCES.forEach((r, i) => {
      capacity[h * R + i] = lines[r].capacity;
      maxUnit[h * R + i] = lines[r].maxUnit;
    }),
  );

  const wants = vms.map((vm) => demand(vm, policy));
  const order = vms.map((_, i) => i);
  // A VM asks for VCPU or PCPU, never both: their sum is its vCPU count.
  const cpus = (w: Amounts): number => w.VCPU + w.PCPU;
  order.sort((a, b) => {
    const wa = wants[a]!;
    const wb = wants[b]!;
    return wb.MEMORY_MB - wa.MEMORY_MB || cpus(wb) - cpus(wa) || wb.DISK_GB - wa.DISK_GB || a - b;
  });

  // Room left per host and resource; a resource the policy only warns about never rules a host out.
  const roomOf = (h: number, i: number): number => (enforced[i] ? capacity[h * R + i]! - used[h * R + i]! : Infinity);
  const index = buildFitIndex(hosts.length, R, roomOf, (h, i) => maxUnit[h * R + i]!);

  const hostOf: (number | null)[] = vms.map(() => null);
  const unplacedIdx: number[] = [];
  for (const v of order) {
    const want = wants[v]!;
    const d = RESOURCES.map((r) => want[r]);
    const fits = (h: number): boolean => {
      for (let i = 0; i < R; i++) {
        const amount = d[i]!;
        if (amount === 0) continue;
        const k = h * R + i;
        // A class the host has no inventory of (total 0) has maxUnit 0, so any amount is refused here.
        if (amount > maxUnit[k]! || (enforced[i] && capacity[k]! < used[k]! + amount)) return false;
      }
      return true;
    };
    const placed = firstFit(index, d, fits);
    if (placed < 0) {
      unplacedIdx.push(v);
      continue;
    }
    for (let i = 0; i < R; i++) {
      if (d[i] === 0) continue;
      used[placed * R + i]! += d[i]!;
      setRoom(index, placed, i, roomOf(placed, i));
    }
    hostOf[v] = placed;
  }

  const amountsAt = (arr: Float64Array, h: number): Amounts => Object.fromEntries(RESOURCES.map((r, i) => [r, arr[h * R + i]!])) as Amounts;
  const loads: HostLoad[] = hosts.map((host, h) => {
    const u = amountsAt(used, h);
    const c = amountsAt(capacity, h);
    return {
      hostIndex: h,
      name: host.name,
      vmIds: [],
      used: u,
      remaining: Object.fromEntries(RESOURCES.map((r) => [r, c[r] - u[r]])) as Amounts,
    };
  });
  for (const v of order) {
    const h = hostOf[v];
    if (h !== null && h !== undefined) loads[h]!.vmIds.push(vms[v]!.id);
  }

  const unplaced = unplacedIdx
    .sort((a, b) => a - b)
    .map((v) => diagnose(vms[v]!.id, wants[v]!, inv, loads, policy));
  return { placements: vms.map((vm, i) => ({ vmId: vm.id, hostIndex: hostOf[i] ?? null })), hosts: loads, unplaced };
}

/** Rank every host by how close it came, then spell out the problems of the nearest one only. */
function diagnose(vmId: string, want: Amounts, inv: Record<Resource, Inventory>[], loads: HostLoad[], policy: Policy): Unplaced {
  let best = -1;
  let bestCount = Infinity;
  let bestShort = Infinity;
  let everyHostTooSmall = inv.length > 0;
  inv.forEach((lines, h) => {
    let count = 0;
    let short = 0;
    let tooSmall = false;
    for (const r of RESOURCES) {
      const amount = want[r];
      if (amount === 0) continue;
      const line = lines[r];
      if (line.total === 0 || amount > line.maxUnit) {
        count++;
        tooSmall = true;
        short += (amount - line.maxUnit) / Math.max(1, line.maxUnit);
      } else if (line.enforced && line.capacity < loads[h]!.used[r] + amount) {
        count++;
        short += (loads[h]!.used[r] + amount - line.capacity) / Math.max(1, line.total);
      }
    }
    if (!tooSmall) everyHostTooSmall = false;
    if (count < bestCount || (count === bestCount && short < bestShort)) {
      best = h;
      bestCount = count;
      bestShort = short;
    }
  });
  const closest = best < 0 ? null : { hostIndex: best, problems: checkAgainst(inv[best]!, loads[best]!.used, want, policy).problems };
  return { vmId, tooBigForEveryHost: everyHostTooSmall, closest };
}
