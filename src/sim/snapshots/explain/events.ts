import type { EventCode, Params, SimEvent } from '../model/types';
import { formatBytes, list, modeWord, num, plural, powerWord, quote, quotedList, str } from './format';
import { explainServiceFailure } from './services';

const name = (p: Params): string => quote(str(p, 'name'));
const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);


/** One sentence per event, for the step log and for screen-reader announcements. */
const TEXT: Record<EventCode, (vm: string, p: Params) => string> = {
  BOOTED_INSTALLER: (vm, p) => `${vm} booted from the DVD: the ${str(p, 'system')} installer is running (sim install-os ${vm} runs it to the end).`,
  NO_BOOTABLE_MEDIUM: (vm) => `${vm} is running but found nothing to boot ("No bootable medium found! System halted."): no disk with a system, no installer disc.`,
  OS_INSTALLED: (vm, p) => `The installer put ${str(p, 'system')} on ${str(p, 'disk')} and restarted ${vm}.`,
  VM_CREATED: (vm, p) =>
    p['registered'] === false
      ? `Created ${vm} (${str(p, 'ostype')}): its settings file ${str(p, 'file')} exists, but it is not registered yet.`
      : `Created and registered ${vm} (${str(p, 'ostype')}).`,
  VM_REGISTERED: (vm) => `Registered ${vm}: the tool now lists it.`,
  VM_REMOVED: (vm, p) =>
    `Removed ${vm}${list(p, 'deleted').length > 0 ? ` and deleted ${list(p, 'deleted').join(', ')}` : ''}.`,
  HARDWARE_CHANGED: (vm, p) => `Changed ${list(p, 'fields').join(', ')} of ${vm}.`,
  NIC_CHANGED: (vm, p) =>
    p['removed'] === true ? `Removed network adapter ${num(p, 'slot')} of ${vm}.` : `Network adapter ${num(p, 'slot')} of ${vm} is now ${str(p, 'attachment')}${str(p, 'network') ? ` (${str(p, 'network')})` : ''}.`,
  FORWARD_CHANGED: (vm, p) =>
    str(p, 'op') === 'add'
      ? `Forwarding host port ${num(p, 'hostPort')} to port ${num(p, 'guestPort')} of ${vm} (rule ${quote(str(p, 'name'))}).`
      : `Deleted port-forwarding rule ${quote(str(p, 'name'))} of ${vm}.`,
  FORWARD_PORT_SHARED: (_vm, p) =>
    `Host port ${num(p, 'hostPort')} is already forwarded to ${str(p, 'other')} (rule ${quote(str(p, 'name'))}); only the VM that starts first can listen on it.`,
  MEDIUM_CREATED: (_vm, p) => `Created ${str(p, 'file')}: ${num(p, 'sizeMb')} MB, ${str(p, 'format')}, ${str(p, 'variant') === 'Fixed' ? 'fixed size' : 'dynamically allocated'}.`,
  CONTROLLER_CHANGED: (vm, p) =>
    str(p, 'op') === 'remove' ? `Removed controller ${quote(str(p, 'controller'))} from ${vm}.` : `${str(p, 'op') === 'add' ? 'Added' : 'Changed'} ${str(p, 'type')} controller ${quote(str(p, 'controller'))} of ${vm}.`,
  MEDIUM_ATTACHED: (vm, p) =>
    `Attached ${str(p, 'file') === 'emptydrive' ? 'an empty DVD drive' : str(p, 'file')} to ${vm} at ${str(p, 'controller')} port ${num(p, 'port')}, device ${num(p, 'device')}.`,
  MEDIUM_DETACHED: (vm, p) => `Removed the ${str(p, 'type') === 'hdd' ? 'disk' : 'DVD drive'} at ${str(p, 'controller')} port ${num(p, 'port')}, device ${num(p, 'device')} of ${vm}.`,
  SNAPSHOT_TAKEN: (vm, p) =>
    `Took ${str(p, 'location') ? `${str(p, 'location')} ` : ''}snapshot ${name(p)} of ${vm}${str(p, 'parent') ? ` on top of ${quote(str(p, 'parent'))}` : ''}${
      p['memory'] === true ? ', including the memory of the running VM' : ', disk and settings only'
    }. It costs no space yet: it shares every block with the current state.`,
  OVERLAY_CREATED: (vm, p) =>
    `${list(p, 'backing').join(', ')} ${list(p, 'backing').length === 1 ? 'is' : 'are'} now read-only backing ${list(p, 'backing').length === 1 ? 'file' : 'files'}; ${vm} writes to the new overlay ${list(p, 'files').join(', ')}.`,
  OVERLAY_DISCARDED: (vm, p) => `The overlay ${vm} was writing to (${list(p, 'files').join(', ')}) was deleted, and the changes in it with it.`,
  OVERLAY_MERGED: (_vm, p) => `The overlay ${list(p, 'files').join(', ')} was merged down into ${list(p, 'into').join(', ')} (a block commit) and removed from the backing chain.`,
  DIRECT_DISKS_KEPT: (vm, p) => {
    const disks = list(p, 'disks').map((d, i) => `the ${modeWord(list(p, 'modes')[i] ?? '')} disk at ${d}`);
    return str(p, 'op') === 'take'
      ? `The snapshot leaves out ${disks.join(' and ')} of ${vm}: snapshots never capture write-through or shareable disks.`
      : `${upperFirst(disks.join(' and '))} kept ${disks.length === 1 ? 'its' : 'their'} current data: a restore does not change a disk that snapshots leave out.`;
  },
  IMMUTABLE_RESET: (vm, p) =>
    `${vm} powered on with its immutable ${list(p, 'disks').length === 1 ? 'disk' : 'disks'} ${list(p, 'disks').join(', ')} reset: ${plural(num(p, 'paths'), 'change')} written since ${list(p, 'disks').length === 1 ? 'it was' : 'they were'} last reset ${num(p, 'paths') === 1 ? 'was' : 'were'} discarded.`,
  DISK_MODE_CHANGED: (vm, p) => `${str(p, 'disk')} (${str(p, 'mount')}) of ${vm} is now ${modeWord(str(p, 'to'))} instead of ${modeWord(str(p, 'from'))}.`,
  VM_PAUSED_FOR_SNAPSHOT: (vm) => `${vm} was paused while the snapshot was taken (VBoxManage does this unless --live).`,
  VM_RESUMED_AFTER_SNAPSHOT: (vm) => `${vm} resumed.`,
  VM_HALTED_AFTER_SNAPSHOT: (vm) => `${vm} was stopped after the snapshot (--halt).`,
  SNAPSHOT_RESTORED: (vm, p) =>
    `${vm} is back at snapshot ${name(p)}: disk and settings as they were${p['memory'] === true ? ', memory too' : ''}. It is now ${powerWord(p)}, and the next snapshot will start a new branch from here.`,
  CURRENT_STATE_DISCARDED: (vm, p) => {
    const lost = [
      ...(num(p, 'paths') > 0 ? [`${plural(num(p, 'paths'), 'changed file')} (${formatBytes(num(p, 'bytes'))})`] : []),
      ...(p['memory'] === true ? ['the contents of its memory'] : []),
    ];
    return `The current state of ${vm} was thrown away${lost.length > 0 ? `: ${lost.join(' and ')}` : ''}.`;
  },
  VM_STOPPED_FOR_ROLLBACK: (vm) => `Proxmox stopped ${vm} to roll it back.`,
  SNAPSHOT_DELETED: (vm, p) => `Deleted snapshot ${name(p)} of ${vm}; ${formatBytes(num(p, 'freedBytes'))} freed. The current state did not change.`,
  SNAPSHOT_MERGED: (_vm, p) => `Its changes were merged into ${quotedList(list(p, 'into'))}.`,
  CHILDREN_REPARENTED: (_vm, p) =>
    `${quotedList(list(p, 'children'))} now hang${list(p, 'children').length === 1 ? 's' : ''} under ${str(p, 'parent') ? quote(str(p, 'parent')) : 'the base disk'}.`,
  CURRENT_SNAPSHOT_CHANGED: (vm, p) =>
    `The current snapshot of ${vm} is now ${str(p, 'to') ? quote(str(p, 'to')) : 'none (the base disk)'}${str(p, 'from') ? ` instead of ${quote(str(p, 'from'))}` : ''}.`,
  SNAPSHOT_EDITED: (vm, p) => `Snapshot ${quote(str(p, 'from'))} of ${vm} is now called ${name(p)}.`,
  VM_CLONED: (vm, p) =>
    str(p, 'mode') === 'linked'
      ? `Made linked clone ${quote(str(p, 'clone'))} of ${vm}${str(p, 'snapshot') ? ` from snapshot ${quote(str(p, 'snapshot'))}` : ''}: it reads ${formatBytes(num(p, 'sharedBytes'))} through the source and owns nothing yet.`
      : `Made full clone ${quote(str(p, 'clone'))} of ${vm}${str(p, 'snapshot') ? ` from snapshot ${quote(str(p, 'snapshot'))}` : ''}: ${formatBytes(num(p, 'bytes'))} copied into an independent disk.`,
  TEMPLATE_CREATED: (vm) => `${vm} is now a read-only template: linked clones can share its disk.`,
  POWER_CHANGED: (vm, p) => `${vm} went from ${powerWord(p, 'from')} to ${powerWord(p, 'to')}.`,
  VM_BOOTED: (vm, p) =>
    `${vm} booted.${list(p, 'active').length > 0 ? ` Running: ${list(p, 'active').join(', ')}.` : ''}${
      list(p, 'failed').length > 0 ? ` Failed: ${list(p, 'failed').join(', ')}.` : ''
    }`,
  KERNEL_PANIC: (vm) => `${vm} could not boot: kernel panic, no init program found.`,
  SETTINGS_CHANGED: (vm, p) => `${vm} now has ${num(p, 'memoryMb')} MB of memory and ${plural(num(p, 'cpus'), 'CPU')}.`,
  SETTINGS_PENDING: (vm) => `${vm} is running: the guest sees the new settings after its next full power cycle.`,
  FILE_WRITTEN: (vm, p) => `Wrote ${str(p, 'path')} in ${vm} (${formatBytes(num(p, 'bytes'))}).`,
  PATHS_REMOVED: (vm, p) => `Removed ${str(p, 'path')} from ${vm} (${plural(num(p, 'count'), 'file')}).`,
  PACKAGE_INSTALLED: (vm, p) => `Installed ${str(p, 'package')} ${str(p, 'version')} in ${vm}.`,
  PACKAGE_REMOVED: (vm, p) => `${p['purge'] === true ? 'Purged' : 'Removed'} ${str(p, 'package')} ${str(p, 'version')} from ${vm}.`,
  PACKAGE_UPGRADED: (vm, p) => `Upgraded ${str(p, 'package')} from ${str(p, 'from')} to ${str(p, 'to')} in ${vm}.`,
  SERVICE_STARTED: (vm, p) => `${str(p, 'service')} is running in ${vm}.`,
  SERVICE_FAILED: (vm, p) => `${str(p, 'service')} failed to start in ${vm}. ${explainServiceFailure({ code: str(p, 'reason'), params: p })}`,
  SERVICE_STOPPED: (vm, p) => `${str(p, 'service')} stopped in ${vm}.`,
  SERVICE_RELOADED: (vm, p) => `${str(p, 'service')} reloaded its config in ${vm}.`,
  SERVICE_RELOAD_FAILED: (vm, p) =>
    `${str(p, 'service')} rejected the new config and keeps running the old one in ${vm}. ${explainServiceFailure({ code: str(p, 'reason'), params: p })}`,
  SERVICE_ENABLED: (vm, p) => `${str(p, 'service')} will start at boot in ${vm}.`,
  SERVICE_DISABLED: (vm, p) => `${str(p, 'service')} will no longer start at boot in ${vm}.`,
  BASE_DISK_LOST: (vm, p) =>
    `The disk holding the base image of ${vm} failed. All ${plural(num(p, 'snapshots'), 'snapshot')} went with it${
      list(p, 'clones').length > 0 ? `, and so did the linked clone${list(p, 'clones').length === 1 ? '' : 's'} ${quotedList(list(p, 'clones'))}` : ''
    }: snapshots are not backups.`,
  CONSOLE_FOCUSED: (vm) => `Guest commands now run in ${vm}.`,
};

export function explainEvent(e: SimEvent): string {
  return TEXT[e.code](e.vm, e.params);
}

/** Every event code, e.g. to check the codes a guided exercise (content/stories) waits for. */
export const EVENT_CODES = /* @__PURE__ */ Object.keys(TEXT) as EventCode[];
