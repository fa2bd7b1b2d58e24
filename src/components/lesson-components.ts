/**
 * Interactive widgets that lessons use without an import, by file name: every
 * `src/components/widgets/<Name>.astro` is available in MDX as `<Name … />`. Each wrapper renders a
 * WidgetFrame and a Svelte island that hydrates only when it scrolls into view.
 */
const modules = import.meta.glob<{ default: unknown }>('./widgets/*.astro', { eager: true });

export const lessonComponents: Record<string, unknown> = Object.fromEntries(
  Object.entries(modules).map(([path, mod]) => [path.slice('./widgets/'.length, -'.astro'.length), mod.default]),
);
