// `npm run export -- [--out <dir>] [--variants <n>] [--only <ids>]`. Two steps, no Astro:
//   1. Vite (with the Svelte plugin the site uses) builds the package scripts from src/lms/player:
//      one for quizzes and one per simulator for labs, each a single classic script (IIFE) and a
//      stylesheet, so a package runs from its own files in an LMS frame or from disk;
//   2. esbuild bundles the export command (src/lms/export/cli.ts), as src/lab/grade/run.mjs does,
//      and runs it with the players in hand. Relative paths are read from npm's INIT_CWD.
import { build as viteBuild } from 'vite';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SIMULATORS = ['network', 'sizing', 'snapshots', 'builder'];

/**
 * The modules a lab loads for one simulator only (all behind dynamic imports). A lab package for
 * one simulator gets an empty module in place of the others', so it does not carry, say, the
 * network graph library in a snapshot lab.
 */
const PER_SIMULATOR = {
  network: ['src/widgets/network/network.css', 'src/lab/sims/network.ts', 'src/widgets/network/NetworkLab.svelte', 'src/widgets/lab/sim-props.ts'],
  sizing: ['src/widgets/sizing/calculator.css', 'src/lab/sims/sizing.ts', 'src/widgets/sizing/SizingCalculator.svelte'],
  snapshots: ['src/widgets/snapshots/snapshots.css', 'src/lab/sims/snapshots.ts', 'src/widgets/snapshots/SnapshotSandbox.svelte', 'src/widgets/lab/target-tree.ts'],
  builder: ['src/widgets/builder/builder.css', 'src/lab/sims/builder.ts', 'src/widgets/builder/VmBuilder.svelte'],
};

function onlySimulator(simulator) {
  const others = new Set(
    Object.entries(PER_SIMULATOR)
      .filter(([sim]) => sim !== simulator)
      .flatMap(([, files]) => files.map((f) => join(root, f))),
  );
  return {
    name: 'course:only-one-simulator',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && others.has(r.id) ? '\0course-unused-simulator' : null;
    },
    load: (id) => (id === '\0course-unused-simulator' ? 'export default null;' : null),
  };
}

async function player(outDir, entry, name, extra = []) {
  await viteBuild({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'error',
    mode: 'production',
    plugins: [svelte({ preprocess: vitePreprocess(), configFile: false }), ...extra],
    build: {
      outDir: join(outDir, name),
      emptyOutDir: true,
      minify: true,
      cssCodeSplit: false,
      reportCompressedSize: false,
      lib: { entry: join(root, entry), formats: ['iife'], name: 'CoursePlayer', fileName: () => 'player.js', cssFileName: 'player' },
    },
  });
  const dir = join(outDir, name);
  return { js: readFileSync(join(dir, 'player.js'), 'utf8'), css: readFileSync(join(dir, 'player.css'), 'utf8') };
}

// Inside the project so the bundle's external imports (yaml, zod, fflate) resolve from node_modules.
const out = mkdtempSync(join(root, 'node_modules', '.course-export-'));
try {
  const argv = process.argv.slice(2);
  const outfile = join(out, 'export.mjs');
  await build({ entryPoints: [join(root, 'src/lms/export/cli.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile, logLevel: 'error', absWorkingDir: root });
  const { main, parseArgs } = await import(pathToFileURL(outfile).href);
  const args = parseArgs(argv);
  const stub = { js: '', css: '' };
  let players = { quiz: stub, lab: { network: stub, sizing: stub, snapshots: stub } };
  // Only a run that will write packages needs the players (a usage mistake is reported at once).
  if (args.ok && !args.help) {
    console.log('Building the package players (quiz, and a lab player per simulator)…');
    const lab = {};
    const quiz = await player(out, 'src/lms/player/quiz.ts', 'quiz');
    for (const sim of SIMULATORS) lab[sim] = await player(out, 'src/lms/player/lab.ts', `lab-${sim}`, [onlySimulator(sim)]);
    players = { quiz, lab };
  }
  process.exitCode = main(argv, {
    root,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    players,
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
