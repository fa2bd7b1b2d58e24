import type { FocusAction } from '../model/actions';
import type { LabState } from '../model/types';
import { done, event, isRefusal, lookupVm, type Outcome } from './outcome';

/** Points the console's guest shell at another VM (the prompt changes to its hostname). */
export function focus(lab: LabState, a: FocusAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  // An ssh login records how the host reached the guest (SPEC M20); a plain focus forgets it.
  const via = a.via && (a.via.by === 'name' || a.via.by === 'address' || a.via.by === 'forward') && typeof a.via.target === 'string' ? { by: a.via.by, target: a.via.target.slice(0, 100) } : undefined;
  return done({ ...lab, console: via ? { vm: vm.name, via } : { vm: vm.name } }, [event('CONSOLE_FOCUSED', vm.name, via ? { by: via.by, target: via.target } : {})]);
}
