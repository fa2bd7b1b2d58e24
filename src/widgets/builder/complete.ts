/**
 * Tab completion for the builder's host terminal, as bash-completion does it for VBoxManage, virsh
 * and qm: the word under the cursor is completed from what may stand there (a command, a
 * subcommand, a VM name or VMID, an option name or an option's value). Pure: the lab state and
 * the line in, the new line and the candidates out. It only suggests; the engine still decides.
 */
import type { LabState } from '../../sim/snapshots/model/types';
import { BOOT_DEVICES, BUSES, NIC_ATTACHMENTS } from '../../sim/machine/types';
import { OS_TYPES, PROXMOX_OSTYPES } from '../../sim/machine/ostypes';
import { MODIFYVM_OPTIONS } from '../../sim/snapshots/console/vbox-machine';
import { QM_OPTIONS } from '../../sim/snapshots/console/qm-machine';
import { GUEST_COMMANDS } from '../../sim/snapshots/console/guest-shell';

export interface Completion {
  /** The line with the word completed as far as every candidate agrees (unchanged when they do not). */
  line: string;
  /** Every word that fits, sorted; more than one means the student has to choose (shown below the prompt). */
  candidates: string[];
}

export const TOOLS: Record<LabState['platform'], string[]> = {
  virtualbox: ['VBoxManage'],
  libvirt: ['virsh', 'qemu-img', 'virt-clone'],
  proxmox: ['qm'],
};
const SHELL = ['help', 'sim', 'ssh', 'clear'];

/** The VBoxManage subcommands the console knows (a unit test checks each against the engine). */
export const VBOX_SUBCOMMANDS = [
  'createmedium', 'createvm', 'registervm', 'unregistervm', 'modifyvm', 'storagectl', 'storageattach', 'startvm', 'controlvm', 'showvminfo', 'list',
  'guestproperty', 'snapshot', 'clonevm', 'discardstate', 'modifymedium', 'showmediuminfo',
];
export const VIRSH_COMMANDS = [
  'define', 'create', 'undefine', 'start', 'shutdown', 'destroy', 'reboot', 'reset', 'suspend', 'resume', 'list', 'dominfo', 'domstate', 'dumpxml',
  'setmem', 'setmaxmem', 'setvcpus', 'domifaddr', 'net-list', 'net-dhcp-leases', 'attach-interface', 'detach-interface', 'domblklist', 'domblkinfo',
  'snapshot-create-as', 'snapshot-list', 'snapshot-revert', 'snapshot-delete', 'snapshot-current', 'snapshot-info', 'snapshot-parent', 'snapshot-dumpxml',
];
export const QM_COMMANDS = [
  'create', 'set', 'config', 'start', 'shutdown', 'stop', 'reboot', 'reset', 'suspend', 'resume', 'status', 'list', 'destroy', 'guest',
  'snapshot', 'listsnapshot', 'rollback', 'delsnapshot', 'clone', 'template',
];

/** VBoxManage subcommands whose first argument is a VM. */
const VBOX_TAKES_VM = ['unregistervm', 'modifyvm', 'storagectl', 'storageattach', 'startvm', 'controlvm', 'showvminfo', 'snapshot', 'clonevm', 'discardstate'];
const VBOX_OPTIONS: Record<string, string[]> = {
  createvm: ['--name', '--ostype', '--register', '--basefolder', '--uuid'],
  createmedium: ['--filename', '--size', '--format', '--variant'],
  modifyvm: MODIFYVM_OPTIONS.map((o) => `--${o}`),
  storagectl: ['--name', '--add', '--controller', '--portcount', '--bootable', '--remove'],
  storageattach: ['--storagectl', '--port', '--device', '--type', '--medium', '--mtype'],
  startvm: ['--type'],
  showvminfo: ['--machinereadable', '--details'],
  unregistervm: ['--delete'],
  clonevm: ['--name', '--snapshot', '--options', '--register'],
  modifymedium: ['--type'],
};
const VBOX_LIST = ['vms', 'runningvms', 'ostypes', 'hdds', 'dvds', 'hostonlyifs', 'natnetworks'];
const CONTROLVM = ['pause', 'resume', 'reset', 'poweroff', 'savestate', 'acpipowerbutton', ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`natpf${n}`, `setlinkstate${n}`])];
const SNAPSHOT = ['take', 'list', 'restore', 'restorecurrent', 'delete', 'edit', 'showvminfo'];
const ON_OFF = ['on', 'off'];

const VIRSH_NO_VM = ['define', 'create', 'list', 'net-list', 'net-dhcp-leases'];
const SIZE_FLAGS = ['--config', '--live', '--current'];
const VIRSH_OPTIONS: Record<string, string[]> = {
  list: ['--all', '--inactive', '--name'],
  undefine: ['--remove-all-storage', '--snapshots-metadata'],
  setmem: SIZE_FLAGS,
  setmaxmem: SIZE_FLAGS,
  setvcpus: [...SIZE_FLAGS, '--maximum'],
  domifaddr: ['--source', '--interface'],
  'attach-interface': ['--model', '--mac', '--config', '--live'],
  'detach-interface': ['--mac', '--config', '--live'],
  'snapshot-create-as': ['--disk-only', '--halt', '--diskspec', '--memspec', '--description'],
  'snapshot-list': ['--tree', '--parent', '--internal', '--external'],
  'snapshot-revert': ['--current', '--running', '--paused'],
  'snapshot-delete': ['--current', '--children', '--children-only'],
};
const QM_DRIVES = ['scsi0', 'scsi1', 'sata0', 'virtio0', 'ide0', 'ide2', 'net0', 'net1'];
const QM_CREATE_OPTIONS = [...QM_OPTIONS.filter((o) => o !== 'delete' && o !== 'purge'), ...QM_DRIVES].map((o) => `--${o}`);
const QM_OPTIONS_BY_COMMAND: Record<string, string[]> = {
  create: QM_CREATE_OPTIONS,
  set: [...QM_CREATE_OPTIONS, '--delete'],
  destroy: ['--purge'],
  snapshot: ['--description', '--vmstate'],
  rollback: ['--start'],
  clone: ['--name', '--full', '--snapname'],
};

/** Splits the text before the cursor into finished words and the word being typed (quotes kept in the word). */
function words(text: string): { done: string[]; current: string } {
  const out: string[] = [];
  let word = '';
  let quote: string | null = null;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === ' ' || ch === '\t') {
      if (started) out.push(word);
      word = '';
      started = false;
    } else if (ch === ';' || ch === '&' || ch === '|') {
      // A new command starts after a separator.
      out.length = 0;
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  return { done: out, current: word };
}

/** Option name in `--name` or `--name=value` form. */
const optionName = (w: string): string => (w.includes('=') ? w.slice(0, w.indexOf('=')) : w);

/** The values an option takes, where the set is known. */
function optionValues(lab: LabState, tool: string, sub: string, option: string, vmName: string): string[] | null {
  const media = [...lab.media.map((m) => m.location), ...lab.host.files.map((f) => f.path).filter((p) => /\.(iso|vdi|vmdk|qcow2|img)$/i.test(p))];
  if (tool === 'VBoxManage') {
    if (option === '--ostype') return OS_TYPES.map((o) => o.id);
    if (/^--boot[1-4]$/.test(option)) return [...BOOT_DEVICES];
    if (/^--nic[1-8]$/.test(option)) return [...NIC_ATTACHMENTS];
    if (/^--(ioapic|cableconnected[1-8]|nat-localhostreachable[1-8]|bootable)$/.test(option)) return ON_OFF;
    if (option === '--firmware') return ['bios', 'efi'];
    if (option === '--graphicscontroller') return ['vboxvga', 'vmsvga', 'vboxsvga', 'none'];
    if (option === '--add') return [...BUSES];
    if (option === '--controller') return ['PIIX4', 'PIIX3', 'ICH6', 'IntelAhci', 'LSILogic', 'LSILogicSAS', 'BusLogic', 'NVMe', 'VirtIO', 'I82078', 'USB'];
    if (option === '--type') return sub === 'startvm' ? ['headless', 'gui', 'separate'] : sub === 'storageattach' ? ['hdd', 'dvddrive', 'fdd'] : ['normal', 'writethrough', 'immutable', 'shareable', 'multiattach'];
    if (option === '--medium') return ['none', 'emptydrive', ...media];
    if (option === '--variant') return ['Standard', 'Fixed'];
    if (option === '--format') return ['VDI', 'VMDK', 'VHD'];
    if (option === '--storagectl') {
      return Object.hasOwn(lab.vms, vmName) ? lab.vms[vmName]!.hw.controllers.map((c) => c.name) : [];
    }
    if (/^--hostonlyadapter[1-8]$/.test(option)) return lab.host.hostOnly.map((h) => h.name);
    if (/^--bridgeadapter[1-8]$/.test(option)) return lab.host.interfaces;
    if (/^--nat-network[1-8]$/.test(option)) return lab.host.networks.map((n) => n.name);
    return null;
  }
  if (tool === 'virsh') {
    if (option === '--source') return ['lease', 'agent', 'arp'];
    if (option === '--model') return ['virtio', 'e1000', 'rtl8139'];
    return null;
  }
  if (tool === 'qm') {
    if (option === '--ostype') return [...PROXMOX_OSTYPES];
    if (option === '--bios') return ['seabios', 'ovmf'];
    if (option === '--agent' || option === '--onboot' || option === '--vmstate' || option === '--full' || option === '--start' || option === '--purge') return ['0', '1'];
    if (option === '--boot') return ['order=scsi0;ide2;net0'];
    if (/^--net\d$/.test(option)) return lab.host.interfaces.map((b) => `virtio,bridge=${b}`);
    if (/^--ide\d$/.test(option)) return [...lab.host.files.map((f) => f.path).filter((p) => p.includes(':iso/')).map((p) => `${p},media=cdrom`), 'none,media=cdrom'];
    if (/^--(scsi|sata|virtio)\d+$/.test(option)) return [`${lab.storageId}:32`];
    return null;
  }
  return null;
}

/** The VM a VBoxManage line is about: the first word after the subcommand that is not an option or its value. */
function vmOf(rest: readonly string[]): string {
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.startsWith('--')) {
      if (!w.includes('=')) i++;
      continue;
    }
    if (w !== 'get' && w !== 'enumerate') return w;
  }
  return '';
}

/** What may stand at the current word, given the words before it. */
function candidatesFor(lab: LabState, done: string[], current: string): string[] {
  const words = done[0] === 'sudo' ? done.slice(1) : done;
  const vms = Object.keys(lab.vms);
  const vmids = Object.values(lab.vms).map((v) => String(v.vmid));
  if (words.length === 0) {
    const guest = Object.hasOwn(lab.vms, lab.console.vm) && lab.vms[lab.console.vm]!.power === 'running' ? GUEST_COMMANDS : [];
    return [...TOOLS[lab.platform], ...SHELL, ...guest];
  }
  const [tool, sub, ...rest] = words;
  const previous = words[words.length - 1]!;
  if (tool === 'help') return words.length === 1 ? ['host', 'guest'] : [];
  if (tool === 'sim') return words.length === 1 ? ['install-os', 'disk-failure'] : words.length === 2 ? vms : [];
  if (tool === 'ssh') return words.length === 1 ? vms : [];
  if (!TOOLS[lab.platform].includes(tool!)) return [];

  if (tool === 'VBoxManage') {
    if (sub === undefined) return VBOX_SUBCOMMANDS;
    if (previous.startsWith('--') && !previous.includes('=')) {
      const values = optionValues(lab, tool, sub, previous, vmOf(rest));
      if (values !== null && !current.startsWith('--')) return values;
    }
    if (current.startsWith('-')) return VBOX_OPTIONS[sub] ?? [];
    if (sub === 'list') return rest.length === 0 ? VBOX_LIST : [];
    if (sub === 'createmedium') return rest.length === 0 ? ['disk', 'dvd', 'floppy'] : [];
    if (sub === 'guestproperty') return rest.length === 0 ? ['get', 'enumerate'] : rest.length === 1 ? vms : rest.length === 2 && rest[0] === 'get' ? ['/VirtualBox/GuestInfo/Net/0/V4/IP', '/VirtualBox/GuestInfo/Net/Count', '/VirtualBox/GuestInfo/OS/Product'] : [];
    if (sub === 'showmediuminfo' || sub === 'modifymedium') return rest.length === 0 ? ['disk', ...lab.media.map((m) => m.location)] : [];
    if (VBOX_TAKES_VM.includes(sub)) {
      if (rest.length === 0) return vms;
      if (sub === 'controlvm' && rest.length === 1) return CONTROLVM;
      if (sub === 'snapshot' && rest.length === 1) return SNAPSHOT;
      return [];
    }
    return [];
  }
  if (tool === 'virsh') {
    if (sub === undefined) return VIRSH_COMMANDS;
    if (previous.startsWith('--') && !current.startsWith('--')) {
      const values = optionValues(lab, tool, sub, previous, '');
      if (values !== null) return values;
    }
    if (current.startsWith('-')) return VIRSH_OPTIONS[sub] ?? [];
    if (sub === 'define' || sub === 'create') return rest.length === 0 ? lab.host.files.map((f) => f.path).filter((p) => p.endsWith('.xml')) : [];
    if (sub === 'net-dhcp-leases') return rest.length === 0 ? lab.host.networks.map((n) => n.name) : [];
    if (VIRSH_NO_VM.includes(sub)) return [];
    const positional = rest.filter((w) => !w.startsWith('-'));
    if (positional.length === 0) return vms;
    if (sub === 'attach-interface' && positional.length === 1) return ['network', 'bridge'];
    if (sub === 'attach-interface' && positional.length === 2) return positional[1] === 'bridge' ? lab.host.interfaces : lab.host.networks.map((n) => n.name);
    if (sub === 'detach-interface' && positional.length === 1) return ['network', 'bridge'];
    return [];
  }
  if (tool === 'qemu-img') {
    if (sub === undefined) return ['create'];
    if (previous === '-f') return ['qcow2', 'raw'];
    return current.startsWith('-') ? ['-f'] : [];
  }
  if (tool === 'virt-clone') return current.startsWith('-') ? ['--original', '--name', '--auto-clone'] : previous === '--original' ? vms : [];
  if (tool === 'qm') {
    if (sub === undefined) return QM_COMMANDS;
    if (previous.startsWith('--') && !current.startsWith('--')) {
      const values = optionValues(lab, tool, sub, previous, '');
      if (values !== null) return values;
    }
    if (current.startsWith('-')) return QM_OPTIONS_BY_COMMAND[sub] ?? [];
    if (sub === 'list') return [];
    if (sub === 'create') return rest.length === 0 ? [String(nextVmid(lab))] : [];
    if (rest.length === 0) return vmids;
    if (sub === 'guest' && rest.length === 1) return ['cmd'];
    if (sub === 'guest' && rest.length === 2) return ['network-get-interfaces', 'ping', 'get-osinfo'];
    return [];
  }
  return [];
}

function nextVmid(lab: LabState): number {
  const used = new Set(Object.values(lab.vms).map((v) => v.vmid));
  let id = 100;
  while (used.has(id)) id++;
  return id;
}

/** The longest text every candidate starts with. */
function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return '';
  let prefix = items[0]!;
  for (const s of items) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Quotes a completed word when it holds a space or a shell character (a VirtualBox path such as "/root/VirtualBox VMs/…"). */
function shellWord(word: string): string {
  return /[\s;&|'"]/.test(word) ? `"${word.replace(/"/g, '\\"')}"` : word;
}

/**
 * Completes the word before `cursor` (the end of the line by default). One candidate: the word is
 * replaced by it and a space follows; several: the word grows to their common prefix and they are
 * listed; none: the line stays.
 */
export function complete(lab: LabState, line: string, cursor: number = line.length): Completion {
  const before = line.slice(0, cursor);
  const after = line.slice(cursor);
  const { done, current } = words(before);
  // `--name=value`: complete the value after "=".
  const eq = current.startsWith('--') ? current.indexOf('=') : -1;
  const typed = eq >= 0 ? current.slice(eq + 1) : current;
  const pool = eq >= 0 ? (optionValuesFor(lab, done, optionName(current)) ?? []) : candidatesFor(lab, done, current);
  const matches = [...new Set(pool.filter((c) => c.startsWith(typed)))].sort((a, b) => a.localeCompare(b));
  if (matches.length === 0) return { line, candidates: [] };
  const start = before.length - rawLength(before, current) + (eq >= 0 ? eq + 1 : 0);
  const head = before.slice(0, start);
  if (matches.length === 1) {
    const word = shellWord(matches[0]!);
    const space = after.startsWith(' ') ? '' : ' ';
    return { line: `${head}${word}${space}${after}`, candidates: matches };
  }
  const prefix = commonPrefix(matches);
  return { line: prefix.length > typed.length && !/[\s;&|'"]/.test(prefix) ? `${head}${prefix}${after}` : line, candidates: matches };
}

function optionValuesFor(lab: LabState, done: string[], option: string): string[] | null {
  const words = done[0] === 'sudo' ? done.slice(1) : done;
  const [tool, sub] = words;
  if (!tool || !sub) return null;
  return optionValues(lab, tool, sub, option, vmOf(words.slice(2)));
}

/** How many characters of `before` the current word occupies (quotes included). */
function rawLength(before: string, current: string): number {
  if (current === '' && /[\s;&|]$/.test(before)) return 0;
  let i = before.length;
  let quote: string | null = null;
  while (i > 0) {
    const ch = before[i - 1]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ' ' || ch === '\t' || ch === ';' || ch === '&' || ch === '|') break;
    i--;
  }
  return before.length - i;
}
