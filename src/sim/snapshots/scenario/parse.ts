import { parseScenario } from '../../core/scenario';
import type { Result } from '../../core/issues';
import type { StepContext } from '../model/actions';
import type { LabState } from '../model/types';
import { createLab } from './create';
import { snapshotScenarioSchema, type SnapshotScenario } from './schema';

/** YAML or JSON text → a validated scenario, with issues naming the field (never throws). */
export function parseSnapshotScenario(text: string): Result<SnapshotScenario> {
  return parseScenario(text, snapshotScenarioSchema);
}

/** Text → a ready lab whose history happened before `ctx.now`. */
export function labFromText(text: string, ctx: StepContext): Result<LabState> {
  const parsed = parseSnapshotScenario(text);
  return parsed.ok ? createLab(parsed.value, ctx) : parsed;
}
