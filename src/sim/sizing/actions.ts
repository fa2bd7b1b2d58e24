import { fail, ok, type Issue, type Result } from '../core/issues';
import { nextId } from '../core/ids';
import { knownList } from '../core/suggest';
import { matchesFlavor, resolveFlavor, specFromFlavor } from './flavors';
import { MAX_VMS } from './limits';
import { presetOf, presetPolicy } from './policy';
import { DEFAULT_VM_OPTIONS } from './state';
import { POLICY_PRESETS, type Host, type Policy, type PolicyPreset, type Ratios, type Reserve, type SizingState, type Vm, type VmOptions } from './types';
import {
  booleanField,
  checkReserveFits,
  enumField,
  HOST_READERS,
  nameField,
  OPTION_READERS,
  RATIO_READERS,
  readFields,
  RESERVE_READERS,
  SIZE_READERS,
  type VmSizeInput,
} from './validate';

/** Field values are `unknown` on purpose: they come from form fields and links, and apply() checks them all. */
type Input<T> = { [K in keyof T]?: unknown };

export type SizingAction =
  | { type: 'setHost'; changes: Input<Host> }
  | { type: 'addVm'; flavor: string; name?: string; options?: Input<VmOptions & { bootFromVolume: boolean }> }
  | { type: 'addCustomVm'; size: Input<VmSizeInput>; name?: string; options?: Input<VmOptions> }
  | { type: 'removeVm'; id: string }
  | { type: 'updateVm'; id: string; changes: Input<VmSizeInput & VmOptions & { name: string }> }
  | { type: 'setPolicy'; preset: PolicyPreset }
  | { type: 'setReserve'; changes: Input<Reserve> }
  | { type: 'setRatios'; changes: Input<Ratios> };

/** What happened, for announcements ("Added web-1"), as data. */
export type SizingEvent =
  | { type: 'host-changed'; fields: string[] }
  | { type: 'vm-added'; vmId: string; name: string; flavor: string | null }
  | { type: 'vm-removed'; vmId: string; name: string }
  | { type: 'vm-updated'; vmId: string; fields: string[]; flavorCleared: boolean }
  | { type: 'policy-changed'; preset: PolicyPreset }
  | { type: 'reserve-changed'; fields: string[] }
  | { type: 'ratios-changed'; fields: string[]; preset: ReturnType<typeof presetOf> };

/** On bad input: the very same state object, no events, and issues that say where and why. */
export interface ApplyResult {
  state: SizingState;
  events: SizingEvent[];
  issues: Issue[];
}

const ACTION_TYPES: readonly SizingAction['type'][] = ['setHost', 'addVm', 'addCustomVm', 'removeVm', 'updateVm', 'setPolicy', 'setReserve', 'setRatios'];

const refuse = (state: SizingState, issues: Issue[]): ApplyResult => ({ state, events: [], issues });
const accept = (state: SizingState, ...events: SizingEvent[]): ApplyResult => ({ state, events, issues: [] });

/** Keys whose value differs, so events list only real changes and a no-op keeps the same state. */
function changedKeys<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((k) => before[k] !== after[k]);
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
  }
}

function setHost(state: SizingState, changes: unknown): ApplyResult {
  const read = readFields(changes, HOST_READERS, ['host'], false);
  if (!read.ok) return refuse(state, read.issues);
  const host = { ...state.host, ...read.value };
  const fields = changedKeys(state.host, host);
  if (fields.length === 0) return accept(state);
  const issues = checkReserveFits(host, state.policy, 'host');
  if (issues.length > 0) return refuse(state, issues);
  return accept({ ...state, host }, { type: 'host-changed', fields });
}

function roomForOneMore(state: SizingState): Issue[] {
  return state.vms.length >= MAX_VMS ? [{ path: ['vms'], message: `the calculator holds at most ${MAX_VMS} VMs`, hint: 'Remove a VM first' }] : [];
}

function readName(name: unknown, fallback: string): Result<string> {
  return name === undefined ? ok(fallback) : nameField(name, ['name']);
}

function addVm(state: SizingState, action: Extract<SizingAction, { type: 'addVm' }>): ApplyResult {
  const full = roomForOneMore(state);
  if (full.length > 0) return refuse(state, full);
  const flavor = typeof action.flavor === 'string' ? resolveFlavor(action.flavor, ['flavor']) : fail<never>({ path: ['flavor'], message: 'expected a flavor name such as g4.r8c4 or m1.small' });
  const id = nextId('vm', state.vms.map((v) => v.id));
  const name = readName(action.name, id);
  const options = readFields(action.options ?? {}, { ...OPTION_READERS, bootFromVolume: booleanField }, ['options'], false);
  const issues = [flavor, name, options].flatMap((r) => (r.ok ? [] : r.issues));
  if (!flavor.ok || !name.ok || !options.ok) return refuse(state, issues);
  const { bootFromVolume = false, ...rest } = options.value;
  const chosen = { ...DEFAULT_VM_OPTIONS, ...rest };
  const vm: Vm = { id, name: name.value, flavor: flavor.value.name, ...specFromFlavor(flavor.value, chosen.provisioning, bootFromVolume), ...chosen };
  return accept({ ...state, vms: [...state.vms, vm] }, { type: 'vm-added', vmId: id, name: vm.name, flavor: vm.flavor });
}

function addCustomVm(state: SizingState, action: Extract<SizingAction, { type: 'addCustomVm' }>): ApplyResult {
  const full = roomForOneMore(state);
  if (full.length > 0) return refuse(state, full);
  const size = readFields(action.size, SIZE_READERS, ['size'], false);
  const id = nextId('vm', state.vms.map((v) => v.id));
  const name = readName(action.name, id);
  const options = readFields(action.options ?? {}, OPTION_READERS, ['options'], false);
  const issues = [size, name, options].flatMap((r) => (r.ok ? [] : r.issues));
  if (size.ok) {
    for (const key of ['vcpus', 'ramMb', 'rootDiskGb'] as const) {
      if (size.value[key] === undefined) issues.push({ path: ['size', key], message: 'missing required field' });
    }
  }
  if (!size.ok || !name.ok || !options.ok || issues.length > 0) return refuse(state, issues);
  const s = size.value;
  const vm: Vm = {
    id,
    name: name.value,
    flavor: null,
    vcpus: s.vcpus!,
    ramMb: s.ramMb!,
    rootDiskGb: s.rootDiskGb!,
    ephemeralGb: s.ephemeralGb ?? 0,
    swapMb: s.swapMb ?? 0,
    bootFromVolume: s.bootFromVolume ?? false,
    ...DEFAULT_VM_OPTIONS,
    ...options.value,
  };
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
  const read = readFields(changes, { ...SIZE_READERS, ...OPTION_READERS, name: nameField }, ['changes'], false);
  if (!read.ok) return refuse(state, read.issues);
  const before = state.vms[found.value]!;
  const merged: Vm = { ...before, ...read.value };
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
  const next: Policy = { ...policy, ratios };
  return accept({ ...state, policy: next }, { type: 'ratios-changed', fields, preset: presetOf(next) });
}
