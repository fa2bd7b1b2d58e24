// `npm test`: every test the project has, in one command (CI runs exactly this).
//   1. type check   2. unit tests (vitest)   3. production builds: at the root, again (the same files,
//   byte for byte, with Svelte components from the compile cache) and under a sub-path
//   4. browser tests (Playwright driving the system Chromium against those builds)
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'Chromium for browser tests', cmd: 'node tests/tools/ensure-chromium.mjs' },
  { name: 'Type check (TypeScript, Astro, Svelte)', cmd: 'npm run check' },
  { name: 'Unit tests', cmd: 'vitest run' },
  { name: 'Production build', cmd: 'npm run build', gate: true },
  { name: 'Rebuild makes the same files', cmd: 'node tests/tools/same-build.mjs', gate: true },
  { name: 'Production build under /virt-course/', cmd: 'npm run build -- --outDir dist-base', env: { BASE_PATH: '/virt-course/' }, gate: true },
  { name: 'Browser tests', cmd: 'playwright test' },
];

const failed = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.cmd}`);
  const r = spawnSync(step.cmd, { stdio: 'inherit', shell: true, env: { ...process.env, ...step.env } });
  if (r.status !== 0) {
    failed.push(step.name);
    if (step.gate || step.name.startsWith('Chromium')) break;
  }
}
if (failed.length > 0) {
  console.error(`\n✗ Failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\n✓ All tests passed');
