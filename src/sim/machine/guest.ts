import type { LabState, Vm } from '../snapshots/model/types';

/** The guest is up (booted from an installed system, not halted or in the installer). */
export function guestUp(vm: Vm): boolean {
  return vm.power === 'running' && vm.runtime !== null && vm.runtime.panic === null;
}

/** Whether the guest agent answers (Guest Additions' service in VirtualBox, qemu-guest-agent elsewhere; SPEC M19). */
export function agentRunning(lab: LabState, vm: Vm): boolean {
  if (!guestUp(vm)) return false;
  const service = lab.platform === 'virtualbox' ? 'vboxadd-service' : 'qemu-guest-agent';
  const running = vm.runtime!.services[service]?.status === 'active';
  return lab.platform === 'virtualbox' ? running : running && vm.hw.agent;
}
