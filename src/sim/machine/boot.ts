import { writeCurrent } from '../snapshots/disk/current';
import { baseSystemFiles, INIT_PATH } from '../snapshots/guest/catalog';
import { done, event, isRefusal, lookupVm, refuse, type Outcome } from '../snapshots/actions/outcome';
import type { LabState, Vm } from '../snapshots/model/types';
import type { InstallOsAction } from './actions';

export type BootSource = { kind: 'disk' } | { kind: 'installer'; iso: string; system: string } | { kind: 'none' };

/**
 * SPEC M15: what the firmware boots. It tries the boot order's devices in turn: a DVD drive with
 * an installer ISO boots the installer; a disk boots when a system was installed on it (if it was
 * damaged since, the kernel then panics); a blank disk, an empty drive, a floppy slot or the
 * network (no PXE server here) falls through to the next. Nothing left: "No bootable medium found".
 */
export function bootSource(lab: LabState, vm: Vm): BootSource {
  const bootable = new Set(vm.hw.controllers.filter((c) => c.bootable).map((c) => c.name));
  const systemDisk = vm.hw.attachments.some(
    (a) => a.type === 'hdd' && a.medium !== null && bootable.has(a.controller) && lab.media.some((m) => m.uuid === a.medium && m.bootable),
  );
  for (const dev of vm.hw.boot) {
    if (dev === 'dvd') {
      for (const a of vm.hw.attachments) {
        if (a.type !== 'dvddrive' || a.medium === null || !bootable.has(a.controller)) continue;
        const m = lab.media.find((x) => x.uuid === a.medium);
        if (m?.installer) return { kind: 'installer', iso: m.location, system: m.installer };
      }
    }
    if (dev === 'disk' && systemDisk) return { kind: 'disk' };
  }
  return { kind: 'none' };
}

/** SPEC M16: the installer writes a fresh system to the VM's first disk, ejects its disc and reboots. */
export function installOs(lab: LabState, a: InstallOsAction, now: number, boot: (lab: LabState, vm: Vm, now: number) => Outcome): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  const panic = vm.runtime?.panic;
  if (vm.power !== 'running' || !panic || panic.code !== 'INSTALLER') return refuse('NOT_INSTALLING', { vm: vm.name });
  if (vm.disks.length === 0) return refuse('NO_DISK_FOR_INSTALL', { vm: vm.name });
  // The installer formats the disk: whatever was on it is replaced by a fresh system.
  const writes = baseSystemFiles(vm.name).map((f) => ({ path: f.path, content: f.content, size: f.size }));
  const fresh = new Set(writes.map((w) => w.path));
  const written = writeCurrent(lab, vm, writes, Object.keys(vm.disk.files).filter((p) => !fresh.has(p)));
  const first = vm.disks[0]!.uuid;
  // Debian's installer ejects its disc before the restart (finish-install), so the VM boots the new system.
  const ejected = { ...written.vm.hw, attachments: written.vm.hw.attachments.map((x) => (x.type === 'dvddrive' ? { ...x, medium: null } : x)) };
  const installed = { ...written.vm, hw: ejected };
  const next = { ...written.lab, vms: { ...written.lab.vms, [vm.name]: installed }, media: written.lab.media.map((m) => (m.uuid === first ? { ...m, bootable: true } : m)) };
  const rebooted = boot(next, installed, now);
  if (!rebooted.ok) return rebooted;
  return done(rebooted.lab, [event('OS_INSTALLED', vm.name, { system: String(panic.params['system'] ?? 'Debian'), disk: vm.disks[0]!.volume, init: INIT_PATH }), ...rebooted.events]);
}
