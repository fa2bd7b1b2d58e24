/**
 * The labs as they are now: every labs/*.yaml compiled with its preset from content/scenarios,
 * exactly as the build compiles them, so the version hash matches the one the site handed out.
 * Node only. A lab file that does not compile is kept as a message: its reports are flagged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLab, presetSources, type LabSources } from '../compile';
import { filesUnder } from '../../lib/content-check';
import { issueText } from '../run';
import type { CompiledLab } from '../schema';

export interface LabCatalog {
  labs: ReadonlyMap<string, CompiledLab>;
  /** Lab id (the file name) → why it does not compile. */
  broken: ReadonlyMap<string, string>;
}

/** Presets read from `<root>/content/scenarios/<simulator>/<name>.yaml`. */
export function labSources(root: string): LabSources {
  return presetSources(filesUnder(root));
}

export function catalogOf(labs: readonly CompiledLab[], broken: ReadonlyMap<string, string> = new Map()): LabCatalog {
  return { labs: new Map(labs.map((l) => [l.lab.id, l])), broken };
}

/** Throws only when `<root>/labs` cannot be read at all (the command is run from the wrong folder). */
export function loadLabs(root: string): LabCatalog {
  const files = readdirSync(join(root, 'labs')).filter((f) => /\.ya?ml$/.test(f)).sort();
  const sources = labSources(root);
  const labs: CompiledLab[] = [];
  const broken = new Map<string, string>();
  for (const f of files) {
    const source = `labs/${f}`;
    const r = compileLab(source, readFileSync(join(root, 'labs', f), 'utf8'), sources);
    if (r.ok) labs.push(r.value);
    else broken.set(f.replace(/\.ya?ml$/, ''), issueText(r.issues, source));
  }
  return catalogOf(labs, broken);
}

/** Points a lab is out of: the sum of its goals' points (they hold no variables). */
export const labPossible = (lab: CompiledLab): number => Math.round(lab.lab.goals.reduce((s, g) => s + g.points, 0) * 1000) / 1000;
