import { physicalCores } from './host';
import { localDiskGb } from './policy';
import type { CpuType, CpuVendor, DiskFormat, NicModel, SizingState, Vm } from './types';

interface VmRef {
  vmId: string;
  vmName: string;
}

interface VmGroup {
  vmIds: string[];
  vmNames: string[];
}

/**
 * Warnings (something will hurt) and notes (a trade-off worth knowing), as data. Each code is
 * one predicate over the state; `explain.ts` renders the sentence.
 */
export type Finding =
  | { severity: 'warning'; code: 'cpu-contention'; vcpus: number; guestCores: number; reservedCpus: number; ratio: number }
  | ({ severity: 'warning'; code: 'vm-vcpus-exceed-cores'; vcpus: number; cores: number } & VmRef)
  | ({ severity: 'warning'; code: 'vm-uses-all-cores'; vcpus: number; cores: number } & VmRef)
  | { severity: 'warning'; code: 'ram-overcommit'; allocatedMb: number; physicalMb: number; ratio: number }
  | { severity: 'warning'; code: 'host-reserve-violated'; allocatedMb: number; physicalMb: number; reserveMb: number; intoReserveMb: number }
  | { severity: 'warning'; code: 'thin-overcommit'; virtualGb: number; usableGb: number; ratio: number }
  | { severity: 'warning'; code: 'preallocation-exceeds-storage'; preallocatedGb: number; usableGb: number }
  | ({ severity: 'note'; code: 'migration-needs-identical-cpu'; hostVendor: CpuVendor; otherVendor: CpuVendor } & VmGroup)
  | ({ severity: 'note'; code: 'migration-same-vendor-only'; hostVendor: CpuVendor; otherVendor: CpuVendor } & VmGroup)
  | ({ severity: 'note'; code: 'generic-cpu-portable'; cpuTypes: CpuType[] } & VmGroup)
  | ({ severity: 'note'; code: 'kvm64-lacks-features' } & VmGroup)
  | ({ severity: 'note'; code: 'emulated-nic'; nics: NicModel[] } & VmGroup)
  | ({ severity: 'note'; code: 'raw-sparse' } & VmGroup)
  | ({ severity: 'note'; code: 'foreign-disk-format'; formats: DiskFormat[] } & VmGroup)
  | ({ severity: 'note'; code: 'balloon-does-not-add-capacity' } & VmGroup);

export type FindingCode = Finding['code'];

const GENERIC_CPU: readonly CpuType[] = ['kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3'];
const EMULATED_NIC: readonly NicModel[] = ['e1000', 'e1000e'];
const FOREIGN_FORMAT: readonly DiskFormat[] = ['vmdk', 'vhdx'];

function group(vms: readonly Vm[]): VmGroup {
  return { vmIds: vms.map((v) => v.id), vmNames: vms.map((v) => v.name) };
}

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function findings(state: SizingState): Finding[] {
  const { host, vms, policy } = state;
  const out: Finding[] = [];
  const reserve = policy.reserved;

  const cores = physicalCores(host);
  const guestCores = cores - reserve.cpus;
  const vcpus = vms.reduce((s, v) => s + v.vcpus, 0);
  if (vcpus > guestCores) {
    out.push({ severity: 'warning', code: 'cpu-contention', vcpus, guestCores, reservedCpus: reserve.cpus, ratio: vcpus / guestCores });
  }
  for (const vm of vms) {
    const ref = { vmId: vm.id, vmName: vm.name };
    if (vm.vcpus > cores) out.push({ severity: 'warning', code: 'vm-vcpus-exceed-cores', vcpus: vm.vcpus, cores, ...ref });
    else if (vm.vcpus === cores) out.push({ severity: 'warning', code: 'vm-uses-all-cores', vcpus: vm.vcpus, cores, ...ref });
  }

  const ramMb = vms.reduce((s, v) => s + v.ramMb, 0);
  const ramWarning = ramMb > host.ramMb || (reserve.ramMb > 0 && ramMb > host.ramMb - reserve.ramMb);
  if (ramMb > host.ramMb) {
    out.push({ severity: 'warning', code: 'ram-overcommit', allocatedMb: ramMb, physicalMb: host.ramMb, ratio: ramMb / host.ramMb });
  }
  if (reserve.ramMb > 0 && ramMb > host.ramMb - reserve.ramMb) {
    out.push({
      severity: 'warning',
      code: 'host-reserve-violated',
      allocatedMb: ramMb,
      physicalMb: host.ramMb,
      reserveMb: reserve.ramMb,
      intoReserveMb: Math.min(reserve.ramMb, ramMb - (host.ramMb - reserve.ramMb)),
    });
  }

  const usableGb = host.diskGb - reserve.diskGb;
  const virtualGb = vms.reduce((s, v) => s + localDiskGb(v), 0);
  const preallocatedGb = vms.filter((v) => v.provisioning === 'thick').reduce((s, v) => s + localDiskGb(v), 0);
  const anyThin = vms.some((v) => v.provisioning === 'thin' && localDiskGb(v) > 0);
  if (anyThin && virtualGb > usableGb) {
    out.push({ severity: 'warning', code: 'thin-overcommit', virtualGb, usableGb, ratio: virtualGb / usableGb });
  }
  if (preallocatedGb > usableGb) {
    out.push({ severity: 'warning', code: 'preallocation-exceeds-storage', preallocatedGb, usableGb });
  }

  const otherVendor: CpuVendor = host.cpuVendor === 'intel' ? 'amd' : 'intel';
  const passthrough = vms.filter((v) => v.cpuType === 'host-passthrough');
  if (passthrough.length > 0) {
    out.push({ severity: 'note', code: 'migration-needs-identical-cpu', hostVendor: host.cpuVendor, otherVendor, ...group(passthrough) });
  }
  const hostModel = vms.filter((v) => v.cpuType === 'host-model');
  if (hostModel.length > 0) {
    out.push({ severity: 'note', code: 'migration-same-vendor-only', hostVendor: host.cpuVendor, otherVendor, ...group(hostModel) });
  }
  const generic = vms.filter((v) => GENERIC_CPU.includes(v.cpuType));
  if (generic.length > 0) {
    out.push({ severity: 'note', code: 'generic-cpu-portable', cpuTypes: distinct(generic.map((v) => v.cpuType)), ...group(generic) });
  }
  const kvm64 = vms.filter((v) => v.cpuType === 'kvm64');
  if (kvm64.length > 0) out.push({ severity: 'note', code: 'kvm64-lacks-features', ...group(kvm64) });

  const emulated = vms.filter((v) => EMULATED_NIC.includes(v.nic));
  if (emulated.length > 0) {
    out.push({ severity: 'note', code: 'emulated-nic', nics: distinct(emulated.map((v) => v.nic)), ...group(emulated) });
  }
  const sparseRaw = vms.filter((v) => v.diskFormat === 'raw' && v.provisioning === 'thin' && localDiskGb(v) > 0);
  if (sparseRaw.length > 0) out.push({ severity: 'note', code: 'raw-sparse', ...group(sparseRaw) });
  const foreign = vms.filter((v) => FOREIGN_FORMAT.includes(v.diskFormat));
  if (foreign.length > 0) {
    out.push({ severity: 'note', code: 'foreign-disk-format', formats: distinct(foreign.map((v) => v.diskFormat)), ...group(foreign) });
  }
  const ballooned = vms.filter((v) => v.balloon);
  if (ramWarning && ballooned.length > 0) out.push({ severity: 'note', code: 'balloon-does-not-add-capacity', ...group(ballooned) });

  return out;
}
