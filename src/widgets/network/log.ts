import { describeAction, describeEvent, describeVerdict, type Action, type NetworkEvent, type Verdict } from './engine';

/** One line of the event log: a change, what the engine says it did, and the answer to the current question after it. */
export interface LogEntry {
  n: number;
  action: string;
  events: { text: string; warning: boolean }[];
  after: string;
}

export function logEntry(n: number, action: Action, events: NetworkEvent[], after: Verdict): LogEntry {
  return {
    n,
    action: describeAction(action),
    events: events.map((e) => ({ text: describeEvent(e), warning: e.warning })),
    after: describeVerdict(after),
  };
}
