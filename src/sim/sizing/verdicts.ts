import { addAmounts, checkAgainst, zeroAmounts, type FitProblem } from './fit';
import { demand, inventory } from './policy';
import { addUse, checkQuota, useOf, zeroUse, type QuotaProblem } from './quota';
import { startCheck, type StartCheck } from './start';
import type { Amounts, SizingState } from './types';

/** Why a VM is refused: the host's inventory (placement) or, under Nova, the project's quota. */
export type VmProblem = FitProblem | QuotaProblem;

export interface VmVerdict {
  vmId: string;
  name: string;
  /** Whether the policy accepts this VM after the accepted VMs before it in the list. */
  fits: boolean;
  problems: VmProblem[];
  demand: Amounts;
  /** Whether Proxmox, libvirt and VirtualBox would power on a VM this wide on this host, whatever the policy. */
  start: StartCheck;
}

/**
 * Per-VM verdicts in list order, like a scheduler handling create requests one by one: a VM the
 * policy refuses takes nothing, so the VMs after it are judged without it. Under Nova with a
 * project quota, the quota is checked first (in the API) and a VM over it never reaches placement.
 */
export function verdicts(state: SizingState): VmVerdict[] {
  const inv = inventory(state.host, state.policy);
  const quota = state.policy.kind === 'nova' ? state.policy.quota : undefined;
  let used = zeroAmounts();
  let project = zeroUse();
  return state.vms.map((vm) => {
    const want = demand(vm, state.policy);
    const start = startCheck(state.host, vm.vcpus);
    const overQuota = quota ? checkQuota(quota, project, useOf(vm)) : [];
    if (overQuota.length > 0) return { vmId: vm.id, name: vm.name, fits: false, problems: overQuota, demand: want, start };
    const verdict = checkAgainst(inv, used, want, state.policy);
    if (verdict.fits) {
      used = addAmounts(used, verdict.demand);
      project = addUse(project, useOf(vm));
    }
    return { vmId: vm.id, name: vm.name, fits: verdict.fits, problems: verdict.problems, demand: verdict.demand, start };
  });
}
