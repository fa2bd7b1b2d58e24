import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { escapeRegExp } from '../lib/regexp';

/**
 * Modules whose exports are data the build can compute: in the browser bundle each is replaced by
 * its values as JSON, so the code that computed them (a schema, zod, a parser) stays out of the
 * browser. Node (the build's own pages, tests, command-line tools) runs the module as written.
 * `modules` maps a file (relative to the project) to its exports, imported by astro.config.mjs,
 * which Astro loads through Vite, so they are computed once per build from the same source.
 * Every export must survive JSON: anything else fails the build naming the module and the export.
 */
export function prebuiltModules(modules: Record<string, Record<string, unknown>>): Plugin {
  const root = new URL('../../', import.meta.url);
  const byPath = new Map(Object.entries(modules).map(([file, exports]) => [fileURLToPath(new URL(file, root)), { file, exports }]));
  return {
    name: 'course:prebuilt-modules',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    load: {
      // Rolldown calls the hook only for these files (a filter is checked natively), not for every
      // module of the browser build.
      filter: { id: new RegExp(`^(?:${[...byPath.keys()].map(escapeRegExp).join('|')})(?:\\?|$)`) },
      handler(id) {
        const found = byPath.get(id.split('?')[0]!);
        if (!found) return null;
        const lines = Object.entries(found.exports).map(([name, value]) => {
          const json = JSON.stringify(value);
          if (json === undefined || JSON.stringify(JSON.parse(json)) !== json || !sameJson(value, JSON.parse(json))) {
            this.error(`${found.file} › ${name}: not plain JSON data, so it cannot be built into the browser bundle (keep it to strings, numbers, booleans, null, arrays and plain objects)`);
          }
          return `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(json)});`;
        });
        return lines.join('\n');
      },
    },
  };
}

/** Deep equality of a value with its JSON round trip (undefined fields, functions, dates and NaN differ). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
