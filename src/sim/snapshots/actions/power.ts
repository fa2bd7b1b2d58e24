import { bootSource } from '../../machine/boot';
import { withVm } from '../disk/current';
import { boot } from '../guest/services';
import type { PowerAction, PowerOp, StepContext } from '../model/actions';
import type { LabState, PowerState, Runtime, SimEvent, Vm } from '../model/types';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from './outcome';
import { diskIndexOf } from '../disk/layout';
import { currentParentView } from '../disk/view';
import { getSnapshot } from '../model/snapshot-store';

/** Cold boot from the disk as it is now (SPEC G3), with events for what came up and what failed. */
export function bootVm(lab: LabState, vm: Vm, now: number): { vm: Vm; events: SimEvent[] } {
  // SPEC M15: the firmware walks the boot order first; only a disk with a system runs the guest.
  const source = bootSource(lab, vm);
  const runtime: Runtime =
    source.kind === 'disk'
      ? boot(lab.store, vm.disk.files, vm.settings, now)
      : {
          booted: vm.settings,
          services: {},
          panic: source.kind === 'installer' ? { code: 'INSTALLER', params: { iso: source.iso, system: source.system } } : { code: 'NO_BOOTABLE_MEDIUM', params: {} },
          bootedAt: now,
        };
  return { vm: { ...vm, power: 'running', runtime }, events: bootEvents(vm.name, runtime) };
}

export function bootEvents(vm: string, runtime: Runtime): SimEvent[] {
  if (runtime.panic?.code === 'INSTALLER') return [event('BOOTED_INSTALLER', vm, { ...runtime.panic.params })];
  if (runtime.panic?.code === 'NO_BOOTABLE_MEDIUM') return [event('NO_BOOTABLE_MEDIUM', vm)];
  if (runtime.panic) return [event('KERNEL_PANIC', vm, { reason: runtime.panic.code, ...runtime.panic.params })];
  const entries = Object.entries(runtime.services);
  const active = entries.filter(([, s]) => s.status === 'active').map(([n]) => n);
  const failed = entries.filter(([, s]) => s.status === 'failed').map(([n]) => n);
  const events = [event('VM_BOOTED', vm, { active, failed })];
  for (const [name, s] of entries) {
    if (s.failure) events.push(event('SERVICE_FAILED', vm, { service: name, reason: s.failure.code, ...s.failure.params }));
  }
  return events;
}

/**
 * VirtualBox discards an immutable disk's differencing image whenever it powers the VM on (not on
 * a reboot from inside), so the disk starts from the same content every time; not while the
 * current snapshot holds a memory state ("online" snapshot), where it behaves as normal (VBox
 * manual 5.4; SPEC V11). The content goes back to the current snapshot's, or the base image's.
 */
function resetImmutable(vm: Vm): { vm: Vm; events: SimEvent[] } {
  const immutable = vm.disks.filter((d) => d.mode === 'immutable');
  if (immutable.length === 0) return { vm, events: [] };
  if (vm.current !== null && getSnapshot(vm, vm.current)!.memory !== null) return { vm, events: [] };
  const paths = Object.keys(vm.disk.delta).filter((p) => vm.disks[diskIndexOf(vm.disks, p)]!.mode === 'immutable');
  if (paths.length === 0) return { vm, events: [] };
  const under = currentParentView(vm);
  const files = { ...vm.disk.files };
  const delta = { ...vm.disk.delta };
  for (const p of paths) {
    delete delta[p];
    const id = under[p];
    if (id === undefined) delete files[p];
    else files[p] = id;
  }
  return {
    vm: { ...vm, disk: { ...vm.disk, files, delta } },
    events: [event('IMMUTABLE_RESET', vm.name, { disks: immutable.map((d) => d.mount), paths: paths.length })],
  };
}

/** Which power operations each tool has (VirtualBox alone has a "Saved" state). */
const OPS_BY_PLATFORM: Record<LabState['platform'], PowerOp[]> = {
  virtualbox: ['start', 'shutdown', 'poweroff', 'pause', 'resume', 'save', 'discardState', 'reboot', 'reset'],
  libvirt: ['start', 'shutdown', 'poweroff', 'pause', 'resume', 'reboot', 'reset'],
  proxmox: ['start', 'shutdown', 'poweroff', 'pause', 'resume', 'reboot', 'reset'],
};

/** Power transitions (SPEC G1). Refusals follow the tools: e.g. resuming a VM that is not paused. */
export function power(lab: LabState, a: PowerAction, ctx: StepContext): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (!OPS_BY_PLATFORM[lab.platform].includes(a.op)) return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: a.op, platform: lab.platform });
  const from = vm.power;
  const moved = (next: Vm, extra: SimEvent[] = []): Outcome =>
    done(withVm(lab, next), [event('POWER_CHANGED', vm.name, { from, to: next.power, op: a.op }), ...extra]);
  const to = (p: PowerState, runtime: Runtime | null): Vm => ({ ...vm, power: p, runtime });

  switch (a.op) {
    case 'start': {
      if (vm.template) return refuse('IS_TEMPLATE', { vm: vm.name, op: 'start' });
      if (vm.disk.lost) return refuse('BASE_DISK_LOST', { vm: vm.name });
      if (from === 'running' || from === 'paused') return refuse('ALREADY_RUNNING', { vm: vm.name, power: from });
      if (from === 'saved') return moved(to('running', vm.runtime));
      const reset = resetImmutable(vm);
      const booted = bootVm(lab, reset.vm, ctx.now);
      const frontend = a.frontend === 'gui' || a.frontend === 'headless' ? a.frontend : undefined;
      const started = frontend && booted.vm.runtime ? { ...booted.vm, runtime: { ...booted.vm.runtime, frontend } } : booted.vm;
      return moved(started, [...reset.events, ...booted.events]);
    }
    case 'shutdown':
      if (from === 'paused') return refuse('VM_PAUSED', { vm: vm.name, op: a.op });
      if (from !== 'running') return refuse('NOT_RUNNING', { vm: vm.name, op: a.op, power: from });
      return moved(to('poweroff', null));
    case 'poweroff':
      if (from !== 'running' && from !== 'paused') return refuse('NOT_RUNNING', { vm: vm.name, op: a.op, power: from });
      return moved(to('poweroff', null));
    case 'pause':
      if (from !== 'running') return refuse('NOT_RUNNING', { vm: vm.name, op: a.op, power: from });
      return moved(to('paused', vm.runtime));
    case 'resume':
      if (from !== 'paused') return refuse('NOT_PAUSED', { vm: vm.name, power: from });
      return moved(to('running', vm.runtime));
    case 'save':
      if (from !== 'running' && from !== 'paused') return refuse('NOT_RUNNING', { vm: vm.name, op: a.op, power: from });
      return moved(to('saved', vm.runtime));
    case 'discardState':
      if (from !== 'saved') return refuse('NOT_SAVED', { vm: vm.name, power: from });
      return moved(to('poweroff', null));
    case 'reboot':
    case 'reset': {
      if (from === 'paused' && a.op === 'reboot') return refuse('VM_PAUSED', { vm: vm.name, op: a.op });
      if (from !== 'running' && from !== 'paused') return refuse('NOT_RUNNING', { vm: vm.name, op: a.op, power: from });
      const booted = bootVm(lab, vm, ctx.now);
      return moved(booted.vm, booted.events);
    }
  }
}
