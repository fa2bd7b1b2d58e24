import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { nextId } from '../core/ids';
import { knownList } from '../core/suggest';
import { findCpuModel } from './cpu-models';
import { matchesFlavor, resolveFlavor, specFromFlavor } from './flavors';
import { LIMITS, MAX_PEERS, MAX_VMS } from './limits';
import { resolveRatios } from './nova-history';
import { presetOf, presetPolicy } from './policy';
import { DEFAULT_VM_DETAILS, DEFAULT_VM_OPTIONS } from './state';
import {
  CPU_POLICIES,
  POLICY_PRESETS,
  type ClusterPeer,
  type CpuSets,
  type Host,
  type NovaOrigin,
  type NovaPolicy,
  type Policy,
  type PolicyPreset,
  type Quota,
  type Ratios,
  type Reserve,
  type SizingState,
  type Vm,
  type VmOptions,
} from './types';
import {
  booleanField,
  checkHost,
  checkReserveFits,
  checkVm,
  cpuModelField,
  cpuSetsField,
  DETAIL_READERS,
  enumField,
  HOST_READERS,
  nameField,
  numberField,
  OPTION_READERS,
  originField,
  quotaField,
  RATIO_READERS,
  readCluster,
  readFields,
  RESERVE_READERS,
  SIZE_READERS,
  type VmDetailInput,
  type VmSizeInput,
} from './validate';

/** Field values are `unknown` on purpose: they come from form fields and links, and apply() checks them all. */
type Input<T> = { [K in keyof T]?: unknown };

type NewVmOptions = VmOptions & { bootFromVolume: boolean; cpuPolicy: Vm['cpuPolicy']; sockets: number };

export type SizingAction =
  | { type: 'setHost'; changes: Input<Host> }
  | { type: 'addVm'; flavor: string; name?: string; options?: Input<NewVmOptions> }
  | { type: 'addCustomVm'; size: Input<VmSizeInput & { sockets: number; cores: number }>; name?: string; options?: Input<VmOptions & { cpuPolicy: Vm['cpuPolicy'] }> }
  | { type: 'removeVm'; id: string }
  | { type: 'updateVm'; id: string; changes: Input<VmSizeInput & VmOptions & VmDetailInput & { name: string }> }
  | { type: 'setPolicy'; preset: PolicyPreset }
  | { type: 'setReserve'; changes: Input<Reserve> }
  | { type: 'setRatios'; changes: Input<Ratios> }
  | { type: 'setNovaOrigin'; origin: Input<NovaOrigin> | null }
  | { type: 'setCpuSets'; cpuSets: Input<CpuSets> | null }
  | { type: 'setQuota'; quota: Input<Quota> | null }
  | { type: 'addPeer'; name: string; cpuModel: string }
  | { type: 'removePeer'; name: string };

/** What happened, for announcements ("Added web-1"), as data. */
export type SizingEvent =
  | { type: 'host-changed'; fields: string[] }
  | { type: 'vm-added'; vmId: string; name: string; flavor: string | null }
  | { type: 'vm-removed'; vmId: string; name: string }
  | { type: 'vm-updated'; vmId: string; fields: string[]; flavorCleared: boolean }
  | { type: 'policy-changed'; preset: PolicyPreset }
  | { type: 'reserve-changed'; fields: string[] }
  | { type: 'ratios-changed'; fields: string[]; preset: ReturnType<typeof presetOf>; historyCleared?: boolean }
  | { type: 'origin-changed'; ratios: Ratios | null; preset: ReturnType<typeof presetOf> }
  | { type: 'cpu-sets-changed'; cpuSets: CpuSets | null }
  | { type: 'quota-changed'; quota: Quota | null }
  | { type: 'peer-added'; name: string; cpuModel: string }
  | { type: 'peer-removed'; name: string };

/** On bad input: the very same state object, no events, and issues that say where and why. */
export interface ApplyResult {
  state: SizingState;
  events: SizingEvent[];
  issues: Issue[];
}

const ACTION_TYPES: readonly SizingAction['type'][] = [
  'setHost',
  'addVm',
  'addCustomVm',
  'removeVm',
  'updateVm',
  'setPolicy',
  'setReserve',
  'setRatios',
  'setNovaOrigin',
  'setCpuSets',
  'setQuota',
  'addPeer',
  'removePeer',
];

const refuse = (state: SizingState, issues: Issue[]): ApplyResult => ({ state, events: [], issues });
const accept = (state: SizingState, ...events: SizingEvent[]): ApplyResult => ({ state, events, issues: [] });

/** Keys whose value differs (compared as JSON, for nested values), so events list only real changes and a no-op keeps the same state. */
function changedKeys<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((k) => before[k] !== after[k] && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** The single entry point for changing the calculator: validates, then returns a new state. Never throws. */
export function apply(state: SizingState, action: SizingAction): ApplyResult {
  const a = action as { type?: unknown };
  if (typeof action !== 'object' || action === null || !ACTION_TYPES.includes(a.type as SizingAction['type'])) {
    return refuse(state, [{ path: ['type'], message: `unknown action ${JSON.stringify(a?.type) ?? ''}`.trim(), hint: `Use one of ${ACTION_TYPES.join(', ')}` }]);
  }
  switch (action.type) {
    case 'setHost':
      return setHost(state, action.changes);
    case 'addVm':
      return addVm(state, action);
    case 'addCustomVm':
      return addCustomVm(state, action);
    case 'removeVm':
      return removeVm(state, action.id);
    case 'updateVm':
      return updateVm(state, action.id, action.changes);
    case 'setPolicy':
      return setPolicy(state, action.preset);
    case 'setReserve':
      return setReserve(state, action.changes);
    case 'setRatios':
      return setRatios(state, action.changes);
    case 'setNovaOrigin':
      return setNovaOrigin(state, action.origin);
    case 'setCpuSets':
      return setCpuSets(state, action.cpuSets);
    case 'setQuota':
      return setQuota(state, action.quota);
    case 'addPeer':
      return addPeer(state, action);
    case 'removePeer':
      return removePeer(state, action.name);
  }
}

function setHost(state: SizingState, changes: unknown): ApplyResult {
  const read = readFields(changes, HOST_READERS, ['host'], false);
  if (!read.ok) return refuse(state, read.issues);
  const host: Host = { ...state.host, ...read.value };
  // The model names the vendor; a vendor change drops a model of the other vendor.
  const model = findCpuModel(host.cpuModel);
  if (read.value.cpuModel !== undefined && model && read.value.cpuVendor === undefined) host.cpuVendor = model.vendor;
  else if (read.value.cpuVendor !== undefined && read.value.cpuModel === undefined && model && model.vendor !== host.cpuVendor) host.cpuModel = null;
  const fields = changedKeys(state.host, host);
  if (fields.length === 0) return accept(state);
  const own = checkHost(host);
  // A storage change that crowds out the course reserve is reported on the storage, the field just edited.
  const storageEdited = read.value.storage !== undefined && read.value.ramMb === undefined;
  const reserve = own.length > 0 ? [] : checkReserveFits(host, state.policy, 'host').map((i) => (storageEdited && i.path[1] === 'ramMb' ? { ...i, path: ['host', 'storage'], hint: 'Keep less in RAM for the storage, or lower the reserve' } : i));
  const issues = [...own, ...reserve];
  if (state.cluster.some((p) => p.name === host.name)) issues.push({ path: ['host', 'name'], message: `the name ${JSON.stringify(host.name)} is already taken by another node of the cluster` });
  if (issues.length > 0) return refuse(state, issues);
  return accept({ ...state, host }, { type: 'host-changed', fields });
}

function roomForOneMore(state: SizingState): Issue[] {
  return state.vms.length >= MAX_VMS ? [{ path: ['vms'], message: `the calculator holds at most ${MAX_VMS} VMs`, hint: 'Remove a VM first' }] : [];
}

function readName(name: unknown, fallback: string): Result<string> {
  return name === undefined ? ok(fallback) : nameField(name, ['name']);
}

const ADD_OPTION_READERS = { ...OPTION_READERS, cpuPolicy: enumField(CPU_POLICIES) };

function addVm(state: SizingState, action: Extract<SizingAction, { type: 'addVm' }>): ApplyResult {
  const full = roomForOneMore(state);
  if (full.length > 0) return refuse(state, full);
  const flavor = typeof action.flavor === 'string' ? resolveFlavor(action.flavor, ['flavor']) : fail<never>({ path: ['flavor'], message: 'expected a flavor name such as g4.r8c4 or m1.small' });
  const id = nextId('vm', state.vms.map((v) => v.id));
  const name = readName(action.name, id);
  const options = readFields(action.options ?? {}, { ...ADD_OPTION_READERS, bootFromVolume: booleanField, sockets: numberField(LIMITS.vmSockets) }, ['options'], false);
  const issues = [flavor, name, options].flatMap((r) => (r.ok ? [] : r.issues));
  if (!flavor.ok || !name.ok || !options.ok) return refuse(state, issues);
  const { bootFromVolume = false, cpuPolicy = 'shared', sockets = 1, ...rest } = options.value;
  const chosen = { ...DEFAULT_VM_OPTIONS, ...rest };
  const vm: Vm = {
    id,
    name: name.value,
    flavor: flavor.value.name,
    ...specFromFlavor(flavor.value, chosen.provisioning, bootFromVolume, cpuPolicy),
    ...chosen,
    ...DEFAULT_VM_DETAILS,
    sockets,
  };
  const bad = checkVm(vm, ['options']).map((i) => (i.path[1] === 'vcpus' ? { ...i, path: ['options', 'sockets'] } : i));
  if (bad.length > 0) return refuse(state, bad);
  return accept({ ...state, vms: [...state.vms, vm] }, { type: 'vm-added', vmId: id, name: vm.name, flavor: vm.flavor });
}

/** sockets × cores, or vCPUs spread over the sockets: qm's topology, read from whichever the student gave. */
function topology(given: { vcpus?: number; sockets?: number; cores?: number }, before: { vcpus: number; sockets: number } | null, at: PathSegment[]): Result<{ vcpus: number; sockets: number }> {
  const sockets = given.sockets ?? before?.sockets ?? 1;
  if (given.cores !== undefined && given.vcpus !== undefined && given.vcpus !== sockets * given.cores) {
    return fail({ path: [...at, 'cores'], message: `give vCPUs or cores, not both: ${sockets} × ${given.cores} cores is ${sockets * given.cores}, not ${given.vcpus}` });
  }
  let vcpus: number | undefined;
  if (given.cores !== undefined) vcpus = sockets * given.cores;
  else if (given.vcpus !== undefined) vcpus = given.vcpus;
  else if (before) vcpus = given.sockets !== undefined ? sockets * (before.vcpus / before.sockets) : before.vcpus;
  if (vcpus === undefined) return fail({ path: [...at, 'vcpus'], message: 'missing required field' });
  if (vcpus > LIMITS.vcpus.max) {
    return fail({ path: [...at, given.cores !== undefined ? 'cores' : 'sockets'], message: `${sockets} sockets × ${vcpus / sockets} cores = ${vcpus} vCPUs, more than ${LIMITS.vcpus.max} (${LIMITS.vcpus.why})` });
  }
  return ok({ vcpus, sockets });
}

function addCustomVm(state: SizingState, action: Extract<SizingAction, { type: 'addCustomVm' }>): ApplyResult {
  const full = roomForOneMore(state);
  if (full.length > 0) return refuse(state, full);
  const size = readFields(action.size, { ...SIZE_READERS, sockets: DETAIL_READERS.sockets, cores: DETAIL_READERS.cores }, ['size'], false);
  const id = nextId('vm', state.vms.map((v) => v.id));
  const name = readName(action.name, id);
  const options = readFields(action.options ?? {}, ADD_OPTION_READERS, ['options'], false);
  const issues = [size, name, options].flatMap((r) => (r.ok ? [] : r.issues));
  if (size.ok) {
    for (const key of ['ramMb', 'rootDiskGb'] as const) {
      if (size.value[key] === undefined) issues.push({ path: ['size', key], message: 'missing required field' });
    }
  }
  if (!size.ok || !name.ok || !options.ok || issues.length > 0) return refuse(state, issues);
  const s = size.value;
  const topo = topology(s, null, ['size']);
  if (!topo.ok) return refuse(state, topo.issues);
  const { cpuPolicy = 'shared', ...rest } = options.value;
  const vm: Vm = {
    id,
    name: name.value,
    flavor: null,
    vcpus: topo.value.vcpus,
    ramMb: s.ramMb!,
    rootDiskGb: s.rootDiskGb!,
    ephemeralGb: s.ephemeralGb ?? 0,
    swapMb: s.swapMb ?? 0,
    bootFromVolume: s.bootFromVolume ?? false,
    cpuPolicy,
    ...DEFAULT_VM_OPTIONS,
    ...rest,
    ...DEFAULT_VM_DETAILS,
    sockets: topo.value.sockets,
  };
  const bad = checkVm(vm, ['size']);
  if (bad.length > 0) return refuse(state, bad);
  return accept({ ...state, vms: [...state.vms, vm] }, { type: 'vm-added', vmId: id, name: vm.name, flavor: null });
}

function findVm(state: SizingState, id: unknown): Result<number> {
  const index = state.vms.findIndex((v) => v.id === id);
  if (index >= 0) return ok(index);
  return fail({ path: ['id'], message: `unknown VM ${JSON.stringify(id) ?? 'id'}`, hint: state.vms.length > 0 ? knownList(state.vms.map((v) => v.id)) : 'There are no VMs yet' });
}

function removeVm(state: SizingState, id: unknown): ApplyResult {
  const found = findVm(state, id);
  if (!found.ok) return refuse(state, found.issues);
  const vm = state.vms[found.value]!;
  return accept({ ...state, vms: state.vms.filter((_, i) => i !== found.value) }, { type: 'vm-removed', vmId: vm.id, name: vm.name });
}

function updateVm(state: SizingState, id: unknown, changes: unknown): ApplyResult {
  const found = findVm(state, id);
  if (!found.ok) return refuse(state, found.issues);
  const read = readFields(changes, { ...SIZE_READERS, ...OPTION_READERS, ...DETAIL_READERS, cpuPolicy: enumField(CPU_POLICIES), name: nameField }, ['changes'], false);
  if (!read.ok) return refuse(state, read.issues);
  const before = state.vms[found.value]!;
  const { cores, sockets, vcpus, ...rest } = read.value;
  const topo = topology({ ...(vcpus !== undefined ? { vcpus } : {}), ...(sockets !== undefined ? { sockets } : {}), ...(cores !== undefined ? { cores } : {}) }, before, ['changes']);
  if (!topo.ok) return refuse(state, topo.issues);
  const merged: Vm = { ...before, ...rest, ...topo.value };
  // Without the balloon device there is no minimum: memory is fixed.
  if (rest.balloon === false && rest.balloonMinMb === undefined) merged.balloonMinMb = null;
  const bad = checkVm(merged, ['changes']);
  if (bad.length > 0) return refuse(state, bad);
  // The flavor name stays only while the sizes still are that flavor's; otherwise the VM is custom.
  const flavor = before.flavor === null ? null : resolveFlavor(before.flavor);
  const keepsFlavor = flavor !== null && flavor.ok && matchesFlavor(merged, flavor.value);
  const after: Vm = { ...merged, flavor: keepsFlavor ? before.flavor : null };
  const fields = changedKeys(before, after).filter((k) => k !== 'flavor');
  if (fields.length === 0) return accept(state);
  const vms = state.vms.map((v, i) => (i === found.value ? after : v));
  return accept({ ...state, vms }, { type: 'vm-updated', vmId: before.id, fields, flavorCleared: before.flavor !== null && after.flavor === null });
}

function withPolicy(state: SizingState, policy: Policy, event: SizingEvent): ApplyResult {
  const issues = checkReserveFits(state.host, policy, 'reserve');
  return issues.length > 0 ? refuse(state, issues) : accept({ ...state, policy }, event);
}

function setPolicy(state: SizingState, preset: unknown): ApplyResult {
  const read = enumField(POLICY_PRESETS)(preset, ['preset']);
  if (!read.ok) return refuse(state, read.issues);
  return withPolicy(state, presetPolicy(read.value), { type: 'policy-changed', preset: read.value });
}

function setReserve(state: SizingState, changes: unknown): ApplyResult {
  const read = readFields(changes, RESERVE_READERS, ['policy', 'reserved'], false);
  if (!read.ok) return refuse(state, read.issues);
  const reserved = { ...state.policy.reserved, ...read.value };
  const fields = changedKeys(state.policy.reserved, reserved);
  if (fields.length === 0) return accept(state);
  return withPolicy(state, { ...state.policy, reserved }, { type: 'reserve-changed', fields });
}

function novaOnly(state: SizingState, what: PathSegment, text: string): Result<NovaPolicy> {
  return state.policy.kind === 'nova' ? ok(state.policy) : fail({ path: ['policy', what], message: `the course policy has no ${text}`, hint: 'Switch to a Nova policy first' });
}

function setRatios(state: SizingState, changes: unknown): ApplyResult {
  const policy = state.policy;
  if (policy.kind !== 'nova') {
    return refuse(state, [{ path: ['policy', 'ratios'], message: 'the course policy has fixed ratios: RAM and disk are never overcommitted', hint: 'Switch to a Nova policy to set allocation ratios' }]);
  }
  const read = readFields(changes, RATIO_READERS, ['policy', 'ratios'], false);
  if (!read.ok) return refuse(state, read.issues);
  const ratios = { ...policy.ratios, ...read.value };
  const fields = changedKeys(policy.ratios, ratios);
  if (fields.length === 0) return accept(state);
  // Ratios typed directly no longer follow from the node's history.
  const { origin, ...rest } = policy;
  const next: Policy = { ...rest, ratios };
  return accept({ ...state, policy: next }, { type: 'ratios-changed', fields, preset: presetOf(next), ...(origin ? { historyCleared: true } : {}) });
}

function setNovaOrigin(state: SizingState, input: unknown): ApplyResult {
  const nova = novaOnly(state, 'origin', 'node history');
  if (!nova.ok) return refuse(state, nova.issues);
  const { origin: _old, ...rest } = nova.value;
  if (input === null) {
    if (!nova.value.origin) return accept(state);
    const next: Policy = rest;
    return accept({ ...state, policy: next }, { type: 'origin-changed', ratios: null, preset: presetOf(next) });
  }
  const read = originField(input, ['policy', 'origin']);
  if (!read.ok) return refuse(state, read.issues);
  const next: Policy = { ...rest, ratios: resolveRatios(read.value).ratios, origin: read.value };
  if (JSON.stringify(next) === JSON.stringify(state.policy)) return accept(state);
  return accept({ ...state, policy: next }, { type: 'origin-changed', ratios: next.ratios, preset: presetOf(next) });
}

function setCpuSets(state: SizingState, input: unknown): ApplyResult {
  const nova = novaOnly(state, 'cpuSets', 'CPU sets (they are Nova options)');
  if (!nova.ok) return refuse(state, nova.issues);
  const { cpuSets: _old, ...rest } = nova.value;
  if (input === null) return nova.value.cpuSets ? accept({ ...state, policy: rest }, { type: 'cpu-sets-changed', cpuSets: null }) : accept(state);
  const read = cpuSetsField(input, ['policy', 'cpuSets']);
  if (!read.ok) return refuse(state, read.issues);
  if (JSON.stringify(read.value) === JSON.stringify(nova.value.cpuSets)) return accept(state);
  return withPolicy(state, { ...rest, cpuSets: read.value }, { type: 'cpu-sets-changed', cpuSets: read.value });
}

function setQuota(state: SizingState, input: unknown): ApplyResult {
  const nova = novaOnly(state, 'quota', 'project quota (quotas are a cloud’s, set in Nova)');
  if (!nova.ok) return refuse(state, nova.issues);
  const { quota: _old, ...rest } = nova.value;
  if (input === null) return nova.value.quota ? accept({ ...state, policy: rest }, { type: 'quota-changed', quota: null }) : accept(state);
  const read = quotaField(input, ['policy', 'quota']);
  if (!read.ok) return refuse(state, read.issues);
  if (JSON.stringify(read.value) === JSON.stringify(nova.value.quota)) return accept(state);
  return accept({ ...state, policy: { ...rest, quota: read.value } }, { type: 'quota-changed', quota: read.value });
}

function addPeer(state: SizingState, action: Extract<SizingAction, { type: 'addPeer' }>): ApplyResult {
  if (state.cluster.length >= MAX_PEERS) return refuse(state, [{ path: ['cluster'], message: `the calculator holds at most ${MAX_PEERS} other nodes`, hint: 'Remove a node first' }]);
  const name = nameField(action.name, ['name']);
  const model = cpuModelField(action.cpuModel, ['cpuModel']);
  const issues = [name, model].flatMap((r) => (r.ok ? [] : r.issues));
  if (!name.ok || !model.ok) return refuse(state, issues);
  const peer: ClusterPeer = { name: name.value, cpuModel: model.value };
  const cluster = readCluster([...state.cluster, peer], state.host.name);
  if (!cluster.ok) return refuse(state, cluster.issues.map((i) => ({ ...i, path: i.path.slice(2) })));
  return accept({ ...state, cluster: cluster.value }, { type: 'peer-added', name: peer.name, cpuModel: peer.cpuModel });
}

function removePeer(state: SizingState, name: unknown): ApplyResult {
  const index = state.cluster.findIndex((p) => p.name === name);
  if (index < 0) {
    return refuse(state, [{ path: ['name'], message: `unknown node ${JSON.stringify(name) ?? 'name'}`, hint: state.cluster.length > 0 ? knownList(state.cluster.map((p) => p.name)) : 'The cluster has no other nodes' }]);
  }
  return accept({ ...state, cluster: state.cluster.filter((_, i) => i !== index) }, { type: 'peer-removed', name: state.cluster[index]!.name });
}
