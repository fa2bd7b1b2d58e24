/**
 * The snapshot engine: a small guest VM, a snapshot tree with the rules of VirtualBox,
 * libvirt/QEMU or Proxmox VE, copy-on-write disk accounting, clones, and a console that speaks
 * VBoxManage, virsh, qm and a few guest commands. Everything is plain JSON and pure.
 *
 * Typical use:
 *   const lab = labFromText(yamlText, { now });          // or createLab(scenario, { now })
 *   const step = apply(lab.value, { type: 'take', vm: 'web', name: 'before-upgrade' }, { now });
 *   const out = runCommand(step.state, 'VBoxManage snapshot web list', { now });
 *   snapshotTree(out.state, 'web', now); guestSummary(out.state, 'web', now);
 */
export { apply, LOG_LIMIT, type StepResult } from './apply';
export { runCommand, prompt, type CommandResult } from './console/run';
export { helpLines } from './console/help';
export { HOST_PROMPT, misplaced, placeAfter, promptAt, type Place } from './console/place';
export { createLab } from './scenario/create';
export { labFromText, parseSnapshotScenario } from './scenario/parse';
export { snapshotScenarioSchema, parseSize, parseDuration, type SnapshotScenario } from './scenario/schema';
export { snapshotTree, flattenTree, type TreeNode, type SnapshotTreeView } from './queries/tree-view';
export { guestSummary, type GuestSummary, type PackageSummary, type ServiceSummary } from './queries/summary';
export { vmWarnings } from './queries/warnings';
export { readFile, listFiles } from './queries/files';
export { diskUsage, labPhysicalBytes, type DiskUsage, type DiskShare, type SnapshotUsage } from './disk/usage';
export { diskSummaries, imageBytes, type DiskSummary } from './queries/disks';
export { diskIndexOf } from './disk/layout';
export { snapshotView } from './disk/view';
export { findSnapshot, childrenOf, pathToRoot, chainLength, snapshotsInOrder } from './tree/tree';
export { getSnapshot, listSnapshots, snapshotCount } from './model/snapshot-store';
export { checkLab } from './model/invariants';
export { nameLimit } from './model/naming';
export { explainEvent, explainRefusal, explainWarning, explainServiceFailure, formatBytes, platformName } from './explain';
export { checkNginxConfig } from './guest/nginx-config';
export { PACKAGES, PACKAGE_NAMES } from './guest/catalog';
export type * from './model/types';
export type * from './model/actions';
export type { Refusal, RefusalCode, Warning, WarningCode } from './model/reasons';
