import { ownValue } from '../../core/own';
import { withVm } from '../disk/current';
import type { LoseBaseDiskAction } from '../model/actions';
import type { LabState, SimEvent, Vm } from '../model/types';
import { done, event, isRefusal, lookupVm, type Outcome } from './outcome';
import { snapshotCount } from '../model/snapshot-store';

/**
 * The storage holding the base disk fails. Every snapshot is only a layer on top of it, so all
 * of them and every linked clone built on them become unusable: snapshots are not backups
 * (SPEC A3).
 */
export function loseBaseDisk(lab: LabState, a: LoseBaseDiskAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const lost = new Set<string>([vm.name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of Object.values(lab.vms)) {
      if (other.linkedFrom && lost.has(other.linkedFrom.vm) && !lost.has(other.name)) {
        lost.add(other.name);
        grew = true;
      }
    }
  }
  let next = lab;
  const events: SimEvent[] = [];
  for (const name of lost) {
    const v: Vm = ownValue(next.vms, name)!;
    next = withVm(next, { ...v, power: 'poweroff', runtime: null, disk: { ...v.disk, lost: true } });
    if (v.power !== 'poweroff') events.push(event('POWER_CHANGED', name, { from: v.power, to: 'poweroff', op: 'crash' }));
  }
  events.unshift(
    event('BASE_DISK_LOST', vm.name, {
      snapshots: snapshotCount(vm),
      clones: [...lost].filter((n) => n !== vm.name),
    }),
  );
  return done(next, events);
}
