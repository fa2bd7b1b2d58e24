/**
 * Interactive widgets that lessons may use without an import, by name (e.g. `<SizingCalculator
 * preset="…" />`). Each entry is an Astro wrapper that hydrates its Svelte island only when visible.
 */
export const lessonComponents: Record<string, unknown> = {};
