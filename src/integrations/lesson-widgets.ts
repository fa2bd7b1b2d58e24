import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Interactive widgets that lessons use without an import, by file name: every
 * `src/components/widgets/<Name>.astro` is available in MDX as `<Name … />`. Each wrapper renders a
 * WidgetFrame and a Svelte island that hydrates only when it scrolls into view.
 *
 * This plugin writes the import into each MDX file that uses a widget, rather than the lesson page
 * handing every widget to every lesson: Astro links the styles a content entry imports (a widget's
 * own stylesheet, its Svelte components' styles) only on the pages that render that entry, so a text
 * lesson gets the base stylesheet alone. (A text transform before the MDX compiler, because Astro's
 * default Markdown processor, satteri, does not run remark plugins.)
 */
const widgetsDir = new URL('../components/widgets/', import.meta.url);

export const lessonWidgets: readonly string[] = readdirSync(widgetsDir)
  .filter((f) => f.endsWith('.astro'))
  .map((f) => f.slice(0, -'.astro'.length))
  .sort();

/** The import lines an MDX source needs for the widgets it uses and does not import itself. */
export function widgetImports(source: string): string {
  return lessonWidgets
    .filter((name) => new RegExp(`<${name}[\\s/>]`).test(source) && !new RegExp(`^import\\s+${name}\\b`, 'm').test(source))
    .map((name) => `import ${name} from ${JSON.stringify(fileURLToPath(new URL(`${name}.astro`, widgetsDir)))};\n`)
    .join('');
}

/** Inserts them after the frontmatter (or at the top), keeping line numbers of the text after it for everything but the frontmatter fence. */
export function withWidgetImports(source: string): string {
  const imports = widgetImports(source);
  if (!imports) return source;
  const fence = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  const at = fence ? fence[0].length : 0;
  return `${source.slice(0, at)}${imports}${source.slice(at)}`;
}

export function lessonWidgetImports(): Plugin {
  return {
    name: 'course:lesson-widget-imports',
    enforce: 'pre',
    transform: {
      // Before @astrojs/mdx compiles the file.
      order: 'pre',
      filter: { id: /\.mdx(?:$|\?)/ },
      handler(code) {
        const next = withWidgetImports(code);
        return next === code ? null : { code: next, map: null };
      },
    },
  };
}
