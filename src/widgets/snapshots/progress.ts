import { guestSummary, snapshotTree, type LabState, type Refusal, type SimEvent, type TreeNode } from './engine';
import type { Story, StoryCheck, StoryStep } from './stories';

/** What the story looks at after a step: the lab the student is in and what the step did. */
export interface StepOutcome {
  preset: string;
  state: LabState;
  now: number;
  /** Null when nothing was just done (e.g. the student switched labs). */
  events: SimEvent[] | null;
  refused: Refusal | null;
}

/** Where a student is in a story: steps ticked off in order; skipped optional steps stay marked. */
export interface StoryProgress {
  done: number;
  skipped: number[];
}

export const START: StoryProgress = { done: 0, skipped: [] };

const usesStep = (c: StoryCheck): boolean => 'refused' in c || 'event' in c;

function holds(check: StoryCheck, o: StepOutcome): boolean {
  const vm = o.state.console.vm;
  if ('lab' in check) return o.preset === check.lab;
  if ('refused' in check) return o.refused?.code === check.refused;
  if ('event' in check) return (o.events ?? []).some((e) => e.code === check.event);
  if ('power' in check) return o.state.vms[vm]?.power === check.power;
  if ('service' in check) {
    return guestSummary(o.state, vm, o.now)?.services.some((s) => s.name === check.service && s.status === check.status) ?? false;
  }
  const tree = snapshotTree(o.state, vm, o.now);
  if (!tree) return false;
  if ('snapshots' in check) return tree.snapshotCount >= check.snapshots;
  const branched = (n: TreeNode): boolean => n.children.filter((c) => c.kind === 'snapshot').length >= 2 || n.children.some(branched);
  return tree.roots.some(branched);
}

const stepHolds = (step: StoryStep, o: StepOutcome): boolean => (step.lab === undefined || step.lab === o.preset) && step.done.every((c) => holds(c, o));

/**
 * Ticks off steps after a student's step. State checks may tick off several steps at once, but
 * one step's result (an event or a refusal) counts for one story step only: restoring once does
 * not also tick off a later "restore again". An optional step is skipped when the step after it
 * holds instead. A student who takes another road (powers off before trying the refused
 * restore) is not stuck: a result that one of the next few steps asks for skips the steps
 * before it. Only a result can jump ahead (a state such as "running" holds before the story
 * starts), and not far: the last step's refusal tried first thing does not finish the story.
 */
const LOOKAHEAD = 3;
export function advance(story: Story, progress: StoryProgress, o: StepOutcome): StoryProgress {
  let { done } = progress;
  const skipped = [...progress.skipped];
  let resultUsed = false;
  const usable = (step: StoryStep): boolean => !(resultUsed && step.done.some(usesStep)) && stepHolds(step, o);
  while (done < story.steps.length) {
    const step = story.steps[done]!;
    const next = story.steps[done + 1];
    if (usable(step)) {
      resultUsed ||= step.done.some(usesStep);
      done++;
    } else if (step.optional && next && usable(next)) {
      resultUsed ||= next.done.some(usesStep);
      skipped.push(done);
      done += 2;
    } else {
      const ahead = resultUsed ? -1 : story.steps.findIndex((later, k) => k > done && k <= done + LOOKAHEAD && later.done.some(usesStep) && stepHolds(later, o));
      if (ahead < 0) break;
      for (let k = done; k < ahead; k++) skipped.push(k);
      resultUsed = true;
      done = ahead + 1;
    }
  }
  return done === progress.done ? progress : { done, skipped };
}
