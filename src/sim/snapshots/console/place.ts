import type { LabState } from '../model/types';
import { GUEST_COMMANDS } from './guest-shell';
import { prompt } from './run';
import { tokenize } from './tokenize';

/**
 * Where the console's shell is (SPEC K7): on the host, where the hypervisor's tools run, or logged
 * in to a guest over ssh, where the guest's own commands run. The console opens on the host;
 * `ssh VM` logs in to a running guest and `exit` (or the guest going down) comes back. A host tool
 * typed inside a guest, or a guest command typed on the host, is refused before it runs, with what
 * to type instead: the real tools would not find each other there. Kept beside the state (the
 * engine's commands do not depend on it), so graded labs replay the lines that ran.
 */
export type Place = 'host' | 'guest';

export const HOST_PROMPT = 'student@host:~$ ';
const HOST_TOOLS = ['VBoxManage', 'vboxmanage', 'virsh', 'virt-clone', 'qm'];

const commandNames = (line: string): string[] => {
  const parsed = tokenize(line.trim());
  if (!parsed.ok) return [];
  return parsed.commands.flatMap((c) => {
    const name = c.words[0] === 'sudo' ? c.words[1] : c.words[0];
    return name === undefined ? [] : [name];
  });
};

/** Whether the console can be inside the focused guest: it runs and has booted. */
function guestUp(lab: LabState): boolean {
  const vm = lab.vms[lab.console.vm];
  return !!vm && vm.power === 'running' && vm.runtime !== null && !vm.runtime.panic;
}

export function promptAt(lab: LabState, place: Place): string {
  return place === 'guest' && guestUp(lab) ? prompt(lab) : HOST_PROMPT;
}

/** Lines to print instead of running `line` here, or null when it may run. */
export function misplaced(lab: LabState, place: Place, line: string): string[] | null {
  const vm = lab.console.vm;
  for (const name of commandNames(line)) {
    if (place === 'guest' && HOST_TOOLS.includes(name)) {
      return [`bash: ${name}: command not found`, `hint: ${name} runs on the host, not inside ${vm}. Type "exit" to leave ${vm} and get back to the host (student@host:~$), then run it there.`];
    }
    if (place === 'host' && GUEST_COMMANDS.includes(name)) {
      return [`hint: ${name} is a command for inside the guest, and this is the host (student@host:~$). Log in to ${vm} first with: ssh ${vm}`];
    }
  }
  return null;
}

/** Where the console is after `line` ran (from `place`), and what the shell prints about the move. */
export function placeAfter(before: LabState, after: LabState, place: Place, line: string): { place: Place; output: string[] } {
  let at = place;
  const output: string[] = [];
  for (const name of commandNames(line)) {
    // Only a login that happened moves the shell: a refused or timed-out ssh leaves it where it was.
    if (name === 'ssh' && guestUp(after) && (after.console.logins?.length ?? 0) > (before.console.logins?.length ?? 0)) at = 'guest';
    if ((name === 'exit' || name === 'logout') && at === 'guest') {
      at = 'host';
      output.push('logout', `Connection to ${before.console.vm} closed.`);
    }
  }
  if (at === 'guest' && !guestUp(after)) {
    at = 'host';
    output.push(`Connection to ${after.console.vm} closed by remote host.`);
  }
  return { place: at, output };
}
