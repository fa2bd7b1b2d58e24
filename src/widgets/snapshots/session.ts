import { LAB_OPENS_AT } from './clock';
import type { LabState, Place } from './engine';
import { historyFromLog } from './text';

/** One line of the console transcript. `why` is the engine's explanation of a refusal. */
export interface TermLine {
  kind: 'input' | 'out' | 'hint' | 'why';
  text: string;
  /** The prompt shown before an input line. */
  prompt?: string;
}

/** One entry of the history log: what the student (or the preset, before the lab opened) did. */
export interface HistoryEntry {
  n: number;
  at: number;
  source: 'preset' | 'button' | 'console';
  title: string;
  lines: string[];
  /** Why it was refused; null when it happened. */
  refused: string | null;
}

/** Everything the sandbox remembers about one lab while the page is open. */
export interface Session {
  preset: string;
  state: LabState;
  now: number;
  /**
   * Tree node chosen for restore / delete / clone: a snapshot id or `current` (the current
   * state); null follows the current snapshot, so the obvious restore is one click away.
   */
  selected: string | null;
  transcript: TermLine[];
  history: HistoryEntry[];
  /** Commands typed, oldest first, for the console's up and down arrows. */
  commands: string[];
  /** Where the console's shell is: it opens on the host; `ssh VM` goes into a guest. */
  place: Place;
}

export const TRANSCRIPT_LIMIT = 400;
export const HISTORY_LIMIT = 150;

/** A lab as its preset describes it; the sandbox clock starts at `now` (a graded lab passes its own). */
export function freshSession(preset: string, state: LabState, now = LAB_OPENS_AT): Session {
  const history: HistoryEntry[] = state.log.map((entry, i) => ({ n: i + 1, at: entry.at, source: 'preset', refused: null, ...historyFromLog(entry) }));
  return { preset, state, now, selected: null, transcript: [], history, commands: [], place: 'host' };
}

/** Keeps the newest `limit` items. */
export const bounded = <T>(items: T[], limit: number): T[] => (items.length > limit ? items.slice(items.length - limit) : items);

/** What a button did, for the message beside it. */
export interface Outcome {
  kind: 'done' | 'refused' | 'failed';
  /** The action, or the command a guest button ran. */
  title: string;
  lines: string[];
}
