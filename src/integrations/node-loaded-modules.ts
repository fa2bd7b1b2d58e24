import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { init as lexerReady, parse as lexModule } from 'es-module-lexer/minimal';
import type { Plugin } from 'vite';
import { extensionlessTypeScript } from './native-config.mjs';

/**
 * The prerender bundle imports the course's plain TypeScript from Node instead of bundling it: the
 * engines, the quiz and lab code and the schemas that the islands and pages use while pages are
 * rendered.
 *
 * The prerender bundle is the code `astro build` runs, in its own process, to write every page.
 * Node already loads these files in that process: astro.config.mjs imports them with Node's type
 * stripping (native-config.mjs). Bundling them again cost Rolldown memory and time in every build.
 * Measured at 200 lessons:
 * - rebuilds: a peak of 645–654 MB against 686–689 MB (2 pairs), in the same time;
 * - full renders (`COURSE_BUILD_CACHE=off`): 760 MB and 9.4 s against 880 MB and 10.2 s;
 * - the pages written were the same, byte for byte (all 547 files).
 *
 * A file is left to Node only if Node loads it as it is, and everything it imports as well:
 * - it is TypeScript under `src/` (not `.d.ts`, not a Svelte module `.svelte.ts`);
 * - it uses no `import.meta.env`, `import.meta.glob` or `import.meta.hot`, which only Vite provides,
 *   and no TypeScript that Node's type stripping refuses (an enum, say);
 * - every import is one of these:
 *   - a relative path to another file that qualifies (resolved as native-config.mjs resolves it:
 *     `<name>.ts`, then `<name>/index.ts`, or the path as written if it ends in `.ts`);
 *   - a `node:` built-in;
 *   - a package that Vite's server build itself imports from Node (it resolves as external), not
 *     one Vite bundles, such as Svelte or Astro.
 * Anything else, such as `astro:content`, a stylesheet, a `?raw` query or an import of a computed
 * name, keeps the file and everything that imports it in the bundle, as before.
 *
 * Only the `prerender` environment is changed: its bundle runs in the build's own process, beside
 * `src/`. The browser bundle, an on-demand server bundle (which runs elsewhere) and `astro dev` are
 * untouched. The import is a `file:` URL, so Node loads the source file itself.
 */
export function nodeLoadedModules(srcDir: URL): Plugin {
  const src = join(fileURLToPath(srcDir), sep);
  /** File → whether Node can load it and all it imports; made once per build. */
  let verdicts = new Map<string, boolean>();
  return {
    name: 'course:node-loaded-modules',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'prerender',
    async buildStart() {
      await lexerReady;
      verdicts = new Map();
    },
    resolveId: {
      // The course's own code imports its files by relative path.
      filter: { id: /^\.\.?\// },
      async handler(source, importer, options) {
        if (!importer) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (!resolved || resolved.external || !isCandidate(resolved.id, src)) return resolved;
        const isExternalPackage = async (specifier: string, from: string) => (await this.resolve(specifier, from, { skipSelf: true }))?.external === true;
        if (!(await nodeLoadable(resolved.id, src, verdicts, isExternalPackage))) return resolved;
        return { id: pathToFileURL(resolved.id).href, external: true };
      },
    },
  };
}

/** A file that might qualify: TypeScript under `src/`, not a declaration file or a Svelte module. */
function isCandidate(file: string, src: string): boolean {
  return file.startsWith(src) && file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.svelte.ts');
}

/**
 * TypeScript that Node's type stripping refuses: enums, namespaces and modules with a body, constructor
 * parameter properties, `import x =` and `export =`. tsconfig's erasableSyntaxOnly keeps them out of
 * `src/`; a file that has one anyway (or only seems to, in a comment or a string) stays in the bundle,
 * where Vite compiles it as before.
 */
const NOT_STRIPPABLE = /\b(?:enum|namespace|module)\s+[\w.'"]+\s*\{|\bconstructor\s*\([^)]*\b(?:public|private|protected|readonly|override)\s+[A-Za-z_$][\w$]*\s*[?:,)=]|\bimport\s+[A-Za-z_$][\w$]*\s*=(?!=)|\bexport\s*=(?!=)/;

/** What a file imports, as Node will resolve it (relative files) or hand it on (the rest), or null if Node cannot load the file as it is. */
function importsOf(file: string): { files: string[]; packages: string[] } | null {
  const code = readFileSync(file, 'utf8');
  if (/\bimport\.meta\.(?:env|glob|hot)\b/.test(code) || NOT_STRIPPABLE.test(code)) return null;
  let imports;
  try {
    [imports] = lexModule(code);
  } catch {
    return null;
  }
  const files: string[] = [];
  const packages: string[] = [];
  for (const entry of imports) {
    // `import.meta` (3), whose Vite-only parts were ruled out above.
    if (entry.t === 3) continue;
    const specifier = entry.n;
    // A dynamic import of a computed name: nothing to check it against.
    if (specifier === undefined) return null;
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const target = relativeFile(file, specifier);
      if (!target) return null;
      files.push(target);
    } else if (specifier.startsWith('node:')) {
      continue;
    } else if (/^[@\w]/.test(specifier) && !specifier.includes('?') && !/^(?:astro|virtual):/.test(specifier)) {
      packages.push(specifier);
    } else {
      return null;
    }
  }
  return { files, packages };
}

/** The file Node loads for a relative import (native-config.mjs adds `.ts` or `/index.ts` where the import has no extension). */
function relativeFile(from: string, specifier: string): string | null {
  const base = join(dirname(from), specifier);
  const extension = extname(specifier);
  if (extension) return extension === '.ts' && existsSync(base) ? base : null;
  return extensionlessTypeScript(base);
}

/**
 * Whether Node can load `file` and everything it imports. The files it reaches are judged together,
 * so an import cycle with one file that does not qualify keeps every file of the cycle in the bundle.
 */
export async function nodeLoadable(
  file: string,
  src: string,
  verdicts: Map<string, boolean>,
  isExternalPackage: (specifier: string, from: string) => Promise<boolean>,
): Promise<boolean> {
  const known = verdicts.get(file);
  if (known !== undefined) return known;
  /** Every file reached whose verdict is not known yet, with the files it imports (null: it cannot qualify). */
  const reached = new Map<string, string[] | null>();
  const queue = [file];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (reached.has(next) || verdicts.has(next)) continue;
    const found = isCandidate(next, src) ? importsOf(next) : null;
    let ok = found !== null;
    for (const specifier of found?.packages ?? []) {
      if (!ok) break;
      ok = await isExternalPackage(specifier, next);
    }
    reached.set(next, ok ? found!.files : null);
    if (ok) queue.push(...found!.files);
  }
  // A file qualifies while every file it imports does; drop those that do not until nothing changes.
  const loadable = (f: string): boolean => verdicts.get(f) ?? reached.get(f) != null;
  let changed = true;
  while (changed) {
    changed = false;
    for (const [f, files] of reached) {
      if (files && files.some((target) => !loadable(target))) {
        reached.set(f, null);
        changed = true;
      }
    }
  }
  for (const [f, files] of reached) verdicts.set(f, files !== null);
  return verdicts.get(file)!;
}
