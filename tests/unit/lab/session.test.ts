import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import { reportSchema } from '../../../src/lab/report-schema';
import { replay, score, solutionSteps } from '../../../src/lab/run';
import { ADAPTERS } from '../../../src/lab/sims';
import { labSeed } from '../../../src/lab/variables';
import { buildReport, openLab, recordStep, resetLab, revealHint } from '../../../src/widgets/lab/session';

const sources = labSources('.');
const compiled = (() => {
  const r = compileLab('labs/expose-web-nat.yaml', readFileSync('labs/expose-web-nat.yaml', 'utf8'), sources);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
})();
const adapter = ADAPTERS.network;
const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);

function open(student = 's1234567') {
  const o = openLab(compiled, adapter, student, undefined, NOW);
  if (!o.ok) throw new Error(o.message);
  return o.session;
}

describe('the lab island\'s session (what the browser does between steps)', () => {
  it('R-B1: a fresh session is the student\'s own variant at its start, below 100 %', () => {
    const s = open();
    expect(s.variant.seed).toBe(labSeed('expose-web-nat', 's1234567'));
    expect(s.log).toEqual([]);
    expect(s.score.complete).toBe(false);
    expect(s.score.goals.filter((g) => g.met).map((g) => g.id)).toEqual([]);
    // SSH is closed at the start, but that goal waits for the LAN goal: doing nothing earns nothing.
    expect(s.score.goals.find((g) => g.id === 'ssh-stays-private')!.detail).toMatch(/counts once “The phone on the home LAN can open web's page” is met/);
  });

  it('R-B2: steps, a hint and a reset are logged in order with growing times; the score follows the state', () => {
    let s = open();
    s = revealHint(s, 'forward-exists', NOW + 500);
    expect(s.score.goals[0]!.hintCost).toBe(0);
    s = revealHint(s, 'forward-exists', NOW + 1000);
    expect(revealHint(s, 'forward-exists', NOW + 1100)).toBe(s);
    const [step] = solutionSteps(s.variant, adapter);
    const applied = adapter.step(s.state, step!)!;
    s = recordStep(s, step!, applied.state, applied.accepted, NOW + 5000);
    expect(s.score.complete).toBe(true);
    expect(s.score.earned).toBe(7.5);
    s = resetLab(s, NOW + 9000);
    expect(s.log.map((e) => Object.keys(e).filter((k) => k !== 't')[0])).toEqual(['hint', 'hint', 'step', 'reset']);
    expect(s.log.map((e) => e.t)).toEqual([500, 1000, 5000, 9000]);
    expect(s.attempts).toEqual([{ at: new Date(NOW + 9000).toISOString(), earned: 7.5, possible: 8 }]);
    expect(s.score.complete).toBe(false);
    expect(s.attempt).toBe(1);
  });

  it('R-B3: the report validates, holds no state, and replays to the score the browser showed', () => {
    let s = open();
    const [step] = solutionSteps(s.variant, adapter);
    const applied = adapter.step(s.state, step!)!;
    s = recordStep(s, step!, applied.state, applied.accepted, NOW + 5000);
    const report = buildReport(s, compiled, { id: ' s1234567 ', name: 'Ada ' }, NOW + 6000);
    const parsed = reportSchema.safeParse(JSON.parse(JSON.stringify(report)));
    expect(parsed.success).toBe(true);
    expect(report.student).toEqual({ id: 's1234567', name: 'Ada' });
    expect(report.claimed).toEqual({ earned: 8, possible: 8, met: ['forward-exists', 'laptop-reaches-web', 'phone-reaches-web', 'ssh-stays-private'] });
    const again = replay(s.variant, adapter, report.log);
    expect(again.mismatches).toEqual([]);
    expect(score(s.variant, adapter, again.state, again.clock, again.hints).earned).toBe(report.claimed.earned);
  });

  it('R-B4: a reload continues from the saved log of the same student; another student starts fresh', () => {
    let s = open();
    const [step] = solutionSteps(s.variant, adapter);
    const applied = adapter.step(s.state, step!)!;
    s = recordStep(s, step!, applied.state, applied.accepted, NOW + 5000);
    const saved = { hash: compiled.hash, seed: s.variant.seed, startedAt: s.startedAt, log: s.log, attempts: [], current: null };
    const reopened = openLab(compiled, adapter, 'S1234567 ', saved, NOW + 60_000);
    expect(reopened.ok && reopened.session.score.complete).toBe(true);
    expect(reopened.ok && reopened.notice).toBeNull();
    const updated = openLab(compiled, adapter, 's1234567', { ...saved, hash: 'b'.repeat(64) }, NOW + 60_000);
    expect(updated.ok && updated.notice).toMatch(/updated since you started/);
  });
});
