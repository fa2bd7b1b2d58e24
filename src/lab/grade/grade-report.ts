/**
 * One report → its recomputed score and flags (SPEC R3–R7). Grading is recomputation: the
 * student's variant is built from the seed derived from their id, the log is replayed through
 * the same engine from the start state, and the goals are answered from the final state. What
 * the report claims is only compared. Never throws.
 */
import { closest, knownList } from '../../sim/core/suggest';
import { isStep } from '../log';
import { ENGINE_VERSION } from '../report';
import { issueText, replay, score, solutionLog } from '../run';
import { variantOf } from '../variant';
import { ADAPTERS } from '../sims';
import { labSeed, normalizeStudentId } from '../variables';
import { flag, stepList, type Flag } from './flags';
import { logKey } from './identical-logs';
import type { LabCatalog } from './load-labs';
import { parseReport } from './parse-report';
import type { GradedReport, HandIn } from './types';

const EPSILON = 1e-6;
export const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
const short = (hash: string): string => hash.slice(0, 8);

export function gradeReport(handIn: HandIn, catalog: LabCatalog): GradedReport {
  const out: GradedReport = { file: handIn.file, report: null, looksLike: null, student: null, lab: null, seed: null, vars: null, score: null, entries: 0, steps: 0, isSolution: false, flags: [] };
  if (handIn.error !== undefined) {
    out.flags.push(flag('unreadable', `unreadable: ${handIn.error}`));
    return out;
  }
  const parsed = parseReport(handIn.text);
  if (!parsed.ok) {
    out.flags.push(parsed.flag);
    out.looksLike = parsed.looksLike;
    return out;
  }
  const report = parsed.report;
  out.report = report;
  out.entries = report.log.length;
  const id = report.student.id.trim();
  out.student = { id, name: report.student.name.trim(), key: normalizeStudentId(id) };
  try {
    grade(out, catalog);
  } catch (e) {
    out.score = null;
    out.flags.push(flag('lab-broken', `grading failed: ${(e as Error).message}`));
  }
  return out;
}

function grade(out: GradedReport, catalog: LabCatalog): void {
  const report = out.report!;
  const student = out.student!;
  const flags: Flag[] = out.flags;

  // R3: the lab, as it is now.
  const lab = catalog.labs.get(report.lab.id);
  if (!lab) {
    const broken = catalog.broken.get(report.lab.id);
    if (broken !== undefined) {
      flags.push(flag('lab-broken', `the lab file labs/${report.lab.id}.yaml does not compile now, so this report cannot be graded: ${broken.split('\n')[0]}`));
    } else {
      const known = [...catalog.labs.keys()];
      const guess = closest(report.lab.id, known);
      flags.push(flag('unknown-lab', `unknown lab "${report.lab.id}" ("${report.lab.title}"): there is no labs/${report.lab.id}.yaml${guess ? `. Did you mean "${guess}"?` : ` ${knownList(known)}`}`));
    }
    return;
  }
  out.lab = lab;

  // R4: versions.
  if (report.lab.hash !== lab.hash) {
    flags.push(flag('other-version', `made for another version of the lab (report ${short(report.lab.hash)}, labs/${lab.lab.id}.yaml now ${short(lab.hash)}); graded against the current version`));
  }
  if (report.engine !== ENGINE_VERSION) {
    flags.push(flag('other-engine', `made by engine version ${JSON.stringify(report.engine)}; this is version ${JSON.stringify(ENGINE_VERSION)}, so steps may replay differently`));
  }

  // R5: the student's own seed, whatever the report says.
  const seed = labSeed(lab.lab.id, student.id);
  out.seed = seed;
  if (report.seed !== seed) {
    flags.push(flag('foreign-seed', `the seed does not belong to this student (report ${report.seed}, derived from student id "${student.id}": ${seed}); graded with the student's own variables`));
  }

  const adapter = ADAPTERS[lab.lab.simulator];
  const v = variantOf(lab, adapter, seed);
  if (!v.ok) {
    flags.push(flag('lab-broken', `the lab cannot build this student's variant: ${issueText(v.issues, lab.source)}`));
    return;
  }
  const variant = v.value;
  out.vars = variant.vars;

  // R6: replay.
  const r = replay(variant, adapter, report.log);
  out.steps = r.steps;
  try {
    out.isSolution = logKey(report.log.filter(isStep)) === logKey(solutionLog(variant, adapter));
  } catch {
    out.isSolution = false;
  }
  const acceptedInReport = r.mismatches.filter((i) => isOk(report.log[i]));
  const refusedInReport = r.mismatches.filter((i) => !isOk(report.log[i]));
  if (acceptedInReport.length > 0) {
    flags.push(flag('replay-mismatch', `${stepList(acceptedInReport)} ${acceptedInReport.length === 1 ? 'was' : 'were'} refused in replay but accepted in the report`));
  }
  if (refusedInReport.length > 0) {
    flags.push(flag('replay-mismatch', `${stepList(refusedInReport)} ${refusedInReport.length === 1 ? 'was' : 'were'} accepted in replay but refused in the report`));
  }
  if (r.malformed.length > 0) {
    flags.push(flag('does-not-replay', `${stepList(r.malformed)} ${r.malformed.length === 1 ? 'does' : 'do'} not replay (not a ${lab.lab.simulator} step, or a hint for a goal this lab does not have)`));
  }

  // R7: the recomputed score, compared with the claim.
  const s = score(variant, adapter, r.state, r.clock, r.hints);
  out.score = s;
  const c = report.claimed;
  const parts: string[] = [];
  if (Math.abs(c.earned - s.earned) > EPSILON || Math.abs(c.possible - s.possible) > EPSILON) parts.push(`claimed ${fmt(c.earned)}/${fmt(c.possible)}, recomputed ${fmt(s.earned)}/${fmt(s.possible)}`);
  const met = new Set(s.goals.filter((g) => g.met).map((g) => g.id));
  const claimedMet = new Set(c.met);
  const notReally = [...claimedMet].filter((g) => !met.has(g));
  const unclaimed = [...met].filter((g) => !claimedMet.has(g));
  if (notReally.length > 0) parts.push(`claimed met but not met in replay: ${notReally.join(', ')}`);
  if (unclaimed.length > 0) parts.push(`met in replay but not claimed: ${unclaimed.join(', ')}`);
  if (parts.length > 0) flags.push(flag('claim-differs', parts.join('; ')));
}

const isOk = (e: unknown): boolean => e !== null && typeof e === 'object' && (e as { ok?: unknown }).ok === true;
