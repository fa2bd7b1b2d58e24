import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { drawAttempt, formatScore, formatValue, loadQuiz, type Attempt, type Question, type Quiz } from '../../src/quiz';
import { plainText } from '../../src/widgets/quiz/text';
import { ORIGIN } from '../../playwright.config';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The quiz a student takes at the end of a lesson (and on /quizzes/<id>/), driven like a student
 * would: keyboard only for the main run. The quiz under test is the first course quiz checked at
 * the end (`feedback: at-end`) that has a matching and an ordering question; the tests read its file and redraw the student's variant from
 * the seed the page saved, so they know which option is right without hard-coding a shuffle.
 */
function courseQuiz(): Quiz {
  const dir = 'content/quizzes';
  const quizzes = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => loadQuiz(readFileSync(`${dir}/${f}`, 'utf8'), `${dir}/${f}`))
    .flatMap((r) => (r.ok ? [r.value] : []));
  const types = (q: Quiz) => new Set(q.questions.map((e) => e.type));
  // The whole-quiz flow (one Submit at the end); per-question checking is tests/e2e/quiz-check.spec.ts.
  const quiz = quizzes.find((q) => !q.lmsOnly && q.checks?.feedback === 'at-end' && types(q).has('matching') && types(q).has('ordering'));
  if (!quiz) throw new Error('tests/e2e/quiz.spec.ts needs a site quiz in content/quizzes with feedback: at-end, a matching and an ordering question');
  return quiz;
}

const QUIZ = courseQuiz();
const LESSON = `/lessons/${QUIZ.lesson}/`;
const QUIZ_PAGE = `/quizzes/${QUIZ.id}/`;
const KEY = 'vcourse:quizzes';
const uid = `quiz-${QUIZ.id}`;

interface Saved {
  current: { seed: string; responses: Record<string, unknown>; position: number; submitted: boolean } | null;
  history: { seed: string; score: number; passed: boolean }[];
}

async function saved(page: Page): Promise<Saved | undefined> {
  return page.evaluate(([key, id]) => JSON.parse(localStorage.getItem(key!) ?? '{"data":{}}').data[id!], [KEY, QUIZ.id]);
}

/** The quiz island, scrolled into view and hydrated. */
async function openQuiz(page: Page, path = LESSON): Promise<Locator> {
  await page.goto(path);
  const block = page.locator('.quiz-block');
  await block.scrollIntoViewIfNeeded();
  const quiz = block.locator('.quiz');
  await expect(quiz).toHaveAttribute('data-state', /answering|graded/);
  return quiz;
}

/** The variant on screen, redrawn from the seed the page saved. */
async function currentAttempt(page: Page): Promise<Attempt> {
  const seed = (await saved(page))?.current?.seed;
  expect(seed, 'the page saved the seed of the attempt').toBeTruthy();
  return drawAttempt(QUIZ, seed!);
}

/** WCAG 2.1 AA violations inside the quiz block only (same rules as helpers.axeViolations). */
async function quizBlockViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.quiz-block').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function press(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

const card = (quiz: Locator, i: number) => quiz.locator('section.q-card').filter({ has: quiz.page().locator(`[id="${uid}-q${i}-title"]`) });

/** Picks radio `index` of a group with the keyboard: Tab lands on the first radio, arrows move and check. */
async function pickRadio(page: Page, group: Locator, index: number): Promise<void> {
  await tabTo(page, group.getByRole('radio').first());
  if (index === 0) await page.keyboard.press('Space');
  else await press(page, 'ArrowDown', index);
  await expect(group.getByRole('radio').nth(index)).toBeChecked();
}

/**
 * Answers question `i` by keyboard: correctly, or (wrong) with a wrong option for a choice question.
 * Returns what a student would have chosen, for the assertions.
 */
async function answerByKeyboard(page: Page, quiz: Locator, q: Question, i: number, wrong = false): Promise<void> {
  const c = card(quiz, i);
  switch (q.type) {
    case 'single-choice': {
      const index = q.options.findIndex((o) => o.correct !== wrong);
      await pickRadio(page, c, index);
      break;
    }
    case 'true-false':
      await pickRadio(page, c, q.answer !== wrong ? 0 : 1);
      break;
    case 'multiple-answer':
      for (const o of q.options.filter((x) => x.correct)) {
        const box = c.getByRole('checkbox', { name: plainText(o.text), exact: true });
        await tabTo(page, box);
        await page.keyboard.press('Space');
        await expect(box).toBeChecked();
      }
      break;
    case 'numeric':
      await tabTo(page, c.getByRole('textbox'));
      await page.keyboard.type(`${formatValue(q.answer)}${q.unit ? ` ${q.unit}` : ''}`);
      break;
    case 'short-text':
      await tabTo(page, c.getByRole('textbox'));
      await page.keyboard.type(q.answers[0]!);
      break;
    case 'matching':
      for (const p of q.pairs) {
        const select = c.getByLabel(plainText(p.left), { exact: true });
        await tabTo(page, select);
        await press(page, 'ArrowDown', q.choices.indexOf(p.right) + 1);
        await expect(select).toHaveValue(p.right);
      }
      break;
    case 'ordering': {
      const order = q.items.map((it) => it.id);
      const text = new Map(q.items.map((it) => [it.id, plainText(it.text)]));
      for (let t = 0; t < order.length; t++) {
        const id = q.correctOrder[t]!;
        const from = order.indexOf(id);
        if (from === t) continue;
        const up = c.getByRole('button', { name: `Move “${text.get(id)}” up` });
        await tabTo(page, up);
        await press(page, 'Enter', from - t);
        await expect(up, 'focus stays on the button as its item moves').toBeFocused();
        order.splice(from, 1);
        order.splice(t, 0, id);
        await expect(c.getByRole('status')).toHaveText(`“${text.get(id)}” moved to position ${t + 1} of ${order.length}.`);
      }
      await expect(c.locator('.q-order-text')).toHaveText(q.correctOrder.map((id) => text.get(id)!));
      break;
    }
  }
}

/** The texts of a question in the order a student sees them: prompt, then options, items or pairs and choices. */
function presentation(q: Question): string[] {
  const parts = [q.prompt];
  if (q.type === 'single-choice' || q.type === 'multiple-answer') parts.push(...q.options.map((o) => o.text));
  if (q.type === 'ordering') parts.push(...q.items.map((i) => i.text));
  if (q.type === 'matching') parts.push(...q.pairs.map((p) => p.left), ...q.choices);
  return parts.map(plainText);
}

/** Whether every part appears in `text`, one after the other. */
function inOrder(text: string, parts: readonly string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

/** Everything the student sees of the questions in all-on-one-page mode, to compare variants. */
async function visibleQuestions(quiz: Locator): Promise<string> {
  const all = quiz.getByRole('button', { name: 'Show all questions' });
  if (await all.count()) await all.click();
  const text = (await quiz.locator('section.q-card').allInnerTexts()).join('\n');
  await quiz.getByRole('button', { name: 'One question at a time' }).click();
  return text;
}

test.describe('quiz', () => {
  test('a student takes the quiz by keyboard only, sees score and feedback; a reload keeps the variant and the history; retry draws a new variant', async ({ page }) => {
    const w = watch(page);
    await page.goto(`${LESSON}#quiz`);
    const quiz = page.locator('.quiz-block .quiz');
    // Tab from the quiz heading (where the #quiz link put the focus start) into the quiz; it hydrates on the way.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Open on its own page' })).toBeFocused();
    await expect(quiz).toHaveAttribute('data-state', 'answering');
    if (QUIZ.mode === 'all-on-one-page') {
      const one = quiz.getByRole('button', { name: 'One question at a time' });
      await tabTo(page, one);
      await page.keyboard.press('Enter');
    }
    const attempt = await currentAttempt(page);
    const n = attempt.questions.length;
    // The one question answered wrongly on purpose: the first single-choice or true/false question.
    const wrongIndex = attempt.questions.findIndex((q) => q.type === 'single-choice' || q.type === 'true-false');
    const progress = quiz.getByRole('progressbar');
    for (const [i, q] of attempt.questions.entries()) {
      await expect(quiz.getByRole('heading', { name: new RegExp(`^Question ${i + 1} of ${n}`) })).toBeVisible();
      await answerByKeyboard(page, quiz, q, i, i === wrongIndex);
      await expect(progress).toHaveJSProperty('value', i + 1);
      const next = quiz.getByRole('button', { name: i < n - 1 ? 'Next' : 'Submit answers' });
      await tabTo(page, next);
      await page.keyboard.press('Enter');
      if (i < n - 1) await expect(page.locator(`[id="${uid}-q${i + 1}-title"]`), 'focus moves to the next question').toBeFocused();
    }

    // Score, announced and focused; per-question verdicts with feedback and links back to the lesson.
    const possible = attempt.questions.reduce((s, q) => s + q.points, 0);
    const earned = possible - (wrongIndex >= 0 ? attempt.questions[wrongIndex]!.points : 0);
    const sentence = `You scored ${formatValue(earned)} of ${formatValue(possible)} points (${formatScore(earned / possible)}).`;
    await expect(quiz).toHaveAttribute('data-state', 'graded');
    await expect(quiz.getByRole('heading', { name: 'Your result' })).toBeFocused();
    await expect(quiz.locator('.quiz-score')).toContainText(sentence);
    await expect(quiz.getByRole('status').last()).toContainText(sentence);
    const reviews = quiz.locator('article.q-review');
    await expect(reviews).toHaveCount(n);
    for (const [i, q] of attempt.questions.entries()) {
      const review = reviews.nth(i);
      await expect(review.getByRole('heading')).toContainText(i === wrongIndex ? 'Not correct.' : 'Correct.');
      if (q.explanation) await expect(review.locator('.q-feedback')).toContainText(plainText(q.explanation));
      const link = review.getByRole('link', { name: /^Review in the lesson/ });
      const target = q.lesson ?? { lesson: QUIZ.lesson };
      await expect(link).toHaveAttribute('href', `/lessons/${target.lesson}/${target.anchor ? `#${target.anchor}` : ''}`);
    }
    if (wrongIndex >= 0) {
      const q = attempt.questions[wrongIndex]!;
      const chosen = q.type === 'single-choice' ? q.options.find((o) => !o.correct)! : null;
      if (chosen?.feedback) await expect(reviews.nth(wrongIndex).locator('.q-feedback')).toContainText(plainText(chosen.feedback));
      await expect(reviews.nth(wrongIndex).getByText('correct answer', { exact: true }).or(reviews.nth(wrongIndex).getByText('Correct answer', { exact: true }))).toBeVisible();
    }
    const first = await saved(page);
    expect(first?.history).toHaveLength(1);
    expect(first?.current?.submitted).toBe(true);

    // Coming back shows the same variant, graded, with the history.
    const again = await openQuiz(page, `${LESSON}#quiz`);
    await expect(again).toHaveAttribute('data-state', 'graded');
    expect((await saved(page))?.current?.seed).toBe(attempt.seed);
    await expect(again.locator('.quiz-best-last')).toContainText(`Best and last: ${formatScore(earned / possible)}`);
    await expect(again.locator('article.q-review').first().locator('.q-prompt')).toHaveText(plainText(attempt.questions[0]!.prompt));

    // Retry: a new seed, a new variant, answers cleared; then an empty attempt gives best ≠ last.
    const retry = again.getByRole('button', { name: 'Retry' });
    await tabTo(page, retry);
    await page.keyboard.press('Enter');
    await expect(again).toHaveAttribute('data-state', 'answering');
    await expect(page.locator(`[id="${uid}-q0-title"]`)).toBeFocused();
    const second = await currentAttempt(page);
    expect(String(second.seed)).not.toBe(String(attempt.seed));
    // The page shows the new variant: the first question whose presentation changed reads in the new order.
    const changed = second.questions.findIndex((q, i) => presentation(q).join('|') !== presentation(attempt.questions[i]!).join('|'));
    expect(changed, 'a retry changes at least one question').toBeGreaterThanOrEqual(0);
    const shown = await visibleQuestions(again);
    const cardText = shown.split(/(?=Question \d+ of \d+)/)[changed]!;
    expect(inOrder(cardText, presentation(second.questions[changed]!)), cardText).toBe(true);
    expect(inOrder(cardText, presentation(attempt.questions[changed]!)), cardText).toBe(false);
    await expect(progress).toHaveJSProperty('value', 0);
    await again.getByRole('button', { name: 'Show all questions' }).click();
    await again.getByRole('button', { name: 'Submit answers' }).click();
    await expect(again.locator('.quiz-confirm')).toBeFocused();
    await expect(again.locator('.quiz-confirm')).toContainText('Not answered yet: questions 1,');
    await again.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(again.locator('.quiz-best-last')).toContainText(`Best: ${formatScore(earned / possible)}`);
    await expect(again.locator('.quiz-best-last')).toContainText('Last: 0%');
    await again.getByText('All 2 attempts').click();
    await expect(again.locator('.quiz-attempts tbody tr')).toHaveCount(2);
    w.assertClean();
  });

  test('answers so far survive a reload, in the lesson and on the quiz page; a number that is not a number gets a message', async ({ page }) => {
    const w = watch(page);
    let quiz = await openQuiz(page);
    const all = quiz.getByRole('button', { name: 'Show all questions' });
    if (await all.count()) await all.click();
    const attempt = await currentAttempt(page);
    const progress = quiz.getByRole('progressbar');
    await expect(quiz.locator('section.q-card')).toHaveCount(attempt.questions.length);
    const choice = attempt.questions.findIndex((q) => q.type === 'single-choice');
    const q = attempt.questions[choice];
    if (q?.type !== 'single-choice') throw new Error('the quiz has no single-choice question');
    await card(quiz, choice).getByRole('radio', { name: q.options[1]!.text, exact: true }).check();
    await expect(progress).toHaveJSProperty('value', 1);
    await expect(quiz.locator('.quiz-progress label')).toHaveText(`1 of ${attempt.questions.length} questions answered`);

    const numeric = attempt.questions.findIndex((x) => x.type === 'numeric');
    if (numeric >= 0) {
      const input = card(quiz, numeric).getByRole('textbox');
      await input.fill('eight');
      await input.press('Tab');
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      const error = page.locator(`[id="${uid}-q${numeric}-error"]`);
      await expect(error).toContainText('"eight" is not a number.');
      expect(await input.getAttribute('aria-describedby')).toContain(`${uid}-q${numeric}-error`);
      await quiz.getByRole('button', { name: 'Submit answers' }).click();
      await expect(quiz).toHaveAttribute('data-state', 'answering');
      await expect(input).toBeFocused();
      await expect(quiz.getByRole('status').last()).toContainText(`Not submitted: question ${numeric + 1} needs a readable answer.`);
      await input.fill('<b>8</b> GB');
      await input.press('Tab');
      await expect(error).toContainText('"<b>8</b> GB" is not a number.');
      await expect(quiz.locator('b')).toHaveCount(0);
      await input.fill('8.5');
      await input.press('Tab');
      await expect(input).not.toHaveAttribute('aria-invalid', 'true');
      await expect(error).toHaveCount(0);
    }

    // The same saved attempt on the quiz's own page and after a reload.
    quiz = await openQuiz(page, QUIZ_PAGE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(QUIZ.title);
    if (await quiz.getByRole('button', { name: 'Show all questions' }).count()) await quiz.getByRole('button', { name: 'Show all questions' }).click();
    await expect(card(quiz, choice).getByRole('radio', { name: q.options[1]!.text, exact: true })).toBeChecked();
    if (numeric >= 0) await expect(card(quiz, numeric).getByRole('textbox')).toHaveValue('8.5');
    quiz = await openQuiz(page, QUIZ_PAGE);
    expect((await currentAttempt(page)).seed).toBe(attempt.seed);
    await expect(quiz.getByRole('progressbar')).toHaveJSProperty('value', numeric >= 0 ? 2 : 1);
    w.assertClean();
  });

  test('the quizzes page, the course home and the progress page show best and last; export and import carry the quiz history', async ({ page, browser }, info) => {
    const history = [
      { seed: 'a1', at: '2026-11-20T10:00:00.000Z', score: 0.9, earned: 9, possible: 10, passed: true },
      { seed: 'b2', at: '2026-11-21T10:00:00.000Z', score: 0.4, earned: 4, possible: 10, passed: false },
    ];
    await page.addInitScript(
      ([key, id, h]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key as string, JSON.stringify({ version: 1, data: { [id as string]: { current: null, history: h } } }));
          sessionStorage.setItem('seeded', '1');
        }
      },
      [KEY, QUIZ.id, history] as const,
    );
    const w = watch(page);
    await page.goto('/quizzes/');
    await expect(page.locator(`[data-quiz-score="${QUIZ.id}"]`)).toHaveText('Passed · best 90% · last 40%');
    await expect(page.getByRole('link', { name: QUIZ.title })).toHaveAttribute('href', QUIZ_PAGE);
    await page.goto('/');
    const cardQuiz = page.locator(`[data-lesson-card="${QUIZ.lesson}"] .card-quiz`);
    await cardQuiz.scrollIntoViewIfNeeded();
    await expect(cardQuiz).toHaveText('Quiz: passed · best 90%');
    await page.goto('/progress/');
    const row = page.locator(`[data-progress-quiz="${QUIZ.id}"]`);
    await expect(row.locator('[data-quiz-score]')).toHaveText('Passed · best 90% · last 40%');
    await row.locator('summary').click();
    await expect(row.locator('tbody tr')).toHaveCount(2);
    await expect(row.locator('tbody tr').first()).toContainText('40%');
    await expect(row.locator('tbody tr').first()).toContainText('Not passed');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = info.outputPath('progress.json');
    await (await download).saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).slices.quizzes.data[QUIZ.id].history).toEqual(history);
    w.assertClean();

    const other = await browser.newContext({ baseURL: ORIGIN });
    const page2 = await other.newPage();
    await page2.goto('/progress/');
    const row2 = page2.locator(`[data-progress-quiz="${QUIZ.id}"]`);
    await expect(row2.locator('[data-quiz-score]')).toHaveText('Not taken yet');
    await page2.getByLabel('Progress file (.json)').setInputFiles(file);
    await expect(page2.locator('#transfer-status')).toContainText('quizzes');
    await expect(row2.locator('[data-quiz-score]')).toHaveText('Passed · best 90% · last 40%');
    await expect(row2.locator('tbody tr')).toHaveCount(2);
    await page2.goto('/quizzes/');
    await expect(page2.locator(`[data-quiz-score="${QUIZ.id}"]`)).toHaveText('Passed · best 90% · last 40%');
    const quiz = await openQuiz(page2);
    await expect(quiz.locator('.quiz-summary')).toHaveText('Best 90% · last 40% · 2 attempts.');
    await other.close();
  });

  test('storage full: the warning stays while saving fails, and the answers can be downloaded as an importable file', async ({ page }) => {
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('vcourse:quizzes')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    const quiz = await openQuiz(page);
    const all = quiz.getByRole('button', { name: 'Show all questions' });
    if (await all.count()) await all.click();
    await quiz.locator('section.q-card input[type=radio]').first().check();
    const warning = quiz.locator('.quiz-problem');
    await expect(warning).toContainText('This browser is not saving your answers');
    await quiz.locator('section.q-card input[type=radio]').nth(2).check();
    await expect(warning).toBeVisible();
    const download = page.waitForEvent('download');
    await warning.getByRole('button', { name: 'Download my progress now' }).click();
    const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(file.format).toBe('vcourse-progress');
    const records = Object.values(file.slices.quizzes.data) as { current: { responses: Record<string, unknown> } }[];
    expect(Object.keys(records[0]!.current.responses).length).toBeGreaterThanOrEqual(1);
  });

  test('a corrupted quiz slice is reset with a notice; lessons read survive and the quiz still works', async ({ page }) => {
    const lessons = JSON.stringify({ version: 1, data: { [QUIZ.lesson]: '2026-11-20T09:00:00.000Z' } });
    await page.addInitScript(
      ([key, lessonsValue]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key!, '{"version":1,"data":{"x":{"current":{"seed":"<img src=x onerror=alert(1)>"},"history":7}}}');
          localStorage.setItem('vcourse:lessons', lessonsValue!);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [KEY, lessons],
    );
    const w = watch(page);
    const quiz = await openQuiz(page);
    await page.locator('.read-marker').scrollIntoViewIfNeeded();
    await expect(page.locator('#notices')).toContainText('Saved quizzes progress was damaged');
    await expect(page.locator('#notices')).toContainText('has been reset');
    await expect(page.locator('#notices img')).toHaveCount(0);
    await expect(quiz).toHaveAttribute('data-state', 'answering');
    expect(await page.evaluate(() => localStorage.getItem('vcourse:lessons'))).toBe(lessons);
    expect(await page.evaluate((k) => localStorage.getItem(`${k}:corrupt`), KEY)).toContain('onerror');
    await expect(page.locator('.read-toggle')).toHaveAttribute('aria-pressed', 'true');
    await page.goto('/');
    await expect(page.locator(`[data-lesson-card="${QUIZ.lesson}"]`)).toContainText('Read ✓');
    w.assertClean();
  });

  test('each quiz page downloads only the simulation engines its questions ask, and reports its weight', async ({ page }) => {
    test.setTimeout(120_000);
    // A string each engine's code carries (a VBoxManage subcommand, a Neutron field, a Placement class).
    const engines = { snapshots: 'restorecurrent', network: 'securityGroup', sizing: 'MEMORY_MB' } as const;
    const family: Record<string, keyof typeof engines | null> = { consolidation: null, sizing: 'sizing', network: 'network', snapshot: 'snapshots' };
    const dir = 'content/quizzes';
    const report: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const r = loadQuiz(readFileSync(`${dir}/${file}`, 'utf8'), `${dir}/${file}`);
      if (!r.ok) throw new Error(`${file} does not load`);
      const quiz = r.value;
      // An LMS-only quiz has no page (tests/e2e/lms.spec.ts checks that the site holds none of it).
      if (quiz.lmsOnly) continue;
      const needed = new Set(quiz.questions.flatMap((e) => (e.type === 'generated' ? [family[e.generator.split('-')[0]!] ?? null] : [])).filter((x) => x !== null));
      const bodies: Buffer[] = [];
      const onResponse = async (res: import('@playwright/test').Response) => {
        if (res.request().resourceType() === 'script') bodies.push(await res.body().catch(() => Buffer.alloc(0)));
      };
      page.on('response', onResponse);
      await page.goto(`/quizzes/${quiz.id}/`);
      await expect(page.locator('.quiz')).toHaveAttribute('data-state', 'answering');
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      const code = Buffer.concat(bodies).toString('utf8');
      for (const [engine, marker] of Object.entries(engines)) {
        expect(code.includes(marker), `${quiz.id} ${needed.has(engine as keyof typeof engines) ? 'needs' : 'must not load'} the ${engine} engine`).toBe(needed.has(engine as keyof typeof engines));
      }
      // Parameter schemas and the generators' scenario inputs stay at build time: no quiz page loads a parser or zod.
      expect(code.includes('yaml.alias'), `${quiz.id} loads the YAML parser`).toBe(false);
      expect(/ZodError|\$ZodType/.test(code), `${quiz.id} loads zod`).toBe(false);
      const kb = bodies.reduce((n, b) => n + gzipSync(b).length, 0) / 1024;
      report.push(`${quiz.id.padEnd(40)} ${kb.toFixed(1)} KB gz JS (engines: ${[...needed].join(', ') || 'none'})`);
    }
    console.log(`\nJavaScript per quiz page (gzipped, quiz ready):\n${report.join('\n')}`);
  });

  test('every quiz page shows the variant its saved seed draws, generated values included, and keeps an answer given while the page is still showing questions', async ({ page }) => {
    test.setTimeout(120_000);
    const w = watch(page);
    const dir = 'content/quizzes';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const r = loadQuiz(readFileSync(`${dir}/${file}`, 'utf8'), `${dir}/${file}`);
      if (!r.ok) throw new Error(`${file} does not load`);
      const quiz = r.value;
      if (quiz.lmsOnly) continue;
      await page.goto(`/quizzes/${quiz.id}/`);
      const island = page.locator('.quiz');
      // Answer the first question as soon as its input is there: the page may still be drawing or
      // showing the others (one task each), and the answer must be kept and saved all the same.
      const first = island.locator('section.q-card').filter({ has: page.locator(`[id="quiz-${quiz.id}-q0-title"]`) });
      await expect(first.locator('input, select, button.q-move').first()).toBeVisible();
      const seed = await page.evaluate(([key, id]) => JSON.parse(localStorage.getItem(key!) ?? '{"data":{}}').data[id!]?.current?.seed, [KEY, quiz.id]);
      const expected = drawAttempt(quiz, seed);
      const q0 = expected.questions[0]!;
      if (q0.type === 'numeric' || q0.type === 'short-text') await first.getByRole('textbox').fill('42');
      else if (q0.type === 'matching') for (const select of await first.locator('select').all()) await select.selectOption({ index: 1 });
      else if (q0.type === 'ordering') await first.locator('button.q-move').nth(1).click();
      else await first.locator('input').first().check();
      await expect(island).toHaveAttribute('data-state', 'answering');
      const stored = await page.evaluate(([key, id]) => JSON.parse(localStorage.getItem(key!) ?? '{"data":{}}').data[id!]?.current, [KEY, quiz.id]);
      expect(stored.seed, `${quiz.id}: the seed stays`).toBe(seed);
      expect(Object.keys(stored.responses), `${quiz.id}: the early answer is saved`).toEqual([q0.id]);
      await island.getByRole('button', { name: 'Show all questions' }).click();
      const cards = island.locator('section.q-card');
      await expect(cards).toHaveCount(expected.questions.length);
      const texts = await cards.allInnerTexts();
      expected.questions.forEach((q, i) => {
        // The prompt line by line (list markers are not text), then options, items, or each pair then the choices (in every select), as laid out.
        const lines = plainText(q.prompt).split('\n').map((l) => l.replace(/^\s*(\d+\.|[-*])\s+/, '').trim()).filter(Boolean);
        const parts = [...lines];
        if (q.type === 'single-choice' || q.type === 'multiple-answer') parts.push(...q.options.map((o) => plainText(o.text)));
        if (q.type === 'ordering') {
          // The first question's first item was moved down one place above.
          const items = i === 0 ? [q.items[1]!, q.items[0]!, ...q.items.slice(2)] : q.items;
          parts.push(...items.map((it) => plainText(it.text)));
        }
        if (q.type === 'matching') parts.push(...q.pairs.map((p) => plainText(p.left)), ...q.choices.map(plainText));
        expect(inOrder(texts[i]!.replace(/\s+/g, ' '), parts.map((p) => p.replace(/\s+/g, ' '))), `${quiz.id} question ${i + 1} (seed ${seed}):\n${texts[i]}`).toBe(true);
      });
      // Answered, or (a quiz checked question by question) answered but not checked yet.
      if (quiz.checks?.feedback === 'per-question') await expect(island.getByRole('progressbar')).toHaveJSProperty('value', 0);
      else await expect(island.getByRole('progressbar')).toHaveJSProperty('value', 1);
    }
    w.assertClean();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`no axe violations with the quiz hydrated, answering and graded (${theme})`, async ({ page }) => {
      test.setTimeout(180_000);
      await setTheme(page, theme);
      const w = watch(page);
      // The quiz page whole; on the long lesson page, the quiz block (site.spec checks the rest of the page).
      let quiz = await openQuiz(page, QUIZ_PAGE);
      expect(await axeViolations(page)).toEqual([]);
      const all = quiz.getByRole('button', { name: 'Show all questions' });
      if (await all.count()) await all.click();
      await quiz.locator('.q-option').first().click();
      await expect(quiz.getByRole('progressbar')).toHaveJSProperty('value', 1);
      expect(await axeViolations(page)).toEqual([]);
      await quiz.getByRole('button', { name: 'Submit answers' }).click();
      await expect(quiz.locator('.quiz-confirm')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await quiz.getByRole('button', { name: 'Submit anyway' }).click();
      await expect(quiz).toHaveAttribute('data-state', 'graded');
      expect(await axeViolations(page)).toEqual([]);
      quiz = await openQuiz(page);
      await expect(quiz).toHaveAttribute('data-state', 'graded');
      expect(await quizBlockViolations(page)).toEqual([]);
      await quiz.getByRole('button', { name: 'Retry' }).click();
      await expect(quiz).toHaveAttribute('data-state', 'answering');
      expect(await quizBlockViolations(page)).toEqual([]);
      w.assertClean();
    });
  }
});
