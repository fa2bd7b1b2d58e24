import { ownValue } from '../../core/own';
import { closest } from '../../core/suggest';
import { blockContent } from '../disk/blocks';
import { explainRefusal } from '../explain';
import { networkLink } from '../../machine/link';
import type { ConsoleVia, StepContext } from '../model/actions';
import { refusal, type Refusal } from '../model/reasons';
import type { LabState, SimEvent, Vm } from '../model/types';
import { GUEST_COMMANDS, guestCommand } from './guest-shell';
import { helpLines } from './help';
import { qm } from './qm';
import { hint, perform, printed, type Handled } from './session';
import { tokenize, type ParsedCommand } from './tokenize';
import { vboxmanage } from './vboxmanage';
import { virsh, virtClone } from './virsh';
import { qemuImg } from './virsh-machine';

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
  libvirt: ['virsh', 'virt-clone', 'qemu-img'],
  proxmox: ['qm'],
};
const ALL_TOOLS = ['VBoxManage', 'vboxmanage', 'virsh', 'virt-clone', 'qemu-img', 'qm'];
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
    if (name === 'qemu-img') return qemuImg(lab, args, ctx);
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
    const vm = ownValue(lab.vms, lab.console.vm);
    if (!vm) {
      return printed(lab, [`bash: ${name}: command not found`, hint('this host runs no guest yet: create and start a VM, then ssh into it')], 127);
    }
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
  if (vm.runtime.panic?.code === 'INSTALLER') {
    return fail(
      [`ssh: connect to host ${vm.name} port 22: Connection refused`, hint(`${vm.name} is running the installer from ${String(vm.runtime.panic.params['iso'] ?? 'its DVD')}, not an installed system; sim install-os ${vm.name} finishes it`)],
      refusal('GUEST_PANICKED', { vm: vm.name, reason: 'INSTALLER' }),
    );
  }
  if (vm.runtime.panic?.code === 'NO_BOOTABLE_MEDIUM') {
    return fail(
      [`ssh: connect to host ${vm.name} port 22: No route to host`, hint(`${vm.name}'s screen says "FATAL: No bootable medium found! System halted.": attach a disk with a system or an installer ISO and check the boot order`)],
      refusal('GUEST_PANICKED', { vm: vm.name, reason: 'NO_BOOTABLE_MEDIUM' }),
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
  let port = 22;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p') port = Number(args[++i]);
    else if (a.startsWith('-p')) port = Number(a.slice(2));
    else if (!a.startsWith('-')) target ??= a;
  }
  if (!target) return printed(lab, ['usage: ssh [-p port] [user@]hostname'], 255);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return printed(lab, [`Bad port '${String(port)}'`], 255);
  const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  const byAddress = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host === 'localhost';
  if (byAddress) return sshByAddress(lab, host, port, ctx);
  const vm = ownValue(lab.vms, host);
  if (!vm) {
    const near = closest(host, Object.keys(lab.vms));
    return printed(lab, [`ssh: Could not resolve hostname ${host}: Name or service not known`, ...(near ? [hint(`did you mean "${near}"?`)] : [])], 255);
  }
  return login(lab, vm, { by: 'name', target: host }, ctx);
}

function login(lab: LabState, vm: Vm, via: ConsoleVia, ctx: StepContext): Handled {
  const moved = perform(lab, { type: 'focus', vm: vm.name, via }, ctx, { ok: () => [], refused: () => [] });
  const gate = guestGate(moved.state, vm);
  if (gate) {
    // The shell still points at that VM (its prompt is the host's until it runs), but no login happened.
    const focused = perform(lab, { type: 'focus', vm: vm.name }, ctx, { ok: () => [], refused: () => [] });
    return { ...gate, state: focused.state, events: focused.events };
  }
  return { ...moved, output: [`Linux ${vm.name} 6.1.0-21-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03) x86_64`] };
}

/**
 * SPEC M20: `ssh user@ADDRESS` and `ssh -p PORT localhost` go through the network engine's verdict
 * on the topology derived from the VMs: an address the host can reach (bridged, host-only), or a
 * NAT port forward on the host's loopback; a NAT guest's own 10.0.2.15 is not reachable from the host.
 */
function sshByAddress(lab: LabState, host: string, port: number, ctx: StepContext): Handled {
  const ip = host === 'localhost' ? '127.0.0.1' : host;
  const timeout = (why: string): Handled => printed(lab, [`ssh: connect to host ${host} port ${port}: Connection timed out`, hint(why)], 255);
  const refused = (why: string): Handled => printed(lab, [`ssh: connect to host ${host} port ${port}: Connection refused`, hint(why)], 255);
  const net = networkLink();
  if (ip === '127.0.0.1') {
    const hit = Object.values(lab.vms)
      .flatMap((v) => v.hw.nics.filter((n) => n.attachment === 'nat' && n.cable).flatMap((n) => n.forwards.map((f) => ({ vm: v, f }))))
      .find(({ f }) => f.protocol === 'tcp' && f.hostPort === port && (f.hostIp === '' || f.hostIp === '127.0.0.1'));
    if (!hit) return refused(`nothing on this host listens on port ${port}: a NAT port forward (VBoxManage controlvm VM natpf1 "ssh,tcp,,${port},,22") would`);
    if (hit.vm.power !== 'running' || !net.hostReaches(lab, hit.vm.name, hit.f.guestPort)) {
      return hit.vm.power === 'running' ? refused(`the forward reaches ${hit.vm.name} port ${hit.f.guestPort}, where nothing answers`) : refused(`${hit.vm.name} is not running`);
    }
    return login(lab, hit.vm, { by: 'forward', target: `localhost:${port}` }, ctx);
  }
  const owner = Object.values(lab.vms).find((v) => net.guestAddresses(lab, v.name).some((a) => a.address === ip));
  if (!owner || owner.power !== 'running' || owner.runtime?.panic) return timeout(`no running guest has the address ${ip}; find it with the tool's own command (help shows them)`);
  const nic = net.guestAddresses(lab, owner.name).find((a) => a.address === ip)!;
  if (nic.attachment === 'nat') {
    return timeout(`${ip} is ${owner.name}'s address behind its own NAT: only the guest sees it. Forward a host port to its port 22 and use ssh -p PORT localhost`);
  }
  if (!net.hostReaches(lab, owner.name, port, ip)) return refused(`${owner.name} answers at ${ip}, but nothing accepts a connection on port ${port}`);
  return login(lab, owner, { by: 'address', target: ip }, ctx);
}

function sim(lab: LabState, args: string[], ctx: StepContext): Handled {
  const [sub, vmName] = args;
  if (sub === 'install-os') {
    const name = vmName ?? lab.console.vm;
    return perform(lab, { type: 'installOs', vm: name }, ctx, {
      ok: (events) => {
        const done = events.find((e) => e.code === 'OS_INSTALLED');
        return [`[sim] the installer on ${name} ran to the end: ${String(done?.params['system'] ?? 'the system')} is on ${String(done?.params['disk'] ?? 'its first disk')}; ${name} restarted.`];
      },
      refused: (r) => [`sim: ${explainRefusal(r)}`],
    });
  }
  if (sub !== 'disk-failure') {
    return printed(
      lab,
      ['sim: simulator commands (not part of any real tool):', `  sim disk-failure VM   the storage holding VM's base disk fails`, `  sim install-os VM     the installer booted from the DVD runs to the end`],
      sub ? 2 : 0,
    );
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
