import { ownValue } from '../../core/own';
import { closest } from '../../core/suggest';
import { blockContent } from '../disk/blocks';
import type { StepContext } from '../model/actions';
import { refusal, type Refusal } from '../model/reasons';
import type { LabState, SimEvent, Vm } from '../model/types';
import { GUEST_COMMANDS, guestCommand } from './guest-shell';
import { helpLines } from './help';
import { qm } from './qm';
import { hint, perform, printed, type Handled } from './session';
import { tokenize, type ParsedCommand } from './tokenize';
import { vboxmanage } from './vboxmanage';
import { virsh, virtClone } from './virsh';

export interface CommandResult {
  state: LabState;
  /** What the terminal shows, one string per line (plain text, never HTML). */
  output: string[];
  events: SimEvent[];
  /** The first refusal among the commands, for `explainRefusal`; null when nothing was refused. */
  refused: Refusal | null;
  /** The last command's exit status, as a shell would report it. */
  exitCode: number;
}

const HOST_TOOLS: Record<LabState['platform'], string[]> = {
  virtualbox: ['VBoxManage', 'vboxmanage'],
  libvirt: ['virsh', 'virt-clone'],
  proxmox: ['qm'],
};
const ALL_TOOLS = ['VBoxManage', 'vboxmanage', 'virsh', 'virt-clone', 'qm'];
const SHELL = ['help', 'ssh', 'sim', 'exit', 'logout', 'clear', 'sudo'];

/**
 * The console (SPEC K1): parses a typed line into the same actions as the widget buttons and
 * answers with the real tools' output. Never throws; unknown input gets the closest command.
 */
export function runCommand(state: LabState, line: string, ctx: StepContext): CommandResult {
  const empty: CommandResult = { state, output: [], events: [], refused: null, exitCode: 0 };
  if (line.trim() === '') return empty;
  const parsed = tokenize(line.trim());
  if (!parsed.ok) return { ...empty, output: [parsed.error], exitCode: 2 };
  let result = empty;
  for (const cmd of parsed.commands) {
    if (cmd.joiner === '&&' && result.exitCode !== 0) break;
    const h = runOne(result.state, cmd, ctx);
    result = {
      state: h.state,
      output: [...result.output, ...h.output],
      events: [...result.events, ...h.events],
      refused: result.refused ?? h.refused,
      exitCode: h.exitCode,
    };
  }
  return result;
}

function runOne(lab: LabState, cmd: ParsedCommand, ctx: StepContext): Handled {
  const words = cmd.words[0] === 'sudo' ? cmd.words.slice(1) : cmd.words;
  const [name, ...args] = words;
  if (name === undefined) return printed(lab, []);
  const command = { ...cmd, words };
  if (ALL_TOOLS.includes(name)) {
    if (!HOST_TOOLS[lab.platform].includes(name)) {
      return printed(lab, [`bash: ${name}: command not found`, hint(`this lab runs ${platformTool(lab)}`)], 127);
    }
    if (name === 'qm') return qm(lab, args, ctx);
    if (name === 'virsh') return virsh(lab, args, ctx);
    if (name === 'virt-clone') return virtClone(lab, args, ctx);
    return vboxmanage(lab, args, ctx);
  }
  switch (name) {
    case 'help':
      return printed(lab, helpLines(lab, args[0]));
    case 'exit':
    case 'logout':
    case 'clear':
      return printed(lab, []);
    case 'ssh':
      return ssh(lab, args, ctx);
    case 'sim':
      return sim(lab, args, ctx);
  }
  if (GUEST_COMMANDS.includes(name)) {
    const vm = ownValue(lab.vms, lab.console.vm)!;
    const gate = guestGate(lab, vm);
    return gate ?? guestCommand(lab, vm, command, ctx);
  }
  const candidates = [...HOST_TOOLS[lab.platform], ...GUEST_COMMANDS, ...SHELL];
  const near = closest(name, candidates);
  return printed(lab, [`bash: ${name}: command not found`, hint(near ? `did you mean "${near}"? Type "help" for the commands this lab knows.` : 'type "help" for the commands this lab knows.')], 127);
}

function platformTool(lab: LabState): string {
  return lab.platform === 'virtualbox' ? 'VirtualBox: use VBoxManage' : lab.platform === 'libvirt' ? 'libvirt/KVM: use virsh' : 'Proxmox VE: use qm';
}

function startHint(lab: LabState, vm: Vm): string {
  return lab.platform === 'virtualbox' ? `VBoxManage startvm ${vm.name} --type headless` : lab.platform === 'libvirt' ? `virsh start ${vm.name}` : `qm start ${vm.vmid}`;
}

/** Guest commands need the guest: a running, booted VM. Otherwise the "ssh session" fails. */
function guestGate(lab: LabState, vm: Vm): Handled | null {
  const fail = (lines: string[], r: Refusal, exit = 255): Handled => ({ state: lab, output: lines, events: [], refused: r, exitCode: exit });
  if (vm.power === 'paused') {
    return fail([`ssh: connect to host ${vm.name} port 22: Connection timed out`, hint(`${vm.name} is paused; resume it first`)], refusal('GUEST_NOT_RUNNING', { vm: vm.name, power: vm.power }));
  }
  if (vm.power !== 'running' || vm.runtime === null) {
    return fail(
      [`ssh: connect to host ${vm.name} port 22: Connection refused`, hint(`${vm.name} is ${vm.power === 'saved' ? 'in a saved state' : 'powered off'}; start it with: ${startHint(lab, vm)}`)],
      refusal('GUEST_NOT_RUNNING', { vm: vm.name, power: vm.power }),
    );
  }
  if (vm.runtime.panic) {
    return fail(
      ['Kernel panic - not syncing: No working init found.  Try passing init= option to kernel.', hint(`${vm.name} cannot boot; restore a snapshot taken before the damage`)],
      refusal('GUEST_PANICKED', { vm: vm.name, reason: vm.runtime.panic.code }),
    );
  }
  return null;
}

function ssh(lab: LabState, args: string[], ctx: StepContext): Handled {
  const target = args.find((a) => !a.startsWith('-'));
  if (!target) return printed(lab, ['usage: ssh [-p port] [user@]hostname'], 255);
  const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  const vm = ownValue(lab.vms, host);
  if (!vm) {
    const near = closest(host, Object.keys(lab.vms));
    return printed(lab, [`ssh: Could not resolve hostname ${host}: Name or service not known`, ...(near ? [hint(`did you mean "${near}"?`)] : [])], 255);
  }
  const moved = perform(lab, { type: 'focus', vm: vm.name }, ctx, { ok: () => [], refused: () => [] });
  const gate = guestGate(moved.state, vm);
  if (gate) return { ...gate, state: moved.state, events: moved.events };
  return { ...moved, output: [`Linux ${vm.name} 6.1.0-21-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03) x86_64`] };
}

function sim(lab: LabState, args: string[], ctx: StepContext): Handled {
  const [sub, vmName] = args;
  if (sub !== 'disk-failure') {
    return printed(lab, ['sim: simulator commands (not part of any real tool):', `  sim disk-failure VM   the storage holding VM's base disk fails`], sub ? 2 : 0);
  }
  const name = vmName ?? lab.console.vm;
  return perform(lab, { type: 'loseBaseDisk', vm: name }, ctx, {
    ok: (events) => {
      const lost = events.find((e) => e.code === 'BASE_DISK_LOST')!;
      const clones = Array.isArray(lost.params['clones']) ? lost.params['clones'] : [];
      return [`[sim] the disk holding ${name}'s base image failed.`, `[sim] ${String(lost.params['snapshots'])} snapshot(s) of ${name}${clones.length ? ` and linked clone(s) ${clones.join(', ')}` : ''} can no longer be used.`];
    },
    refused: () => [`sim: no VM called "${name}"`],
  });
}

/** The prompt to show before the next command: the guest's when it runs, the host's otherwise. */
export function prompt(lab: LabState): string {
  const vm = ownValue(lab.vms, lab.console.vm);
  if (vm && vm.power === 'running' && vm.runtime && !vm.runtime.panic) {
    const id = vm.disk.files['/etc/hostname'];
    const host = id ? blockContent(lab.store, id).trim() || vm.name : vm.name;
    return `root@${host}:~# `;
  }
  return 'student@host:~$ ';
}
