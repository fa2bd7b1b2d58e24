/**
 * Sentences the calculator shows around the engine's own explanations: field messages, the
 * labelled values beside each bar, and what is announced after a change. Wording about
 * resources and fits comes from the engine's explain module; this only arranges it.
 */
import {
  explainEvent,
  explainFinding,
  explainProblem,
  formatAmount,
  formatGb,
  formatMb,
  formatNumber,
  formatRatio,
  localDiskGb,
  type Finding,
  type Issue,
  type Resource,
  type ResourceLine,
  type SizingEvent,
  type SizingSummary,
  type StorageKind,
  type Vm,
} from './engine';
import { formatIssue } from '../../sim/core/issues';

/** Capital first letter (unless the text starts with a name such as g4.r8c4) and a closing full stop. */
export const sentence = (text: string): string => {
  const t = /^[a-z]+(?=[\s:,])/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** A message for the field the student just edited: the field is the place, so no path. */
export const fieldMessage = (issue: Issue): string => sentence(formatIssue({ ...issue, path: [] }));

/** A message about a whole link, where the path (kept as written: host.sockets) says which part is wrong. */
export const linkMessage = (issue: Issue): string => (issue.path.length > 0 ? `${formatIssue(issue)}.` : sentence(formatIssue(issue)));

export const RESOURCE_TITLE: Record<Resource, string> = { VCPU: 'vCPUs', PCPU: 'Dedicated CPUs', MEMORY_MB: 'RAM', DISK_GB: 'Disk' };

/** PCPU only matters on a Nova node with cpu_dedicated_set, or when a VM asks for it. */
export const lineShown = (line: ResourceLine): boolean => line.resource !== 'PCPU' || line.total > 0 || line.allocated > 0;

const STORAGE_SHORT: Record<StorageKind, string> = {
  none: 'storage',
  'zfs-pve81': 'ZFS ARC',
  'zfs-default': 'ZFS ARC',
  'zfs-custom': 'ZFS ARC',
  ceph: 'Ceph OSDs',
};

export interface Fact {
  label: string;
  value: string;
  tone?: 'bad' | 'warn';
}

/** How the capacity comes about, in the host's own units: "30 GB = 32 GB − 2 GB kept for the host". */
function capacityText(line: ResourceLine, nova: boolean, sets: boolean): string {
  const r = line.resource;
  const amount = (v: number): string => formatAmount(r, v);
  if (r === 'VCPU' && !nova) {
    const cores = `${formatNumber(line.capacity)} physical core${line.capacity === 1 ? '' : 's'}`;
    return line.reserved > 0 ? `${cores} (${line.total} − ${line.reserved} kept for the host; threads do not count)` : `${cores} (threads do not count)`;
  }
  const total = r === 'VCPU' ? `${line.total} ${sets ? 'CPUs in cpu_shared_set' : 'logical CPUs'}` : r === 'PCPU' ? `${line.total} CPUs in cpu_dedicated_set` : amount(line.total);
  const kept = (line.reserved > 0 ? ` − ${amount(line.reserved)} kept for the host` : '') + (line.storage > 0 ? ` − ${amount(line.storage)} for the storage` : '');
  if (line.allocationRatio !== 1) return `${amount(line.capacity)} = (${total}${kept}) × ${formatNumber(line.allocationRatio)}`;
  if (line.reserved > 0 || line.storage > 0) return `${amount(line.capacity)} = ${total}${kept}`;
  return r === 'VCPU' || r === 'PCPU' ? `${amount(line.capacity)} = ${total}` : `${amount(line.capacity)}, all of the host's`;
}

/** The numbers behind one bar, as labelled text (the bar itself is hidden from screen readers). */
export function lineFacts(line: ResourceLine, view: SizingSummary): Fact[] {
  const r = line.resource;
  const amount = (v: number): string => formatAmount(r, v);
  const nova = view.policy.kind === 'nova';
  // With refused VMs, what is asked for and what the host carries differ: say both.
  const facts: Fact[] =
    line.placed === line.allocated
      ? [{ label: 'Given to VMs', value: amount(line.allocated) }]
      : [
          { label: 'Placed VMs', value: amount(line.placed) },
          { label: 'Asked for', value: `${amount(line.allocated)}, refused VMs included` },
        ];
  facts.push({ label: line.enforced ? 'Capacity' : 'Counted against', value: capacityText(line, nova, view.policy.cpuSets !== null) });
  if (line.remaining >= 0) facts.push({ label: 'Left', value: amount(line.remaining) });
  else if (line.enforced) facts.push({ label: 'Over capacity', value: `${amount(-line.remaining)}: VMs that do not fit are refused`, tone: 'bad' });
  else facts.push({ label: 'Over the cores', value: `${amount(-line.remaining)}: the cores are shared in turn, nothing is refused` });
  if (r === 'VCPU') {
    const o = view.overcommit;
    facts.push({ label: 'vCPU:pCPU', value: `${formatRatio(o.vcpuPerCore)} per physical core, ${formatRatio(o.vcpuPerThread)} per thread` });
  }
  if (r === 'MEMORY_MB') {
    const m = view.memory;
    if (m.storageMb > 0 && nova) facts.push({ label: `Kept by the ${STORAGE_SHORT[m.storage]}`, value: `up to ${formatMb(m.storageMb)}, not counted by Nova`, tone: 'warn' });
    else if (m.storageMb > 0) facts.push({ label: `Kept by the ${STORAGE_SHORT[m.storage]}`, value: `${formatMb(m.storageMb)}, apart from the host reserve` });
    if (m.guaranteedMb < m.configuredMb) facts.push({ label: 'Guaranteed', value: `${formatMb(m.guaranteedMb)} (balloon minimums); more only below the ${formatMb(m.balloonTargetMb)} target` });
  }
  if (r === 'DISK_GB') {
    const d = view.disk;
    if (!nova && view.overcommit.virtualDiskGb > view.overcommit.preallocatedDiskGb) {
      facts.push({ label: 'Thin disks', value: `not counted until written; all disks could grow to ${formatGb(view.overcommit.virtualDiskGb)}` });
    }
    // Only thin disks and snapshots make "now" differ from what was provisioned.
    if (d.provisionedGb > 0 && (d.allocatedGb !== d.provisionedGb || d.worstCaseGb > d.provisionedGb)) {
      facts.push({ label: 'On the host now', value: `${formatGb(d.allocatedGb)} allocated of ${formatGb(d.provisionedGb)} provisioned; ${d.freeGb >= 0 ? `${formatGb(d.freeGb)} free` : `${formatGb(-d.freeGb)} short`}`, ...(d.freeGb < 0 ? { tone: 'bad' as const } : {}) });
      if (d.worstCaseGb > d.provisionedGb) facts.push({ label: 'With snapshots', value: `could grow to ${formatGb(d.worstCaseGb)} (${formatGb(d.snapshotGb)} held now)` });
    }
  }
  return facts;
}

/** "28 GB of 30 GB", or for the course's vCPUs "20 vCPUs on 8 cores". */
export function lineHeadline(line: ResourceLine, view: SizingSummary): string {
  if (line.resource === 'VCPU' && view.policy.kind === 'course') {
    return `${formatAmount('VCPU', line.allocated)} on ${formatNumber(line.capacity)} core${line.capacity === 1 ? '' : 's'}`;
  }
  return `${formatAmount(line.resource, line.allocated)} of ${formatAmount(line.resource, line.capacity)}`;
}

export function vmSize(vm: Vm): string {
  return `${vm.vcpus} vCPU${vm.vcpus === 1 ? '' : 's'}, ${formatMb(vm.ramMb)} RAM`;
}

/** What is beyond the simple sizes, only when it differs from the defaults: "2 sockets × 4 cores; balloon min 4 GB; dedicated". */
export function vmExtras(vm: Vm): string {
  const parts: string[] = [];
  if (vm.sockets > 1) parts.push(`${vm.sockets} sockets × ${vm.vcpus / vm.sockets} cores`);
  if (vm.balloon && vm.balloonMinMb !== null) parts.push(`balloon min ${formatMb(vm.balloonMinMb)}`);
  if (vm.cpuPolicy === 'dedicated') parts.push('dedicated vCPUs');
  return parts.join('; ');
}

export function vmDisk(vm: Vm): string {
  const local = localDiskGb(vm);
  const volume = vm.bootFromVolume && vm.rootDiskGb > 0 ? `root ${formatGb(vm.rootDiskGb)} on a volume` : '';
  const written = local > 0 && vm.provisioning === 'thin' && vm.diskWrittenGb > 0 ? `${formatGb(vm.diskWrittenGb)} written` : '';
  const snaps = vm.snapshots > 0 ? `${vm.snapshots} snapshot${vm.snapshots === 1 ? '' : 's'} hold ${formatGb(vm.snapshotGb)}` : '';
  const parts = [local > 0 ? `${formatGb(local)} ${vm.provisioning} disk` : 'no local disk', written, snaps, volume].filter((p) => p !== '');
  return parts.join('; ');
}

const findingKey = (f: Finding): string => `${f.code}:${'vmId' in f ? f.vmId : ''}`;

/**
 * What a screen reader hears after a change: what happened, whether a VM that was just added
 * fits, how many fit, and the text of any warning that was not there before. `after` holds the VMs
 * after the change, so that an edited VM is described by what it now has ("Changed "db01": 4 vCPUs").
 */
export function changeReport(events: readonly SizingEvent[], before: readonly Finding[], view: SizingSummary, after: readonly Vm[]): string {
  const parts = events.map((e) => sentence(explainEvent(e, e.type === 'vm-updated' ? after.find((v) => v.id === e.vmId) : undefined)));
  for (const e of events) {
    if (e.type !== 'vm-added' && e.type !== 'vm-updated') continue;
    const verdict = view.verdicts.find((v) => v.vmId === e.vmId);
    if (verdict && !verdict.fits) parts.push(sentence(`It does not fit: ${verdict.problems.map(explainProblem).join('; ')}`));
  }
  const { vms, fitting, warnings } = view.counts;
  parts.push(`${fitting} of ${vms} VM${vms === 1 ? '' : 's'} fit; ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  const known = new Set(before.map(findingKey));
  const fresh = view.findings.filter((f) => f.severity === 'warning' && !known.has(findingKey(f)));
  for (const f of fresh) parts.push(sentence(`New warning: ${explainFinding(f)}`));
  return parts.join(' ');
}
