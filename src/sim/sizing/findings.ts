import { guaranteedMb, isBallooning } from './balloon';
import { blockingPeers, clusterNodes, recommendedGeneric } from './cluster';
import { isGenericCpu, type GenericCpu } from './cpu-models';
import { allocatedGb, worstCaseGb } from './disks';
import { logicalCpus, physicalCores } from './host';
import { resolveRatios, type RatioReason } from './nova-history';
import { localDiskGb } from './policy';
import { QUOTA_KEYS, type QuotaKey } from './quota';
import { storageMemoryMb } from './storage';
import type { CpuType, CpuVendor, DiskFormat, NicModel, Ratios, SizingState, StorageKind, Vm } from './types';
import { verdicts as judge, type VmVerdict } from './verdicts';

interface VmRef {
  vmId: string;
  vmName: string;
}

interface VmGroup {
  vmIds: string[];
  vmNames: string[];
}

/**
 * Which VMs a total counts. `placed`: the VMs the policy accepts (the default: what the host
 * really carries). `asked`: every configured VM, refused ones included, reported only when the
 * placed VMs alone are fine, so the finding says what adding them all would do.
 */
export type Basis = 'placed' | 'asked';

interface Totals {
  basis: Basis;
  /** How many VMs the total counts. */
  vmCount: number;
  /** Refused VMs: left out of a `placed` total, included in an `asked` one. */
  refusedCount: number;
}

/**
 * Warnings (something will hurt) and notes (a trade-off worth knowing), as data. Each code is
 * one predicate over the state; `explain.ts` renders the sentence. A total counted over
 * `asked` VMs is always a note: it describes a request the verdicts already refused.
 */
export type Finding =
  | ({ severity: 'note'; code: 'vcpu-overcommit'; vcpus: number; guestCores: number; reservedCpus: number; reservedUnit: 'physical cores' | 'logical CPUs'; ratio: number } & Totals)
  | ({ severity: 'warning'; code: 'vm-vcpus-exceed-cores'; vcpus: number; cores: number; logicalCpus: number } & VmRef)
  | ({ severity: 'note'; code: 'vm-uses-all-cores'; vcpus: number; cores: number } & VmRef)
  | ({ severity: 'warning' | 'note'; code: 'ram-overcommit'; allocatedMb: number; physicalMb: number; ratio: number } & Totals)
  | ({ severity: 'warning' | 'note'; code: 'host-reserve-violated'; allocatedMb: number; physicalMb: number; reserveMb: number; intoReserveMb: number } & Totals)
  | ({ severity: 'warning' | 'note'; code: 'storage-memory-squeezed'; allocatedMb: number; physicalMb: number; reserveMb: number; storageMb: number; storage: StorageKind; shortMb: number; novaIgnores: boolean } & Totals)
  | ({ severity: 'note'; code: 'balloon-target'; guaranteedMb: number; maximumMb: number; targetMb: number; targetPercent: number; hostUseMb: number } & VmGroup)
  | ({ severity: 'warning'; code: 'balloon-minimums-exceed-host'; guaranteedMb: number; roomMb: number } & VmGroup)
  | ({ severity: 'warning' | 'note'; code: 'thin-overcommit'; virtualGb: number; worstCaseGb: number; usableGb: number; ratio: number } & Totals)
  | ({ severity: 'warning' | 'note'; code: 'preallocation-exceeds-storage'; preallocatedGb: number; usableGb: number } & Totals)
  | ({ severity: 'warning'; code: 'storage-full-now'; allocatedGb: number; usableGb: number } & Totals)
  | ({ severity: 'note'; code: 'snapshots-hold-space'; snapshotGb: number; snapshots: number } & VmGroup)
  | ({ severity: 'warning'; code: 'migration-cpu-mismatch'; cpuType: 'host-passthrough' | 'host-model'; nodes: string[]; crossVendor: boolean; recommended: GenericCpu } & VmGroup)
  | ({ severity: 'warning'; code: 'cpu-type-unsupported-in-cluster'; cpuTypes: CpuType[]; nodes: string[]; recommended: GenericCpu } & VmGroup)
  | { severity: 'note'; code: 'host-cpu-model-unknown'; hostName: string }
  | ({ severity: 'note'; code: 'migration-needs-identical-cpu'; hostVendor: CpuVendor; otherVendor: CpuVendor } & VmGroup)
  | ({ severity: 'note'; code: 'migration-same-vendor-only'; hostVendor: CpuVendor; otherVendor: CpuVendor } & VmGroup)
  | ({ severity: 'note'; code: 'generic-cpu-portable'; cpuTypes: CpuType[] } & VmGroup)
  | ({ severity: 'note'; code: 'kvm64-lacks-features' } & VmGroup)
  | ({ severity: 'note'; code: 'emulated-nic'; nics: NicModel[] } & VmGroup)
  | ({ severity: 'note'; code: 'raw-sparse' } & VmGroup)
  | ({ severity: 'note'; code: 'foreign-disk-format'; formats: DiskFormat[] } & VmGroup)
  | ({ severity: 'note'; code: 'balloon-does-not-add-capacity' } & VmGroup)
  | { severity: 'note'; code: 'ratio-origin'; ratios: Ratios; reasons: Record<keyof Ratios, RatioReason> }
  | { severity: 'note'; code: 'quota-usage'; used: Record<QuotaKey, number>; limits: Record<QuotaKey, number> };

export type FindingCode = Finding['code'];

const GENERIC_CPU: readonly CpuType[] = ['kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'];
const EMULATED_NIC: readonly NicModel[] = ['e1000', 'e1000e'];
const FOREIGN_FORMAT: readonly DiskFormat[] = ['vmdk', 'vhdx'];

function group(vms: readonly Vm[]): VmGroup {
  return { vmIds: vms.map((v) => v.id), vmNames: vms.map((v) => v.name) };
}

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const sum = (vms: readonly Vm[], f: (v: Vm) => number): number => vms.reduce((s, v) => s + f(v), 0);

/**
 * Evaluate a total over the placed VMs; when it does not fire there, over every VM ("asked").
 * `test` returns the finding's own fields, or null when the predicate does not hold.
 */
function totals<T extends object>(placed: readonly Vm[], all: readonly Vm[], test: (vms: readonly Vm[]) => T | null): (T & Totals) | null {
  const onPlaced = test(placed);
  if (onPlaced) return { ...onPlaced, basis: 'placed', vmCount: placed.length, refusedCount: all.length - placed.length };
  if (all.length === placed.length) return null;
  const onAll = test(all);
  return onAll ? { ...onAll, basis: 'asked', vmCount: all.length, refusedCount: all.length - placed.length } : null;
}

const severityOf = (t: Totals): 'warning' | 'note' => (t.basis === 'placed' ? 'warning' : 'note');

export function findings(state: SizingState, list: readonly VmVerdict[] = judge(state)): Finding[] {
  const { host, vms, policy } = state;
  const warnings: Finding[] = [];
  const notes: Finding[] = [];
  const add = (f: Finding): void => void (f.severity === 'warning' ? warnings : notes).push(f);
  const reserve = policy.reserved;
  const fitting = new Set(list.filter((v) => v.fits).map((v) => v.vmId));
  const placed = vms.filter((v) => fitting.has(v.id));

  // CPU: the aggregate ratio is a trade-off, never a fault [pve] "perfectly safe"; one VM wider than the cores is.
  // Nova's reserved_host_cpus counts logical CPUs (with SMT, two per core): the cores it leaves are
  // (logical CPUs − reserve) / threads per core, e.g. 16 threads − 12 reserved = 2 cores, never 8 − 12 = −4.
  const cores = physicalCores(host);
  const reservedUnit = policy.kind === 'nova' ? ('logical CPUs' as const) : ('physical cores' as const);
  const guestCores = policy.kind === 'nova' ? ((logicalCpus(host) - reserve.cpus) * cores) / logicalCpus(host) : cores - reserve.cpus;
  const cpu = totals(placed, vms, (set) => {
    const vcpus = sum(set, (v) => v.vcpus);
    // The reserve always leaves something (checkReserveFits); the guard keeps a hand-made state from showing Infinity:1.
    return guestCores > 0 && vcpus > guestCores ? { vcpus, guestCores, reservedCpus: reserve.cpus, reservedUnit, ratio: vcpus / guestCores } : null;
  });
  // The "asked" ratio adds nothing a refused VM's own verdict does not say.
  if (cpu && cpu.basis === 'placed') add({ severity: 'note', code: 'vcpu-overcommit', ...cpu });
  for (const vm of vms) {
    const ref = { vmId: vm.id, vmName: vm.name };
    if (vm.vcpus > cores) add({ severity: 'warning', code: 'vm-vcpus-exceed-cores', vcpus: vm.vcpus, cores, logicalCpus: logicalCpus(host), ...ref });
    else if (vm.vcpus === cores) add({ severity: 'note', code: 'vm-uses-all-cores', vcpus: vm.vcpus, cores, ...ref });
  }

  // RAM, counted as configured memory (each VM's maximum).
  const storageMb = storageMemoryMb(host);
  const ram = (set: readonly Vm[]): number => sum(set, (v) => v.ramMb);
  const over = totals(placed, vms, (set) => (ram(set) > host.ramMb ? { allocatedMb: ram(set), physicalMb: host.ramMb, ratio: ram(set) / host.ramMb } : null));
  if (over) add({ severity: severityOf(over), code: 'ram-overcommit', ...over });
  const intoReserve = totals(placed, vms, (set) =>
    reserve.ramMb > 0 && ram(set) > host.ramMb - reserve.ramMb
      ? { allocatedMb: ram(set), physicalMb: host.ramMb, reserveMb: reserve.ramMb, intoReserveMb: Math.min(reserve.ramMb, ram(set) - (host.ramMb - reserve.ramMb)) }
      : null,
  );
  if (intoReserve) add({ severity: severityOf(intoReserve), code: 'host-reserve-violated', ...intoReserve });
  const squeezed = totals(placed, vms, (set) => {
    const shortMb = ram(set) + reserve.ramMb + storageMb - host.ramMb;
    return storageMb > 0 && shortMb > 0
      ? { allocatedMb: ram(set), physicalMb: host.ramMb, reserveMb: reserve.ramMb, storageMb, storage: host.storage.kind, shortMb, novaIgnores: policy.kind === 'nova' }
      : null;
  });
  if (squeezed) add({ severity: severityOf(squeezed), code: 'storage-memory-squeezed', ...squeezed });
  const ramWarning = [over, intoReserve, squeezed].some((t) => t?.basis === 'placed');

  // Ballooning (Proxmox): the minimum is guaranteed; more only while host use is below the target [pve] Memory.
  const ballooning = placed.filter(isBallooning);
  if (ballooning.length > 0) {
    const guaranteed = sum(placed, guaranteedMb);
    const room = host.ramMb - reserve.ramMb - storageMb;
    const targetMb = Math.floor((host.ramMb * host.balloonTargetPercent) / 100);
    add({
      severity: 'note',
      code: 'balloon-target',
      guaranteedMb: guaranteed,
      maximumMb: ram(placed),
      targetMb,
      targetPercent: host.balloonTargetPercent,
      hostUseMb: guaranteed + reserve.ramMb + storageMb,
      ...group(ballooning),
    });
    if (guaranteed > room) add({ severity: 'warning', code: 'balloon-minimums-exceed-host', guaranteedMb: guaranteed, roomMb: room, ...group(ballooning) });
  }

  // Disks: provisioned (virtual sizes), allocated now, and what snapshots and growth can still take.
  const usableGb = host.diskGb - reserve.diskGb;
  const thin = totals(placed, vms, (set) => {
    const virtualGb = sum(set, localDiskGb);
    const worst = sum(set, worstCaseGb);
    const growing = set.some((v) => localDiskGb(v) > 0 && (v.provisioning === 'thin' || v.snapshots > 0));
    return growing && worst > usableGb ? { virtualGb, worstCaseGb: worst, usableGb, ratio: worst / usableGb } : null;
  });
  if (thin) add({ severity: severityOf(thin), code: 'thin-overcommit', ...thin });
  const thick = totals(placed, vms, (set) => {
    const preallocatedGb = sum(set.filter((v) => v.provisioning === 'thick'), localDiskGb);
    return preallocatedGb > usableGb ? { preallocatedGb, usableGb } : null;
  });
  if (thick) add({ severity: severityOf(thick), code: 'preallocation-exceeds-storage', ...thick });
  const nowGb = sum(placed, allocatedGb);
  if (nowGb > usableGb) add({ severity: 'warning', code: 'storage-full-now', allocatedGb: nowGb, usableGb, basis: 'placed', vmCount: placed.length, refusedCount: vms.length - placed.length });
  const snapshotted = vms.filter((v) => v.snapshots > 0);
  if (snapshotted.length > 0) add({ severity: 'note', code: 'snapshots-hold-space', snapshotGb: sum(snapshotted, (v) => v.snapshotGb), snapshots: sum(snapshotted, (v) => v.snapshots), ...group(snapshotted) });

  // CPU types: with a cluster, judged against its nodes; alone, what migration would need.
  if (state.cluster.length > 0) {
    const nodes = clusterNodes(state);
    const recommended = recommendedGeneric(nodes);
    if (nodes[0]!.model === null) add({ severity: 'note', code: 'host-cpu-model-unknown', hostName: host.name });
    for (const cpuType of ['host-passthrough', 'host-model'] as const) {
      const blocked = blockingPeers(cpuType, nodes);
      const these = vms.filter((v) => v.cpuType === cpuType);
      if (these.length > 0 && blocked.length > 0) {
        const crossVendor = nodes.slice(1).some((n) => n.vendor !== host.cpuVendor);
        add({ severity: 'warning', code: 'migration-cpu-mismatch', cpuType, nodes: blocked, crossVendor, recommended, ...group(these) });
      }
    }
    const tooNew = vms.filter((v) => isGenericCpu(v.cpuType) && blockingPeers(v.cpuType, nodes).length > 0);
    if (tooNew.length > 0) {
      const nodesHit = distinct(tooNew.flatMap((v) => blockingPeers(v.cpuType, nodes)));
      add({ severity: 'warning', code: 'cpu-type-unsupported-in-cluster', cpuTypes: distinct(tooNew.map((v) => v.cpuType)), nodes: nodesHit, recommended, ...group(tooNew) });
    }
  } else {
    const otherVendor: CpuVendor = host.cpuVendor === 'intel' ? 'amd' : 'intel';
    const passthrough = vms.filter((v) => v.cpuType === 'host-passthrough');
    if (passthrough.length > 0) add({ severity: 'note', code: 'migration-needs-identical-cpu', hostVendor: host.cpuVendor, otherVendor, ...group(passthrough) });
    const hostModel = vms.filter((v) => v.cpuType === 'host-model');
    if (hostModel.length > 0) add({ severity: 'note', code: 'migration-same-vendor-only', hostVendor: host.cpuVendor, otherVendor, ...group(hostModel) });
  }
  // In a cluster, a generic type some node cannot run was warned about above: not "portable" there.
  const unportable = new Set(state.cluster.length > 0 ? vms.filter((v) => isGenericCpu(v.cpuType) && blockingPeers(v.cpuType, clusterNodes(state)).length > 0).map((v) => v.id) : []);
  const generic = vms.filter((v) => GENERIC_CPU.includes(v.cpuType) && !unportable.has(v.id));
  if (generic.length > 0) add({ severity: 'note', code: 'generic-cpu-portable', cpuTypes: distinct(generic.map((v) => v.cpuType)), ...group(generic) });
  const kvm64 = vms.filter((v) => v.cpuType === 'kvm64');
  if (kvm64.length > 0) add({ severity: 'note', code: 'kvm64-lacks-features', ...group(kvm64) });

  const emulated = vms.filter((v) => EMULATED_NIC.includes(v.nic));
  if (emulated.length > 0) add({ severity: 'note', code: 'emulated-nic', nics: distinct(emulated.map((v) => v.nic)), ...group(emulated) });
  const sparseRaw = vms.filter((v) => v.diskFormat === 'raw' && v.provisioning === 'thin' && localDiskGb(v) > 0);
  if (sparseRaw.length > 0) add({ severity: 'note', code: 'raw-sparse', ...group(sparseRaw) });
  const foreign = vms.filter((v) => FOREIGN_FORMAT.includes(v.diskFormat));
  if (foreign.length > 0) add({ severity: 'note', code: 'foreign-disk-format', formats: distinct(foreign.map((v) => v.diskFormat)), ...group(foreign) });
  const ballooned = vms.filter((v) => v.balloon);
  if (ramWarning && ballooned.length > 0) add({ severity: 'note', code: 'balloon-does-not-add-capacity', ...group(ballooned) });

  if (policy.kind === 'nova' && policy.origin) {
    const resolved = resolveRatios(policy.origin);
    add({ severity: 'note', code: 'ratio-origin', ratios: resolved.ratios, reasons: resolved.reasons });
  }
  if (policy.kind === 'nova' && policy.quota) {
    const quota = policy.quota;
    const used = { instances: placed.length, cores: sum(placed, (v) => v.vcpus), ramMb: ram(placed) };
    add({ severity: 'note', code: 'quota-usage', used, limits: Object.fromEntries(QUOTA_KEYS.map((k) => [k, quota[k]])) as Record<QuotaKey, number> });
  }
  return [...warnings, ...notes];
}
