import { expect, test } from '@playwright/test';
import { ORIGIN } from '../../playwright.config';
import { readFileSync } from 'node:fs';
import { watch } from './helpers';

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
