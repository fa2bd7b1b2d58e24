/**
 * English for students, rendered from the engine's reason data. A widget, a quiz and a lab checker
 * all call these, so the wording is the same everywhere. Nothing here decides anything.
 */
import type { SizingAction, SizingEvent } from './actions';
import type { FitProblem, Headroom } from './fit';
import type { Finding } from './findings';
import { RELEASE_LABEL, type RatioReason } from './nova-history';
import type { Unplaced } from './pack';
import type { QuotaKey, QuotaProblem } from './quota';
import type { SmallestFlavorResult } from './smallest';
import type { StartCheck } from './start';
import type { CpuVendor, Ratios, Resource, StorageKind, Vm } from './types';
import type { VmProblem, VmVerdict } from './verdicts';

/** At most two decimals, no trailing zeros: 2.5, 3, 0.33. */
export function formatNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** 8192 → "8 GB", 1536 → "1.5 GB", 512 → "512 MB"; GB when exact to two decimals or at least 10 GB. */
export function formatMb(mb: number): string {
  if (Math.abs(mb) >= 1024) {
    const gb = mb / 1024;
    if ((Math.round(gb * 100) / 100) * 1024 === mb || Math.abs(mb) >= 10 * 1024) return `${formatNumber(gb)} GB`;
  }
  return `${formatNumber(mb)} MB`;
}

export const formatGb = (gb: number): string => `${formatNumber(gb)} GB`;

/** 2.5 → "2.5:1" */
export const formatRatio = (x: number): string => `${formatNumber(x)}:1`;

export function formatAmount(resource: Resource, value: number): string {
  if (resource === 'MEMORY_MB') return formatMb(value);
  if (resource === 'DISK_GB') return formatGb(value);
  if (resource === 'PCPU') return `${formatNumber(value)} dedicated CPU${value === 1 ? '' : 's'}`;
  return `${formatNumber(value)} vCPU${value === 1 ? '' : 's'}`;
}

export const RESOURCE_LABEL: Record<Resource, string> = { VCPU: 'vCPUs', PCPU: 'dedicated CPUs', MEMORY_MB: 'RAM', DISK_GB: 'disk' };

const VENDOR: Record<CpuVendor, string> = { intel: 'Intel', amd: 'AMD' };

/** `"web", "db" and 3 more` */
export function formatNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n));
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const verb = (names: readonly string[]): string => (names.length === 1 ? 'uses' : 'use');
const have = (names: readonly string[]): string => (names.length === 1 ? 'has' : 'have');

function capacityClause(p: Extract<FitProblem, { code: 'over-capacity' }>): string {
  const amount = (v: number): string => formatAmount(p.resource, v);
  if (p.storage > 0) {
    const kept = p.reserved > 0 ? `the ${amount(p.reserved)} kept for the host and ` : '';
    return `capacity ${amount(p.capacity)} after ${kept}the ${amount(p.storage)} the storage keeps in RAM`;
  }
  if (p.reserved > 0 && p.allocationRatio !== 1) {
    return `capacity (${amount(p.total)} − ${amount(p.reserved)} reserved) × ${formatNumber(p.allocationRatio)} = ${amount(p.capacity)}`;
  }
  if (p.reserved > 0) return `capacity ${amount(p.capacity)} after the ${amount(p.reserved)} kept for the host`;
  if (p.allocationRatio !== 1) return `capacity ${amount(p.total)} × ${formatNumber(p.allocationRatio)} = ${amount(p.capacity)}`;
  return `capacity ${amount(p.capacity)}`;
}

const QUOTA_NAME: Record<QuotaKey, string> = { instances: 'instances', cores: 'cores', ramMb: 'ram' };

/** Nova's own words for a quota refusal (nova.exception.TooManyInstances). */
function quotaMessage(p: QuotaProblem): string {
  const unit = p.quota === 'ramMb' ? ' MB' : '';
  return `Quota exceeded for ${QUOTA_NAME[p.quota]}: Requested ${p.requested}${unit}, but already used ${p.used}${unit} of ${p.limit}${unit} ${QUOTA_NAME[p.quota]}`;
}

export function explainProblem(p: VmProblem): string {
  switch (p.code) {
    case 'over-quota':
      return `the project's quota refuses it before any host is looked at (${quotaMessage(p)})`;
    case 'no-inventory':
      if (p.resource === 'PCPU') return `it asks for ${p.requested} dedicated CPUs (hw:cpu_policy=dedicated) but this node has no cpu_dedicated_set, so it offers no PCPU`;
      if (p.resource === 'VCPU') return `it asks for ${p.requested} shared vCPUs but this node offers no VCPU: cpu_dedicated_set is set without cpu_shared_set`;
      return `it asks for ${formatAmount(p.resource, p.requested)} but this node offers no ${RESOURCE_LABEL[p.resource]}`;
    case 'vcpus-exceed-physical-cores':
      return `it asks for ${p.requested} vCPUs but the host has only ${p.physicalCores} physical cores (hyper-threads do not count as cores)`;
    case 'exceeds-max-unit':
      return `it asks for ${formatAmount(p.resource, p.requested)}, more than this host can give any single VM (${formatAmount(p.resource, p.maxUnit)})`;
    case 'over-capacity': {
      const left = p.capacity - p.used;
      const what = p.resource === 'VCPU' ? '' : ` of ${RESOURCE_LABEL[p.resource]}`;
      const leftText = left > 0 ? `only ${formatAmount(p.resource, left)} left` : 'nothing left';
      return `it needs ${formatAmount(p.resource, p.requested)}${what} with ${leftText} (${capacityClause(p)}, ${formatAmount(p.resource, p.used)} already allocated): short by ${formatAmount(p.resource, p.shortBy)}`;
    }
  }
}

const STORAGE_NAME: Record<StorageKind, string> = {
  none: 'the storage',
  'zfs-pve81': "ZFS's ARC (Proxmox 8.1+ installer: 10 % of RAM, at most 16 GiB)",
  'zfs-default': "ZFS's ARC (ZFS's default: half of the RAM)",
  'zfs-custom': "ZFS's ARC (zfs_arc_max)",
  ceph: 'the Ceph OSDs (osd_memory_target each)',
};

/** Who a total counts: "the 4 placed VMs (1 refused VM not counted)" or "the 5 VMs together (1 of them refused)". */
function counted(t: { basis: 'placed' | 'asked'; vmCount: number; refusedCount: number }): string {
  if (t.basis === 'asked') return `the ${t.vmCount} VMs together (${t.refusedCount} of them refused)`;
  const left = t.refusedCount > 0 ? ` (${t.refusedCount} refused VM${t.refusedCount === 1 ? '' : 's'} not counted)` : '';
  return `${t.vmCount === 1 ? 'the placed VM' : `the ${t.vmCount} placed VMs`}${left}`;
}

const RATIO_OPTION: Record<keyof Ratios, string> = { cpu: 'cpu_allocation_ratio', ram: 'ram_allocation_ratio', disk: 'disk_allocation_ratio' };

export function explainRatioReason(key: keyof Ratios, r: RatioReason): string {
  const option = RATIO_OPTION[key];
  switch (r.code) {
    case 'configured':
      return `${option} = ${formatNumber(r.value)} is written in nova.conf, and a written value overrides the node's own on every start`;
    case 'pre-stein-unset':
      return `before Stein an unset ${option} (0.0) means Nova's built-in ${formatNumber(r.value)}`;
    case 'initial-at-registration':
      return `the node was registered under ${RELEASE_LABEL[r.registered]} with initial_${option} = ${formatNumber(r.value)} (${r.written ? 'as written in nova.conf' : "that release's default"}) and keeps it through upgrades`;
    case 'migrated-at-stein':
      return `the node was registered before Stein with 0.0 (unset); the upgrade to Stein migrated it to initial_${option} = ${formatNumber(r.value)} (${r.written ? 'as written in nova.conf' : "Stein's default"}), and it has kept that since`;
  }
}

export function explainFinding(f: Finding): string {
  switch (f.code) {
    case 'vcpu-overcommit': {
      const kept = f.reservedCpus > 0 ? ` left after ${f.reservedCpus} ${f.reservedUnit} kept for the host` : '';
      return `${f.vcpus} vCPUs of ${counted(f)} share ${f.guestCores} physical core${f.guestCores === 1 ? '' : 's'}${kept} (${formatRatio(f.ratio)}): the host runs the vCPU threads in turn, which Proxmox calls perfectly safe and Nova allows up to its cpu_allocation_ratio; the course advises staying near 1:1 for latency-sensitive work such as databases, and a few vCPUs per core for ordinary servers`;
    }
    case 'vm-vcpus-exceed-cores': {
      const start = f.vcpus > f.logicalCpus ? `; it is even more than the host's ${f.logicalCpus} logical CPUs, so Proxmox refuses to start it ("MAX ${f.logicalCpus} vcpus allowed per VM on this node")` : '';
      return `${JSON.stringify(f.vmName)} has ${f.vcpus} vCPUs but the host has only ${f.cores} physical cores: its vCPUs compete with each other for cores, and one that is descheduled while holding a lock stalls the rest${start}`;
    }
    case 'vm-uses-all-cores':
      return `${JSON.stringify(f.vmName)} has ${f.vcpus} vCPUs, one for every physical core: allowed (the rule is never more than the cores), but when it is busy the host and the other VMs wait for a core, so the course advises leaving at least one core free`;
    case 'ram-overcommit':
      if (f.basis === 'asked') return `${counted(f)} ask for ${formatMb(f.allocatedMb)} of RAM, more than the host's ${formatMb(f.physicalMb)} (${formatRatio(f.ratio)}); the refused VMs are not started, so the host does not carry this`;
      return `${counted(f)} are configured with ${formatMb(f.allocatedMb)} of RAM (each VM's maximum) but the host has ${formatMb(f.physicalMb)} (${formatRatio(f.ratio)}): if they use it, the host must swap or kill processes`;
    case 'host-reserve-violated': {
      if (f.basis === 'asked') return `${counted(f)} ask for ${formatMb(f.allocatedMb)} of RAM: placing them all would take ${formatMb(f.intoReserveMb)} of the ${formatMb(f.reserveMb)} kept for the host itself (host RAM ${formatMb(f.physicalMb)})`;
      const tail = f.allocatedMb <= f.physicalMb ? ': not overcommitted, but the host is left without room to run well' : '';
      return `${counted(f)} are configured with ${formatMb(f.allocatedMb)} of RAM, which takes ${formatMb(f.intoReserveMb)} of the ${formatMb(f.reserveMb)} kept for the host itself (host RAM ${formatMb(f.physicalMb)})${tail}`;
    }
    case 'storage-memory-squeezed': {
      const kept = f.reserveMb > 0 ? `the ${formatMb(f.reserveMb)} kept for the host and ` : '';
      const verb = f.basis === 'asked' ? 'ask for' : 'are configured with';
      const nova = f.novaIgnores && f.basis === 'placed' ? '; Nova does not know about it, so add it to reserved_host_memory_mb' : '';
      return `${counted(f)} ${verb} ${formatMb(f.allocatedMb)} of RAM; with ${kept}up to ${formatMb(f.storageMb)} for ${STORAGE_NAME[f.storage]}, that is ${formatMb(f.shortMb)} more than the host's ${formatMb(f.physicalMb)}${nova}`;
    }
    case 'balloon-target': {
      const room = f.targetMb - f.hostUseMb;
      const tail =
        room > 0
          ? `: above their minimums they can share up to ${formatMb(room)} more before the host reaches its target`
          : `: the guarantees and what the host keeps already reach ${formatMb(f.hostUseMb)}, so they stay near their minimums`;
      return `ballooning (${formatNames(f.vmNames)}): Proxmox guarantees each minimum, ${formatMb(f.guaranteedMb)} for the placed VMs in all, and hands out more, up to their configured ${formatMb(f.maximumMb)}, only while the host uses less than ${f.targetPercent} % of its RAM (${formatMb(f.targetMb)})${tail}`;
    }
    case 'balloon-minimums-exceed-host':
      return `the placed VMs are guaranteed ${formatMb(f.guaranteedMb)} (the balloon minimums of ${formatNames(f.vmNames)} and the others' fixed memory), more than the ${formatMb(f.roomMb)} the host has for VMs: even with every balloon inflated, the host must swap or kill processes`;
    case 'thin-overcommit': {
      const snap = f.worstCaseGb > f.virtualGb ? `, and with their snapshots up to ${formatGb(f.worstCaseGb)}` : '';
      if (f.basis === 'asked') return `the disks of ${counted(f)} could grow to ${formatGb(f.virtualGb)}${snap}, more than the ${formatGb(f.usableGb)} available`;
      return `the thin disks of ${counted(f)} can grow to ${formatGb(f.virtualGb)}${snap}, but only ${formatGb(f.usableGb)} of disk is available (${formatRatio(f.ratio)}): if they fill up, the storage runs out and VMs pause on write errors`;
    }
    case 'preallocation-exceeds-storage':
      if (f.basis === 'asked') return `the preallocated (thick) disks of ${counted(f)} would need ${formatGb(f.preallocatedGb)}, more than the ${formatGb(f.usableGb)} available`;
      return `the preallocated (thick) disks of ${counted(f)} need ${formatGb(f.preallocatedGb)} but only ${formatGb(f.usableGb)} of disk is available`;
    case 'storage-full-now':
      return `the disks of ${counted(f)} already take ${formatGb(f.allocatedGb)} on the host, more than the ${formatGb(f.usableGb)} available: the storage is full and the VMs' writes fail`;
    case 'snapshots-hold-space':
      return `snapshots (${f.snapshots} for ${formatNames(f.vmNames)}) hold ${formatGb(f.snapshotGb)}: after a snapshot every cluster the guest rewrites is stored again, so the image grows even when the guest's data does not`;
    case 'migration-cpu-mismatch': {
      const why =
        f.cpuType === 'host-passthrough'
          ? `host-passthrough (Proxmox: host), which needs an identical CPU (model and microcode) to live-migrate${f.crossVendor ? ', and never works between Intel and AMD' : ''}`
          : `host-model, which copies this host's CPU features: only a host of the same vendor that is at least as new can take it`;
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} ${why}; ${formatNames(f.nodes)} cannot take ${f.vmNames.length === 1 ? 'it' : 'them'}. For the whole cluster use ${f.recommended}, the newest generic type every node runs`;
    }
    case 'cpu-type-unsupported-in-cluster':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} ${f.cpuTypes.join(', ')}, which ${formatNames(f.nodes)} cannot run: the VM cannot start or live-migrate there. Use ${f.recommended}, the newest generic type every node runs`;
    case 'host-cpu-model-unknown':
      return `the CPU model of ${JSON.stringify(f.hostName)} is not given, so it cannot be compared with the other nodes: choose its model`;
    case 'migration-needs-identical-cpu':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} host-passthrough: live migration only works to a host with the identical CPU model and microcode, never to an ${VENDOR[f.otherVendor]} host`;
    case 'migration-same-vendor-only':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} host-model: live migration works to hosts with a similar ${VENDOR[f.hostVendor]} CPU, not to an ${VENDOR[f.otherVendor]} host`;
    case 'generic-cpu-portable':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} a generic CPU model (${f.cpuTypes.join(', ')}): portable between Intel and AMD hosts that support it, at the cost of newer CPU features`;
    case 'kvm64-lacks-features':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} kvm64, an old baseline without SSE4.2 or AES-NI: systems that require x86-64-v2 (such as RHEL 9) will not boot, others run slower`;
    case 'emulated-nic':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} an emulated network card (${f.nics.join(', ')}): it works without extra drivers but costs more host CPU than paravirtual virtio`;
    case 'raw-sparse':
      return `${formatNames(f.vmNames)} ${have(f.vmNames)} thin raw disks, which are sparse files: a copy made with a tool that ignores holes takes the full size`;
    case 'foreign-disk-format':
      return `${formatNames(f.vmNames)} ${verb(f.vmNames)} ${f.formats.join(' and ')} disks (VMware and Hyper-V formats): QEMU/KVM can open them, but converting to qcow2 or raw (qemu-img convert) gives full support`;
    case 'balloon-does-not-add-capacity':
      return `ballooning (on for ${formatNames(f.vmNames)}) lets the host take back RAM a guest is not using, but the full configured RAM still counts as allocated`;
    case 'ratio-origin': {
      const keys: (keyof Ratios)[] = ['cpu', 'ram', 'disk'];
      return `this node's ratios come from its history: ${keys.map((k) => `${k} ${formatNumber(f.ratios[k])} because ${explainRatioReason(k, f.reasons[k])}`).join('; ')}`;
    }
    case 'quota-usage': {
      const part = (k: QuotaKey, label: string, fmt: (n: number) => string): string =>
        f.limits[k] < 0 ? `${fmt(f.used[k])} ${label} (no limit)` : `${fmt(f.used[k])} of ${fmt(f.limits[k])} ${label}`;
      return `the project uses ${part('instances', 'instances', String)}, ${part('cores', 'cores (shared and dedicated vCPUs together)', String)} and ${part('ramMb', 'of RAM', formatMb)}: a request beyond a quota is refused before any host is looked at`;
    }
  }
}

/** Which hypervisors would refuse or warn when this VM is powered on; empty when all start it quietly. */
export function explainStart(s: StartCheck): string {
  const parts: string[] = [];
  if (s.proxmox === 'refused') parts.push(`Proxmox refuses to start it ("MAX ${s.logicalCpus} vcpus allowed per VM on this node": ${s.vcpus} > ${s.logicalCpus} logical CPUs)`);
  if (s.libvirt === 'starts-with-warning') parts.push(`libvirt/QEMU start it with a warning that ${s.vcpus} CPUs exceed the ${s.logicalCpus} KVM recommends`);
  if (s.virtualbox === 'refused') parts.push(`VirtualBox allows at most 32 vCPUs`);
  else if (s.virtualbox === 'advised-against') parts.push(`the VirtualBox manual advises no more vCPUs than the ${s.physicalCores} physical cores`);
  return parts.join('; ');
}

export function explainVerdict(v: VmVerdict): string {
  if (v.fits) return `${JSON.stringify(v.name)} fits`;
  return `${JSON.stringify(v.name)} does not fit: ${v.problems.map(explainProblem).join('; ')}`;
}

function listResources(resources: readonly Resource[]): string {
  const labels = resources.map((r) => RESOURCE_LABEL[r]);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** `empty`: the host runs nothing yet, so the count is "N fit" rather than "N more fit". */
export function explainHeadroom(h: Headroom, what = 'VMs of this size', options: { empty?: boolean } = {}): string {
  if (h.blocked.length > 0) return `no ${what} fit: ${h.blocked.map(explainProblem).join('; ')}`;
  // "RAM runs out" but "vCPUs run out": the label's own number decides, not only the count.
  const singular = h.limitedBy.length === 1 && h.limitedBy[0] !== 'VCPU' && h.limitedBy[0] !== 'PCPU';
  const host = h.limitedBy.length > 0 ? `${listResources(h.limitedBy)} ${singular ? 'runs' : 'run'} out first` : '';
  const quota = h.quota ? `the project's ${h.quota.limitedBy.map((k) => `${QUOTA_NAME[k]} quota`).join(' and ')} ${h.limitedBy.length > 0 ? 'runs out at the same time' : 'runs out first'}` : '';
  const runsOut = [host, quota].filter((t) => t !== '').join(', and ');
  const more = options.empty ? '' : 'more ';
  if (h.count === 0) return `no ${more}${what} fit: ${runsOut}`;
  return `${h.count} ${more}${what} fit; ${runsOut}`;
}

export function explainUnplaced(u: Unplaced, vmName: string, hostNames: readonly string[]): string {
  if (!u.closest) return `${JSON.stringify(vmName)} was not placed: there are no hosts`;
  const host = JSON.stringify(hostNames[u.closest.hostIndex] ?? `host ${u.closest.hostIndex + 1}`);
  const why = u.closest.problems.map(explainProblem).join('; ');
  return u.tooBigForEveryHost
    ? `${JSON.stringify(vmName)} was not placed: no host is big enough, even empty (nearest is ${host}: ${why})`
    : `${JSON.stringify(vmName)} was not placed: the hosts are full (nearest is ${host}: ${why})`;
}

const NEED_LABEL = { vcpus: 'vCPUs', ramMb: 'RAM', diskGb: 'disk' } as const;

export function explainSmallest(r: SmallestFlavorResult): string {
  if (r.found) {
    const f = r.flavor;
    return `${f.name} (${f.vcpus} vCPU${f.vcpus === 1 ? '' : 's'}, ${formatMb(f.ramMb)} RAM) is the smallest flavor that meets the needs`;
  }
  if (r.noSingleFlavorHasAll) return 'each need is met by some flavor, but no single flavor meets them all';
  const parts = r.unmet.map((u) => {
    const fmt = (v: number): string => (u.need === 'ramMb' ? formatMb(v) : u.need === 'diskGb' ? formatGb(v) : String(v));
    return `${NEED_LABEL[u.need]}: needs ${fmt(u.needed)}, the largest flavor has ${fmt(u.largest)}`;
  });
  return `no flavor is large enough (${parts.join('; ')})`;
}

/** One setting of a VM as it is now, for "Changed …" announcements: "4 vCPUs", "8 GB RAM", "network card e1000". */
function vmSetting(vm: Vm, field: string): string {
  switch (field) {
    case 'vcpus':
      return formatAmount('VCPU', vm.vcpus);
    case 'ramMb':
      return `${formatMb(vm.ramMb)} RAM`;
    case 'rootDiskGb':
      return `root disk ${formatGb(vm.rootDiskGb)}`;
    case 'ephemeralGb':
      return vm.ephemeralGb > 0 ? `ephemeral disk ${formatGb(vm.ephemeralGb)}` : 'no ephemeral disk';
    case 'swapMb':
      return vm.swapMb > 0 ? `swap ${formatMb(vm.swapMb)}` : 'no swap';
    case 'bootFromVolume':
      return vm.bootFromVolume ? 'root disk on a volume' : 'root disk on the host';
    case 'provisioning':
      return vm.provisioning === 'thick' ? 'thick (preallocated) disks' : 'thin disks';
    case 'cpuType':
      return `CPU type ${vm.cpuType}`;
    case 'diskFormat':
      return `disk format ${vm.diskFormat}`;
    case 'nic':
      return `network card ${vm.nic}`;
    case 'balloon':
      return vm.balloon ? 'balloon device on' : 'balloon device off';
    case 'sockets':
      return `${vm.sockets} socket${vm.sockets === 1 ? '' : 's'} × ${vm.vcpus / vm.sockets} core${vm.vcpus / vm.sockets === 1 ? '' : 's'}`;
    case 'balloonMinMb':
      return vm.balloonMinMb === null ? 'fixed memory (no balloon minimum)' : `balloon minimum ${formatMb(vm.balloonMinMb)}`;
    case 'diskWrittenGb':
      return `${formatGb(vm.diskWrittenGb)} written to its disks`;
    case 'snapshots':
      return `${vm.snapshots} snapshot${vm.snapshots === 1 ? '' : 's'}`;
    case 'snapshotGb':
      return `${formatGb(vm.snapshotGb)} held by snapshots`;
    case 'cpuPolicy':
      return vm.cpuPolicy === 'dedicated' ? 'dedicated (pinned) vCPUs' : 'shared vCPUs';
    default:
      return field;
  }
}

/**
 * `vm`, the VM as it is after the event, lets a "vm-updated" event say what the VM now has
 * (`Changed "db01": 4 vCPUs`); without it the event names only the fields that changed.
 */
export function explainEvent(e: SizingEvent, vm?: Vm): string {
  if (e.type === 'vm-updated' && vm && vm.id === e.vmId) {
    const custom = e.flavorCleared ? '; it is now a custom size' : '';
    const settings = e.fields.filter((f) => f !== 'name').map((f) => vmSetting(vm, f));
    const head = e.fields.includes('name') ? `Renamed ${e.vmId} to ${JSON.stringify(vm.name)}` : `Changed ${JSON.stringify(vm.name)}`;
    if (settings.length === 0) return `${head}${custom}`;
    return `${head}${e.fields.includes('name') ? ';' : ':'} ${settings.join(', ')}${custom}`;
  }
  switch (e.type) {
    case 'host-changed':
      return `Host updated (${e.fields.join(', ')})`;
    case 'vm-added':
      return `Added ${JSON.stringify(e.name)}${e.flavor ? ` (${e.flavor})` : ''}`;
    case 'vm-removed':
      return `Removed ${JSON.stringify(e.name)}`;
    case 'vm-updated':
      return `Updated ${e.vmId} (${e.fields.join(', ')})${e.flavorCleared ? '; it is now a custom size' : ''}`;
    case 'policy-changed':
      return `Policy set to ${e.preset}`;
    case 'reserve-changed':
      return `Host reserve updated (${e.fields.join(', ')})`;
    case 'ratios-changed':
      return `Allocation ratios updated (${e.fields.join(', ')}); preset: ${e.preset}${e.historyCleared ? '; they no longer follow the node’s history' : ''}`;
    case 'origin-changed':
      return e.ratios
        ? `Ratios from the node’s history: cpu ${formatNumber(e.ratios.cpu)}, ram ${formatNumber(e.ratios.ram)}, disk ${formatNumber(e.ratios.disk)}; preset: ${e.preset}`
        : 'Node history removed; the ratios stay as they are';
    case 'cpu-sets-changed':
      return e.cpuSets
        ? `CPU sets: ${e.cpuSets.dedicated} dedicated (PCPU), ${e.cpuSets.shared === null ? 'no cpu_shared_set' : `${e.cpuSets.shared} shared (VCPU)`}`
        : 'CPU sets removed: every logical CPU is VCPU again';
    case 'quota-changed':
      return e.quota ? `Project quota: ${e.quota.instances} instances, ${e.quota.cores} cores, ${formatMb(e.quota.ramMb)} RAM (-1 = no limit)` : 'Project quota removed';
    case 'peer-added':
      return `Added cluster node ${JSON.stringify(e.name)} (${e.cpuModel})`;
    case 'peer-removed':
      return `Removed cluster node ${JSON.stringify(e.name)}`;
  }
}

/** One action in words, for a lab's worked solution ("Add a g4.r4c1 VM named "web01""). `names` maps VM ids to names. */
export function describeAction(a: SizingAction, names: Readonly<Record<string, string>> = {}): string {
  const vm = (id: string): string => `"${Object.prototype.hasOwnProperty.call(names, id) ? names[id] : id}"`;
  const fields = (changes: Record<string, unknown>): string =>
    Object.entries(changes)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
  switch (a.type) {
    case 'setHost':
      return `Set the host's ${fields(a.changes)}`;
    case 'addVm':
      return `Add a ${a.flavor} VM${a.name ? ` named "${a.name}"` : ''}`;
    case 'addCustomVm':
      return `Add a custom VM${a.name ? ` named "${a.name}"` : ''} (${fields(a.size)})`;
    case 'removeVm':
      return `Remove ${vm(a.id)}`;
    case 'updateVm':
      return `Change ${vm(a.id)}: ${fields(a.changes)}`;
    case 'setPolicy':
      return `Switch the policy to ${a.preset}`;
    case 'setReserve':
      return `Keep for the host: ${fields(a.changes)}`;
    case 'setRatios':
      return `Set the allocation ratios: ${fields(a.changes)}`;
    case 'setNovaOrigin':
      return a.origin ? `Describe the node's history: registered under ${String(a.origin.registered)}, running ${String(a.origin.running)}` : 'Remove the node’s history';
    case 'setCpuSets':
      return a.cpuSets ? `Set the CPU sets: ${fields(a.cpuSets)}` : 'Remove the CPU sets';
    case 'setQuota':
      return a.quota ? `Set the project quota: ${fields(a.quota)}` : 'Remove the project quota';
    case 'addPeer':
      return `Add cluster node "${a.name}" (${a.cpuModel})`;
    case 'removePeer':
      return `Remove cluster node "${a.name}"`;
  }
}
