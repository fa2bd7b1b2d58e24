import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { BASE_PORT, SUB_PATH } from '../../playwright.config';
import { builtPages, watch } from './helpers';

const origin = `http://127.0.0.1:${BASE_PORT}`;

test('the site built under a sub-path keeps every internal link and asset inside it', async ({ page }) => {
  const pages = builtPages('dist-base');
  expect(pages.length).toBeGreaterThan(3);
  const outside: string[] = [];
  for (const path of pages) {
    const w = watch(page, { allow404: path === '/404.html' });
    await page.goto(`${origin}${SUB_PATH}${path.slice(1)}`);
    const refs = await page.$$eval('a[href], link[href], script[src]', (els) =>
      els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
    );
    for (const r of refs) if (r.startsWith('/') && !r.startsWith(SUB_PATH)) outside.push(`${path}: ${r}`);
    w.assertClean();
  }
  expect(outside).toEqual([]);
});

test('under a sub-path, navigation and search work', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${origin}${SUB_PATH}`);
  await page.locator('.card-title a').first().click();
  await expect(page).toHaveURL(new RegExp(`${SUB_PATH}lessons/`));
  // The URL changes when the navigation commits; the page's script (which opens the search) has run
  // once the document is parsed. A click before that does nothing (seen on a loaded machine).
  await page.waitForLoadState('domcontentloaded');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await dialog.locator('input').first().fill('hypervisor');
  const link = dialog.locator('.pagefind-ui__result-link').first();
  await expect(link).toBeVisible();
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^${SUB_PATH}`));
  await link.click();
  await expect(page.locator('article h1')).toBeVisible();
  w.assertClean();
});

test('npm run preview after the sub-path build serves it under the sub-path', async ({ page }) => {
  // `astro preview` as `npm run preview` runs it, on its own port, over the dist-base/ build.
  const port = BASE_PORT + 1;
  const preview = spawn(resolve('node_modules/.bin/astro'), ['preview', '--outDir', 'dist-base', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: undefined },
    stdio: 'pipe',
  });
  let log = '';
  preview.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  preview.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    const previewOrigin = `http://127.0.0.1:${port}`;
    await expect.poll(() => fetch(`${previewOrigin}${SUB_PATH}`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    expect(log).toContain(`${previewOrigin}${SUB_PATH}`);
    const w = watch(page);
    await page.goto(`${previewOrigin}${SUB_PATH}`);
    await page.locator('.card-title a').first().click();
    await expect(page).toHaveURL(new RegExp(`^${previewOrigin}${SUB_PATH}lessons/`));
    await expect(page.locator('article h1')).toBeVisible();
    w.assertClean();
  } finally {
    preview.kill();
  }
});
