import { expect, test } from '@playwright/test';
import { ORIGIN } from '../../playwright.config';
import { readFileSync } from 'node:fs';
import { recordLibraries, watch } from './helpers';

test('a student exports progress and imports it in another browser; a bad file changes nothing', async ({ page, browser }, info) => {
  const w = watch(page);
  await page.goto('/lessons/virtual-networking/');
  await page.locator('.read-marker').scrollIntoViewIfNeeded();
  await expect(page.locator('.read-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/progress/');
  await expect(page.locator('[data-progress-lesson="virtual-networking"]')).toContainText('Read on');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = info.outputPath('progress.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('vcourse-progress');
  expect(Object.keys(exported.slices.lessons.data)).toEqual(['virtual-networking']);
  await expect(page.getByRole('status').filter({ hasText: 'exported' })).toBeVisible();
  w.assertClean();

  // Another browser: nothing read yet; a broken file is refused, the real one is taken.
  const other = await browser.newContext({ baseURL: ORIGIN });
  const page2 = await other.newPage();
  await page2.goto('/progress/');
  const row = page2.locator('[data-progress-lesson="virtual-networking"]');
  await expect(row).toContainText('Not read yet');
  const input = page2.getByLabel('Progress file (.json)');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"vcourse-progress","version":1,"slices":{"lessons":{"version":1,"data":{"x":1}}}}') });
  await expect(page2.locator('#transfer-status')).toContainText('Nothing was imported: the lessons section is damaged.');
  await expect(row).toContainText('Not read yet');
  await input.setInputFiles(file);
  await expect(page2.locator('#transfer-status')).toContainText('Imported: lessons');
  await expect(row).toContainText('Read on');
  await page2.goto('/');
  await expect(page2.locator('[data-lesson-card="virtual-networking"]')).toContainText('Read ✓');
  await other.close();
});

test('importing a backup loads the import code only then, and never zod or the YAML parser; when that code cannot load, the page says so and nothing changes', async ({ page }) => {
  const problems = watch(page);
  const libraries = recordLibraries(page);
  const backup = { format: 'vcourse-progress', version: 1, slices: { lessons: { version: 1, data: { 'virtual-networking': '2026-12-05T09:00:00.000Z' } } } };
  const file = { name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) };
  await page.goto('/progress/', { waitUntil: 'networkidle' });
  await libraries.settled();
  const onLoad = [...libraries.scripts.keys()];
  expect(onLoad.length).toBeGreaterThan(0);
  expect(onLoad.filter((p) => /transfer/.test(p)), 'the import code on load').toEqual([]);
  const row = page.locator('[data-progress-lesson="virtual-networking"]');
  const input = page.getByLabel('Progress file (.json)');

  // The import code cannot be fetched (a new version published since the page opened, or offline).
  await page.route(/\/transfer\.[\w-]+\.js$/, (route) => route.abort('aborted'));
  await input.setInputFiles(file);
  await expect(page.locator('#transfer-status')).toHaveText('Could not import the file: the code for it did not load. Check your connection and reload the page, then try again. Your saved progress has not changed.');
  await expect(page.locator('#transfer-status')).toHaveClass(/bad/);
  await expect(row).toContainText('Not read yet');

  await page.unrouteAll();
  await page.reload({ waitUntil: 'networkidle' });
  await input.setInputFiles(file);
  await expect(page.locator('#transfer-status')).toContainText('Imported: lessons');
  await expect(row).toContainText('Read on');
  await libraries.settled();
  expect([...libraries.scripts.keys()].filter((p) => /transfer/.test(p)).length, 'the import code, once imported').toBeGreaterThan(0);
  expect(libraries.found('zod'), 'scripts with zod').toEqual([]);
  expect(libraries.found('yaml'), 'scripts with the YAML parser').toEqual([]);
  problems.assertClean();
});

/** Saved progress as a student who passed one quiz, is half-way through another and started a lab would have it. */
const seeded = {
  'vcourse:lessons': { version: 1, data: { 'virtualization-and-hypervisors': '2026-12-05T09:00:00.000Z' } },
  'vcourse:quizzes': {
    version: 1,
    data: {
      'quiz-virtualization-and-hypervisors': { current: null, history: [{ seed: 'a', at: '2026-11-20T10:00:00.000Z', score: 0.9, earned: 9, possible: 10, passed: true }] },
      'quiz-anatomy-of-a-vm': {
        current: { seed: 'b', responses: {}, tries: { x: ['a'] }, position: 0, submitted: false, at: '2026-12-04T10:00:00.000Z' },
        history: [{ seed: 'c', at: '2026-12-03T10:00:00.000Z', score: 0.4, earned: 4, possible: 10, passed: false }],
      },
    },
  },
  'vcourse:labs': {
    version: 1,
    data: {
      student: { id: 's1', name: '' },
      labs: { 'expose-web-nat': { hash: 'h', seed: '0000abcd', startedAt: '2026-12-01T10:00:00.000Z', log: [{ t: 1, reset: true }], attempts: [], current: { at: '2026-12-02T10:00:00.000Z', earned: 1, possible: 4 } } },
      setAside: {},
    },
  },
};

test('P1, P2: the course home and the progress page sum up quizzes passed, labs complete and lessons read, and link to where the student left off; dates read "5 December 2026"', async ({ page }) => {
  await page.addInitScript((data) => {
    if (!sessionStorage.getItem('seeded')) {
      for (const [k, v] of Object.entries(data)) localStorage.setItem(k, JSON.stringify(v));
      sessionStorage.setItem('seeded', '1');
    }
  }, seeded);
  const w = watch(page);
  for (const path of ['/', '/progress/']) {
    await page.goto(path);
    const box = page.locator('[data-progress-overview]');
    await expect(box.locator('[data-count="quizzes"]')).toHaveText(/^1 of \d+ quizzes passed$/);
    await expect(box.locator('[data-count="labs"]')).toHaveText(/^0 of \d+ labs complete$/);
    await expect(box.locator('[data-count="lessons"]')).toHaveText(/^1 of \d+ lessons read$/);
    // The most recent unfinished activity is the quiz answered on 4 December, not the lab of 2 December.
    const link = box.getByRole('link', { name: 'Quiz 2: Anatomy of a virtual machine', exact: true });
    await expect(link).toHaveAttribute('href', '/quizzes/quiz-anatomy-of-a-vm/');
    await expect(box.locator('[data-resume]')).toContainText('Continue where you left off:');
  }
  // Per quiz: passed or not, judged by the pass mark.
  await expect(page.locator('[data-progress-quiz="quiz-virtualization-and-hypervisors"] [data-quiz-score]')).toHaveText('Passed · score 90%');
  await expect(page.locator('[data-progress-quiz="quiz-anatomy-of-a-vm"] [data-quiz-score]')).toHaveText('Not passed yet · score 40%');
  // One date format: the course's locale (en-GB by default).
  await expect(page.locator('html')).toHaveAttribute('data-date-locale', 'en-GB');
  await expect(page.locator('[data-progress-lesson="virtualization-and-hypervisors"] .read-state')).toHaveText('Read on 5 December 2026');
  const row = page.locator('[data-progress-quiz="quiz-anatomy-of-a-vm"]');
  await row.locator('summary').click();
  await expect(row.locator('tbody tr').first().locator('td').first()).toHaveText(/^3 December 2026(,| at) \d\d:\d\d$/);
  w.assertClean();
});
