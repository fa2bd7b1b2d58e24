import { readFileSync } from 'node:fs';
import { correctResponse, defaultGenerators, drawAttempt, grade, gradeAttempt, loadQuiz, toGift, toQti12, type Quiz } from '../../src/quiz';
import { measure, section } from './harness';

const text = readFileSync('tests/fixtures/quizzes/valid-example.yaml', 'utf8');
const loaded = loadQuiz(text, 'valid-example.yaml');
if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
const example: Quiz = loaded.value;

// A quiz with one question per registered generator: the worst case for drawing an attempt.
const everyGenerator: Quiz = {
  ...example,
  id: 'every-generator',
  questions: [...defaultGenerators.keys()].map((id) => ({ type: 'generated', id: `q-${id}`, generator: id, params: {}, points: 1 })),
};

section('quiz: loading and drawing');
measure('loadQuiz(example: 7 types + 1 generator)', () => loadQuiz(text, 'valid-example.yaml'), { targetMs: 20, note: 'YAML parse, schemas, cross-checks, one sample generation' });
measure('drawAttempt(example)', () => drawAttempt(example, 'bench'), { targetMs: 5 });
let seed = 0;
measure(`drawAttempt(one question per generator, ${defaultGenerators.size} generators)`, () => drawAttempt(everyGenerator, `bench-${seed++}`), {
  targetMs: 100,
  note: 'a fresh seed each round: sizing, network and snapshot engines all run',
});
for (const [id, gen] of defaultGenerators) {
  let s = 0;
  measure(`generate ${id}`, () => gen.generate(`bench-${s++}`, {}), { targetMs: 30, rounds: 15 });
}

section('quiz: grading');
const attempt = drawAttempt(example, 'bench');
const responses = Object.fromEntries(attempt.questions.map((q) => [q.id, correctResponse(q)]));
measure('grade every question of an attempt ×100', () => {
  for (let i = 0; i < 100; i++) for (const q of attempt.questions) grade(q, responses[q.id]);
}, { targetMs: 20, note: '800 grades' });
measure('gradeAttempt(example)', () => gradeAttempt(attempt, responses), { targetMs: 1 });

section('quiz: exports');
measure('toGift(example, 5 variants)', () => toGift(example, { variants: 5 }), { targetMs: 20 });
measure('toQti12(example, 5 variants)', () => toQti12(example, { variants: 5 }), { targetMs: 20 });
measure(`toGift(one question per generator, 5 variants)`, () => toGift(everyGenerator, { variants: 5 }), { targetMs: 500, rounds: 3 });
