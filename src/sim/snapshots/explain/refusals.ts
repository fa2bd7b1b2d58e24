import type { Refusal, RefusalCode } from '../model/reasons';
import type { Params } from '../model/types';
import { list, modeWord, num, plural, powerWord, quote, quotedList, str, suggestion } from './format';

const vm = (p: Params): string => quote(str(p, 'vm'));

/** Student-facing sentences for every refusal: what was refused, why, and what to do instead. */
const TEXT: Record<RefusalCode, (p: Params) => string> = {
  VM_NAME_INVALID: (p) =>
    str(p, 'reason') === 'empty'
      ? 'A VM needs a name.'
      : str(p, 'reason') === 'long'
        ? `VM names may be at most 64 characters long; ${quote(str(p, 'name').slice(0, 20))}… is longer. Pick a shorter name.`
        : `${quote(str(p, 'name'))} cannot be a VM name: names may not contain "/", "\\" or control characters, because the tools make a folder and files from them.`,
  SETTINGS_FILE_NOT_FOUND: (p) =>
    `There is no VM settings file ${quote(str(p, 'file'))} waiting to be registered.${list(p, 'known').length > 0 ? ` Unregistered: ${list(p, 'known').join(', ')}.` : ' Create one with "VBoxManage createvm --name NAME" (without --register).'}`,
  VM_LOCKED: (p) => `${vm(p)} is ${powerWord(p)}: power it off before you ${str(p, 'op') === 'unregister' ? 'remove it' : str(p, 'op')}.`,
  NETWORK_NOT_FOUND: (p) =>
    `The host has no ${networkKind(str(p, 'kind'))} called ${quote(str(p, 'network'))}.${list(p, 'known').length > 0 ? ` It has: ${list(p, 'known').join(', ')}.` : ''}`,
  NIC_NOT_PRESENT: (p) => `${vm(p)} has no network adapter ${num(p, 'slot')}. Enable it first (for example --nic${num(p, 'slot')} nat).`,
  FORWARD_NOT_FOUND: (p) =>
    `There is no port-forwarding rule called ${quote(str(p, 'name'))} on ${vm(p)}.${list(p, 'known').length > 0 ? ` Its rules: ${list(p, 'known').join(', ')}.` : ' It has no rules.'}`,
  FORWARD_EXISTS: (p) => `${vm(p)} already has a port-forwarding rule called ${quote(str(p, 'name'))}. Rule names must be unique: delete it first or pick another name.`,
  MEDIUM_NOT_FOUND: (p) =>
    `There is no disk image or ISO ${quote(str(p, 'file'))}.${list(p, 'known').length > 0 ? ` Known media: ${list(p, 'known').slice(0, 6).join(', ')}.` : ' Create a disk first (VBoxManage createmedium disk --filename FILE --size MB).'}`,
  MEDIUM_EXISTS: (p) => `${quote(str(p, 'file'))} already exists. Pick another file name, or attach the existing image.`,
  MEDIUM_WRONG_TYPE: (p) =>
    `${quote(str(p, 'file'))} is ${str(p, 'kind') === 'dvd' ? 'a DVD image' : 'a hard disk image'}, so it goes in ${str(p, 'kind') === 'dvd' ? 'a DVD drive (--type dvddrive)' : 'a hard disk slot (--type hdd)'}, not ${str(p, 'type') === 'hdd' ? 'a hard disk slot' : 'a DVD drive'}.`,
  DISK_IN_USE: (p) =>
    `${str(p, 'disk')} is already attached to ${quote(str(p, 'other'))}. A normal disk image belongs to one VM at a time: detach it there first, or clone it.`,
  CONTROLLER_NOT_FOUND: (p) =>
    `${vm(p)} has no storage controller called ${quote(str(p, 'controller'))}.${list(p, 'known').length > 0 ? ` Its controllers: ${list(p, 'known').join(', ')}.` : ' Add one first: VBoxManage storagectl VM --name SATA --add sata.'}`,
  CONTROLLER_EXISTS: (p) => `${vm(p)} already has a controller called ${quote(str(p, 'controller'))}. Controller names must be unique: pick another name.`,
  CONTROLLER_TYPE: (p) => `${quote(str(p, 'type'))} is not a ${str(p, 'bus').toUpperCase()} controller. Use one of: ${list(p, 'expected').join(', ')}.`,
  NOTHING_ATTACHED: (p) => `Nothing is attached to ${str(p, 'controller')} port ${num(p, 'port')}, device ${num(p, 'device')} of ${vm(p)}.`,
  HOTPLUG_UNSUPPORTED: (p) =>
    `${vm(p)} is running, and the ${quote(str(p, 'controller'))} controller cannot add or remove devices while it runs (only a DVD drive's disc can change). Power it off first.`,
  EMPTY_NEEDS_DVD: () => 'Only a DVD drive can be empty ("emptydrive"); a hard disk slot needs a disk image.',
  NOT_INSTALLING: (p) => `${vm(p)} is not running an installer. Attach an installer ISO to its DVD drive, put the DVD first in the boot order and start it.`,
  NO_DISK_FOR_INSTALL: (p) => `The installer on ${vm(p)} found no disk to install to. Create a disk and attach it (power the VM off first).`,
  MAXMEM_LIVE: (p) => `The maximum memory of a running domain cannot change. Use --config to change it for ${vm(p)}'s next start.`,
  ABOVE_MAXIMUM: (p) => `${str(p, 'field') === 'cpus' ? 'vCPUs' : 'Memory'} ${num(p, 'value')} is above ${vm(p)}'s maximum of ${num(p, 'max')}. Raise the maximum first (setmaxmem / setvcpus --maximum, with --config).`,
  AGENT_NOT_RUNNING: (p) =>
    str(p, 'platform') === 'libvirt'
      ? `No QEMU guest agent answers in ${vm(p)}. The domain needs the org.qemu.guest_agent.0 channel in its XML and the qemu-guest-agent service running in the guest (apt install qemu-guest-agent).`
      : `No QEMU guest agent answers in ${vm(p)}. It needs the agent option on (qm set VMID --agent 1, then a restart) and the qemu-guest-agent service running in the guest.`,
  UNKNOWN_VM: (p) => `There is no VM called ${quote(str(p, 'vm'))}.${suggestion(p)} ${str(p, 'known')}`.trim(),
  UNKNOWN_SNAPSHOT: (p) => `${vm(p)} has no snapshot called ${quote(str(p, 'snapshot'))}.${suggestion(p)} ${str(p, 'known')}`.trim(),
  NO_SNAPSHOTS: (p) => `${vm(p)} has no snapshots yet. Take one first.`,
  NO_CURRENT_SNAPSHOT: (p) => `${vm(p)} has no current snapshot, so "--current" points at nothing. Name the snapshot instead.`,
  NAME_EMPTY: () => 'A snapshot needs a name.',
  NAME_TAKEN: (p) =>
    `${vm(p)} already has a snapshot called ${quote(str(p, 'name'))}. On this platform snapshot names must be unique: pick another name or delete the old snapshot.`,
  NAME_RESERVED: (p) => `${quote(str(p, 'name'))} is reserved: Proxmox uses "current" for the live state of the VM. Pick another name.`,
  NAME_INVALID: (p) =>
    `${quote(str(p, 'name'))} is not a valid Proxmox snapshot name: it must start with a letter and use only letters, digits, "-" and "_" (at least two characters).`,
  UNIQUE_NAME_EXHAUSTED: (p) => `No free name could be made from ${quote(str(p, 'name'))}: all 500 numbered variants are taken.`,
  VM_NAME_TAKEN: (p) => `A VM called ${quote(str(p, 'name'))} already exists. Give the clone another name.`,
  VMID_TAKEN: (p) => `VM ID ${num(p, 'vmid')} is already in use. Pick a free ID for the clone.`,
  RESTORE_WHILE_RUNNING: (p) =>
    `VirtualBox will not restore a snapshot while ${vm(p)} is ${powerWord(p)}: restoring throws away the current state, and a running machine is using it. Power the VM off (or save its state) first, then restore.`,
  SNAPSHOT_HAS_CHILDREN: (p) =>
    `VirtualBox cannot delete ${quote(str(p, 'snapshot'))}: ${num(p, 'count')} snapshots are built on it, and its differencing image can only be merged into one child. Delete one of the branches first.`,
  CURRENT_SNAPSHOT_HAS_CHILD: (p) =>
    `VirtualBox cannot delete ${quote(str(p, 'snapshot'))}: it is the current snapshot and also has a child snapshot, so both the child and the current state are built on it. Delete the child first, or restore another snapshot.`,
  SNAPSHOT_HAS_LINKED_CLONES: (p) =>
    `${quote(str(p, 'snapshot'))} cannot be deleted: the linked clone${list(p, 'clones').length === 1 ? '' : 's'} ${quotedList(list(p, 'clones'))} read${list(p, 'clones').length === 1 ? 's' : ''} its disk through it. Delete the clones or make full clones instead.`,
  NOT_MOST_RECENT: (p) =>
    `On ZFS, Proxmox can only roll back to the most recent snapshot, and ${quotedList(list(p, 'newer'))} ${list(p, 'newer').length === 1 ? 'is' : 'are'} newer than ${quote(str(p, 'snapshot'))}. ZFS would have to destroy the newer snapshots to go back further, and Proxmox will not do that for you. Delete the newer snapshots first (or use storage such as qcow2 or LVM-thin, which can roll back to any snapshot).`,
  IS_TEMPLATE: (p) => `${vm(p)} is a template: templates are read-only and cannot ${templateVerb(str(p, 'op'))}. Clone it instead.`,
  TEMPLATE_HAS_SNAPSHOTS: (p) => `${vm(p)} has snapshots, and Proxmox only turns a VM without snapshots into a template. Delete its snapshots first.`,
  TEMPLATE_RUNNING: (p) => `${vm(p)} is running. Shut it down before turning it into a template.`,
  ALREADY_TEMPLATE: (p) => `${vm(p)} is already a template.`,
  BASE_DISK_LOST: (p) =>
    `The base disk of ${vm(p)} is gone. Every snapshot only stores the changes made on top of that disk, so none of them can bring the VM back: snapshots are not backups. Only a real backup (an export or a backup job stored elsewhere) would.`,
  ALREADY_RUNNING: (p) => `${vm(p)} is already ${powerWord(p)}.`,
  NOT_RUNNING: (p) => notRunningText(p),
  NOT_PAUSED: (p) => `${vm(p)} is ${powerWord(p)}, not paused, so there is nothing to resume.`,
  NOT_SAVED: (p) => `${vm(p)} has no saved state to discard (it is ${powerWord(p)}).`,
  VM_PAUSED: (p) => `${vm(p)} is paused: the guest cannot react to a ${opVerb(str(p, 'op'))} request. Resume it first.`,
  SETTINGS_LOCKED: (p) => `VirtualBox only changes the settings of a powered-off VM, and ${vm(p)} is ${powerWord(p)}. Power it off first.`,
  INVALID_SETTING: (p) =>
    `${settingName(str(p, 'field'))} must be a whole number from ${num(p, 'min')} to ${num(p, 'max')}, not ${str(p, 'value')}.`,
  NOTHING_TO_CHANGE: () => 'Nothing to change: give at least one new value.',
  LINKED_CLONE_NEEDS_SNAPSHOT: (p) =>
    `A linked clone shares its source's disk through a snapshot, so VirtualBox needs one: take a snapshot of ${vm(p)} and clone from it (--snapshot NAME --options link).`,
  LINKED_CLONE_NEEDS_TEMPLATE: (p) =>
    `Proxmox makes linked clones only from templates, because the shared disk must be read-only. Convert ${vm(p)} with "qm template" first, or make a full clone.`,
  FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED: (p) =>
    `Proxmox cannot copy a snapshot of a ZFS volume into a full clone (ZFS can only clone its current state). Roll back to ${quote(str(p, 'snapshot'))} and clone that, or use qcow2 or LVM-thin storage.`,
  CLONE_SOURCE_RUNNING: (p) => `virt-clone copies the disks of a VM that is shut off or paused, and ${vm(p)} is running. Shut it down or suspend it first.`,
  UNSUPPORTED_ON_PLATFORM: (p) => `${quote(str(p, 'op'))} is not available on ${platformName(str(p, 'platform'))}.`,
  GUEST_NOT_RUNNING: (p) => `${vm(p)} is ${powerWord(p)}, so there is no guest to run that command in. Start it first.`,
  GUEST_PANICKED: (p) =>
    str(p, 'reason') === 'INSTALLER'
      ? `${vm(p)} is running its installer, not an installed system, so no command can run in it yet. Finish the installation (sim install-os) first.`
      : str(p, 'reason') === 'NO_BOOTABLE_MEDIUM'
        ? `${vm(p)} found nothing to boot, so there is no guest to run commands in. Attach a disk with a system (or an installer ISO) and check the boot order.`
        : `${vm(p)} did not boot (kernel panic: no init program found), so no command can run in it. Restore a snapshot taken before the damage.`,
  FILE_NOT_FOUND: (p) => `There is no file or directory ${str(p, 'path')} in ${vm(p)}.`,
  IS_A_DIRECTORY: (p) => `${str(p, 'path')} is a directory. Use rm -r to remove a directory with everything in it.`,
  PRESERVE_ROOT: () =>
    'rm refuses to delete "/" recursively: that would erase the whole system. (It would take --no-preserve-root, which is exactly the moment a snapshot would save you.)',
  PACKAGE_UNKNOWN: (p) => `The repository has no package called ${quote(str(p, 'package'))}.${suggestion(p)}`,
  SERVICE_UNKNOWN: (p) => `There is no service ${quote(str(p, 'service'))} in ${vm(p)}: its package is not installed.`,
  SERVICE_NOT_ACTIVE: (p) => `${quote(str(p, 'service'))} is not running, so it cannot reload its config. Start it instead.`,
  UNKNOWN_DISK: (p) => `${vm(p)} has no disk ${quote(str(p, 'disk'))}. Its disks: ${list(p, 'known').join(', ')}.`,
  MEDIUM_LOCKED: (p) =>
    `${str(p, 'disk')} is in use by ${vm(p)}, which is ${powerWord(p)}: VirtualBox changes a disk's type only while no running VM holds it. Power the VM off first.`,
  MEDIUM_ATTACHED: (p) =>
    `VirtualBox makes a disk ${modeWord(str(p, 'to'))} only while it is attached to no VM (it then gives each VM its own differencing image on top). On a real host you would detach ${str(p, 'disk')} (storageattach … --medium none), change the type and attach it again; then attach it again.`,
  MEDIUM_HAS_CHILDREN: (p) =>
    `${str(p, 'disk')} has ${plural(num(p, 'count'), 'differencing image')} on top of it (${str(p, 'from') === 'normal' ? "its snapshots'" : `the ${modeWord(str(p, 'from'))} disk's own`}), and a ${modeWord(str(p, 'to'))} disk cannot have any: snapshots would lose track of it. Delete ${vm(p)}'s snapshots first${str(p, 'from') === 'normal' ? '' : ' and make the disk normal'}.`,
  MEDIUM_DIFFERENCING: (p) =>
    `${vm(p)} is a linked clone: its disks are differencing images on top of its source's, and VirtualBox cannot change the type of a differencing image.`,
  SHAREABLE_NEEDS_FIXED: (p) =>
    `Only a fixed-size image can be shareable, and ${str(p, 'disk')} grows as it is written (dynamically allocated). Make a fixed-size copy (VBoxManage clonemedium --variant Fixed) and share that.`,
  MEDIUM_READONLY: (p) => `Read-only is a type for DVD and floppy images; a hard disk such as ${str(p, 'disk')} cannot be read-only. For a disk that forgets its changes, VirtualBox has immutable.`,
  SNAPSHOT_LOCATION_MIXED: (p) =>
    `One libvirt snapshot cannot mix internal and external parts. A running ${vm(p)}'s memory goes inside the images (internal) unless you give --memspec, so an external disk needs --disk-only or --memspec.`,
  EXTERNAL_REQUIRED: (p) =>
    `A disk-only snapshot of a running domain must be external (QEMU cannot write an internal one while the guest runs on it), but disk ${str(p, 'disk')} was asked to be internal. Drop snapshot=internal, or leave out --disk-only.`,
  MEMORY_NEEDS_RUNNING: (p) =>
    p['diskOnly'] === true
      ? '--memspec saves the memory, and --disk-only says not to: choose one.'
      : `${vm(p)} is shut off, so it has no memory state to save: leave out --memspec.`,
  OVERLAY_EXISTS: (p) => `libvirt would create ${str(p, 'file')} for disk ${str(p, 'disk')}, and that file already exists. Give another file in --diskspec, or another snapshot name.`,
  REVERT_EXTERNAL_UNSUPPORTED: (p) =>
    `${quote(str(p, 'snapshot'))} is an external snapshot, and libvirt ${str(p, 'version')} cannot revert to external snapshots (libvirt ${str(p, 'since')} added that). On this release you would point the domain at the snapshot's backing file by hand, or upgrade.`,
  DELETE_EXTERNAL_UNSUPPORTED: (p) =>
    `libvirt ${str(p, 'version')} cannot delete external snapshots (${str(p, 'since')} added it). "--metadata" would only forget ${quote(str(p, 'snapshot'))} and leave its overlay files; merging them takes virsh blockcommit by hand.`,
  EXTERNAL_DELETE_RESTRICTED: (p) => externalDeleteText(p),
  INTERNAL_DISK_CHANGED: (p) =>
    `${quote(str(p, 'snapshot'))} is an internal snapshot inside an image that ${vm(p)} no longer writes to (an external snapshot put an overlay on top of disk ${str(p, 'disk')}). libvirt deletes it only while the domain is shut off.`,
  INVALID_ACTION: (p) => `That is not a valid ${str(p, 'type') ? `"${str(p, 'type')}" ` : ''}action: ${str(p, 'problem')}.`,
  NAME_TOO_LONG: (p) =>
    `A name of ${num(p, 'length')} characters is too long: ${platformName(str(p, 'platform'))} allows at most ${num(p, 'max')}${str(p, 'platform') === 'proxmox' ? ' (pve-snapshot-name)' : ''}. Pick a shorter name.`,
  INTERNAL_UNDER_EXTERNAL: (p) =>
    `${quote(str(p, 'snapshot'))} lives inside ${str(p, 'file')}, which external snapshot ${quote(str(p, 'external'))} has frozen as its backing file. Reverting inside it would change ${quote(str(p, 'external'))} too, so the simulator refuses (libvirt would try). Delete ${quote(str(p, 'external'))} first (if it is the current snapshot, revert to another one before), or revert to an external snapshot.`,
};

/** libvirt 9.0 deletes external snapshots, within limits (qemuSnapshotDeleteValidate). */
function externalDeleteText(p: Params): string {
  const snap = quote(str(p, 'snapshot'));
  switch (str(p, 'why')) {
    case 'children-external':
      return `libvirt cannot delete external snapshots together with others (--children or --children-only reach external ones under ${snap}). Delete them one at a time, leaves first.`;
    case 'children-mixed':
      return `libvirt cannot delete a mix of internal and external snapshots in one go (under ${snap}). Delete them one at a time, leaves first.`;
    case 'with-children':
      return `libvirt cannot delete the external snapshot ${snap} with --children. Delete its children first, then ${snap} on its own.`;
    case 'active-not-leaf':
      return `${snap} is the current snapshot and has children: libvirt only deletes an external snapshot that is a leaf or lies on the chain the VM runs on. Revert to one of its children first, or delete them.`;
    case 'outside-chain':
      return `${snap} has children and is not on the backing chain the VM runs on now, so there is no overlay to merge it into. Revert to its child first, or delete the children.`;
    case 'multiple-children':
      return `${snap} has ${num(p, 'count')} child snapshots: merging an external snapshot needs exactly one overlay on top of it. Delete a branch first.`;
    case 'internal-parent':
      return `${snap}'s parent ${quote(str(p, 'parent'))} is an internal snapshot, and libvirt does not merge an external snapshot into an image that holds internal ones.`;
    default:
      return `libvirt does not delete ${snap} this way.`;
  }
}

/**
 * Why a power operation needs a running VM, without giving the state as the reason it cannot be
 * reached ("powered off, so it cannot be powered off"): a VM already there is told so.
 */
const OP_LEADS_TO: Record<string, string> = { poweroff: 'poweroff', shutdown: 'poweroff', pause: 'paused', save: 'saved' };
function notRunningText(p: Params): string {
  const op = str(p, 'op');
  const power = str(p, 'power');
  if (OP_LEADS_TO[op] === power) {
    const next: Record<string, string> = {
      poweroff: `there is nothing to ${op === 'shutdown' ? 'shut down' : 'power off'}`,
      paused: 'resume it to carry on',
      saved: 'start it to carry on where it stopped',
    };
    return `${vm(p)} is already ${power === 'saved' ? 'saved (its memory is on disk)' : powerWord(p)}: ${next[power]}.`;
  }
  if (power === 'saved' && OP_LEADS_TO[op] === 'poweroff') {
    return `${vm(p)} is not running: its state is saved (its memory is on disk). Discard the saved state to turn it off for good, or start it to carry on where it stopped.`;
  }
  return `${vm(p)} is ${powerWord(p)}, so it cannot ${opVerb(op)}. ${power === 'paused' ? 'Resume' : 'Start'} it first.`;
}

function templateVerb(op: string): string {
  if (op === 'start') return 'be started';
  if (op === 'rollback') return 'be rolled back';
  return 'have snapshots';
}

function opVerb(op: string): string {
  const verbs: Record<string, string> = {
    shutdown: 'shut down',
    poweroff: 'be powered off',
    pause: 'be paused',
    save: 'save its state',
    reboot: 'reboot',
    reset: 'be reset',
  };
  return verbs[op] ?? op;
}

export function platformName(platform: string): string {
  return platform === 'virtualbox' ? 'VirtualBox' : platform === 'libvirt' ? 'libvirt/KVM' : platform === 'proxmox' ? 'Proxmox VE' : platform;
}

export function explainRefusal(r: Refusal): string {
  return TEXT[r.code](r.params);
}

/** Every refusal code, e.g. to check the codes a guided exercise (content/stories) waits for. */
export const REFUSAL_CODES = /* @__PURE__ */ Object.keys(TEXT) as RefusalCode[];

function settingName(field: string): string {
  const names: Record<string, string> = { cpus: 'CPU count', memoryMb: 'Memory (MB)', sockets: 'Sockets', vramMb: 'Video memory (MB)', boot: 'Boot slot', nic: 'Network adapter number', port: 'Port', device: 'Device', portcount: 'Port count', size: 'Disk size (MB)', vmid: 'VM ID' };
  return Object.hasOwn(names, field) ? names[field]! : field;
}

function networkKind(kind: string): string {
  return kind === 'hostonly' ? 'host-only interface' : kind === 'natnetwork' ? 'NAT network' : kind === 'bridged' ? 'interface to bridge to' : 'network';
}
