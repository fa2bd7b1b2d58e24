import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
// The minimal build: the one Astro and its MDX integration import, so the three share one lexer
// (one WebAssembly instance, about 17 MB once grown) instead of loading one each.
import { init as lexerReady, parse as lexModule } from 'es-module-lexer/minimal';
import type { Plugin } from 'vite';
import { escapeRegExp } from '../lib/regexp';

/**
 * Packages whose own minified ES module build goes to the browser as it is, in a file of its own
 * beside the site's chunks, instead of being bundled and minified again by every build.
 *
 * cytoscape (the network diagrams, imported lazily where one is drawn) is 1.1 MB of source: Rolldown
 * parsed and minified it on every build, first or not, into a chunk of the same size as the minified
 * build the package ships (`dist/cytoscape.esm.min.mjs`, made by cytoscape's own release from the same
 * source). Shipping that file instead made a 200-lesson build about 0.15 s faster and 15 MB smaller
 * with caches, 0.6 s faster without (issue 16); pages load one file as before, only on graph pages.
 *
 * Only the browser build (`astro build`'s client environment) is changed: the import resolves to a
 * relative `./<name>.<hash>.js`, the file is emitted under that name into the assets folder, where
 * every chunk that imports it lives, and its name carries a hash of its bytes, so a new version of the
 * package is a new file. The server build and `astro dev` import the package as usual.
 *
 * A file that imports anything cannot be shipped alone, and one that exports other names than the
 * package's entry would break its importers: either fails the build with a message naming the file.
 */
export function packageBuilds(builds: Record<string, string>): AstroIntegration {
  return {
    name: 'course:package-builds',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        updateConfig({ vite: { plugins: [packageBuildsPlugin(builds, config.build.assets)] } });
      },
    },
  };
}

/** The Vite plugin: `builds` maps a package name to its shipped build as the package exports it ("cytoscape/dist/cytoscape.esm.min.mjs"). */
export function packageBuildsPlugin(builds: Record<string, string>, assets: string): Plugin {
  const names = Object.keys(builds);
  /** Package name → the relative import the chunks get. */
  const shipped = new Map<string, string>();
  return {
    name: 'course:package-builds',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async buildStart() {
      await lexerReady;
      shipped.clear();
      for (const name of names) {
        const spec = builds[name]!;
        let file: string;
        let entry: string;
        try {
          // As the browser build imports them (the "import" condition of the packages' exports).
          file = fileURLToPath(import.meta.resolve(spec));
          entry = fileURLToPath(import.meta.resolve(name));
        } catch (e) {
          this.error(`[course:package-builds] cannot find ${spec} for ${name} (${(e as Error).message}); is the package installed, and does it export that file?`);
        }
        const source = readFileSync(file);
        const [imports] = lexModule(source.toString('utf8'));
        if (imports.length > 0) {
          this.error(`[course:package-builds] ${spec} imports ${imports.map((i) => i.n ?? '(an expression)').join(', ')}; only a file that imports nothing can be shipped as it is. Remove ${name} from packageBuilds in astro.config.mjs to bundle it.`);
        }
        const exportsOf = (code: string) => [...new Set(lexModule(code)[1].map((e) => e.n))].sort();
        const want = exportsOf(readFileSync(entry, 'utf8'));
        const have = exportsOf(source.toString('utf8'));
        if (want.join() !== have.join()) {
          this.error(`[course:package-builds] ${spec} exports ${have.join(', ') || 'nothing'} but ${name} exports ${want.join(', ') || 'nothing'}; its importers would break. Remove ${name} from packageBuilds in astro.config.mjs to bundle it.`);
        }
        const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
        const fileName = `${basename(file).replace(/\.[cm]?js$/, '')}.${hash}.js`;
        this.emitFile({ type: 'asset', fileName: `${assets}/${fileName}`, source });
        shipped.set(name, `./${fileName}`);
      }
    },
    resolveId: {
      filter: { id: new RegExp(`^(?:${names.map(escapeRegExp).join('|')})$`) },
      handler(id) {
        const file = shipped.get(id);
        return file ? { id: file, external: true } : null;
      },
    },
  };
}
