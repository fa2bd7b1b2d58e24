import { describe, expect, it } from 'vitest';
import { defaultGenerators, drawAttempt, loadQuizOrThrow } from '../../../src/quiz';
import { familyOf, generatorIds, loadGenerators } from '../../../src/quiz/generators/lazy';
import { drawAttempt as drawWith } from '../../../src/quiz/draw';
import { runToEnd } from '../../../src/quiz/generators/generator';
import { InputError } from '../../../src/sim/core/issues';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The browser loads a quiz's generators on demand; they must be exactly the registry's. */
describe('G12: generators loaded on demand', () => {
  it('finds every registered generator through its family, without its schema, giving the same questions', async () => {
    for (const [id, generator] of defaultGenerators) {
      expect(familyOf(id), id).not.toBeNull();
      const loaded = await loadGenerators([id]);
      expect([...loaded.keys()]).toEqual([id]);
      const lazy = loaded.get(id)!;
      expect(lazy.params, 'the browser never loads parameter schemas').toBeNull();
      expect(lazy.description).toBe(generator.description);
      // Params as the build stores them: validated, defaults filled in.
      const params = generator.params!.parse({});
      for (const seed of ['x', 'y', 7]) expect(lazy.generate(seed, params)).toEqual(generator.generate(seed, {}));
      // A generator that offers its work in pieces gives the same question piece by piece, loaded or registered.
      expect(typeof lazy.steps, id).toBe(typeof generator.steps);
      if (lazy.steps && generator.steps) {
        for (const seed of ['x', 'y', 7]) {
          expect(runToEnd(lazy.steps(seed, params))).toEqual(generator.generate(seed, {}));
          expect(runToEnd(generator.steps(seed, {}))).toEqual(generator.generate(seed, {}));
        }
      }
    }
  });

  it('checks the params of a generator in pieces when it is asked for them, as generate does', () => {
    const stepwise = [...defaultGenerators.values()].filter((g) => g.steps);
    expect(stepwise.map((g) => g.id).sort()).toEqual(['snapshot-current-after-commands', 'snapshot-file-after-commands']);
    for (const g of stepwise) {
      expect(() => g.generate('x', { steps: 'many' }), g.id).toThrow(InputError);
      expect(() => g.steps!('x', { steps: 'many' }), g.id).toThrow(InputError);
    }
  });

  it('every generator a family module exports is registered with a schema, and the other way round', async () => {
    const modules = await Promise.all([import('../../../src/quiz/generators/consolidation'), import('../../../src/quiz/generators/sizing'), import('../../../src/quiz/generators/network'), import('../../../src/quiz/generators/snapshots')]);
    const exported = modules.flatMap((m) => Object.values(m)).filter((v): v is { id: string; generate: unknown } => typeof v === 'object' && v !== null && 'generate' in v && 'id' in v);
    expect(exported.map((g) => g.id).sort()).toEqual([...defaultGenerators.keys()].sort());
    for (const g of defaultGenerators.values()) expect(g.params, g.id).not.toBeNull();
  });

  it('loads nothing for a quiz without generators and leaves unknown ids out', async () => {
    expect((await loadGenerators([])).size).toBe(0);
    expect(familyOf('nonsense-generator')).toBeNull();
    expect(familyOf('constructor')).toBeNull();
    const loaded = await loadGenerators(['sizing-how-many-fit', 'sizing-no-such-thing', 'nonsense']);
    expect([...loaded.keys()]).toEqual(['sizing-how-many-fit']);
  });

  it('draws the same attempt as the full registry for every course quiz', async () => {
    const dir = 'content/quizzes';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const quiz = loadQuizOrThrow(readFileSync(join(dir, file), 'utf8'), join(dir, file));
      const ids = generatorIds(quiz.questions);
      expect(ids.length, `${file} has parametric questions`).toBeGreaterThan(0);
      const loaded = await loadGenerators(ids);
      expect(loaded.size).toBe(new Set(ids).size);
      for (const seed of ['a', 'seed-2', 12345]) expect(drawWith(quiz, seed, loaded)).toEqual(drawAttempt(quiz, seed));
    }
  });
});
