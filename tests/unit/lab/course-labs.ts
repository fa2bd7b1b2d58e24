import { readFileSync, readdirSync } from 'node:fs';
import type { LabSources } from '../../../src/lab/compile';

/** The course's lab files and what compiling them reads (presets from content/scenarios, lesson ids), as the build gives them. */
export const labFiles = readdirSync('labs').filter((f) => f.endsWith('.yaml')).sort();

export function courseLabSources(lessons?: string[]): LabSources {
  return {
    preset: (sim, name) => {
      try {
        return readFileSync(`content/scenarios/${sim}/${name}.yaml`, 'utf8');
      } catch {
        return undefined;
      }
    },
    presetNames: (sim) => readdirSync(`content/scenarios/${sim}`).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)),
    ...(lessons ? { lessons } : {}),
  };
}
