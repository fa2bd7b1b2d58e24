import { apply } from '../apply';
import type { Action, StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, SimEvent } from '../model/types';

/** What one console command did: new state, what it printed, and the engine's account of it. */
export interface Handled {
  state: LabState;
  output: string[];
  events: SimEvent[];
  refused: Refusal | null;
  exitCode: number;
}

export const printed = (state: LabState, output: string[], exitCode = 0): Handled => ({ state, output, events: [], refused: null, exitCode });

/**
 * A tool that checks before it acts (an unknown snapshot, a VM that is not running) refuses like
 * the engine: its own wording on screen and the reason as data, so a view can explain it (SPEC K1).
 */
export const refusedWith = (state: LabState, refusal: Refusal, output: string[], exitCode: number): Handled => ({ state, output, events: [], refused: refusal, exitCode });

/**
 * Runs an action and lets the caller turn the result into tool output. `render` gets the
 * events (success) or the refusal (failure) and returns the printed lines.
 */
export function perform(
  state: LabState,
  action: Action,
  ctx: StepContext,
  render: { ok: (events: SimEvent[], next: LabState) => string[]; refused: (r: Refusal) => string[] },
  failureExit = 1,
): Handled {
  const result = apply(state, action, ctx);
  if (result.refused) return { state, output: render.refused(result.refused), events: [], refused: result.refused, exitCode: failureExit };
  return { state: result.state, output: render.ok(result.events, result.state), events: result.events, refused: null, exitCode: 0 };
}

export const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%';

/** Host-side tool errors that name a VM the tool does not know, with a did-you-mean hint. */
export function hint(text: string): string {
  return `hint: ${text}`;
}
