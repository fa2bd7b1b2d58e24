// `npm run grade -- <files or folders…> [--out <dir>]`: bundles the grading command (TypeScript,
// extensionless imports) with esbuild into a temporary folder under node_modules, like
// tests/bench/run.mjs, and runs it with this Node. Paths are read from the folder the command
// was typed in (npm's INIT_CWD); the labs from this project.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the project so the bundle's external imports (yaml, zod, marked) resolve from node_modules.
const out = mkdtempSync(join(root, 'node_modules', '.course-grade-'));
try {
  const outfile = join(out, 'grade.mjs');
  await build({ entryPoints: [join(root, 'src/lab/grade/cli.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile, logLevel: 'error', absWorkingDir: root });
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = main(process.argv.slice(2), {
    root,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
