import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { closest } from '../core/suggest';
import { matchesFlavor, resolveFlavor } from './flavors';
import { logicalCpus, physicalCores } from './host';
import { LIMITS, MAX_NAME_LENGTH, MAX_VMS, type Bound } from './limits';
import { readNumber } from './numbers';
import {
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  NIC_MODELS,
  PROVISIONINGS,
  type Host,
  type Policy,
  type Ratios,
  type Reserve,
  type SizingState,
  type Vm,
  type VmOptions,
} from './types';

/** Reads one field of student input; returns the cleaned value or issues at `path`. */
export type FieldReader<T> = (value: unknown, path: PathSegment[]) => Result<T>;

export const numberField =
  (bound: Bound): FieldReader<number> =>
  (value, path) =>
    readNumber(value, bound, path);

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

type Readers<T> = { [K in keyof T]: FieldReader<T[K]> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Read an object field by field. Unknown fields are reported (with a suggestion) rather than
 * ignored, so a typo such as `vcpu: 4` is never silently dropped. With `complete`, every field is required.
 */
export function readFields<T extends object>(input: unknown, readers: Readers<T>, path: PathSegment[], complete: boolean): Result<Partial<T>> {
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
    if (!(key in input)) {
      if (complete) issues.push({ path: [...path, key], message: 'missing required field' });
      continue;
    }
    const read = readers[key](input[key], [...path, key]);
    if (read.ok) out[key] = read.value;
    else issues.push(...read.issues);
  }
  return issues.length > 0 ? fail(...issues) : ok(out);
}

export const HOST_READERS: Readers<Host> = {
  name: nameField,
  sockets: numberField(LIMITS.sockets),
  coresPerSocket: numberField(LIMITS.coresPerSocket),
  threadsPerCore: numberField(LIMITS.threadsPerCore),
  ramMb: numberField(LIMITS.hostRamMb),
  diskGb: numberField(LIMITS.hostDiskGb),
  cpuVendor: enumField(CPU_VENDORS),
};

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

/** The CPUs a reserve is counted against: physical cores for the course, logical CPUs for Nova. */
export function reservableCpus(host: Host, policy: Policy): number {
  return policy.kind === 'nova' ? logicalCpus(host) : physicalCores(host);
}

/**
 * The reserve must leave something for guests. Reported at `at` (the field the student just
 * edited), phrased from that side: the host is too small, or the reserve too large.
 */
export function checkReserveFits(host: Host, policy: Policy, at: 'host' | 'reserve'): Issue[] {
  const issues: Issue[] = [];
  const r = policy.reserved;
  const cpus = reservableCpus(host, policy);
  const cpuWord = policy.kind === 'nova' ? 'logical CPUs' : 'physical cores';
  const pairs: [keyof Reserve, number, number, string, PathSegment[]][] = [
    ['ramMb', r.ramMb, host.ramMb, 'MB of RAM', ['host', 'ramMb']],
    ['cpus', r.cpus, cpus, cpuWord, ['host']],
    ['diskGb', r.diskGb, host.diskGb, 'GB of disk', ['host', 'diskGb']],
  ];
  for (const [key, reserved, total, unit, hostPath] of pairs) {
    if (reserved < total) continue;
    issues.push(
      at === 'reserve'
        ? { path: ['policy', 'reserved', key], message: `the host reserve (${reserved} ${unit}) must be less than the host's ${total} ${unit}`, hint: 'Leave something for the VMs' }
        : { path: hostPath, message: `the host would have ${total} ${unit}, no more than the ${reserved} reserved for the host itself`, hint: 'Lower the reserve first, or keep a larger host' },
    );
  }
  return issues;
}

const VM_ID = /^vm-[1-9]\d*$/;

/** Every rule a state must satisfy; used on anything that arrives from outside (a link, a file). */
export function validateState(input: unknown): Result<SizingState> {
  if (!isRecord(input)) return fail({ path: [], message: 'expected a sizing state (host, vms, policy)' });
  const issues: Issue[] = [];
  const top = readFields(input, { host: ok, vms: ok, policy: ok } as Readers<{ host: unknown; vms: unknown; policy: unknown }>, [], true);
  if (!top.ok) return top;

  const host = readFields(input['host'], HOST_READERS, ['host'], true);
  if (!host.ok) issues.push(...host.issues);

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
  if (!host.ok || !policy.ok || issues.length > 0) return fail(...issues);
  const state: SizingState = { host: host.value as Host, vms, policy: policy.value };
  const reserveIssues = checkReserveFits(state.host, state.policy, 'reserve');
  return reserveIssues.length > 0 ? fail(...reserveIssues) : ok(state);
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
  const fields = readFields(input, { kind: ok, ratios: ok, reserved: ok } as Readers<{ kind: unknown; ratios: unknown; reserved: unknown }>, ['policy'], true);
  if (!fields.ok) return fields;
  const ratios = readFields(input['ratios'], RATIO_READERS, ['policy', 'ratios'], true);
  const reserved = readFields(input['reserved'], RESERVE_READERS, ['policy', 'reserved'], true);
  if (!ratios.ok || !reserved.ok) return fail(...(ratios.ok ? [] : ratios.issues), ...(reserved.ok ? [] : reserved.issues));
  return ok({ kind: 'nova', ratios: ratios.value as Ratios, reserved: reserved.value as Reserve });
}

const VM_OWN_READERS: Readers<{ id: string; name: string; flavor: string | null }> = {
  id: (value, path) =>
    typeof value === 'string' && VM_ID.test(value) ? ok(value) : fail({ path, message: `expected an id like "vm-1", got ${JSON.stringify(value) ?? 'nothing'}` }),
  name: nameField,
  flavor: (value, path) => (value === null ? ok(null) : typeof value === 'string' ? ok(value) : fail({ path, message: 'expected a flavor name or null' })),
};

function readVm(input: unknown, path: PathSegment[]): Result<Vm> {
  const read = readFields(input, { ...VM_OWN_READERS, ...SIZE_READERS, ...OPTION_READERS }, path, true);
  if (!read.ok) return read;
  const vm = read.value as Vm;
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
