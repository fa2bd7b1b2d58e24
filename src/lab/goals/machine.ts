/**
 * VM builder goals (SPEC G-M1..G-M11): facts of the shared machine model, answered from the lab
 * state by the engines' own queries: the machine definition, the media registry, the boot
 * decision, and the network engine's verdict on the topology derived from the VMs.
 */
import { canConnect } from '../../sim/network/reachability';
import { networkIdOf, networkTopology } from '../../sim/machine/views';
import { osType } from '../../sim/machine/ostypes';
import type { LabState, Vm } from '../../sim/snapshots/model/types';
import { evaluateCombined, isCheckError, type Evaluated } from './evaluate';
import type { BuilderCheck, Check, MachineCheck, SnapshotCheck } from './checks';
import { snapshotLeaf, type SnapshotWorld } from './snapshots';

const MACHINE_KINDS = new Set<string>(['vm-exists', 'vm-hardware', 'boot-order', 'controller', 'attached', 'nic', 'nat-forward', 'started', 'host-reaches', 'ssh-session']);

function vmIn(lab: LabState, name: string): Vm | undefined {
  return Object.hasOwn(lab.vms, name) ? lab.vms[name] : undefined;
}

const list = (names: string[]): string => (names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', '));

function machineLeaf(c: MachineCheck, w: SnapshotWorld): Evaluated {
  const lab = w.lab;
  const vm = vmIn(lab, c.vm);
  if (c.kind === 'vm-exists') {
    if (vm) return { met: c.registered, detail: `${c.vm} exists and is registered.` };
    const pending = lab.unregistered.some((v) => v.name === c.vm);
    if (pending) return { met: !c.registered, detail: `${c.vm} exists but is not registered yet (VBoxManage registervm, or createvm --register).` };
    return { met: false, detail: `There is no VM called "${c.vm}" yet (VMs: ${list(Object.keys(lab.vms))}).` };
  }
  if (!vm) return { met: false, detail: `There is no VM called "${c.vm}" yet.` };
  switch (c.kind) {
    case 'vm-hardware': {
      const wrong: string[] = [];
      if (c.ostype !== undefined && vm.hw.ostype !== c.ostype) wrong.push(`OS type is ${osType(vm.hw.ostype)?.description ?? vm.hw.ostype}, not ${osType(c.ostype)?.description ?? c.ostype}`);
      if (c.memoryMb !== undefined && vm.settings.memoryMb !== c.memoryMb) wrong.push(`memory is ${vm.settings.memoryMb} MB, not ${c.memoryMb} MB`);
      if (c.cpus !== undefined && vm.settings.cpus !== c.cpus) wrong.push(`it has ${vm.settings.cpus} vCPU(s), not ${c.cpus}`);
      if (c.vramMb !== undefined && vm.hw.vramMb !== c.vramMb) wrong.push(`video memory is ${vm.hw.vramMb} MB, not ${c.vramMb} MB`);
      if (c.firmware !== undefined && vm.hw.firmware !== c.firmware) wrong.push(`firmware is ${vm.hw.firmware.toUpperCase()}, not ${c.firmware.toUpperCase()}`);
      if (c.ioapic !== undefined && vm.hw.ioapic !== c.ioapic) wrong.push(`I/O APIC is ${vm.hw.ioapic ? 'on' : 'off'}`);
      return wrong.length === 0 ? { met: true, detail: `${vm.name} has the asked-for hardware.` } : { met: false, detail: `${vm.name}: ${wrong.join('; ')}.` };
    }
    case 'boot-order': {
      const actual = vm.hw.boot.slice(0, c.order.length);
      const ok = c.order.every((d, i) => actual[i] === d);
      return { met: ok, detail: `${vm.name} boots from ${vm.hw.boot.filter((d) => d !== 'none').join(', then ') || 'nothing'}.` };
    }
    case 'controller': {
      const ctl = vm.hw.controllers.find((x) => x.bus === c.bus && (c.type === undefined || x.type.toLowerCase() === c.type.toLowerCase()));
      return ctl ? { met: true, detail: `${vm.name} has a ${c.bus.toUpperCase()} controller "${ctl.name}" (${ctl.type}).` } : { met: false, detail: `${vm.name} has no ${c.bus.toUpperCase()} controller${c.type ? ` of type ${c.type}` : ''} (controllers: ${list(vm.hw.controllers.map((x) => `${x.name} ${x.type}`))}).` };
    }
    case 'attached': {
      const hits = vm.hw.attachments.filter((a) => {
        if (a.type !== c.device) return false;
        const ctl = vm.hw.controllers.find((x) => x.name === a.controller);
        if (c.bus !== undefined && ctl?.bus !== c.bus) return false;
        const m = lab.media.find((x) => x.uuid === a.medium);
        if (c.file !== undefined && !(m && (m.location === c.file || m.location.endsWith(`/${c.file}`) || m.location.endsWith(`:${c.file}`)))) return false;
        if (c.minSizeMb !== undefined && !(m && m.capacityMb >= c.minSizeMb)) return false;
        if (c.maxSizeMb !== undefined && !(m && m.capacityMb <= c.maxSizeMb)) return false;
        if (c.installer !== undefined && !!m?.installer !== c.installer) return false;
        return a.medium !== null || c.file === undefined;
      });
      const what = c.device === 'hdd' ? 'disk' : 'DVD';
      return hits.length > 0
        ? { met: true, detail: `${vm.name} has the ${what} attached.` }
        : { met: false, detail: `${vm.name} has no ${what}${c.file ? ` ${c.file}` : ''}${c.bus ? ` on a ${c.bus.toUpperCase()} controller` : ''}${c.minSizeMb ? ` of at least ${c.minSizeMb} MB` : ''} attached.` };
    }
    case 'nic': {
      const n = vm.hw.nics.find((x) => x.slot === c.slot);
      const attachment = n?.attachment ?? 'none';
      const ok = attachment === c.attachment && (c.network === undefined || n?.network === c.network);
      return { met: ok, detail: `Adapter ${c.slot} of ${vm.name} is ${attachment === 'none' ? 'not enabled' : `attached to ${attachment}${n?.network ? ` (${n.network})` : ''}`}.` };
    }
    case 'nat-forward': {
      const rules = vm.hw.nics.filter((n) => c.slot === undefined || n.slot === c.slot).flatMap((n) => n.forwards);
      const hit = rules.find((f) => (c.hostPort === undefined || f.hostPort === c.hostPort) && (c.guestPort === undefined || f.guestPort === c.guestPort) && (c.guestIp === undefined || f.guestIp === c.guestIp));
      return hit
        ? { met: true, detail: `${vm.name} forwards host port ${hit.hostPort} to ${hit.guestIp || 'its'} port ${hit.guestPort}.` }
        : { met: false, detail: `${vm.name} has no such port-forwarding rule (rules: ${list(rules.map((f) => `${f.name}: ${f.hostPort}→${f.guestIp ? `${f.guestIp}:` : ''}${f.guestPort}`))}).` };
    }
    case 'started': {
      if (vm.power !== 'running' || !vm.runtime) return { met: false, detail: `${vm.name} is not running.` };
      const booted = vm.runtime.panic?.code === 'INSTALLER' ? 'installer' : vm.runtime.panic === null ? 'system' : 'nothing';
      if (c.frontend !== undefined && (vm.runtime.frontend ?? 'gui') !== c.frontend) return { met: false, detail: `${vm.name} runs with a ${vm.runtime.frontend ?? 'gui'} front end, not ${c.frontend}.` };
      if (c.booted !== undefined && booted !== c.booted) return { met: false, detail: `${vm.name} booted ${booted === 'installer' ? 'the installer' : booted === 'system' ? 'its installed system' : 'nothing (no bootable medium)'}.` };
      return { met: true, detail: `${vm.name} is running${vm.runtime.frontend ? ` (${vm.runtime.frontend})` : ''}.` };
    }
    case 'host-reaches': {
      const t = networkTopology(lab);
      const v = canConnect(t, { from: 'host', to: networkIdOf(lab, vm.name), port: c.port, protocol: c.protocol });
      if (!v.ok) return { error: v.issues.map((i) => i.message).join('; ') };
      return { met: v.value.ok, detail: v.value.ok ? `The host reaches ${vm.name}${c.port ? ` on port ${c.port}` : ''}.` : `The host cannot reach ${vm.name}${c.port ? ` on port ${c.port}` : ''}.` };
    }
    case 'ssh-session': {
      const logins = (lab.console.logins ?? []).filter((l) => l.vm === vm.name);
      const hit = logins.find((l) => c.by === undefined || l.by === c.by);
      if (hit) return { met: true, detail: `You logged in to ${vm.name} over SSH (${hit.target}).` };
      if (logins.length > 0) {
        const l = logins[logins.length - 1]!;
        return { met: false, detail: `You reached ${vm.name} by ${l.by === 'name' ? 'its name' : l.by === 'forward' ? 'a port forward' : 'its address'} (${l.target}), not by ${c.by === 'address' ? 'its IP address' : c.by === 'forward' ? 'a port forward' : 'its name'}.` };
      }
      return { met: false, detail: `Nobody has logged in to ${vm.name} over SSH from the host yet.` };
    }
  }
}

function leaf(c: BuilderCheck, w: SnapshotWorld): Evaluated {
  if (MACHINE_KINDS.has(c.kind)) return machineLeaf(c as MachineCheck, w);
  const r = snapshotLeaf(c as SnapshotCheck, w);
  return isCheckError(r) ? r : r;
}

export const evaluateBuilder = (check: Check<BuilderCheck>, w: SnapshotWorld): Evaluated => evaluateCombined(check, w, leaf);
