import type { FocusAction } from '../model/actions';
import type { LabState } from '../model/types';
import { done, event, isRefusal, lookupVm, type Outcome } from './outcome';

/** Points the console's guest shell at another VM (the prompt changes to its hostname). */
export function focus(lab: LabState, a: FocusAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  return done({ ...lab, console: { vm: vm.name } }, [event('CONSOLE_FOCUSED', vm.name)]);
}
