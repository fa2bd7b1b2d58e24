/**
 * What a package keeps in `cmi.suspend_data` (4,096 characters in SCORM 1.2): a quiz's attempt
 * (S5) and a lab's work (L-S3), and what comes back from it: the same variant, the same answers,
 * the same engine state and score, or a fresh start with a notice. Never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../../src/lab/grade/load-labs';
import { solutionLog } from '../../../src/lab/run';
import type { CompiledLab } from '../../../src/lab/schema';
import { ADAPTERS } from '../../../src/lab/sims';
import type { SimStep } from '../../../src/lab/steps';
import { labSeed } from '../../../src/lab/variables';
import { decodeLab, encodeLab, type LabForm } from '../../../src/lms/scorm/lab-state';
import { decodeQuiz, encodeQuiz } from '../../../src/lms/scorm/quiz-state';
import { pack, packWith, SUSPEND_LIMIT, unpack } from '../../../src/lms/scorm/suspend-data';
import type { QuizRecord } from '../../../src/progress/quizzes';
import type { Action as NetworkAction } from '../../../src/sim/network/actions';
import { openLab, recordStep, resetLab, revealHint, type LabSession } from '../../../src/widgets/lab/session';

/** Text that does not compress: printable characters from a small linear congruential generator. */
function noise(seed: number): (n: number) => string {
  let x = seed;
  return (n) =>
    Array.from({ length: n }, () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(48 + (x % 75));
    }).join('');
}

describe('packing', () => {
  it('S5: JSON when it fits, else deflated base64; with a dictionary only its own tag reads it back; rubbish is "unreadable"', () => {
    const small = JSON.stringify({ a: 1 });
    expect(pack(small)).toBe(small);
    const big = JSON.stringify({ text: 'x'.repeat(10_000) });
    const packed = pack(big);
    expect(packed.startsWith('z:')).toBe(true);
    expect(packed.length).toBeLessThan(SUSPEND_LIMIT);
    expect(unpack(packed)).toEqual({ ok: true, value: JSON.parse(big) });
    const withDict = packWith(big, 'x'.repeat(5000), 'v1');
    expect(unpack(withDict, (tag) => (tag === 'v1' ? 'x'.repeat(5000) : null))).toEqual({ ok: true, value: JSON.parse(big) });
    expect(unpack(withDict, () => null)).toEqual({ ok: false, reason: 'other-dictionary', tag: 'v1' });
    for (const rubbish of ['z:!!!', 'z:AAAA', 'd:v1', '{"a":', 'hello', 'd:v1:%%%']) expect(unpack(rubbish, () => 'x').ok, rubbish).toBe(false);
    expect(unpack('')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('a quiz in suspend data', () => {
  const record = (responses: QuizRecord['current'] extends infer C ? (C extends { responses: infer R } ? R : never) : never, submitted = false): QuizRecord => ({
    current: { seed: 'a1b2c3d4', responses, position: 2, submitted },
    history: submitted ? [{ seed: 'a1b2c3d4', at: '2026-03-01T10:00:00.000Z', score: 0.75, earned: 6, possible: 8, passed: true }] : [],
  });

  it('S5: seed, answers, position and result come back as they were', () => {
    const r = record({ q1: 'b', q2: ['a', 'c'], q3: true, q4: '8 GB', q5: { a: 'x', b: null } }, true);
    const text = encodeQuiz(r);
    expect(text.startsWith('{')).toBe(true);
    expect(decodeQuiz(text, 'quiz-x')).toEqual({ saved: { record: r, lost: false }, problem: null });
    expect(encodeQuiz({ current: null, history: [] })).toBe('');
    expect(decodeQuiz('', 'quiz-x')).toEqual({ saved: null, problem: null });
  });

  it('S5: a per-question quiz keeps its checked tries, so the platform\'s copy recomputes the same score', () => {
    const r: QuizRecord = { ...record({ q1: 'a' }), current: { ...record({ q1: 'a' }).current!, tries: { q1: ['b', 'a'], q2: [{ a: 'x', b: null }] } } };
    const back = decodeQuiz(encodeQuiz(r), 'quiz-x');
    expect(back).toEqual({ saved: { record: r, lost: false }, problem: null });
    // Damaged tries are refused like any damaged answer.
    const bad = encodeQuiz(r).replace('"tries":{"q1":["b","a"]', '"tries":{"q1":"b"');
    expect(decodeQuiz(bad, 'quiz-x').saved).toBeNull();
  });

  it('S5: whatever the answers, the text fits in 4,096 characters; answers too long even deflated are left out and the attempt says so', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.string({ maxLength: 2000 }), { maxKeys: 12 }), (answers) => {
        const r = record(answers);
        const text = encodeQuiz(r);
        expect(text.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
        const back = decodeQuiz(text, 'quiz-x').saved!;
        expect(back.record.current!.seed).toBe('a1b2c3d4');
        expect(back.record.current!.responses).toEqual(back.lost ? {} : answers);
      }),
      { seed: 5, numRuns: 150 },
    );
    const random = noise(1);
    const huge = record(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i}`, random(1900 + i)])));
    const back = decodeQuiz(encodeQuiz(huge), 'quiz-x').saved!;
    expect(back.lost).toBe(true);
    // Once lost, later saves keep saying so.
    expect(decodeQuiz(encodeQuiz(record({ q1: 'a' }), true), 'quiz-x').saved!.lost).toBe(true);
  });

  it('S5: damaged or foreign data starts the quiz afresh with a notice, never an exception', () => {
    for (const text of ['{', '{"v":2}', '{"v":1,"seed":"","responses":{},"position":0,"submitted":false,"result":null}', '{"v":1,"seed":"s","responses":{"BAD ID":"x"},"position":0,"submitted":false,"result":null}', 'z:####', '[1,2]', 'null']) {
      const r = decodeQuiz(text, 'quiz-x');
      expect(r.saved, text).toBeNull();
      expect(r.problem, text).toMatch(/could not be read/);
    }
  });
});

const { labs } = loadLabs('.');
const lab = (id: string): CompiledLab => labs.get(id)!;

function open(compiled: CompiledLab, student: string): LabSession {
  const o = openLab(compiled, ADAPTERS[compiled.lab.simulator], student, undefined, 0);
  if (!o.ok) throw new Error(o.message);
  return o.session;
}

function apply(s: LabSession, step: SimStep): LabSession {
  const r = s.adapter.step(s.state, step);
  if (!r) throw new Error('not a step');
  return recordStep(s, step, r.state, r.accepted, 1000);
}

/** Saves and reopens through suspend data, as a relaunch does. */
function relaunch(s: LabSession, compiled: CompiledLab, student: string): { session: LabSession; notice: string | null; form: LabForm; length: number } {
  const { text, form } = encodeLab(s, { hash: compiled.hash, finished: false });
  const resume = decodeLab(text, { hash: compiled.hash, seed: s.variant.seed, start: JSON.stringify(s.variant.start) });
  const o = openLab(compiled, s.adapter, student, resume?.record ?? undefined, 0, resume?.base ?? null);
  if (!o.ok) throw new Error(o.message);
  return { session: o.session, notice: resume?.notice ?? o.notice, form, length: text.length };
}

const forward = (k: number): NetworkAction => ({ type: 'addPortForward', vm: 'web', nic: 0, rule: { name: `f${k}`, hostPort: 10000 + ((k * 7919) % 50000), guestPort: 1 + ((k * 104729) % 60000) } });

/** These tests drive the engine through hundreds of steps: a loaded machine needs more than the default 5 s. */
const SLOW = 60_000;

describe('a lab in suspend data', () => {
  it('L-S3: every course lab\'s solution, with a hint and a "Start again" before it, comes back to the same state and score', () => {
    for (const compiled of labs.values()) {
      const student = 'S-suspend-1';
      let s = open(compiled, student);
      const goal = s.variant.goals.find((g) => g.hints.length > 0);
      if (goal) s = revealHint(s, goal.id, 10);
      s = resetLab(s, 20);
      for (const entry of solutionLog(s.variant, s.adapter)) if ('step' in entry) s = apply(s, entry.step);
      const back = relaunch(s, compiled, student);
      expect(back.length, compiled.lab.id).toBeLessThanOrEqual(SUSPEND_LIMIT);
      expect(back.form, compiled.lab.id).toBe('steps');
      expect(back.notice).toBeNull();
      expect(back.session.state).toEqual(s.state);
      expect(back.session.score).toEqual(s.score);
      expect(back.session.hints).toEqual(s.hints);
    }
  }, SLOW);

  it('L-S3: any sequence of steps, resets and hints fits in 4,096 characters and replays to the same score (network lab)', () => {
    const compiled = lab('expose-web-nat');
    const student = 'S-prop';
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), k: fc.nat(100_000) }),
      fc.record({ kind: fc.constant('remove' as const), k: fc.nat(100_000) }),
      fc.record({ kind: fc.constant('reset' as const) }),
      fc.record({ kind: fc.constant('hint' as const) }),
      fc.record({ kind: fc.constant('solve' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        let s = open(compiled, student);
        const made: number[] = [];
        for (const o of ops) {
          if (o.kind === 'add') {
            s = apply(s, { kind: 'network', action: forward(o.k) });
            made.push(o.k);
          } else if (o.kind === 'remove' && made.length > 0) s = apply(s, { kind: 'network', action: { type: 'removePortForward', vm: 'web', nic: 0, name: `f${made.pop()!}` } });
          else if (o.kind === 'reset') s = resetLab(s, 5);
          else if (o.kind === 'hint') s = revealHint(s, s.variant.goals[0]!.id, 5);
          else if (o.kind === 'solve') s = apply(s, { kind: 'network', action: { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: Number(s.variant.vars['hostPort']), guestPort: 80 } } });
        }
        const back = relaunch(s, compiled, student);
        expect(back.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
        expect(back.form).not.toBe('lost');
        expect(back.session.score).toEqual(s.score);
        expect(back.session.state).toEqual(s.state);
      }),
      { seed: 17, numRuns: 40 },
    );
  }, SLOW);

  it('L-S3: a long session is kept as its steps deflated, then as a checkpoint; a relaunch from the checkpoint goes on from there', () => {
    const compiled = lab('expose-web-nat');
    const student = 'S-long';
    let s = open(compiled, student);
    const forms = new Set<LabForm>();
    for (let k = 0; k < 400; k++) {
      s = apply(s, { kind: 'network', action: forward(k) });
      s = apply(s, { kind: 'network', action: { type: 'removePortForward', vm: 'web', nic: 0, name: `f${k}` } });
      if (k % 20 === 0) forms.add(encodeLab(s, { hash: compiled.hash, finished: false }).form);
    }
    expect([...forms]).toEqual(['steps', 'deflated', 'checkpoint']);
    const back = relaunch(s, compiled, student);
    expect(back.form).toBe('checkpoint');
    expect(back.session.base).not.toBeNull();
    expect(back.session.log.filter((e) => 'step' in e)).toEqual([]);
    expect(back.session.state).toEqual(s.state);
    // More work after the checkpoint is kept as steps from it, and "Start again" still goes back to the start.
    let more = apply(back.session, { kind: 'network', action: { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: Number(s.variant.vars['hostPort']), guestPort: 80 } } });
    const again = relaunch(more, compiled, student);
    expect(again.form).toBe('deflated');
    expect(again.session.score.percent).toBe(100);
    more = resetLab(again.session, 5);
    const fresh = relaunch(more, compiled, student);
    expect([fresh.form, fresh.session.base, fresh.session.score.percent]).toEqual(['steps', null, 0]);
  }, SLOW);

  it('L-S3: when even a checkpoint does not fit, the lab starts over and says why', () => {
    const compiled = lab('snapshot-before-risky-change');
    const student = 'S-huge';
    let s = open(compiled, student);
    const start = s.clock;
    const vm = /VBoxManage snapshot (\S+)/.exec(JSON.stringify(compiled.lab.solution))?.[1] ?? 'web01';
    const name = noise(2);
    for (let k = 0; k < 300; k++) s = apply(s, { kind: 'command', line: `VBoxManage snapshot ${vm} take ${name(14).replace(/[^a-z0-9]/gi, 'x')}`, at: start + k * 60_000 });
    expect(s.log.filter((e) => 'step' in e && e.ok).length).toBeGreaterThan(100);
    const back = relaunch(s, compiled, student);
    expect(back.form).toBe('lost');
    expect(back.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
    expect(back.notice).toMatch(/too long for the course platform to keep/);
    expect(back.session.log).toEqual([]);
  }, SLOW);

  it('L-S3: damaged data, another student\'s work, a checkpoint of another lab version or one the engine cannot read: a fresh start with a notice', () => {
    const compiled = lab('expose-web-nat');
    const s = open(compiled, 'S-a');
    const current = { hash: compiled.hash, seed: s.variant.seed, start: JSON.stringify(s.variant.start) };
    for (const text of ['{', '{"v":1}', 'z:%%%', '{"v":1,"seed":"00000000","hash":"h","startedAt":"x","finished":false,"hints":{},"steps":[]}', `{"v":1,"seed":"${s.variant.seed}","hash":"h","startedAt":"x","finished":false,"hints":{},"steps":[[{"kind":"nope"},true]]}`]) {
      const r = decodeLab(text, current);
      expect(r?.record, text).toBeNull();
      expect(r?.notice, text).toMatch(/could not be read/);
    }
    // A checkpoint needs the same start state: another version of the lab cannot read it.
    let long = s;
    for (let k = 0; k < 400; k++) long = apply(apply(long, { kind: 'network', action: forward(k) }), { kind: 'network', action: { type: 'removePortForward', vm: 'web', nic: 0, name: `f${k}` } });
    const { text, form } = encodeLab(long, { hash: compiled.hash, finished: false });
    expect(form).toBe('checkpoint');
    expect(decodeLab(text, { ...current, hash: 'f'.repeat(64) })?.notice).toMatch(/updated since your last visit/);
    // A checkpoint state the engine cannot read is dropped when the lab opens.
    const resume = decodeLab(text, current)!;
    const o = openLab(compiled, s.adapter, 'S-a', resume.record!, 0, { state: { vms: 'not a list' }, clock: 0 });
    expect(o.ok && o.notice).toMatch(/could not be restored/);
    expect(o.ok && o.session.score.percent).toBe(0);
    // Hint counts name goals: an unknown goal or a silly count does nothing.
    const hints = decodeLab(`{"v":1,"seed":"${s.variant.seed}","hash":"${compiled.hash}","startedAt":"x","finished":true,"hints":{"__proto__":3,"nope":1e9},"steps":[]}`, current)!;
    expect(hints.finished).toBe(true);
    const h = openLab(compiled, s.adapter, 'S-a', hints.record!, 0, hints.base);
    expect(h.ok && h.session.hints).toEqual({});
  }, SLOW);

  it('L-S1: the variant is the one of the student id the platform gives', () => {
    const compiled = lab('expose-web-nat');
    expect(open(compiled, 'S-lms-7').variant.seed).toBe(labSeed('expose-web-nat', 'S-lms-7'));
  });
});

