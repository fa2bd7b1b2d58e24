// Learning platforms: a lab package saves its work after every step (encode the suspend data,
// src/lms/scorm/lab-state.ts), and reads it back once per launch (decode, replay, score). The
// exports: every course quiz in every format, with the variants the export writes.
import { readdirSync, readFileSync } from 'node:fs';
import { loadLabs } from '../../src/lab/grade/load-labs';
import { ADAPTERS } from '../../src/lab/sims';
import { decodeLab, encodeLab } from '../../src/lms/scorm/lab-state';
import { createRegistry, defaultGenerators, loadQuiz, quizCaveats, toGift, toMoodleXml, toQti12, type Quiz } from '../../src/quiz';
import type { Action as NetworkAction } from '../../src/sim/network/actions';
import { openLab, recordStep, type LabSession } from '../../src/widgets/lab/session';
import { measure, section } from './harness';

const compiled = loadLabs('.').labs.get('expose-web-nat')!;
const adapter = ADAPTERS.network;

function session(steps: number): LabSession {
  const o = openLab(compiled, adapter, 'S-bench', undefined, 0);
  if (!o.ok) throw new Error(o.message);
  let s = o.session;
  for (let k = 0; k < steps; k++) {
    const action: NetworkAction =
      k % 2 === 0
        ? { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: `f${k}`, hostPort: 10000 + ((k * 7919) % 50000), guestPort: 1 + ((k * 104729) % 60000) } }
        : { type: 'removePortForward', vm: 'web', nic: 0, name: `f${k - 1}` };
    const r = adapter.step(s.state, { kind: 'network', action })!;
    s = recordStep(s, { kind: 'network', action }, r.state, r.accepted, k);
  }
  return s;
}

section('lab package: suspend data after every step, read back at launch');
for (const steps of [20, 120, 600]) {
  const s = session(steps);
  const saved = encodeLab(s, { hash: compiled.hash, finished: false });
  measure(`encodeLab after ${steps} steps (${saved.form}, ${saved.text.length} chars)`, () => encodeLab(s, { hash: compiled.hash, finished: false }), { targetMs: 20, note: 'each step of a student in an LMS' });
  const current = { hash: compiled.hash, seed: s.variant.seed, start: JSON.stringify(s.variant.start) };
  measure(`relaunch after ${steps} steps: decode + replay + score`, () => {
    const r = decodeLab(saved.text, current)!;
    return openLab(compiled, adapter, 'S-bench', r.record ?? undefined, 0, r.base);
  }, { targetMs: 200, note: 'once per launch' });
}

section('exports: every course quiz, 5 variants of each parametric question');
const quizzes: Quiz[] = readdirSync('content/quizzes')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadQuiz(readFileSync(`content/quizzes/${f}`, 'utf8'), f))
  .flatMap((r) => (r.ok ? [r.value] : []));
// A fresh registry each round, so the variants are computed, not read from the exports' cache.
measure(`Moodle XML + GIFT + QTI + caveats of ${quizzes.length} quizzes`, () => {
  const generators = createRegistry([...defaultGenerators.values()]);
  const options = { variants: 5, generators };
  for (const q of quizzes) {
    toMoodleXml(q, options);
    toGift(q, options);
    toQti12(q, options);
    for (const f of ['moodle-xml', 'gift', 'qti', 'scorm'] as const) quizCaveats(q, f, options);
  }
}, { rounds: 3, targetMs: 10_000, note: 'npm run export without the package players' });
