import { InputError, formatIssue, knownList, closest, type Result } from '../sim/core';

/** Every preset scenario file under content/scenarios/<module>/<name>.yaml, as text, at build time. */
const files = import.meta.glob<string>('/content/scenarios/**/*.yaml', { query: '?raw', import: 'default', eager: true });

/**
 * Load and validate a preset for a widget at build time. A missing preset or an invalid file fails the
 * build with the file path and what to fix, never a broken widget on the page.
 */
export function loadPreset<T>(module: string, name: string, parse: (text: string) => Result<T>): T {
  const path = `/content/scenarios/${module}/${name}.yaml`;
  const text = files[path];
  if (text === undefined) {
    const known = Object.keys(files)
      .filter((f) => f.startsWith(`/content/scenarios/${module}/`))
      .map((f) => f.slice(`/content/scenarios/${module}/`.length, -'.yaml'.length));
    const guess = closest(name, known);
    throw new Error(
      formatIssue({ path: [], message: `no preset "${name}"`, hint: guess ? `Did you mean "${guess}"?` : knownList(known) }, `content/scenarios/${module}/`),
    );
  }
  const result = parse(text);
  if (!result.ok) throw new InputError(result.issues, path.slice(1));
  return result.value;
}
