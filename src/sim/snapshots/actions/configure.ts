import { withVm } from '../disk/current';
import type { ConfigureAction } from '../model/actions';
import type { LabState, SimEvent } from '../model/types';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from './outcome';

export const LIMITS = {
  memoryMb: { min: 4, max: 1_048_576 },
  cpus: { min: 1, max: 64 },
} as const;

/**
 * Settings are part of every snapshot (SPEC S2). VirtualBox only lets a powered-off VM change
 * them; virsh `--config` and `qm set` change the stored config at any time and the running
 * guest sees it at its next boot (SPEC G5).
 */
export function configure(lab: LabState, a: ConfigureAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (a.memoryMb === undefined && a.cpus === undefined) return refuse('NOTHING_TO_CHANGE', { vm: vm.name });
  for (const field of ['memoryMb', 'cpus'] as const) {
    const value = a[field];
    if (value === undefined) continue;
    const { min, max } = LIMITS[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      return refuse('INVALID_SETTING', { vm: vm.name, field, value: Number.isFinite(value) ? value : String(value), min, max });
    }
  }
  if (lab.platform === 'virtualbox' && vm.power !== 'poweroff') return refuse('SETTINGS_LOCKED', { vm: vm.name, power: vm.power });
  const settings = { memoryMb: a.memoryMb ?? vm.settings.memoryMb, cpus: a.cpus ?? vm.settings.cpus };
  const events: SimEvent[] = [event('SETTINGS_CHANGED', vm.name, { ...settings })];
  if (vm.runtime !== null) events.push(event('SETTINGS_PENDING', vm.name, { ...settings }));
  return done(withVm(lab, { ...vm, settings }), events);
}
