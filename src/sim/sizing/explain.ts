/**
 * English for students, rendered from the engine's reason data. A widget, a quiz and a lab checker
 * all call these, so the wording is the same everywhere. Nothing here decides anything.
 */
import type { SizingAction, SizingEvent } from './actions';
import type { FitProblem, Headroom } from './fit';
import type { Finding } from './findings';
import type { Unplaced } from './pack';
import type { SmallestFlavorResult } from './smallest';
import type { VmVerdict } from './summary';
import type { CpuVendor, Resource, Vm } from './types';

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
  return `${formatNumber(value)} vCPU${value === 1 ? '' : 's'}`;
}

export const RESOURCE_LABEL: Record<Resource, string> = { VCPU: 'vCPUs', MEMORY_MB: 'RAM', DISK_GB: 'disk' };

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
  if (p.reserved > 0 && p.allocationRatio !== 1) {
    return `capacity (${amount(p.total)} − ${amount(p.reserved)} reserved) × ${formatNumber(p.allocationRatio)} = ${amount(p.capacity)}`;
  }
  if (p.reserved > 0) return `capacity ${amount(p.capacity)} after the ${amount(p.reserved)} kept for the host`;
  if (p.allocationRatio !== 1) return `capacity ${amount(p.total)} × ${formatNumber(p.allocationRatio)} = ${amount(p.capacity)}`;
  return `capacity ${amount(p.capacity)}`;
}

export function explainProblem(p: FitProblem): string {
  switch (p.code) {
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

export function explainFinding(f: Finding): string {
  switch (f.code) {
    case 'cpu-contention': {
      const kept = f.reservedCpus > 0 ? ` left after ${f.reservedCpus} kept for the host` : '';
      return `${f.vcpus} vCPUs share ${f.guestCores} physical cores${kept} (${formatRatio(f.ratio)}): when VMs are busy together they wait for CPU time`;
    }
    case 'vm-vcpus-exceed-cores':
      return `${JSON.stringify(f.vmName)} has ${f.vcpus} vCPUs but the host has only ${f.cores} physical cores: its vCPUs compete with each other for cores`;
    case 'vm-uses-all-cores':
      return `${JSON.stringify(f.vmName)} has ${f.vcpus} vCPUs, one for every physical core: when it is busy, the host and the other VMs must wait for a core`;
    case 'ram-overcommit':
      return `VMs are given ${formatMb(f.allocatedMb)} of RAM but the host has ${formatMb(f.physicalMb)} (${formatRatio(f.ratio)}): if they use it, the host must swap or kill processes`;
    case 'host-reserve-violated': {
      const tail = f.allocatedMb <= f.physicalMb ? ': not overcommitted, but the host is left without room to run well' : '';
      return `VMs are given ${formatMb(f.allocatedMb)} of RAM, which takes ${formatMb(f.intoReserveMb)} of the ${formatMb(f.reserveMb)} kept for the host itself (host RAM ${formatMb(f.physicalMb)})${tail}`;
    }
    case 'thin-overcommit':
      return `thin disks may grow to ${formatGb(f.virtualGb)} but only ${formatGb(f.usableGb)} of disk is available (${formatRatio(f.ratio)}): if they fill up, VMs stop with write errors`;
    case 'preallocation-exceeds-storage':
      return `preallocated (thick) disks need ${formatGb(f.preallocatedGb)} but only ${formatGb(f.usableGb)} of disk is available`;
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
      return `ballooning (on for ${formatNames(f.vmNames)}) lets the host take back RAM a guest is not using, but the full assigned RAM still counts as allocated`;
  }
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
  const singular = h.limitedBy.length === 1 && h.limitedBy[0] !== 'VCPU';
  const runsOut = `${listResources(h.limitedBy)} ${singular ? 'runs' : 'run'} out first`;
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
      return `Allocation ratios updated (${e.fields.join(', ')}); preset: ${e.preset}`;
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
  }
}
