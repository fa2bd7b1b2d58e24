import type { EventCode, PowerState, RefusalCode, ServiceStatus } from './engine';

/**
 * Stories (guided exercises): what the panel above the sandbox asks the student to do next. They
 * are content, written in `content/stories/<name>.yaml` and checked at build time by
 * src/schemas/story.ts; a lesson picks one with `<SnapshotSandbox story="<name>" />`. Steps are done
 * in order; each is ticked off when all of its checks hold right after a step the student took
 * (see progress.ts). Checks are plain data over what the engine reports, so a story never needs
 * code of its own. This file is the shape the widget receives (types only: no zod in the browser).
 */
export type StoryCheck =
  /** The VM in focus has at least this many snapshots. */
  | { snapshots: number }
  | { service: string; status: ServiceStatus }
  | { power: PowerState }
  /** The step just taken was refused with this reason. */
  | { refused: RefusalCode }
  /** The step just taken produced this event. */
  | { event: EventCode }
  /** Some snapshot of the VM in focus has two or more child snapshots. */
  | { branches: true }
  /** The student is looking at this preset (for stories that compare two labs). */
  | { lab: string };

export interface StoryStep {
  /** What to do, in one or two sentences. */
  text: string;
  /** A command that does it, offered as "put in the console". */
  command?: string;
  /** The preset this step happens in, when the story spans two. */
  lab?: string;
  /** Skipped (not failed) when the student goes straight on to the next step. */
  optional?: boolean;
  done: StoryCheck[];
}

/** A guest action offered as a button: the button runs the command through the console. */
export interface GuestButton {
  label: string;
  command: string;
}

export interface Story {
  title: string;
  /** Presets the story is written for; the first one opens. */
  presets: string[];
  steps: StoryStep[];
  /** Guest buttons for this story; without them the sandbox offers generic ones. */
  guestButtons?: GuestButton[];
}
