import type { Vm } from './types';

/** Proxmox's default ballooning target: VMs grow above their minimum only while host RAM use is below 80 %. */
export const DEFAULT_BALLOON_TARGET_PERCENT = 80;

/** What Proxmox always leaves a VM: its balloon minimum when it has one, else all its memory. */
export function guaranteedMb(vm: Pick<Vm, 'ramMb' | 'balloon' | 'balloonMinMb'>): number {
  return vm.balloon && vm.balloonMinMb !== null ? vm.balloonMinMb : vm.ramMb;
}

/** True when the VM's memory may shrink towards a minimum (automatic allocation in Proxmox). */
export const isBallooning = (vm: Pick<Vm, 'ramMb' | 'balloon' | 'balloonMinMb'>): boolean => guaranteedMb(vm) < vm.ramMb;
