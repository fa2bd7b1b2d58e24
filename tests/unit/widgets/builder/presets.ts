import { readFileSync } from 'node:fs';
import { labFromText, runCommand, type LabState } from '../../../../src/sim/snapshots';

/** What the builder widget's tests start from: a preset of content/scenarios/snapshots, and commands run on it a minute apart. */
export const NOW = Date.UTC(2026, 10, 19, 18, 0, 0);

export function loadPreset(name: string): LabState {
  const r = labFromText(readFileSync(`content/scenarios/snapshots/${name}.yaml`, 'utf8'), { now: NOW });
  if (!r.ok) throw new Error(name);
  return r.value;
}

/** Runs `lines` in order, the first `firstMinute` minutes after NOW; a refused line throws with its output. */
export function runLines(lab: LabState, lines: string[], firstMinute = 0): LabState {
  return lines.reduce((s, line, i) => {
    const r = runCommand(s, line, { now: NOW + (firstMinute + i) * 60_000 });
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.output.join(' ')}`);
    return r.state;
  }, lab);
}
