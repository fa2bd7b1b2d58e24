import { ownValue } from '../../core/own';
import { blockContent } from '../disk/blocks';
import { diskUsage, type DiskUsage } from '../disk/usage';
import { PACKAGES, compareVersions } from '../guest/catalog';
import { candidateVersion, installedPackages } from '../guest/packages';
import { isEnabled, serviceEntries } from '../guest/services';
import type { Warning } from '../model/reasons';
import type { LabState, PowerState, Reason, ServiceStatus, Settings } from '../model/types';
import { vmWarnings } from './warnings';
import { diskSummaries, type DiskSummary } from './disks';
import { systemVolume } from '../disk/layout';
import { getSnapshot, snapshotCount } from '../model/snapshot-store';

export interface PackageSummary {
  name: string;
  version: string;
  candidate: string;
  upgradable: boolean;
}

export interface ServiceSummary {
  name: string;
  enabled: boolean;
  /** `inactive` too when the VM is not running. */
  status: ServiceStatus;
  failure: Reason | null;
}

/** Everything a view needs to draw one VM, as plain data. */
export interface GuestSummary {
  vm: string;
  uuid: string;
  vmid: number;
  hostname: string;
  power: PowerState;
  settings: Settings;
  /** What the running guest booted with (differs from `settings` until a power cycle); null when off. */
  bootedSettings: Settings | null;
  template: boolean;
  linkedFrom: { vm: string; snapshot: string } | null;
  diskLost: boolean;
  /** The system disk's image (see `disks` for every disk). */
  volume: string;
  /** Every attached disk: mount point, mode, size, backing chain (SPEC D6). */
  disks: DiskSummary[];
  panicked: boolean;
  packages: PackageSummary[];
  services: ServiceSummary[];
  currentSnapshot: { id: string; name: string } | null;
  snapshotCount: number;
  /** Files changed since the current snapshot (paths), and the bytes those changes hold. */
  changedSinceSnapshot: { paths: string[]; bytes: number };
  usage: DiskUsage;
  warnings: Warning[];
}

export function guestSummary(lab: LabState, vmName: string, now: number): GuestSummary | null {
  const vm = ownValue(lab.vms, vmName);
  if (!vm) return null;
  const files = vm.disk.files;
  const installed = installedPackages(lab.store, files);
  const usage = diskUsage(lab, vmName)!;
  const hostnameId = files['/etc/hostname'];
  const source = vm.linkedFrom ? ownValue(lab.vms, vm.linkedFrom.vm) : undefined;
  const sourceSnapshot = source && vm.linkedFrom?.snapshot ? getSnapshot(source, vm.linkedFrom.snapshot) : undefined;
  return {
    vm: vm.name,
    uuid: vm.uuid,
    vmid: vm.vmid,
    hostname: hostnameId ? blockContent(lab.store, hostnameId).trim() : vm.name,
    power: vm.power,
    settings: vm.settings,
    bootedSettings: vm.runtime?.booted ?? null,
    template: vm.template,
    linkedFrom: vm.linkedFrom
      ? { vm: vm.linkedFrom.vm, snapshot: sourceSnapshot?.name ?? '' }
      : null,
    diskLost: vm.disk.lost,
    volume: systemVolume(vm),
    disks: diskSummaries(lab, vm, usage),
    panicked: vm.runtime?.panic != null,
    packages: Object.entries(installed).map(([name, version]) => {
      const candidate = candidateVersion(lab.repo, PACKAGES[name]!);
      return { name, version, candidate, upgradable: compareVersions(candidate, version) > 0 };
    }),
    services: serviceEntries()
      .filter((e) => installed[e.pkg.name] !== undefined)
      .map((e) => {
        const rt = vm.runtime?.services[e.spec.name];
        return { name: e.spec.name, enabled: isEnabled(files, e.spec.name), status: rt?.status ?? 'inactive', failure: rt?.failure ?? null };
      }),
    currentSnapshot: vm.current === null ? null : { id: vm.current, name: getSnapshot(vm, vm.current)!.name },
    snapshotCount: snapshotCount(vm),
    changedSinceSnapshot: { paths: Object.keys(vm.disk.delta).sort(), bytes: usage.currentLayerBytes },
    usage,
    warnings: vmWarnings(lab, vmName, now),
  };
}
