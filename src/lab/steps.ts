/**
 * What a student does in a lab, as evidence: one entry per engine action or console command, in
 * order. The browser records these; the grading command replays them through the same engine.
 * Nothing here is a score: a score is always recomputed from the start state and these steps.
 */
import type { Action as NetworkAction } from '../sim/network/actions';
import type { SizingAction } from '../sim/sizing/actions';
import type { Action as SnapshotAction } from '../sim/snapshots/model/actions';

/** `builder`: the VM builder's host terminal, on the snapshot engine's state (the shared machine model). */
export type Simulator = 'network' | 'sizing' | 'snapshots' | 'builder';
export const SIMULATORS: readonly Simulator[] = ['network', 'sizing', 'snapshots', 'builder'];

/** One change a simulator widget made (or tried to make: refused steps are evidence too). */
export type SimStep =
  | { kind: 'network'; action: NetworkAction }
  | { kind: 'sizing'; action: SizingAction }
  /** A snapshot-sandbox button; `at` is the sandbox clock (ms since epoch) the engine was given. */
  | { kind: 'snapshot'; action: SnapshotAction; at: number }
  /** A line typed into the snapshot console (or sent by a guest button), at the sandbox clock `at`. */
  | { kind: 'command'; line: string; at: number };

/** What the lab's `policy` lets a simulator show. A graded lab can hide every one-click solver. */
export interface SimulatorPolicy {
  /** Network lab: the "What would fix it" buttons under a blocked answer. */
  fixes: boolean;
  /** Network lab: the engine's "Hint:" line under a blocked answer (it names the change to make). */
  hints: boolean;
  /** Network lab: "Worth noticing in this setup"; snapshot sandbox: the warnings list. */
  warnings: boolean;
  /** Sizing calculator: "How many more fit?" and the flavor advisor. */
  advisors: boolean;
}

/**
 * A widget in a lab reports every step through `onstep`, with the engine state after it and
 * whether the engine accepted it. In a lab the widget keeps no URL or stored state of its own and
 * shows no reset button: the lab owns the start state, resets and the saved log.
 */
export interface LabHooks<State> {
  policy: SimulatorPolicy;
  onstep: (step: SimStep, state: State, accepted: boolean) => void;
}
