import { knownList, closest, type Result } from '../sim/core';
import { ContentError } from './content-error';

/** Every preset scenario file under content/scenarios/<module>/<name>.yaml, as text, at build time. */
const files = import.meta.glob<string>('/content/scenarios/**/*.yaml', { query: '?raw', import: 'default', eager: true });

/** The preset names of one simulator (`content/scenarios/<module>/*.yaml`), for did-you-mean checks. */
export function presetNames(module: string): string[] {
  const folder = `/content/scenarios/${module}/`;
  return Object.keys(files)
    .filter((f) => f.startsWith(folder))
    .map((f) => f.slice(folder.length, -'.yaml'.length));
}

/**
 * Load and validate a preset for a widget at build time. A missing preset or an invalid file fails the
 * build with the file path and what to fix, never a broken widget on the page.
 */
export function loadPreset<T>(module: string, name: string, parse: (text: string) => Result<T>): T {
  const path = `/content/scenarios/${module}/${name}.yaml`;
  const text = files[path];
  if (text === undefined) {
    const known = presetNames(module);
    const guess = closest(name, known);
    throw ContentError.of([{ path: [], message: `no preset "${name}"`, hint: guess ? `Did you mean "${guess}"?` : knownList(known) }], `content/scenarios/${module}/`);
  }
  const result = parse(text);
  if (!result.ok) throw ContentError.of(result.issues, path.slice(1));
  return result.value;
}
