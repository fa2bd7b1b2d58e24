import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { closest } from '../core/suggest';
import { CPU_MODELS, findCpuModel } from './cpu-models';
import { SNAPSHOT_FORMATS } from './disks';
import { matchesFlavor, resolveFlavor } from './flavors';
import { logicalCpus, physicalCores } from './host';
import { LIMITS, MAX_NAME_LENGTH, MAX_PEERS, MAX_VMS, type Bound } from './limits';
import { RELEASE_LABEL, releaseIndex, resolveRatios } from './nova-history';
import { readNumber } from './numbers';
import { localDiskGb } from './policy';
import { storageMemoryMb } from './storage';
import {
  CPU_POLICIES,
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  NIC_MODELS,
  NOVA_RELEASES,
  PROVISIONINGS,
  STORAGE_KINDS,
  type ClusterPeer,
  type CpuSets,
  type Host,
  type HostStorage,
  type NovaOrigin,
  type Policy,
  type Quota,
  type Ratios,
  type Reserve,
  type SizingState,
  type Vm,
  type VmOptions,
  type WrittenRatios,
} from './types';

/** Reads one field of student input; returns the cleaned value or issues at `path`. */
export type FieldReader<T> = (value: unknown, path: PathSegment[]) => Result<T>;

export const numberField =
  (bound: Bound): FieldReader<number> =>
  (value, path) =>
    readNumber(value, bound, path);

/** A number, or null for "not given" (null, or blank text from a form field). */
export const nullableNumberField =
  (bound: Bound): FieldReader<number | null> =>
  (value, path) =>
    value === null || (typeof value === 'string' && value.trim() === '') ? ok(null) : readNumber(value, bound, path);

export function enumField<T extends string>(values: readonly T[]): FieldReader<T> {
  return (value, path) => {
    if (typeof value === 'string') {
      const exact = values.find((v) => v === value.trim());
      if (exact) return ok(exact);
      const folded = values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
      if (folded) return ok(folded);
    }
    const guess = typeof value === 'string' ? closest(value, values) : undefined;
    return fail({
      path,
      message: `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value) ?? 'nothing'}`,
      ...(guess ? { hint: `Did you mean ${JSON.stringify(guess)}?` } : {}),
    });
  };
}

export const booleanField: FieldReader<boolean> = (value, path) =>
  typeof value === 'boolean' ? ok(value) : fail({ path, message: `expected true or false, got ${JSON.stringify(value) ?? 'nothing'}` });

// Control characters would be invisible in lists and could break a shared link's readability.
const CONTROL = /[\u0000-\u001f\u007f]/;

export const nameField: FieldReader<string> = (value, path) => {
  if (typeof value !== 'string') return fail({ path, message: `expected a name (text), got ${JSON.stringify(value) ?? 'nothing'}` });
  const name = value.trim();
  if (name === '') return fail({ path, message: 'the name must not be empty' });
  if (name.length > MAX_NAME_LENGTH) return fail({ path, message: `the name must be at most ${MAX_NAME_LENGTH} characters, got ${name.length}` });
  if (CONTROL.test(name)) return fail({ path, message: 'the name must not contain control characters (tabs, line breaks)' });
  return ok(name);
};

const MODEL_IDS = CPU_MODELS.map((m) => m.id);

/** A QEMU CPU model name from the catalogue (any case). */
export const cpuModelField: FieldReader<string> = (value, path) => {
  if (typeof value === 'string') {
    const found = CPU_MODELS.find((m) => m.id.toLowerCase() === value.trim().toLowerCase());
    if (found) return ok(found.id);
  }
  const guess = typeof value === 'string' ? closest(value, MODEL_IDS) : undefined;
  return fail({
    path,
    message: `unknown CPU model ${JSON.stringify(value) ?? 'nothing'}`,
    hint: guess ? `Did you mean ${JSON.stringify(guess)}?` : 'Use a QEMU model name such as Cascadelake-Server or EPYC-Milan',
  });
};

/** A host CPU model, or null (blank) when only the vendor is known. */
export const hostCpuModelField: FieldReader<string | null> = (value, path) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? ok(null) : cpuModelField(value, path);

type Readers<T> = { [K in keyof T]: FieldReader<T[K]> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const own = (o: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Read an object field by field. Unknown fields are reported (with a suggestion) rather than
 * ignored, so a typo such as `vcpu: 4` is never silently dropped. With `complete`, every field is
 * required except those listed in `optional`.
 */
export function readFields<T extends object>(input: unknown, readers: Readers<T>, path: PathSegment[], complete: boolean, optional: readonly string[] = []): Result<Partial<T>> {
  if (!isRecord(input)) return fail({ path, message: `expected a mapping of fields, got ${JSON.stringify(input) ?? 'nothing'}` });
  const keys = Object.keys(readers) as (keyof T & string)[];
  const issues: Issue[] = [];
  const out: Partial<T> = {};
  for (const key of Object.keys(input)) {
    if (!(keys as string[]).includes(key)) {
      const guess = closest(key, keys);
      issues.push({ path: [...path, key], message: `unknown field ${JSON.stringify(key)}`, ...(guess ? { hint: `Did you mean ${JSON.stringify(guess)}?` } : {}) });
    }
  }
  for (const key of keys) {
    if (!own(input, key)) {
      if (complete && !optional.includes(key)) issues.push({ path: [...path, key], message: 'missing required field' });
      continue;
    }
    const read = readers[key](input[key], [...path, key]);
    if (read.ok) out[key] = read.value;
    else issues.push(...read.issues);
  }
  return issues.length > 0 ? fail(...issues) : ok(out);
}

/** One of the storage kinds with exactly the fields that kind has. */
export const storageField: FieldReader<HostStorage> = (value, path) => {
  if (!isRecord(value)) return fail({ path, message: 'expected a storage mapping with a "kind"', hint: `Use one of ${STORAGE_KINDS.map((k) => JSON.stringify(k)).join(', ')}` });
  const kind = enumField(STORAGE_KINDS)(value['kind'], [...path, 'kind']);
  if (!kind.ok) return kind;
  const k = kind.value;
  if (k === 'zfs-custom') {
    const r = readFields(value, { kind: ok, arcMaxMb: numberField(LIMITS.arcMaxMb) } as Readers<{ kind: unknown; arcMaxMb: number }>, path, true);
    return r.ok ? ok({ kind: k, arcMaxMb: r.value.arcMaxMb! }) : r;
  }
  if (k === 'ceph') {
    const r = readFields(value, { kind: ok, osds: numberField(LIMITS.cephOsds), osdMemoryMb: numberField(LIMITS.osdMemoryMb) } as Readers<{ kind: unknown; osds: number; osdMemoryMb: number }>, path, true);
    return r.ok ? ok({ kind: k, osds: r.value.osds!, osdMemoryMb: r.value.osdMemoryMb! }) : r;
  }
  const r = readFields(value, { kind: ok } as Readers<{ kind: unknown }>, path, true);
  return r.ok ? ok({ kind: k }) : r;
};

export const HOST_READERS: Readers<Host> = {
  name: nameField,
  sockets: numberField(LIMITS.sockets),
  coresPerSocket: numberField(LIMITS.coresPerSocket),
  threadsPerCore: numberField(LIMITS.threadsPerCore),
  ramMb: numberField(LIMITS.hostRamMb),
  diskGb: numberField(LIMITS.hostDiskGb),
  cpuVendor: enumField(CPU_VENDORS),
  cpuModel: hostCpuModelField,
  storage: storageField,
  balloonTargetPercent: numberField(LIMITS.balloonTargetPercent),
};

/** Host fields a file or an older link may leave out; they get the defaults of state.ts. */
export const OPTIONAL_HOST_FIELDS = ['cpuModel', 'storage', 'balloonTargetPercent'] as const;

/** A host's own consistency: its CPU model belongs to its vendor, its storage leaves RAM for something else. */
export function checkHost(host: Host, at: PathSegment[] = ['host']): Issue[] {
  const issues: Issue[] = [];
  const model = findCpuModel(host.cpuModel);
  if (model && model.vendor !== host.cpuVendor) {
    issues.push({ path: [...at, 'cpuModel'], message: `${model.id} is an ${model.vendor === 'intel' ? 'Intel' : 'AMD'} CPU, but the host's vendor is ${host.cpuVendor === 'intel' ? 'Intel' : 'AMD'}`, hint: 'Choose a model of the host’s vendor, or change the vendor' });
  }
  const storage = storageMemoryMb(host);
  if (storage >= host.ramMb) {
    issues.push({ path: [...at, 'storage'], message: `the storage would keep ${storage} MB of RAM, no less than the host's ${host.ramMb} MB`, hint: 'Lower the ARC limit or the OSD memory, or give the host more RAM' });
  }
  return issues;
}

export interface VmSizeInput {
  vcpus: number;
  ramMb: number;
  rootDiskGb: number;
  ephemeralGb: number;
  swapMb: number;
  bootFromVolume: boolean;
}

export const SIZE_READERS: Readers<VmSizeInput> = {
  vcpus: numberField(LIMITS.vcpus),
  ramMb: numberField(LIMITS.vmRamMb),
  rootDiskGb: numberField(LIMITS.rootDiskGb),
  ephemeralGb: numberField(LIMITS.ephemeralGb),
  swapMb: numberField(LIMITS.swapMb),
  bootFromVolume: booleanField,
};

export const OPTION_READERS: Readers<VmOptions> = {
  cpuType: enumField(CPU_TYPES),
  diskFormat: enumField(DISK_FORMATS),
  provisioning: enumField(PROVISIONINGS),
  nic: enumField(NIC_MODELS),
  balloon: booleanField,
};

/** What an update may change beyond sizes and options: topology (as qm: sockets and cores), ballooning, disk use, pinning. */
export interface VmDetailInput {
  sockets: number;
  cores: number;
  balloonMinMb: number | null;
  diskWrittenGb: number;
  snapshots: number;
  snapshotGb: number;
  cpuPolicy: Vm['cpuPolicy'];
}

export const DETAIL_READERS: Readers<VmDetailInput> = {
  sockets: numberField(LIMITS.vmSockets),
  cores: numberField(LIMITS.vmCores),
  balloonMinMb: nullableNumberField(LIMITS.balloonMinMb),
  diskWrittenGb: numberField(LIMITS.diskWrittenGb),
  snapshots: numberField(LIMITS.snapshots),
  snapshotGb: numberField(LIMITS.snapshotGb),
  cpuPolicy: enumField(CPU_POLICIES),
};

/**
 * The rules that tie a VM's fields together. `at` is where each field lives (a file's VM, an
 * action's `changes`), so a message lands on the field to fix.
 */
export function checkVm(vm: Vm, at: PathSegment[]): Issue[] {
  const issues: Issue[] = [];
  if (vm.vcpus % vm.sockets !== 0) {
    issues.push({ path: [...at, 'vcpus'], message: `${vm.vcpus} vCPUs cannot be split over ${vm.sockets} sockets: vCPUs = sockets × cores`, hint: `Use a multiple of ${vm.sockets}, or fewer sockets` });
  }
  if (vm.balloonMinMb !== null) {
    if (!vm.balloon) issues.push({ path: [...at, 'balloonMinMb'], message: 'a balloon minimum needs the balloon device', hint: 'Turn the balloon device on, or leave the minimum empty' });
    else if (vm.balloonMinMb > vm.ramMb) issues.push({ path: [...at, 'balloonMinMb'], message: `the balloon minimum (${vm.balloonMinMb} MB) must not exceed the VM's memory (${vm.ramMb} MB)`, hint: 'Lower the minimum, or leave it empty for fixed memory' });
  }
  const local = localDiskGb(vm);
  if (vm.diskWrittenGb > local) {
    issues.push({ path: [...at, 'diskWrittenGb'], message: `the guest cannot have written ${vm.diskWrittenGb} GB to ${local} GB of local disk`, hint: `Use at most ${local} GB` });
  }
  if (vm.snapshots > 0 && local === 0) {
    issues.push({ path: [...at, 'snapshots'], message: 'this VM has no local disk to snapshot', hint: 'Its disks are volumes: their snapshots live in the block storage' });
  } else if (vm.snapshots > 0 && !SNAPSHOT_FORMATS.includes(vm.diskFormat)) {
    issues.push({ path: [...at, 'snapshots'], message: `a ${vm.diskFormat} file holds no snapshots of its own`, hint: 'Use qcow2, or take snapshots in the storage layer (LVM-thin, ZFS, Ceph)' });
  }
  if (vm.snapshotGb > 0 && vm.snapshots === 0) {
    issues.push({ path: [...at, 'snapshotGb'], message: 'snapshot space needs at least one snapshot', hint: 'Set the number of snapshots first' });
  } else if (vm.snapshotGb > local * vm.snapshots) {
    issues.push({ path: [...at, 'snapshotGb'], message: `${vm.snapshots} snapshot${vm.snapshots === 1 ? '' : 's'} of ${local} GB can hold at most ${local * vm.snapshots} GB, got ${vm.snapshotGb}`, hint: 'Each snapshot keeps at most one old copy of the disk' });
  }
  return issues;
}

export const RESERVE_READERS: Readers<Reserve> = {
  ramMb: numberField(LIMITS.reserveRamMb),
  cpus: numberField(LIMITS.reserveCpus),
  diskGb: numberField(LIMITS.reserveDiskGb),
};

export const RATIO_READERS: Readers<Ratios> = {
  cpu: numberField(LIMITS.ratio),
  ram: numberField(LIMITS.ratio),
  disk: numberField(LIMITS.ratio),
};

const WRITTEN_READERS: Readers<WrittenRatios> = {
  cpu: nullableNumberField(LIMITS.writtenRatio),
  ram: nullableNumberField(LIMITS.writtenRatio),
  disk: nullableNumberField(LIMITS.writtenRatio),
};

const INITIAL_READERS: Readers<WrittenRatios> = {
  cpu: nullableNumberField(LIMITS.initialRatio),
  ram: nullableNumberField(LIMITS.initialRatio),
  disk: nullableNumberField(LIMITS.initialRatio),
};

export const originField: FieldReader<NovaOrigin> = (value, path) => {
  const r = readFields(
    value,
    { registered: enumField(NOVA_RELEASES), running: enumField(NOVA_RELEASES), configured: (v, p) => readFields(v, WRITTEN_READERS, p, true), initial: (v, p) => readFields(v, INITIAL_READERS, p, true) } as Readers<{
      registered: NovaOrigin['registered'];
      running: NovaOrigin['running'];
      configured: Partial<WrittenRatios>;
      initial: Partial<WrittenRatios>;
    }>,
    path,
    true,
  );
  if (!r.ok) return r;
  const origin = r.value as NovaOrigin;
  if (releaseIndex(origin.running) < releaseIndex(origin.registered)) {
    return fail({ path: [...path, 'running'], message: `a node registered under ${RELEASE_LABEL[origin.registered]} cannot run ${RELEASE_LABEL[origin.running]}: releases only move forward`, hint: 'Choose the same release or a later one' });
  }
  return ok(origin);
};

export const cpuSetsField: FieldReader<CpuSets> = (value, path) => {
  const r = readFields(value, { dedicated: numberField(LIMITS.cpuSet), shared: nullableNumberField(LIMITS.cpuSet) } as Readers<CpuSets>, path, true);
  if (!r.ok) return r;
  const sets = r.value as CpuSets;
  if (sets.dedicated === 0 && !sets.shared) {
    return fail({ path, message: 'neither set holds a CPU', hint: 'Put CPUs in cpu_dedicated_set or cpu_shared_set, or remove the sets' });
  }
  return ok(sets);
};

export const quotaField: FieldReader<Quota> = (value, path) => {
  const r = readFields(value, { instances: numberField(LIMITS.quotaInstances), cores: numberField(LIMITS.quotaCores), ramMb: numberField(LIMITS.quotaRamMb) } as Readers<Quota>, path, true);
  return r.ok ? ok(r.value as Quota) : r;
};

/** The CPUs a reserve is counted against: physical cores for the course, logical CPUs for Nova. */
export function reservableCpus(host: Host, policy: Policy): number {
  return policy.kind === 'nova' ? logicalCpus(host) : physicalCores(host);
}

/**
 * The reserve (and the storage's memory, which the course also keeps off the VMs) must leave
 * something for guests; Nova's CPU sets must fit the host. Reported at `at` (the field the
 * student just edited), phrased from that side: the host is too small, or the reserve too large.
 */
export function checkReserveFits(host: Host, policy: Policy, at: 'host' | 'reserve'): Issue[] {
  const issues: Issue[] = [];
  const r = policy.reserved;
  const cpus = reservableCpus(host, policy);
  const cpuWord = policy.kind === 'nova' ? 'logical CPUs' : 'physical cores';
  const storage = policy.kind === 'course' ? storageMemoryMb(host) : 0;
  const pairs: [keyof Reserve, number, number, string, PathSegment[]][] = [
    ['ramMb', r.ramMb + storage, host.ramMb, 'MB of RAM', ['host', 'ramMb']],
    ['cpus', r.cpus, cpus, cpuWord, ['host']],
    ['diskGb', r.diskGb, host.diskGb, 'GB of disk', ['host', 'diskGb']],
  ];
  for (const [key, reserved, total, unit, hostPath] of pairs) {
    if (reserved < total) continue;
    const kept = key === 'ramMb' && storage > 0 ? `${r.ramMb} + ${storage} for the storage = ${reserved}` : String(reserved);
    issues.push(
      at === 'reserve'
        ? { path: ['policy', 'reserved', key], message: `the host reserve (${kept} ${unit}) must be less than the host's ${total} ${unit}`, hint: 'Leave something for the VMs' }
        : { path: hostPath, message: `the host would have ${total} ${unit}, no more than the ${kept} reserved for the host itself`, hint: 'Lower the reserve first, or keep a larger host' },
    );
  }
  if (policy.kind === 'nova' && policy.cpuSets) {
    const s = policy.cpuSets;
    const inSets = s.dedicated + (s.shared ?? 0);
    const logical = logicalCpus(host);
    if (inSets > logical) {
      issues.push(
        at === 'reserve'
          ? { path: ['policy', 'cpuSets'], message: `cpu_dedicated_set and cpu_shared_set hold ${inSets} CPUs, more than the host's ${logical} logical CPUs`, hint: 'The sets must be disjoint and name existing CPUs' }
          : { path: ['host'], message: `the host would have ${logical} logical CPUs, fewer than the ${inSets} in cpu_dedicated_set and cpu_shared_set`, hint: 'Shrink the CPU sets first' },
      );
    }
    if (r.cpus > 0) {
      issues.push({ path: ['policy', 'reserved', 'cpus'], message: 'reserved_host_cpus cannot be set alongside cpu_dedicated_set or cpu_shared_set (nova-compute refuses to start)', hint: 'Set it to 0: CPUs in neither set are left to the host' });
    }
  }
  return issues;
}

const VM_ID = /^vm-[1-9]\d*$/;

/** Every rule a state must satisfy; used on anything that arrives from outside (a link, a file). */
export function validateState(input: unknown): Result<SizingState> {
  if (!isRecord(input)) return fail({ path: [], message: 'expected a sizing state (host, vms, policy, cluster)' });
  const issues: Issue[] = [];
  const top = readFields(input, { host: ok, vms: ok, policy: ok, cluster: ok } as Readers<{ host: unknown; vms: unknown; policy: unknown; cluster: unknown }>, [], true);
  if (!top.ok) return top;

  const host = readFields(input['host'], HOST_READERS, ['host'], true);
  if (!host.ok) issues.push(...host.issues);
  else issues.push(...checkHost(host.value as Host));

  const policy = readPolicy(input['policy']);
  if (!policy.ok) issues.push(...policy.issues);

  const vms: Vm[] = [];
  const rawVms = input['vms'];
  if (!Array.isArray(rawVms)) issues.push({ path: ['vms'], message: 'expected a list of VMs' });
  else if (rawVms.length > MAX_VMS) issues.push({ path: ['vms'], message: `at most ${MAX_VMS} VMs, got ${rawVms.length}` });
  else {
    const seen = new Set<string>();
    rawVms.forEach((raw, i) => {
      const vm = readVm(raw, ['vms', i]);
      if (!vm.ok) {
        issues.push(...vm.issues);
        return;
      }
      if (seen.has(vm.value.id)) issues.push({ path: ['vms', i, 'id'], message: `duplicate VM id ${JSON.stringify(vm.value.id)}` });
      seen.add(vm.value.id);
      vms.push(vm.value);
    });
  }
  const cluster = readCluster(input['cluster'], host.ok ? (host.value.name ?? '') : '');
  if (!cluster.ok) issues.push(...cluster.issues);
  if (!host.ok || !policy.ok || !cluster.ok || issues.length > 0) return fail(...issues);
  const state: SizingState = { host: host.value as Host, vms, policy: policy.value, cluster: cluster.value };
  const reserveIssues = checkReserveFits(state.host, state.policy, 'reserve');
  return reserveIssues.length > 0 ? fail(...reserveIssues) : ok(state);
}

export function readCluster(input: unknown, hostName: string): Result<ClusterPeer[]> {
  if (!Array.isArray(input)) return fail({ path: ['cluster'], message: 'expected a list of cluster nodes' });
  if (input.length > MAX_PEERS) return fail({ path: ['cluster'], message: `at most ${MAX_PEERS} other nodes, got ${input.length}` });
  const issues: Issue[] = [];
  const peers: ClusterPeer[] = [];
  const names = new Set([hostName]);
  input.forEach((raw, i) => {
    const r = readFields(raw, { name: nameField, cpuModel: cpuModelField } as Readers<ClusterPeer>, ['cluster', i], true);
    if (!r.ok) return void issues.push(...r.issues);
    const peer = r.value as ClusterPeer;
    if (names.has(peer.name)) issues.push({ path: ['cluster', i, 'name'], message: `the name ${JSON.stringify(peer.name)} is already taken by ${peer.name === hostName ? 'the host' : 'another node'}` });
    names.add(peer.name);
    peers.push(peer);
  });
  return issues.length > 0 ? fail(...issues) : ok(peers);
}

function readPolicy(input: unknown): Result<Policy> {
  if (!isRecord(input)) return fail({ path: ['policy'], message: 'expected a policy mapping with a "kind"' });
  const kind = enumField(['course', 'nova'] as const)(input['kind'], ['policy', 'kind']);
  if (!kind.ok) return kind;
  if (kind.value === 'course') {
    const fields = readFields(input, { kind: ok, reserved: ok } as Readers<{ kind: unknown; reserved: unknown }>, ['policy'], true);
    if (!fields.ok) return fields;
    const reserved = readFields(input['reserved'], RESERVE_READERS, ['policy', 'reserved'], true);
    return reserved.ok ? ok({ kind: 'course', reserved: reserved.value as Reserve }) : reserved;
  }
  const fields = readFields(
    input,
    { kind: ok, ratios: (v, p) => readFields(v, RATIO_READERS, p, true), reserved: (v, p) => readFields(v, RESERVE_READERS, p, true), origin: originField, cpuSets: cpuSetsField, quota: quotaField } as Readers<{
      kind: unknown;
      ratios: Partial<Ratios>;
      reserved: Partial<Reserve>;
      origin: NovaOrigin;
      cpuSets: CpuSets;
      quota: Quota;
    }>,
    ['policy'],
    true,
    ['origin', 'cpuSets', 'quota'],
  );
  if (!fields.ok) return fields;
  const f = fields.value;
  const policy: Policy = { kind: 'nova', ratios: f.ratios as Ratios, reserved: f.reserved as Reserve };
  if (f.origin) {
    const resolved = resolveRatios(f.origin).ratios;
    const r = policy.ratios;
    if (resolved.cpu !== r.cpu || resolved.ram !== r.ram || resolved.disk !== r.disk) {
      return fail({ path: ['policy', 'ratios'], message: `the ratios differ from what the node's history gives (cpu ${resolved.cpu}, ram ${resolved.ram}, disk ${resolved.disk})`, hint: 'Remove the history, or use the ratios it gives' });
    }
    policy.origin = f.origin;
  }
  if (f.cpuSets) policy.cpuSets = f.cpuSets;
  if (f.quota) policy.quota = f.quota;
  return ok(policy);
}

const VM_OWN_READERS: Readers<{ id: string; name: string; flavor: string | null }> = {
  id: (value, path) =>
    typeof value === 'string' && VM_ID.test(value) ? ok(value) : fail({ path, message: `expected an id like "vm-1", got ${JSON.stringify(value) ?? 'nothing'}` }),
  name: nameField,
  flavor: (value, path) => (value === null ? ok(null) : typeof value === 'string' ? ok(value) : fail({ path, message: 'expected a flavor name or null' })),
};

const { cores: _cores, ...STORED_DETAIL_READERS } = DETAIL_READERS;

function readVm(input: unknown, path: PathSegment[]): Result<Vm> {
  const read = readFields(input, { ...VM_OWN_READERS, ...SIZE_READERS, ...OPTION_READERS, ...STORED_DETAIL_READERS }, path, true);
  if (!read.ok) return read;
  const vm = read.value as Vm;
  const issues = checkVm(vm, path);
  if (issues.length > 0) return fail(...issues);
  if (vm.flavor !== null) {
    const flavor = resolveFlavor(vm.flavor, [...path, 'flavor']);
    if (!flavor.ok) return flavor;
    if (!matchesFlavor(vm, flavor.value)) {
      return fail({ path: [...path, 'flavor'], message: `the sizes differ from flavor ${JSON.stringify(flavor.value.name)}`, hint: 'Set flavor to null for a custom size' });
    }
    vm.flavor = flavor.value.name;
  }
  return ok(vm);
}
