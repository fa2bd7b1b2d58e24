import { explainEvent, formatBytes, type LogEntry, type PowerState, type ServiceStatus, type TreeNode } from './engine';
import { LAB_OPENS_AT } from './clock';

/** Short words for the sandbox's labels; the engine's explain module writes the sentences. */

export const POWER_LABEL: Record<PowerState, string> = {
  running: 'Running',
  paused: 'Paused',
  saved: 'Saved (memory in a file)',
  poweroff: 'Powered off',
};

/** Where the guest's memory is in each power state: the question the lifecycle exercise asks. */
export const MEMORY_WHERE: Record<PowerState, string> = {
  running: 'in host RAM, in use',
  paused: 'in host RAM, frozen (the vCPUs are not scheduled)',
  saved: 'in a state file on the host disk (host RAM is free)',
  poweroff: 'none: nothing is running',
};

export const SERVICE_LABEL: Record<ServiceStatus, string> = {
  active: 'healthy (active)',
  failed: 'failed',
  inactive: 'not running',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "4 days ago". */
export function age(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h ago`;
  return `${Math.floor(ms / DAY)} days ago`;
}

/** A log time: the lab's clock (UTC, so every machine shows the same) or how long before it opened. */
export function when(at: number): string {
  if (at < LAB_OPENS_AT) return age(at, LAB_OPENS_AT);
  return new Date(at).toISOString().slice(11, 16);
}

const ACTION_TITLE: Record<string, string> = {
  take: 'Take a snapshot',
  restore: 'Restore a snapshot',
  deleteSnapshot: 'Delete a snapshot',
  editSnapshot: 'Rename a snapshot',
  setCurrent: 'Move the current snapshot',
  clone: 'Clone',
  template: 'Make a template',
  power: 'Power',
  configure: 'Change settings',
  guest: 'In the guest',
  loseBaseDisk: 'Disk failure',
  focus: 'Switch VM',
};

/** The preset's own history, as the sandbox's log shows it. */
export function historyFromLog(entry: LogEntry): { title: string; lines: string[] } {
  return { title: ACTION_TITLE[entry.action.code] ?? entry.action.code, lines: entry.events.map(explainEvent) };
}

/** The grey line under a node's name in the tree. */
export function nodeMeta(node: TreeNode, now: number): string {
  if (node.kind === 'current') {
    const changed = node.layerBytes > 0 ? `${formatBytes(node.layerBytes)} changed` : 'no changes yet';
    return `${POWER_LABEL[node.power].replace(/ \(.*\)/, '')} · ${changed}`;
  }
  const parts = [node.createdAt === null ? '' : age(node.createdAt, now)];
  if (node.hasMemory) parts.push('with RAM');
  if (node.uniqueBytes > 0) parts.push(`frees ${formatBytes(node.uniqueBytes)}`);
  return parts.filter((p) => p !== '').join(' · ');
}
