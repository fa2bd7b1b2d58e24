import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { loadLabs } from '../../src/lab/grade/load-labs';
import { ADAPTERS } from '../../src/lab/sims';
import type { Action as NetworkAction } from '../../src/sim/network/actions';
import { labSeed } from '../../src/lab/variables';
import { decodeLab, encodeLab } from '../../src/lms/scorm/lab-state';
import { decodeQuiz } from '../../src/lms/scorm/quiz-state';
import { percent } from '../../src/lms/scorm/outcome';
import { defaultGenerators, drawAttempt, gradeAttempt, gradeTriedAttempt, loadQuiz, questionForTry, type Question, type Quiz } from '../../src/quiz';
import { openLab, recordStep } from '../../src/widgets/lab/session';
import { plainText } from '../../src/widgets/quiz/text';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * Quizzes and labs in a learning platform. The public build carries no export and no LMS-only
 * quiz; the SCORM packages `npm run export` writes run in an iframe of a test LMS whose SCORM 1.2
 * run-time is an independent implementation (the scorm-again package's Scorm12API as
 * `window.API`): a student answers or does the lab, and the test reads what the LMS received
 * (score, status, suspend data), then relaunches with what the LMS kept and checks the resume.
 */

// In order, in one worker: the export in beforeAll is made once (a failed test restarts the worker and makes it again).
test.describe.configure({ mode: 'default' });

const LMS = 'http://lms.test';
const QUIZ_ID = 'graded-virtual-networking';
const LAB_ID = 'expose-web-nat';
let exportDir = '';
const packages = new Map<string, Record<string, Uint8Array>>();

function quizFile(id: string): Quiz {
  for (const f of readdirSync('content/quizzes')) {
    const r = loadQuiz(readFileSync(`content/quizzes/${f}`, 'utf8'), f);
    if (r.ok && r.value.id === id) return r.value;
  }
  throw new Error(`no quiz ${id} in content/quizzes`);
}
const QUIZ = quizFile(QUIZ_ID);

test.beforeAll(() => {
  test.setTimeout(240_000);
  exportDir = mkdtempSync(join(tmpdir(), 'lms-e2e-'));
  // The command an instructor runs, into a folder of its own (only what these tests open).
  execFileSync(process.execPath, ['src/lms/export/run.mjs', '--out', exportDir, '--only', `${QUIZ_ID},${LAB_ID},quiz-virtual-networking`], { stdio: 'pipe', env: { ...process.env, INIT_CWD: process.cwd() } });
  for (const [name, path] of [
    ['quiz', `scorm/quizzes/${QUIZ_ID}.zip`],
    ['lab', `scorm/labs/${LAB_ID}.zip`],
    ['checked', 'scorm/quizzes/quiz-virtual-networking.zip'],
  ] as const) {
    packages.set(name, unzipSync(new Uint8Array(readFileSync(join(exportDir, path)))));
  }
});

test.afterAll(() => {
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.xml': 'application/xml' };

/** The test LMS at http://lms.test/: its page, scorm-again, and the packages' files under /pkg/<name>/. */
async function openLms(page: Page): Promise<void> {
  await page.route(`${LMS}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    let body: Buffer | Uint8Array | undefined;
    if (path === '/') body = readFileSync('tests/e2e/lms/lms.html');
    else if (path === '/scorm-again/scorm12.min.js') body = readFileSync('node_modules/scorm-again/dist/scorm12.min.js');
    else {
      const m = /^\/pkg\/([a-z]+)\/(.+)$/.exec(path);
      body = m ? packages.get(m[1]!)?.[m[2]!] : undefined;
    }
    if (!body) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: Buffer.from(body), contentType: TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
  });
  await page.goto(`${LMS}/`);
}

type Cmi = { suspend_data: string; core: Record<string, unknown> & { score: { raw: string; min: string; max: string }; lesson_status: string; exit: string; session_time: string } };

async function launch(page: Page, pkg: 'quiz' | 'lab' | 'checked', cmi: unknown): Promise<FrameLocator> {
  await page.evaluate(([c, href]) => (window as unknown as { launch: (c: unknown, h: string) => Promise<void> }).launch(c, href as string), [cmi, `/pkg/${pkg}/index.html`] as const);
  return page.frameLocator('#sco');
}

const lmsData = (page: Page): Promise<Cmi> => page.evaluate(() => (window as unknown as { lmsData: () => Cmi }).lmsData());

/** What an LMS keeps between launches and hands back on the next one (entry "resume"). */
const relaunchData = (cmi: Cmi) => ({ suspend_data: cmi.suspend_data, core: { student_id: cmi.core.student_id, student_name: cmi.core.student_name, lesson_status: cmi.core.lesson_status, entry: 'resume', score: cmi.core.score } });
const student = (id: string) => ({ core: { student_id: id, student_name: 'Lovelace, Ada' } });

/** Answers question `i` of the quiz with the mouse: right, or wrong for a choice question. */
async function answer(frame: FrameLocator, q: Question, i: number, wrong = false): Promise<void> {
  const c = frame.locator('section.q-card').filter({ has: frame.locator(`[id="quiz-${QUIZ_ID}-q${i}-title"]`) });
  switch (q.type) {
    case 'single-choice':
      await c.locator('input[type=radio]').nth(q.options.findIndex((o) => o.correct !== wrong)).check();
      break;
    case 'true-false':
      await c.locator('input[type=radio]').nth(q.answer !== wrong ? 0 : 1).check();
      break;
    case 'multiple-answer':
      for (const [k, o] of q.options.entries()) if (o.correct) await c.locator('input[type=checkbox]').nth(k).check();
      break;
    case 'numeric':
      await c.getByRole('textbox').fill(String(q.answer));
      break;
    case 'short-text':
      await c.getByRole('textbox').fill(q.answers[0]!);
      break;
    case 'matching':
      for (const p of q.pairs) await c.getByLabel(plainText(p.left), { exact: true }).selectOption(p.right);
      break;
    case 'ordering': {
      const order = q.items.map((it) => it.id);
      const text = new Map(q.items.map((it) => [it.id, plainText(it.text)]));
      for (let t = 0; t < order.length; t++) {
        const id = q.correctOrder[t]!;
        for (let from = order.indexOf(id); from > t; from--) {
          await c.getByRole('button', { name: `Move “${text.get(id)}” up` }).click();
          order.splice(from, 1);
          order.splice(from - 1, 0, id);
        }
      }
      await expect(c.locator('.q-order-text')).toHaveText(q.correctOrder.map((id) => text.get(id)!));
      break;
    }
  }
}

test('S8: the public build has no quiz export, no SCORM package and no LMS-only quiz, under / and under the sub-path', () => {
  const secrets = [QUIZ.id, QUIZ.title, ...QUIZ.questions.flatMap((q) => ('prompt' in q ? [q.prompt.slice(0, 40)] : []))];
  for (const dir of ['dist', 'dist-base']) {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dir);
    expect(files.length, dir).toBeGreaterThan(20);
    const exports = files.filter((f) => /\.(gift|xml|zip)$/i.test(f) || /imsmanifest/i.test(f));
    expect(exports, `${dir}: export files`).toEqual([]);
    for (const f of files.filter((x) => /\.(html|js|json|css|txt)$/.test(x) || x.includes('pagefind'))) {
      const text = readFileSync(f).toString('utf8');
      for (const marker of ['<questestinterop', '$CATEGORY:', '<question type="category">', 'adlcp:scormtype']) expect(text.includes(marker), `${f} holds ${marker}`).toBe(false);
      for (const s of secrets) expect(text.includes(s), `${f} holds the LMS-only quiz ("${s}")`).toBe(false);
    }
  }
});

test('S7, E16, L-S6: the instructors page says how to export and import, lists every caveat next to each file, links no file', async ({ page }) => {
  const w = watch(page);
  await page.goto('/instructors/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quizzes and labs in your learning platform');
  for (const name of ['Produce the files', 'Quizzes for the platform only', 'Import into your platform', 'Grades through SCORM', "What each quiz's files keep and lose", 'Labs as SCORM packages']) {
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await expect(page.locator('pre.command').first()).toHaveText('npm run export');
  for (const name of ['Moodle XML', 'GIFT', 'QTI 1.2', 'SCORM 1.2 packages']) await expect(page.getByRole('heading', { level: 3, name })).toBeVisible();
  // Once per format what every file shares; per quiz, folded, what its own files lose.
  await expect(page.getByRole('region', { name: 'SCORM 1.2 packages' })).toContainText("The quiz is graded in the student's browser");
  const networking = page.locator('details#files-quiz-virtual-networking');
  await expect(networking.locator('summary')).toHaveText(/^Quiz 3: Virtual networking \(\d+ notes\)$/);
  await expect(networking.locator('.file code').first()).toBeHidden();
  await networking.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(networking.locator('.file code')).toHaveText([
    'moodle-xml/quiz-virtual-networking.xml',
    'gift/quiz-virtual-networking.gift',
    'qti/quiz-virtual-networking-qti.zip',
    'scorm/quizzes/quiz-virtual-networking.zip',
  ]);
  await expect(networking).toContainText('vn-cloud-reach: Parametric: 5 variants in the category "quiz-virtual-networking/vn-cloud-reach"');
  await expect(networking).toContainText('Only what every SCORM 1.2 file cannot carry (above).');
  const labsSection = page.getByRole('region', { name: 'Labs as SCORM packages' });
  await expect(labsSection).toContainText('cmi.suspend_data');
  await expect(labsSection.locator('.lab-file').filter({ hasText: 'scorm/labs/expose-web-nat.zip' })).toContainText('holds the worked solution');
  await expect(page.locator('a[href*="exports"], a[href$=".gift"], a[href$=".zip"], a[href$=".xml"]')).toHaveCount(0);
  await expect(page.locator('main')).toContainText('The course has 1 such quiz');
  await expect(page.locator('main')).not.toContainText(QUIZ_ID);
  await page.goto('/');
  await expect(page.locator('.site-footer').getByRole('link', { name: /For instructors/ })).toHaveAttribute('href', '/instructors/');
  w.assertClean();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the instructors page has no axe violations at desktop and phone width (${theme})`, async ({ page }) => {
    await setTheme(page, theme);
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/instructors/');
      // The folded notes of every quiz open too, so their text is checked.
      await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await axeViolations(page), `${theme} ${width}px`).toEqual([]);
    }
  });
}

test('S3–S6: a quiz package reports score, status and session to the LMS, keeps answers in suspend data, and resumes', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  await openLms(page);
  let frame = await launch(page, 'quiz', { ...student('s-e2e-quiz'), student_data: { mastery_score: '60' } });
  const quiz = frame.locator('.quiz');
  await expect(quiz).toHaveAttribute('data-state', 'answering');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(QUIZ.title);
  await expect(frame.locator('.lms-status')).toContainText('Connected to your course platform');

  // The first launch: status incomplete, the seed of the variant already kept.
  let cmi = await lmsData(page);
  expect(cmi.core.lesson_status).toBe('incomplete');
  const first = decodeQuiz(cmi.suspend_data, QUIZ_ID).saved!.record.current!;
  const attempt = drawAttempt(QUIZ, first.seed);

  // Two answers, then the window closes: the LMS keeps them and the next launch shows them.
  await frame.getByRole('button', { name: 'Show all questions' }).click();
  await answer(frame, attempt.questions[0]!, 0);
  await answer(frame, attempt.questions[1]!, 1);
  cmi = await lmsData(page);
  expect(Object.keys(decodeQuiz(cmi.suspend_data, QUIZ_ID).saved!.record.current!.responses).sort()).toEqual([attempt.questions[0]!.id, attempt.questions[1]!.id].sort());
  frame = await launch(page, 'quiz', { ...relaunchData(cmi), student_data: { mastery_score: '60' } });
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'answering');
  const previous = await page.evaluate(() => (window as unknown as { previous: { calls: string[][] } }).previous);
  expect(previous.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.exit').map((c) => c[2])).toEqual(['suspend']);
  expect(previous.calls.at(-1)![0]).toBe('LMSFinish');
  expect(previous.calls.find((c) => c[1] === 'cmi.core.session_time')?.[2]).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  await expect(frame.locator('.quiz-progress label')).toContainText('2 of 8 questions answered');
  await frame.getByRole('button', { name: 'Show all questions' }).click();
  await expect(frame.locator('section.q-card').first()).toContainText(plainText(attempt.questions[0]!.prompt).slice(0, 60));

  // The rest, one choice question wrong on purpose; then submit.
  const wrongIndex = attempt.questions.findIndex((q, i) => i > 1 && (q.type === 'single-choice' || q.type === 'true-false'));
  for (const [i, q] of attempt.questions.entries()) if (i > 1) await answer(frame, q, i, i === wrongIndex);
  await frame.getByRole('button', { name: 'Submit answers' }).click();
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'graded');
  await expect(frame.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(frame.locator('.quiz-after')).toContainText('start a new attempt there');

  // What the LMS received: the engine's own grade of these answers, as a percentage.
  const saved = decodeQuiz((await lmsData(page)).suspend_data, QUIZ_ID).saved!.record;
  const expected = gradeAttempt(attempt, saved.current!.responses);
  expect(expected.score).toBeLessThan(1);
  cmi = await lmsData(page);
  expect(cmi.core.score).toEqual({ raw: percent(expected.score), min: '0', max: '100' });
  expect(cmi.core.lesson_status).toBe(expected.score >= 0.6 ? 'passed' : 'failed');
  expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
  expect(saved.current!.submitted).toBe(true);
  // The result is committed at once, after the values it carries.
  const calls = await page.evaluate(() => (window as unknown as { calls: string[][] }).calls);
  const scoreAt = calls.findLastIndex((c) => c[1] === 'cmi.core.score.raw');
  expect(calls.slice(scoreAt).map((c) => c[0])).toContain('LMSCommit');
  await expect(frame.locator('.lms-status')).toContainText(`score ${percent(expected.score)} %`);

  // A relaunch of the same attempt shows the graded result, and reports nothing new.
  frame = await launch(page, 'quiz', relaunchData(cmi));
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'graded');
  await expect(frame.locator('.quiz-score')).toContainText(`You scored`);
  const exitAfterResult = await page.evaluate(() => (window as unknown as { previous: { calls: string[][] } }).previous.calls.filter((c) => c[1] === 'cmi.core.exit').map((c) => c[2]));
  expect(exitAfterResult).toEqual(['']);
  expect((await lmsData(page)).core.score.raw).toBe(percent(expected.score));
  problems.assertClean();
});

test('T7, S5: a per-question quiz package keeps its tries in suspend data, resumes them, and reports the engine\'s recomputed score', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  const checked = quizFile('quiz-virtual-networking');
  const uid = `quiz-${checked.id}`;
  await openLms(page);
  let frame = await launch(page, 'checked', student('s-e2e-checked'));
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'answering');
  let cmi = await lmsData(page);
  const seed = decodeQuiz(cmi.suspend_data, checked.id).saved!.record.current!.seed;
  const attempt = drawAttempt(checked, seed);
  const i = attempt.questions.findIndex((q) => q.type === 'single-choice' && !q.source);
  const q = attempt.questions[i]!;
  if (q.type !== 'single-choice') throw new Error('expected a single-choice question');
  await frame.getByRole('button', { name: 'Show all questions' }).click();
  const card = () => frame.locator('section.q-card').filter({ has: frame.locator(`[id="${uid}-q${i}-title"]`) });
  await card().getByRole('radio', { name: plainText(q.options.find((o) => !o.correct)!.text), exact: true }).check();
  await card().getByRole('button', { name: `Check question ${i + 1}` }).click();
  await expect(card().locator('.q-try-feedback')).toContainText('Try 1: Not correct.');
  cmi = await lmsData(page);
  expect(decodeQuiz(cmi.suspend_data, checked.id).saved!.record.current!.tries).toEqual({ [q.id]: [q.options.find((o) => !o.correct)!.id] });

  // The next launch resumes the try state from what the LMS kept.
  frame = await launch(page, 'checked', relaunchData(cmi));
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'answering');
  await frame.getByRole('button', { name: 'Show all questions' }).click();
  await expect(card().locator('.q-try-info')).toHaveText('Try 2 of 3: it can earn up to ½ of the point.');
  const second = questionForTry(checked.questions[i]!, seed, 1, defaultGenerators);
  if (second.type !== 'single-choice') throw new Error('expected a single-choice question');
  await card().getByRole('radio', { name: plainText(second.options.find((o) => o.correct)!.text), exact: true }).check();
  await card().getByRole('button', { name: `Check question ${i + 1}` }).click();
  await frame.getByRole('button', { name: 'Finish the quiz' }).first().click();
  await frame.getByRole('button', { name: 'Finish anyway' }).click();
  await expect(frame.locator('.quiz')).toHaveAttribute('data-state', 'graded');
  cmi = await lmsData(page);
  const kept = decodeQuiz(cmi.suspend_data, checked.id).saved!.record.current!;
  const expected = gradeTriedAttempt(checked, seed, kept.tries, defaultGenerators);
  expect(expected.earned).toBeCloseTo(0.5 * q.points, 12);
  expect(cmi.core.score.raw).toBe(percent(expected.score));
  expect(cmi.core.lesson_status).toBe('failed');
  problems.assertClean();
});

test('L-S1, L-S2, L-S4: a lab package: the student the LMS names does the lab, the engine\'s score reaches the LMS after every step, and a relaunch replays the work', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  await openLms(page);
  let frame = await launch(page, 'lab', student('S-e2e-lab'));
  const runner = frame.locator(`#lab-${LAB_ID}`);
  const progress = runner.getByRole('progressbar', { name: 'Lab complete' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await expect(runner.locator('.lab-who')).toContainText('Working as Lovelace, Ada (S-e2e-lab)');
  await expect(runner.getByLabel('Student ID')).toHaveCount(0);
  await expect(runner.getByRole('button', { name: 'Change student ID' })).toHaveCount(0);
  await expect(runner.getByRole('button', { name: 'Download lab report' })).toHaveCount(0);
  let cmi = await lmsData(page);
  expect([cmi.core.score.raw, cmi.core.lesson_status]).toEqual(['0', 'incomplete']);

  // The student's own port (their platform id picks it), then the forward.
  const port = (await runner.locator('.lab-brief strong').filter({ hasText: /^80[89]\d$/ }).first().innerText()).trim();
  const sim = runner.locator('.lab-sim');
  await expect(sim.locator('.net-graph-canvas[data-ready="true"]')).toBeAttached();
  const form = sim.getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
  await form.getByLabel('Host port').fill(port);
  await form.getByLabel('Guest port').fill('80');
  await form.getByRole('button', { name: 'Add port forward' }).click();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  cmi = await lmsData(page);
  expect([cmi.core.score.raw, cmi.core.score.min, cmi.core.score.max, cmi.core.lesson_status]).toEqual(['100', '0', '100', 'passed']);
  expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
  const kept = JSON.parse(cmi.suspend_data) as { seed: string; steps: [{ action: { type: string; rule: { hostPort: number } } }, boolean][] };
  expect(kept.seed).toBe(labSeed(LAB_ID, 'S-e2e-lab'));
  expect(kept.steps.map(([s, ok]) => [s.action.type, s.action.rule.hostPort, ok])).toEqual([['addPortForward', Number(port), true]]);

  // Finish, close, come back: the work is replayed through the engine, the goals are met again.
  await frame.getByRole('button', { name: 'Finish the lab' }).click();
  await expect(frame.locator('.lms-finish')).toContainText('You have finished this lab');
  cmi = await lmsData(page);
  frame = await launch(page, 'lab', relaunchData(cmi));
  const again = frame.locator(`#lab-${LAB_ID}`);
  await expect(again.getByRole('progressbar', { name: 'Lab complete' })).toHaveAttribute('aria-valuenow', '100');
  await expect(again.locator('.lab-checklist > li.met')).toHaveCount(await again.locator('.lab-checklist > li').count());
  await expect(frame.locator('.lms-finish')).toContainText('You have finished this lab');
  expect((await lmsData(page)).core.lesson_status).toBe('passed');
  problems.assertClean();
});

test('L-S3: a session too long for 4,096 characters comes back from its checkpoint with the same score', async ({ page }) => {
  test.setTimeout(120_000);
  // A long session made with the same functions the page uses: 300 forwards on ports of no use, each removed again, then the right one.
  const catalog = loadLabs('.');
  const compiled = catalog.labs.get(LAB_ID)!;
  const adapter = ADAPTERS.network;
  const id = 'S-e2e-long';
  const opened = openLab(compiled, adapter, id, undefined, 0);
  if (!opened.ok) throw new Error(opened.message);
  let s = opened.session;
  const step = (action: NetworkAction) => {
    const r = adapter.step(s.state, { kind: 'network', action })!;
    s = recordStep(s, { kind: 'network', action }, r.state, r.accepted, 1000);
  };
  for (let k = 0; k < 300; k++) {
    step({ type: 'addPortForward', vm: 'web', nic: 0, rule: { name: `try-${k}`, hostPort: 10000 + ((k * 7919) % 50000), guestPort: 1 + ((k * 104729) % 60000) } });
    step({ type: 'removePortForward', vm: 'web', nic: 0, name: `try-${k}` });
  }
  step({ type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: Number(s.variant.vars['hostPort']), guestPort: 80 } });
  expect(s.score.percent).toBe(100);
  const { text, form } = encodeLab(s, { hash: compiled.hash, finished: false });
  expect(form).toBe('checkpoint');
  expect(text.length).toBeLessThanOrEqual(4096);
  expect(decodeLab(text, { hash: compiled.hash, seed: s.variant.seed, start: JSON.stringify(s.variant.start) })?.base).not.toBeNull();

  const problems = watch(page);
  await openLms(page);
  const frame = await launch(page, 'lab', { ...relaunchData({ suspend_data: text, core: { student_id: id, student_name: '', lesson_status: 'incomplete', exit: '', session_time: '', score: { raw: '100', min: '0', max: '100' } } }) });
  const runner = frame.locator(`#lab-${LAB_ID}`);
  await expect(runner.getByRole('progressbar', { name: 'Lab complete' })).toHaveAttribute('aria-valuenow', '100');
  await expect(runner.locator('.lab-notice')).toHaveCount(0);
  const cmi = await lmsData(page);
  expect([cmi.core.score.raw, cmi.core.lesson_status]).toEqual(['100', 'passed']);
  expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
  problems.assertClean();
});

test('S2: a package opened from its files, outside any platform, runs as a preview and says nothing is recorded', async ({ page }) => {
  const dir = join(exportDir, 'unzipped-quiz');
  for (const [name, data] of Object.entries(packages.get('quiz')!)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  expect(existsSync(join(dir, 'imsmanifest.xml'))).toBe(true);
  const problems = watch(page);
  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
  await expect(page.locator('.quiz')).toHaveAttribute('data-state', 'answering');
  await expect(page.locator('.lms-status')).toContainText('Preview: not opened from a course platform');
  problems.assertClean();
});

for (const theme of ['light', 'dark'] as const) {
  test(`quiz and lab packages have no axe violations at desktop and phone width (${theme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await openLms(page);
    for (const pkg of ['quiz', 'lab'] as const) {
      // The package page itself, as the LMS frame shows it (axe runs on the top document).
      const files = packages.get(pkg)!;
      await page.route(`${LMS}/direct/**`, (route) => {
        const name = new URL(route.request().url()).pathname.slice('/direct/'.length);
        const body = files[name];
        return body ? route.fulfill({ status: 200, body: Buffer.from(body), contentType: TYPES[extname(name)] ?? 'text/html' }) : route.fulfill({ status: 404, body: '' });
      });
      for (const width of [1400, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${LMS}/direct/index.html`);
        await expect(page.locator(pkg === 'quiz' ? '.quiz[data-state="answering"]' : '.lms-status')).toBeVisible();
        if (pkg === 'lab') await expect(page.getByRole('progressbar', { name: 'Lab complete' })).toBeVisible();
        expect(await axeViolations(page), `${pkg} ${theme} ${width}px`).toEqual([]);
      }
      await page.unroute(`${LMS}/direct/**`);
    }
  });
}

