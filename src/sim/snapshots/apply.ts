import { createMedium, createVm, modifyVm, portForward, registerVm, setNic, storageAttach, storageCtl, unregisterVm } from '../machine/actions';
import { installOs } from '../machine/boot';
import { withVm } from './disk/current';
import { bootVm } from './actions/power';
import { clone, makeTemplate } from './actions/clone';
import { configure } from './actions/configure';
import { deleteSnapshot } from './actions/delete';
import { setDiskMode } from './actions/disk-mode';
import { loseBaseDisk } from './actions/disaster';
import { editSnapshot, setCurrent } from './actions/edit';
import { focus } from './actions/focus';
import { guest } from './actions/guest';
import type { Outcome } from './actions/outcome';
import { power } from './actions/power';
import { restore } from './actions/restore';
import { take } from './actions/take';
import { sweepIfDue } from './disk/blocks';
import { actionShapeRefusal } from './model/action-check';
import type { Action, StepContext } from './model/actions';
import type { Refusal } from './model/reasons';
import type { LabState, Params, SimEvent } from './model/types';

export interface StepResult {
  state: LabState;
  events: SimEvent[];
  /** Why nothing happened; `state` is then the very same object that came in (SPEC E1). */
  refused: Refusal | null;
}

/** How many log entries a lab keeps (older ones drop off; the log is for display). */
export const LOG_LIMIT = 100;

/** The one pure step function (DESIGN rule 1): no clock, no randomness, no mutation. */
export function apply(state: LabState, action: Action, ctx: StepContext): StepResult {
  const badShape = actionShapeRefusal(action);
  if (badShape) return { state, events: [], refused: badShape };
  const outcome = dispatch(state, action, ctx);
  if (!outcome.ok) return { state, events: [], refused: outcome.refusal };
  const lab = sweepIfDue(outcome.lab);
  const entry = { seq: lab.log.length === 0 ? 1 : lab.log[lab.log.length - 1]!.seq + 1, at: ctx.now, action: summarize(action), events: outcome.events };
  const log = (lab.log.length < LOG_LIMIT ? lab.log : lab.log.slice(lab.log.length - LOG_LIMIT + 1)).concat([entry]);
  return { state: { ...lab, log }, events: outcome.events, refused: null };
}

function dispatch(lab: LabState, a: Action, ctx: StepContext): Outcome {
  switch (a.type) {
    case 'take':
      return take(lab, a, ctx);
    case 'restore':
      return restore(lab, a, ctx);
    case 'deleteSnapshot':
      return deleteSnapshot(lab, a);
    case 'editSnapshot':
      return editSnapshot(lab, a);
    case 'setCurrent':
      return setCurrent(lab, a);
    case 'clone':
      return clone(lab, a);
    case 'template':
      return makeTemplate(lab, a);
    case 'power':
      return power(lab, a, ctx);
    case 'configure':
      return configure(lab, a);
    case 'guest':
      return guest(lab, a);
    case 'loseBaseDisk':
      return loseBaseDisk(lab, a);
    case 'setDiskMode':
      return setDiskMode(lab, a);
    case 'focus':
      return focus(lab, a);
    case 'createVm':
      return createVm(lab, a);
    case 'registerVm':
      return registerVm(lab, a);
    case 'unregisterVm':
      return unregisterVm(lab, a);
    case 'modifyVm':
      return modifyVm(lab, a);
    case 'setNic':
      return setNic(lab, a);
    case 'portForward':
      return portForward(lab, a);
    case 'createMedium':
      return createMedium(lab, a);
    case 'storageCtl':
      return storageCtl(lab, a);
    case 'storageAttach':
      return storageAttach(lab, a);
    case 'installOs':
      return installOs(lab, a, ctx.now, (l, vm, now) => {
        const booted = bootVm(l, vm, now);
        return { ok: true, lab: withVm(l, booted.vm), events: booted.events };
      });
  }
}

/** The action as a log line's data: its type plus its plain fields (file contents shortened). */
function summarize(a: Action): { code: string; params: Params } {
  const params: Params = {};
  const add = (obj: Record<string, unknown>, prefix = ''): void => {
    for (const k in obj) {
      const v = obj[k];
      if (k === 'type') continue;
      if (typeof v === 'string') params[prefix + k] = k === 'content' && v.length > 60 ? `${v.slice(0, 57)}...` : v;
      else if (typeof v === 'number' || typeof v === 'boolean') params[prefix + k] = v;
      else if (Array.isArray(v)) params[prefix + k] = v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : String(x)));
      else if (v && typeof v === 'object') add(v as Record<string, unknown>, `${k}.`);
    }
  };
  add(a as unknown as Record<string, unknown>);
  return { code: a.type, params };
}
