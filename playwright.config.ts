import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Browser tests run against production builds served locally: `dist/` at the root and
 * `dist-base/` built with BASE_PATH=/virt-course/ (tests/tools/test-all.mjs builds both).
 */
// E2E_PORT moves both servers (e.g. to run two checkouts' suites side by side).
export const PORT = Number(process.env.E2E_PORT ?? 4400);
export const BASE_PORT = PORT + 1;
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const SUB_PATH = '/virt-course/';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => typeof p === 'string' && existsSync(p),
);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e/summary-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu', '--no-sandbox'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    { command: `node tests/tools/serve.mjs dist ${PORT} /`, url: `http://127.0.0.1:${PORT}/`, reuseExistingServer: false },
    {
      command: `node tests/tools/serve.mjs dist-base ${BASE_PORT} ${SUB_PATH}`,
      url: `http://127.0.0.1:${BASE_PORT}${SUB_PATH}`,
      reuseExistingServer: false,
    },
  ],
});
