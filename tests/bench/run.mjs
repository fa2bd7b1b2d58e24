// Runs every tests/bench/*.bench.ts: bundles each with esbuild (TypeScript, extensionless imports)
// into a temporary folder and runs it with this Node. Prints figures; exits non-zero only if a
// benchmark crashes.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv[2];
const files = readdirSync('tests/bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
// Inside the project so the bundles' external imports (yaml, zod) resolve from node_modules.
const out = mkdtempSync(join(process.cwd(), 'node_modules', '.course-bench-'));
try {
  console.log(`Node ${process.version}, ${files.length} benchmark file(s)`);
  for (const file of files) {
    const outfile = join(out, file.replace(/\.ts$/, '.mjs'));
    await build({ entryPoints: [join('tests/bench', file)], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile, logLevel: 'error' });
    console.log(`\n== ${file}`);
    await import(pathToFileURL(outfile).href);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
