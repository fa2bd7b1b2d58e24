import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  defaultGenerators,
  drawAttempt,
  formatPoints,
  gradeTriedAttempt,
  loadQuiz,
  questionForTry,
  type Question,
  type Quiz,
} from '../../src/quiz';
import { plainText, promptBlocks } from '../../src/widgets/quiz/text';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * Checking each question as you go (src/quiz/SPEC.md T1–T7), on two course quizzes: one with the
 * defaults (3 tries at full credit, answers shown) and one with credit per try and answers kept
 * back until the first attempt is finished. The tests redraw the student's variant from the seed
 * the page saved, so they know which option is right without hard-coding a shuffle.
 */
function quizFile(name: string): Quiz {
  const r = loadQuiz(readFileSync(`content/quizzes/${name}.yaml`, 'utf8'), name);
  if (!r.ok) throw new Error(r.messages.join('\n'));
  return r.value;
}

const PLAIN = quizFile('anatomy-of-a-vm');
const CREDIT = quizFile('virtual-networking');

interface Saved {
  current: { seed: string; responses: Record<string, unknown>; tries?: Record<string, unknown[]>; submitted: boolean } | null;
  history: { seed: string; score: number; earned: number; passed: boolean }[];
}

const saved = (page: Page, quiz: Quiz): Promise<Saved | undefined> =>
  page.evaluate((id) => JSON.parse(localStorage.getItem('vcourse:quizzes') ?? '{"data":{}}').data[id], quiz.id);

async function open(page: Page, quiz: Quiz): Promise<Locator> {
  await page.goto(`/quizzes/${quiz.id}/`);
  const root = page.locator('.quiz');
  await expect(root).toHaveAttribute('data-state', /answering|graded/);
  const all = root.getByRole('button', { name: 'Show all questions' });
  if (await all.count()) await all.click();
  return root;
}

async function seedOf(page: Page, quiz: Quiz): Promise<string> {
  const seed = (await saved(page, quiz))?.current?.seed;
  expect(seed, 'the page saved the seed of the attempt').toBeTruthy();
  return seed!;
}

/** The question block (card while answering, review once done) whose heading has this id. */
const block = (root: Locator, quiz: Quiz, i: number) =>
  root.locator('section.q-card, article.q-review').filter({ has: root.page().locator(`[id="quiz-${quiz.id}-q${i}-title"]`) });

const firstOf = (questions: Question[], type: Question['type'], generated = false) =>
  questions.findIndex((q) => q.type === type && Boolean(q.source) === generated);

async function choose(card: Locator, q: Question, right: boolean): Promise<void> {
  if (q.type !== 'single-choice') throw new Error('choose() takes a single-choice question');
  const o = q.options.find((x) => x.correct === right)!;
  await card.getByRole('radio', { name: plainText(o.text), exact: true }).check();
}

test.describe('checking each question', () => {
  test('T1–T3, T7: Check gives feedback at once, a wrong try leaves tries, a reload keeps them, a right try finishes the question', async ({ page }) => {
    const w = watch(page);
    let root = await open(page, PLAIN);
    await expect(page.locator('[data-check-mode]')).toHaveText('check each answer as you go (3 tries)');
    const seed = await seedOf(page, PLAIN);
    const attempt = drawAttempt(PLAIN, seed);
    const i = firstOf(attempt.questions, 'single-choice');
    const q = attempt.questions[i]!;
    if (q.type !== 'single-choice') throw new Error('expected a single-choice question');
    let card = block(root, PLAIN, i);

    // Checking with no answer says so and uses no try.
    await card.getByRole('button', { name: `Check question ${i + 1}` }).click();
    await expect(root.getByRole('status').last()).toContainText('Not checked: answer the question before you check it.');
    expect((await saved(page, PLAIN))?.current?.tries ?? {}).toEqual({});

    await choose(card, q, false);
    await card.getByRole('button', { name: `Check question ${i + 1}` }).click();
    const feedback = card.locator('.q-try-feedback');
    await expect(feedback).toContainText('Try 1: Not correct.');
    await expect(feedback).toContainText('2 tries left.');
    await expect(feedback).toBeFocused();
    await expect(card.getByText('correct answer', { exact: true }), 'a wrong try does not give the key away').toHaveCount(0);
    await expect(card.locator('.q-try-info')).toHaveText('Try 2 of 3.');
    await expect(root.getByRole('status').last()).toContainText(`Question ${i + 1}: Not correct.`);
    const wrong = q.options.find((o) => !o.correct)!;
    if (wrong.feedback) await expect(feedback).toContainText(plainText(wrong.feedback));

    // A reload shows the same try state.
    root = await open(page, PLAIN);
    card = block(root, PLAIN, i);
    await expect(card.locator('.q-try-feedback')).toContainText('Try 1: Not correct.');
    await expect(card.locator('.q-try-info')).toHaveText('Try 2 of 3.');
    expect((await saved(page, PLAIN))?.current?.tries?.[q.id]).toEqual([wrong.id]);

    // The second try is a new order of the same options (T3): choose the right one by its text, by keyboard.
    const second = questionForTry(PLAIN.questions[i]!, seed, 1, defaultGenerators);
    if (second.type !== 'single-choice') throw new Error('expected a single-choice question');
    const right = card.getByRole('radio', { name: plainText(second.options.find((o) => o.correct)!.text), exact: true });
    await right.focus();
    await page.keyboard.press('Space');
    await expect(right).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(card.getByRole('button', { name: `Check question ${i + 1}` })).toBeFocused();
    await page.keyboard.press('Enter');
    const review = root.locator('article.q-review').filter({ has: page.locator(`[id="quiz-${PLAIN.id}-q${i}-title"]`) });
    await expect(review.getByRole('heading')).toContainText('Correct.');
    await expect(review.getByRole('heading')).toBeFocused();
    await expect(review.locator('.q-points')).toHaveText(`Right on the second try. 1 of 1 point`);
    await expect(root.locator('.quiz-progress label')).toHaveText(`1 of ${attempt.questions.length} questions finished`);
    if (q.explanation) await expect(review.locator('.q-feedback')).toContainText(plainText(q.explanation));

    // A typed answer is checked with Enter; a number that is not a number uses no try.
    const n = firstOf(attempt.questions, 'numeric');
    const nq = attempt.questions[n]!;
    if (nq.type !== 'numeric') throw new Error('expected a numeric question');
    const field = block(root, PLAIN, n).getByRole('textbox');
    await field.fill('eight');
    await field.press('Enter');
    await expect(block(root, PLAIN, n).locator('.q-error')).toContainText('"eight" is not a number.');
    expect((await saved(page, PLAIN))?.current?.tries?.[nq.id]).toBeUndefined();
    await field.fill(String(nq.answer + 7));
    await field.press('Enter');
    await expect(block(root, PLAIN, n).locator('.q-try-feedback')).toContainText(`${nq.answer + 7} is too high.`);
    await expect(block(root, PLAIN, n).locator('.q-try-feedback')).not.toContainText(/accepted range|the answer is/);
    w.assertClean();
  });

  test('T2, T4, T6: credit per try, answers kept back until an attempt is finished, the recorded score is the engine\'s recomputation', async ({ page }) => {
    const w = watch(page);
    let root = await open(page, CREDIT);
    await expect(page.locator('[data-check-mode]')).toHaveText('check each answer as you go (3 tries, less credit for later tries)');
    const seed = await seedOf(page, CREDIT);
    const attempt = drawAttempt(CREDIT, seed);
    const a = firstOf(attempt.questions, 'single-choice');
    const b = attempt.questions.findIndex((q, j) => j !== a && q.type === 'single-choice' && !q.source);
    const gen = attempt.questions.findIndex((q) => Boolean(q.source));
    expect(a >= 0 && b >= 0 && gen >= 0, 'the quiz has two single-choice questions and a generated one').toBe(true);

    // Question a: wrong, then right: ½ of its point.
    let card = block(root, CREDIT, a);
    await choose(card, attempt.questions[a]!, false);
    await expect(card.locator('.q-try-info')).toHaveText('Try 1 of 3.');
    await card.getByRole('button', { name: `Check question ${a + 1}` }).click();
    await expect(card.locator('.q-try-info')).toHaveText('Try 2 of 3: it can earn up to ½ of the point.');
    await choose(card, questionForTry(CREDIT.questions[a]!, seed, 1, defaultGenerators), true);
    await card.getByRole('button', { name: `Check question ${a + 1}` }).click();
    await expect(block(root, CREDIT, a).locator('.q-points')).toHaveText('Right on the second try. ½ of 1 point');

    // Question b: wrong three times: done, and the key is not shown before a finished attempt.
    card = block(root, CREDIT, b);
    for (let k = 0; k < 3; k++) {
      await choose(card, questionForTry(CREDIT.questions[b]!, seed, k, defaultGenerators), false);
      await card.getByRole('button', { name: `Check question ${b + 1}` }).click();
      if (k < 2) await expect(card.locator('.q-try-info')).toHaveText(`Try ${k + 2} of 3: it can earn up to ${formatPoints([1, 0.5, 0.25][k + 1]!)} of the point.`);
    }
    const reviewB = block(root, CREDIT, b);
    await expect(reviewB.getByRole('heading')).toContainText('Not correct.');
    await expect(reviewB.locator('.q-points')).toHaveText('All 3 tries used. 0 of 1 point');
    await expect(reviewB.getByText('correct answer', { exact: true })).toHaveCount(0);
    await expect(reviewB.locator('.q-key-note')).toHaveText('The correct answer is shown after 1 attempt at this quiz (0 so far).');
    const explanation = attempt.questions[b]!.explanation;
    if (explanation) await expect(reviewB).not.toContainText(plainText(explanation));

    // A generated question: a wrong try draws a new variant (new values), and the old answer is cleared.
    card = block(root, CREDIT, gen);
    const g0 = attempt.questions[gen]!;
    const g1 = questionForTry(CREDIT.questions[gen]!, seed, 1, defaultGenerators);
    const listItems = (q: Question) => promptBlocks(q.prompt).flatMap((bl) => (bl.kind === 'list' ? bl.items.map(plainText) : []));
    await expect(card.locator('.q-prompt').first()).toContainText(plainText(g0.prompt).slice(0, 40));
    // Generated scenarios read as lists (G13).
    await expect(card.locator('.q-prompt li')).toHaveText(listItems(g0));
    if (g0.type === 'single-choice' || g0.type === 'multiple-answer') {
      await card.getByRole(g0.type === 'single-choice' ? 'radio' : 'checkbox', { name: plainText(g0.options.find((o) => !o.correct)!.text), exact: true }).check();
    } else if (g0.type === 'numeric') {
      await card.getByRole('textbox').fill(String(g0.answer + 1000));
    }
    await card.getByRole('button', { name: `Check question ${gen + 1}` }).click();
    await expect(card.locator('.q-try-note')).toHaveText('This is a new variant of the question: the values have changed.');
    await expect(card.locator('.q-prompt li')).toHaveText(listItems(g1));
    await expect(card.locator('input:checked')).toHaveCount(0);

    // Finish: the unchecked questions score 0; the score on record is the engine's recomputation.
    await root.getByRole('button', { name: 'Finish the quiz' }).first().click();
    await expect(root.locator('.quiz-confirm')).toBeFocused();
    await expect(root.locator('.quiz-confirm')).toContainText('Not finished yet: questions 1');
    await root.getByRole('button', { name: 'Finish anyway' }).click();
    await expect(root).toHaveAttribute('data-state', 'graded');
    const record = (await saved(page, CREDIT))!;
    const recomputed = gradeTriedAttempt(CREDIT, seed, record.current!.tries!, defaultGenerators);
    expect(record.history).toHaveLength(1);
    expect(record.history[0]!.score).toBeCloseTo(recomputed.score, 12);
    const pointsA = attempt.questions[a]!.points;
    expect(recomputed.earned).toBeCloseTo(0.5 * pointsA, 12);
    await expect(root.locator('.quiz-score')).toContainText(`You scored ${formatPoints(recomputed.earned)} of ${formatPoints(recomputed.possible)} points`);

    // After one finished attempt the policy reveals the key: question b now shows it.
    const afterB = root.locator('article.q-review').nth(b);
    await expect(afterB.getByText('correct answer', { exact: true })).toBeVisible();
    if (explanation) await expect(afterB).toContainText(plainText(explanation));

    // A reload shows the same result.
    root = await open(page, CREDIT);
    await expect(root).toHaveAttribute('data-state', 'graded');
    await expect(root.locator('.quiz-score')).toContainText(`You scored ${formatPoints(recomputed.earned)} of`);
    w.assertClean();
  });

  test('matching on a 390px phone: every choice can be read in full, and the chosen one shows whole under its select', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const root = await open(page, CREDIT);
    const attempt = drawAttempt(CREDIT, await seedOf(page, CREDIT));
    const m = firstOf(attempt.questions, 'matching');
    const q = attempt.questions[m]!;
    if (q.type !== 'matching') throw new Error('expected a matching question');
    const card = block(root, CREDIT, m);
    const longest = q.choices.reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.length, 'the quiz has a choice too long for a phone-width select').toBeGreaterThan(60);
    // The choices, listed in full and lettered, none cut off.
    const items = card.locator('.q-match-choices li');
    await expect(items).toHaveCount(q.choices.length);
    for (const [j, c] of q.choices.entries()) {
      await expect(items.nth(j)).toBeVisible();
      await expect(items.nth(j)).toHaveText(`${String.fromCharCode(65 + j)}. ${plainText(c)}`);
    }
    for (const p of q.pairs) await card.getByLabel(plainText(p.left), { exact: true }).selectOption(p.right);
    const chosen = card.locator('.q-match-chosen');
    await expect(chosen).toHaveCount(q.pairs.length);
    await expect(chosen).toHaveText(q.pairs.map((p) => plainText(p.right)));
    // Nothing is clipped: no text box is wider than the box that shows it, and the card never scrolls sideways.
    const clipped = await card.evaluate((el) =>
      [el, ...el.querySelectorAll<HTMLElement>('.q-match-choices li, .q-match-chosen, label')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
    expect(clipped).toEqual([]);
    const box = await card.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const width of [1280, 390]) {
    for (const theme of ['light', 'dark'] as const) {
      test(`no axe violations while checking, at ${width}px (${theme})`, async ({ page }, info) => {
        await setTheme(page, theme);
        await page.setViewportSize({ width, height: 900 });
        const root = await open(page, CREDIT);
        const seed = await seedOf(page, CREDIT);
        const attempt = drawAttempt(CREDIT, seed);
        const a = firstOf(attempt.questions, 'single-choice');
        const m = firstOf(attempt.questions, 'matching');
        await choose(block(root, CREDIT, a), attempt.questions[a]!, false);
        await block(root, CREDIT, a).getByRole('button', { name: /^Check/ }).click();
        const mq = attempt.questions[m]!;
        if (mq.type === 'matching') for (const p of mq.pairs) await block(root, CREDIT, m).getByLabel(plainText(p.left), { exact: true }).selectOption(p.right);
        await block(root, CREDIT, m).getByRole('button', { name: /^Check/ }).click();
        await expect(block(root, CREDIT, m).getByRole('heading')).toContainText('Correct.');
        expect(await axeViolations(page)).toEqual([]);
        await block(root, CREDIT, a).screenshot({ path: info.outputPath(`check-${width}-${theme}.png`) });
      });
    }
  }
});
