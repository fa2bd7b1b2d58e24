/**
 * What a builder remembers while the page is open, and how a typed line changes it: the lab
 * state, the builder clock, the transcript and the lines typed. Pure, so a reload can replay the
 * saved lines to exactly the state the student left (and a unit test can check that it does).
 */
import { runCommand, type CommandResult } from '../../sim/snapshots/console/run';
import { misplaced, placeAfter, promptAt, type Place } from '../../sim/snapshots/console/place';
import { explainRefusal } from '../../sim/snapshots/explain';
import type { LabState } from '../../sim/snapshots/model/types';
import { STEP_MS } from '../snapshots/clock';
// The builder shows guest addresses and logs in by address: it gives the consoles the network view (src/sim/machine/link.ts).
import '../../sim/machine/views';

export interface TermLine {
  kind: 'input' | 'out' | 'hint' | 'why';
  text: string;
  /** The prompt shown before an input line. */
  prompt?: string;
}

export interface BuilderSession {
  state: LabState;
  /** The clock the engine was given for the last line (ms since epoch). */
  now: number;
  transcript: TermLine[];
  /** Every non-empty line run, oldest first: what is saved and replayed. */
  log: string[];
  /** Distinct consecutive lines, for Up and Down. */
  commands: string[];
  /** Where the shell is: on the host, or logged in to a guest over ssh (SPEC K7). */
  place: Place;
}

export const TRANSCRIPT_LIMIT = 400;

export function freshBuilder(state: LabState, now: number): BuilderSession {
  return { state, now, transcript: [], log: [], commands: [], place: 'host' };
}

const bounded = <T>(items: T[], limit: number): T[] => (items.length > limit ? items.slice(items.length - limit) : items);

/**
 * Runs one typed line. An empty line changes nothing and returns a null result; `clear` empties
 * the transcript (and is logged, so a replay clears it too). Every other line moves the clock on
 * one step and goes through the console, whose output is shown as text.
 */
export function runLine(s: BuilderSession, line: string): { session: BuilderSession; result: CommandResult | null; at: number; refusedHere?: string[] } {
  if (line.trim() === '') return { session: s, result: null, at: s.now };
  const at = s.now + STEP_MS;
  const commands = s.commands[s.commands.length - 1] === line ? s.commands : [...s.commands, line];
  const log = [...s.log, line];
  if (line.trim() === 'clear') return { session: { ...s, now: at, transcript: [], log, commands }, result: null, at };
  const shownPrompt = promptAt(s.state, s.place);
  // A host tool typed inside a guest (or a guest command on the host) does not run: the shell says where to go.
  const wrongPlace = misplaced(s.state, s.place, line);
  if (wrongPlace) {
    const transcript: TermLine[] = [...s.transcript, { kind: 'input', prompt: shownPrompt, text: line }, ...wrongPlace.map((text): TermLine => ({ kind: text.startsWith('hint: ') ? 'hint' : 'out', text }))];
    return { session: { ...s, now: at, transcript: bounded(transcript, TRANSCRIPT_LIMIT), log, commands }, result: null, at, refusedHere: wrongPlace };
  }
  const result = runCommand(s.state, line, { now: at });
  const moved = placeAfter(s.state, result.state, s.place, line);
  const why = result.refused ? explainRefusal(result.refused) : null;
  const transcript: TermLine[] = [
    ...s.transcript,
    { kind: 'input', prompt: shownPrompt, text: line },
    ...result.output.map((text): TermLine => ({ kind: text.startsWith('hint: ') ? 'hint' : 'out', text })),
    ...(why && result.output.length === 0 ? [{ kind: 'why' as const, text: why }] : []),
    ...moved.output.map((text): TermLine => ({ kind: 'out', text })),
  ];
  return { session: { state: result.state, now: at, transcript: bounded(transcript, TRANSCRIPT_LIMIT), log, commands, place: moved.place }, result, at };
}

/** The session a list of saved lines leads to, from the preset's state. */
export function replay(state: LabState, now: number, lines: readonly string[]): BuilderSession {
  return lines.reduce((s, line) => runLine(s, line).session, freshBuilder(state, now));
}
