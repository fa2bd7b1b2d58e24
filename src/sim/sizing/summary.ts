import { addAmounts, allocated, checkAgainst, zeroAmounts, type FitProblem } from './fit';
import { findings, type Finding } from './findings';
import { logicalCpus, physicalCores } from './host';
import { demand, inventory, localDiskGb, presetOf, ratiosOf, type Inventory } from './policy';
import { RESOURCES, type Amounts, type CpuVendor, type Ratios, type Reserve, type SizingState } from './types';

export interface ResourceLine extends Inventory {
  /** Sum of every VM's demand, as configured (refused VMs included). */
  allocated: number;
  /** capacity − allocated; negative when more is promised than the policy allows. */
  remaining: number;
  /** allocated ÷ (total − reserved): the allocation ratio actually in use, to compare with allocationRatio. */
  ratio: number;
}

export interface VmVerdict {
  vmId: string;
  name: string;
  /** Whether the policy accepts this VM after the accepted VMs before it in the list. */
  fits: boolean;
  problems: FitProblem[];
  demand: Amounts;
}

export interface SizingSummary {
  policy: { kind: SizingState['policy']['kind']; preset: ReturnType<typeof presetOf>; ratios: Ratios; reserved: Reserve };
  host: { name: string; physicalCores: number; logicalCpus: number; ramMb: number; diskGb: number; cpuVendor: CpuVendor };
  resources: ResourceLine[];
  /** Physical ratios, independent of the policy: what the hardware is asked to carry. */
  overcommit: {
    vcpus: number;
    vcpuPerCore: number;
    vcpuPerThread: number;
    ramMb: number;
    ramPerPhysical: number;
    virtualDiskGb: number;
    preallocatedDiskGb: number;
    virtualDiskPerPhysical: number;
  };
  verdicts: VmVerdict[];
  findings: Finding[];
  counts: { vms: number; fitting: number; refused: number; warnings: number; notes: number };
}

/**
 * Per-VM verdicts in list order, like a scheduler handling create requests one by one: a VM the
 * policy refuses takes nothing, so the VMs after it are judged without it.
 */
export function verdicts(state: SizingState): VmVerdict[] {
  const inv = inventory(state.host, state.policy);
  let used = zeroAmounts();
  return state.vms.map((vm) => {
    const verdict = checkAgainst(inv, used, demand(vm, state.policy), state.policy);
    if (verdict.fits) used = addAmounts(used, verdict.demand);
    return { vmId: vm.id, name: vm.name, fits: verdict.fits, problems: verdict.problems, demand: verdict.demand };
  });
}

/** Everything the calculator view shows, computed from the state alone. */
export function summarize(state: SizingState): SizingSummary {
  const { host, vms, policy } = state;
  const inv = inventory(host, policy);
  const sum = allocated(vms, policy);
  const resources = RESOURCES.map((r): ResourceLine => {
    const line = inv[r];
    return { ...line, allocated: sum[r], remaining: line.capacity - sum[r], ratio: sum[r] / (line.total - line.reserved) };
  });
  const cores = physicalCores(host);
  const threads = logicalCpus(host);
  const vcpus = vms.reduce((s, v) => s + v.vcpus, 0);
  const ramMb = vms.reduce((s, v) => s + v.ramMb, 0);
  const virtualDiskGb = vms.reduce((s, v) => s + localDiskGb(v), 0);
  const preallocatedDiskGb = vms.filter((v) => v.provisioning === 'thick').reduce((s, v) => s + localDiskGb(v), 0);
  const list = verdicts(state);
  const found = findings(state);
  const fitting = list.filter((v) => v.fits).length;
  return {
    policy: { kind: policy.kind, preset: presetOf(policy), ratios: ratiosOf(policy), reserved: { ...policy.reserved } },
    host: { name: host.name, physicalCores: cores, logicalCpus: threads, ramMb: host.ramMb, diskGb: host.diskGb, cpuVendor: host.cpuVendor },
    resources,
    overcommit: {
      vcpus,
      vcpuPerCore: vcpus / cores,
      vcpuPerThread: vcpus / threads,
      ramMb,
      ramPerPhysical: ramMb / host.ramMb,
      virtualDiskGb,
      preallocatedDiskGb,
      virtualDiskPerPhysical: virtualDiskGb / host.diskGb,
    },
    verdicts: list,
    findings: found,
    counts: {
      vms: vms.length,
      fitting,
      refused: vms.length - fitting,
      warnings: found.filter((f) => f.severity === 'warning').length,
      notes: found.filter((f) => f.severity === 'note').length,
    },
  };
}
