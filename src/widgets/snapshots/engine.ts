/**
 * What the snapshot sandbox uses from the engine, imported module by module so the browser
 * never loads the scenario loader (YAML stays at build time; presets arrive as plain JSON).
 */
export { apply } from '../../sim/snapshots/apply';
export { runCommand, prompt } from '../../sim/snapshots/console/run';
export { HOST_PROMPT, misplaced, placeAfter, promptAt, type Place } from '../../sim/snapshots/console/place';
export { snapshotTree, flattenTree, type TreeNode, type SnapshotTreeView } from '../../sim/snapshots/queries/tree-view';
export { guestSummary, type GuestSummary, type ServiceSummary, type PackageSummary } from '../../sim/snapshots/queries/summary';
export type { DiskSummary } from '../../sim/snapshots/queries/disks';
export { readFile, listFiles } from '../../sim/snapshots/queries/files';
export { explainEvent, explainRefusal, explainWarning, explainServiceFailure, formatBytes, platformName } from '../../sim/snapshots/explain';
export type { Action, PowerOp } from '../../sim/snapshots/model/actions';
export type { Refusal, RefusalCode, Warning } from '../../sim/snapshots/model/reasons';
export type { DiskMode, EventCode, LabState, LogEntry, Platform, PowerState, ServiceStatus, SimEvent } from '../../sim/snapshots/model/types';
export { modeWord } from '../../sim/snapshots/explain/format';
export { nameLimit } from '../../sim/snapshots/model/naming';
