import type { GuestAction } from '../model/actions';
import type { LabState } from '../model/types';
import { installPackages, removePackages } from './guest-apt';
import { removePath, replaceInFile, writeFile } from './guest-files';
import { serviceCommand } from './guest-service';
import { isRefusal, lookupVm, refuse, type Outcome } from './outcome';

/** Commands run inside the guest: they need a running, booted VM (SPEC G1). */
export function guest(lab: LabState, a: GuestAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (vm.power !== 'running' || vm.runtime === null) return refuse('GUEST_NOT_RUNNING', { vm: vm.name, power: vm.power });
  if (vm.runtime.panic) return refuse('GUEST_PANICKED', { vm: vm.name, reason: vm.runtime.panic.code });
  const op = a.guest;
  switch (op.op) {
    case 'write':
      return writeFile(lab, vm, op);
    case 'replace':
      return replaceInFile(lab, vm, op);
    case 'remove':
      return removePath(lab, vm, op);
    case 'install':
      return installPackages(lab, vm, op.packages, false);
    case 'upgrade':
      return installPackages(lab, vm, op.packages, true);
    case 'uninstall':
      return removePackages(lab, vm, op.packages, op.purge);
    case 'service':
      return serviceCommand(lab, vm, op.service, op.command);
  }
}
