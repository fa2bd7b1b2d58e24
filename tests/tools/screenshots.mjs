// Screenshots of every built page at desktop and phone widths in both themes, for looking at what we
// ship: `npm run build && npm run screenshots [filter]` → screenshots/*.png (not committed).
import { chromium } from '@playwright/test';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { spawn } from 'node:child_process';

const filter = process.argv[2] ?? '';
const fullPage = process.argv.includes('--full');
const pages = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) { if (!['_astro', 'pagefind'].includes(n)) walk(p); }
    else if (n === 'index.html') pages.push('/' + relative('dist', d).split(sep).join('/') + (d === 'dist' ? '' : '/'));
  }
};
walk('dist');
const server = spawn('node', ['tests/tools/serve.mjs', 'dist', '4499', '/'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 600));
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-sandbox'],
});
try {
  for (const path of pages.map((p) => p.replace('//', '/')).filter((p) => p.includes(filter))) {
    for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport });
        await page.addInitScript((t) => localStorage.setItem('vcourse:theme', t), theme);
        await page.goto(`http://127.0.0.1:4499${path}`, { waitUntil: 'networkidle' });
        const name = `${path.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home'}-${label}-${theme}.png`;
        await page.screenshot({ path: join('screenshots', name), fullPage });
        await page.close();
        console.log(name);
      }
    }
  }
} finally {
  await browser.close();
  server.kill();
}
