import { guaranteedMb } from './balloon';
import { allocated } from './fit';
import { findings, type Finding } from './findings';
import { allocatedGb, worstCaseGb } from './disks';
import { logicalCpus, physicalCores } from './host';
import { inventory, localDiskGb, presetOf, ratiosOf, type Inventory } from './policy';
import { storageMemoryMb } from './storage';
import { RESOURCES, type CpuSets, type CpuVendor, type Ratios, type Reserve, type SizingState, type StorageKind } from './types';
import { verdicts, type VmVerdict } from './verdicts';

export { verdicts, type VmVerdict } from './verdicts';

export interface ResourceLine extends Inventory {
  /** Sum of every VM's demand, as configured (refused VMs included): what is asked for. */
  allocated: number;
  /** Sum over the VMs the policy places: what the host really carries. */
  placed: number;
  /** capacity − allocated; negative when more is asked for than the policy allows. */
  remaining: number;
  /** allocated ÷ (total − reserved − storage): the allocation ratio actually in use, to compare with allocationRatio. */
  ratio: number;
}

export interface SizingSummary {
  policy: { kind: SizingState['policy']['kind']; preset: ReturnType<typeof presetOf>; ratios: Ratios; reserved: Reserve; cpuSets: CpuSets | null };
  host: { name: string; physicalCores: number; logicalCpus: number; ramMb: number; diskGb: number; cpuVendor: CpuVendor; cpuModel: string | null };
  resources: ResourceLine[];
  /** Physical ratios, independent of the policy: what the hardware is asked to carry (every configured VM). */
  overcommit: {
    vcpus: number;
    vcpuPerCore: number;
    vcpuPerThread: number;
    ramMb: number;
    ramPerPhysical: number;
    virtualDiskGb: number;
    preallocatedDiskGb: number;
    virtualDiskPerPhysical: number;
  };
  /** RAM of the placed VMs by figure: configured (maximum) and guaranteed (balloon minimums), with what the host keeps. */
  memory: { configuredMb: number; guaranteedMb: number; reserveMb: number; storageMb: number; storage: StorageKind; balloonTargetMb: number };
  /** Local disks of the placed VMs: provisioned (virtual sizes), allocated on the host now, free now, and the most they can grow to. */
  disk: { usableGb: number; provisionedGb: number; allocatedGb: number; freeGb: number; worstCaseGb: number; snapshotGb: number };
  verdicts: VmVerdict[];
  findings: Finding[];
  counts: { vms: number; fitting: number; refused: number; warnings: number; notes: number };
}

/** Everything the calculator view shows, computed from the state alone. */
export function summarize(state: SizingState): SizingSummary {
  const { host, vms, policy } = state;
  const inv = inventory(host, policy);
  const list = verdicts(state);
  const fitting = new Set(list.filter((v) => v.fits).map((v) => v.vmId));
  const placedVms = vms.filter((v) => fitting.has(v.id));
  const sum = allocated(vms, policy);
  const placed = allocated(placedVms, policy);
  const resources = RESOURCES.map((r): ResourceLine => {
    const line = inv[r];
    const usable = line.total - line.reserved - line.storage;
    return { ...line, allocated: sum[r], placed: placed[r], remaining: line.capacity - sum[r], ratio: usable > 0 ? sum[r] / usable : 0 };
  });
  const cores = physicalCores(host);
  const threads = logicalCpus(host);
  const vcpus = vms.reduce((s, v) => s + v.vcpus, 0);
  const ramMb = vms.reduce((s, v) => s + v.ramMb, 0);
  const virtualDiskGb = vms.reduce((s, v) => s + localDiskGb(v), 0);
  const preallocatedDiskGb = vms.filter((v) => v.provisioning === 'thick').reduce((s, v) => s + localDiskGb(v), 0);
  const found = findings(state, list);
  const usableGb = host.diskGb - policy.reserved.diskGb;
  const nowGb = placedVms.reduce((s, v) => s + allocatedGb(v), 0);
  return {
    policy: { kind: policy.kind, preset: presetOf(policy), ratios: ratiosOf(policy), reserved: { ...policy.reserved }, cpuSets: policy.kind === 'nova' && policy.cpuSets ? { ...policy.cpuSets } : null },
    host: { name: host.name, physicalCores: cores, logicalCpus: threads, ramMb: host.ramMb, diskGb: host.diskGb, cpuVendor: host.cpuVendor, cpuModel: host.cpuModel },
    resources,
    overcommit: {
      vcpus,
      vcpuPerCore: vcpus / cores,
      vcpuPerThread: vcpus / threads,
      ramMb,
      ramPerPhysical: ramMb / host.ramMb,
      virtualDiskGb,
      preallocatedDiskGb,
      virtualDiskPerPhysical: virtualDiskGb / host.diskGb,
    },
    memory: {
      configuredMb: placedVms.reduce((s, v) => s + v.ramMb, 0),
      guaranteedMb: placedVms.reduce((s, v) => s + guaranteedMb(v), 0),
      reserveMb: policy.reserved.ramMb,
      storageMb: storageMemoryMb(host),
      storage: host.storage.kind,
      balloonTargetMb: Math.floor((host.ramMb * host.balloonTargetPercent) / 100),
    },
    disk: {
      usableGb,
      provisionedGb: placedVms.reduce((s, v) => s + localDiskGb(v), 0),
      allocatedGb: nowGb,
      freeGb: usableGb - nowGb,
      worstCaseGb: placedVms.reduce((s, v) => s + worstCaseGb(v), 0),
      snapshotGb: placedVms.reduce((s, v) => s + v.snapshotGb, 0),
    },
    verdicts: list,
    findings: found,
    counts: {
      vms: vms.length,
      fitting: fitting.size,
      refused: vms.length - fitting.size,
      warnings: found.filter((f) => f.severity === 'warning').length,
      notes: found.filter((f) => f.severity === 'note').length,
    },
  };
}
