import { describe, expect, it } from 'vitest';
import { correctResponse, defaultGenerators, grade, questionIssues, type Question, type QuestionBody } from '../../../src/quiz';
import { findNonJson, InputError, roundTrip } from '../../../src/sim/core';

const asQuestion = (body: QuestionBody): Question => ({ ...body, id: 'generated', points: 1 }) as Question;
const seeds = Array.from({ length: 40 }, (_, i) => `seed-${i}`);

describe.each([...defaultGenerators.values()])('generator $id', (gen) => {
  it('G1: the same seed and params give the same question', () => {
    for (const seed of seeds.slice(0, 10)) expect(gen.generate(seed, {})).toEqual(gen.generate(seed, {}));
    expect(gen.generate(7, {})).toEqual(gen.generate(7, {}));
  });

  it('G2: different seeds give a variety of questions', () => {
    const prompts = new Set(seeds.map((s) => JSON.stringify(gen.generate(s, {}))));
    expect(prompts.size).toBeGreaterThanOrEqual(10);
  });

  it('G3: every variant is a valid, gradable question whose key scores 1, as plain JSON', () => {
    for (const seed of seeds) {
      const q = asQuestion(gen.generate(seed, {}));
      expect(questionIssues(q), seed).toEqual([]);
      expect(findNonJson(q)).toBeNull();
      expect(roundTrip(q)).toEqual(q);
      expect(grade(q, correctResponse(q)).score).toBe(1);
      expect(q.prompt).not.toMatch(/NaN|undefined|Infinity/);
      expect(q.explanation ?? '').not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('G1: invalid params throw an InputError naming the generator', () => {
    expect(() => gen.generate('s', { nonsense: 1 })).toThrow(InputError);
    expect(() => gen.generate('s', { nonsense: 1 })).toThrow(`generator ${gen.id}`);
  });
});

describe('consolidation arithmetic', () => {
  const watts = defaultGenerators.get('consolidation-watts-saved')!;
  const energy = defaultGenerators.get('consolidation-annual-energy')!;
  const ratio = defaultGenerators.get('consolidation-ratio')!;

  /** Reads the scenario back from the prompt, so the test recomputes the answer independently. */
  function scenario(prompt: string) {
    const m = /runs (\d+) physical servers, each drawing (\d+) W.* on (\d+) hosts drawing (\d+) W/.exec(prompt);
    expect(m, prompt).not.toBeNull();
    const [servers, serverWatts, hosts, hostWatts] = m!.slice(1).map(Number) as [number, number, number, number];
    return { servers, serverWatts, hosts, hostWatts };
  }

  it('G8: watts saved is servers × watts − hosts × host watts, and always a saving', () => {
    for (const seed of seeds) {
      const q = watts.generate(seed, {});
      if (q.type !== 'numeric') throw new Error('expected numeric');
      const s = scenario(q.prompt);
      expect(q.answer).toBe(s.servers * s.serverWatts - s.hosts * s.hostWatts);
      expect(q.answer).toBeGreaterThan(0);
      expect(s.servers).toBeGreaterThanOrEqual(12);
      expect(s.servers).toBeLessThanOrEqual(40);
    }
  });

  it('G8: the course-notes example (20 × 200 W onto 4 × 300 W) saves 2,800 W', () => {
    const q = watts.generate('x', {
      servers: { min: 20, max: 20 },
      serverWatts: [200],
      hostWatts: [300],
      ratio: { min: 5, max: 5 },
    });
    expect(q).toMatchObject({ type: 'numeric', answer: 2800, unit: 'W' });
    expect(q.explanation).toContain('20 × 200 W = 4,000 W');
    expect(q.explanation).toContain('4 × 300 W = 1,200 W');
    expect(grade(asQuestion(q), '2800 W').score).toBe(1);
    expect(grade(asQuestion(q), '4000').parts[0]).toMatchObject({ feedback: expect.stringContaining('before consolidation') });
  });

  it('G8: annual energy is the watts saved × 8,760 h / 1,000, within 1%', () => {
    for (const seed of seeds.slice(0, 10)) {
      const q = energy.generate(seed, {});
      if (q.type !== 'numeric') throw new Error('expected numeric');
      const s = scenario(q.prompt);
      const kwh = ((s.servers * s.serverWatts - s.hosts * s.hostWatts) * 8760) / 1000;
      expect(q.answer).toBeCloseTo(kwh, 9);
      expect(grade(asQuestion(q), `${kwh * 1.009} kWh`).score).toBe(1);
      expect(grade(asQuestion(q), `${kwh * 1.02} kWh`).score).toBe(0);
      expect(grade(asQuestion(q), `${kwh} Wh`).reasons[0]).toMatchObject({ code: 'wrong-unit', expected: 'kWh' });
    }
  });

  it('G8: the ratio question has exactly one k:1 answer equal to servers ÷ hosts', () => {
    for (const seed of seeds) {
      const q = ratio.generate(seed, {});
      if (q.type !== 'single-choice') throw new Error('expected single-choice');
      const [servers, hosts] = (/^(\d+) physical servers .* over (\d+) hosts/.exec(q.prompt) ?? []).slice(1).map(Number);
      const right = q.options.filter((o) => o.correct);
      expect(right.map((o) => o.text)).toEqual([`${servers! / hosts!}:1`]);
    }
  });

  it('G8: params that can never give a saving are rejected with a reason', () => {
    const parsed = watts.params!.safeParse({ serverWatts: [50], hostWatts: [2000], ratio: { min: 2, max: 2 } });
    expect(parsed.success).toBe(false);
  });
});
