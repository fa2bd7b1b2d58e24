/**
 * Lab reports built the way the browser builds them: the student's variant from their seed, each
 * step run through the engine to record whether it was accepted, and the claimed score computed
 * from the final state. Used by the grading tests and the grading benchmark.
 */
import { readFileSync } from 'node:fs';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import type { LogEntry } from '../../../src/lab/log';
import { ENGINE_VERSION, REPORT_FORMAT, REPORT_VERSION, type LabReport } from '../../../src/lab/report';
import { issueText, replay, score, solutionSteps, type Variant } from '../../../src/lab/run';
import { variantOf } from '../../../src/lab/variant';
import type { CompiledLab } from '../../../src/lab/schema';
import { ADAPTERS } from '../../../src/lab/sims';
import type { SimStep } from '../../../src/lab/steps';
import { labSeed } from '../../../src/lab/variables';

export function compileLabFile(path: string, root = '.'): CompiledLab {
  const r = compileLab(path, readFileSync(`${root}/${path}`, 'utf8'), labSources(root));
  if (!r.ok) throw new Error(issueText(r.issues, path));
  return r.value;
}

export function variantFor(lab: CompiledLab, studentId: string): Variant {
  const v = variantOf(lab, ADAPTERS[lab.lab.simulator], labSeed(lab.lab.id, studentId));
  if (!v.ok) throw new Error(issueText(v.issues, lab.source));
  return v.value;
}

export type Entry = SimStep | { hint: string } | { reset: true };

/** A report whose log is `entries`, recorded as the browser records them. */
export function reportFromEntries(lab: CompiledLab, student: { id: string; name: string }, entries: readonly Entry[]): LabReport {
  const adapter = ADAPTERS[lab.lab.simulator];
  const variant = variantFor(lab, student.id);
  let state = variant.start;
  const log: LogEntry[] = entries.map((e, i): LogEntry => {
    const t = i * 1500;
    if ('hint' in e) return { t, hint: e.hint };
    if ('reset' in e) {
      state = variant.start;
      return { t, reset: true };
    }
    const r = adapter.step(state, e);
    if (!r) throw new Error(`not a ${lab.lab.simulator} step`);
    state = r.state;
    return { t, step: e, ok: r.accepted };
  });
  const end = replay(variant, adapter, log);
  const s = score(variant, adapter, end.state, end.clock, end.hints);
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    engine: ENGINE_VERSION,
    lab: { id: lab.lab.id, title: lab.lab.title, hash: lab.hash },
    student: { id: student.id, name: student.name },
    seed: variant.seed,
    startedAt: '2026-11-19T18:00:00.000Z',
    savedAt: '2026-11-19T18:20:00.000Z',
    log,
    claimed: { earned: s.earned, possible: s.possible, met: s.goals.filter((g) => g.met).map((g) => g.id) },
  };
}

/** The worked solution, optionally after a few detours (a refused step, a hint, a start-again). */
export function genuineReport(lab: CompiledLab, student: { id: string; name: string }, options: { noise?: Entry[] } = {}): LabReport {
  const steps = solutionSteps(variantFor(lab, student.id), ADAPTERS[lab.lab.simulator]);
  return reportFromEntries(lab, student, [...(options.noise ?? []), ...steps]);
}
