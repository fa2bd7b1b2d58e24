import { fail, type Issue, type Result } from '../core/issues';
import { checksum, decodeBase64Url, encodeBase64Url } from './base64url';
import { resolveFlavor } from './flavors';
import { DEFAULT_HOST_EXTRAS, DEFAULT_VM_DETAILS } from './state';
import { CPU_TYPES, CPU_VENDORS, DISK_FORMATS, NIC_MODELS, PROVISIONINGS, type Host, type Policy, type SizingState, type Vm } from './types';
import { validateState } from './validate';

/**
 * A configuration as a link: `1.<base64url JSON>.<checksum>`. The JSON is positional (arrays, enum
 * values as indexes) and a VM made from a flavor stores only the flavor's name, so links stay short.
 * Version 1 layout:
 *   [host, policy, vms, cluster?]
 *   host   = [name, sockets, coresPerSocket, threadsPerCore, ramMb, diskGb, vendor, extras?]
 *   policy = [0, reserveRamMb, reserveCpus, reserveDiskGb] (course)
 *          | [1, reserveRamMb, reserveCpus, reserveDiskGb, cpuRatio, ramRatio, diskRatio, extras?] (nova)
 *   vm     = [n, name, flavor, options, extras?] | [n, name, 0, options, vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb, extras?]
 *   cluster = [[name, cpuModel], …]
 *   n is the number in the id vm-n; name is 0 when it equals the id; options packs the enum
 *   indexes and booleans into one mixed-radix integer (see OPTION_RADIXES).
 * The trailing `extras` are objects with short keys holding only what differs from the defaults
 * (see HOST_EXTRAS, POLICY_EXTRAS, VM_EXTRAS), so a configuration that uses none of the newer
 * settings gives the same link as before they existed, and older links still open.
 */
const VERSION = '1';

type Packed = (string | number)[];

/**
 * Digits of the options integer, most significant first: cpuType, diskFormat, provisioning, nic,
 * balloon, bootFromVolume, cpuPolicy. cpuPolicy was added as a new most significant digit and CPU
 * types are only ever appended, so every older code still decodes to the same options.
 */
const OPTION_RADIXES = [2, CPU_TYPES.length, DISK_FORMATS.length, PROVISIONINGS.length, NIC_MODELS.length, 2, 2];

function packOptions(vm: Vm): number {
  const digits = [
    vm.cpuPolicy === 'dedicated' ? 1 : 0,
    CPU_TYPES.indexOf(vm.cpuType),
    DISK_FORMATS.indexOf(vm.diskFormat),
    PROVISIONINGS.indexOf(vm.provisioning),
    NIC_MODELS.indexOf(vm.nic),
    vm.balloon ? 1 : 0,
    vm.bootFromVolume ? 1 : 0,
  ];
  return digits.reduce((code, digit, i) => code * OPTION_RADIXES[i]! + digit, 0);
}

function unpackOptions(code: unknown): Record<string, unknown> | null {
  const total = OPTION_RADIXES.reduce((a, b) => a * b, 1);
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code >= total) return null;
  const digits: number[] = [];
  let rest = code;
  for (let i = OPTION_RADIXES.length - 1; i >= 0; i--) {
    digits[i] = rest % OPTION_RADIXES[i]!;
    rest = Math.floor(rest / OPTION_RADIXES[i]!);
  }
  const [pinned, cpu, fmt, prov, nic, balloon, bfv] = digits as [number, number, number, number, number, number, number];
  return {
    cpuPolicy: pinned === 1 ? 'dedicated' : 'shared',
    cpuType: CPU_TYPES[cpu],
    diskFormat: DISK_FORMATS[fmt],
    provisioning: PROVISIONINGS[prov],
    nic: NIC_MODELS[nic],
    balloon: balloon === 1,
    bootFromVolume: bfv === 1,
  };
}

type Extras = Record<string, unknown>;

/** Short key → field, with the default an absent key stands for. */
const HOST_EXTRAS = { m: ['cpuModel', DEFAULT_HOST_EXTRAS.cpuModel], s: ['storage', DEFAULT_HOST_EXTRAS.storage], b: ['balloonTargetPercent', DEFAULT_HOST_EXTRAS.balloonTargetPercent] } as const;
const VM_EXTRAS = {
  k: ['sockets', DEFAULT_VM_DETAILS.sockets],
  b: ['balloonMinMb', DEFAULT_VM_DETAILS.balloonMinMb],
  w: ['diskWrittenGb', DEFAULT_VM_DETAILS.diskWrittenGb],
  n: ['snapshots', DEFAULT_VM_DETAILS.snapshots],
  g: ['snapshotGb', DEFAULT_VM_DETAILS.snapshotGb],
} as const;
const POLICY_EXTRAS = { o: ['origin', undefined], c: ['cpuSets', undefined], q: ['quota', undefined] } as const;

type ExtraSpec = Readonly<Record<string, readonly [string, unknown]>>;

function packExtras(source: object, spec: ExtraSpec): Extras | null {
  const out: Extras = {};
  const values = source as Record<string, unknown>;
  for (const [key, [field, fallback]] of Object.entries(spec)) {
    const value = values[field];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(fallback)) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The fields an extras object stands for (defaults for absent keys); null when it is not an extras object of this kind. */
function unpackExtras(extras: unknown, spec: ExtraSpec, withDefaults: boolean): Extras | null {
  if (extras === undefined) extras = {};
  if (typeof extras !== 'object' || extras === null || Array.isArray(extras)) return null;
  const given = extras as Record<string, unknown>;
  const out: Extras = {};
  for (const key of Object.keys(given)) if (!Object.prototype.hasOwnProperty.call(spec, key)) return null;
  for (const [key, [field, fallback]] of Object.entries(spec)) {
    if (Object.prototype.hasOwnProperty.call(given, key)) out[field] = given[key];
    else if (withDefaults) out[field] = fallback;
  }
  return out;
}

const withExtras = (row: Packed, extras: Extras | null): unknown[] => (extras ? [...row, extras] : row);

function packVm(vm: Vm): unknown[] {
  const head: Packed = [Number(vm.id.slice(3)), vm.name === vm.id ? 0 : vm.name, vm.flavor ?? 0, packOptions(vm)];
  const row = vm.flavor === null ? [...head, vm.vcpus, vm.ramMb, vm.rootDiskGb, vm.ephemeralGb, vm.swapMb] : head;
  return withExtras(row, packExtras(vm, VM_EXTRAS));
}

function packHost(host: Host): unknown[] {
  return withExtras([host.name, host.sockets, host.coresPerSocket, host.threadsPerCore, host.ramMb, host.diskGb, CPU_VENDORS.indexOf(host.cpuVendor)], packExtras(host, HOST_EXTRAS));
}

function packPolicy(policy: Policy): unknown[] {
  const r = policy.reserved;
  if (policy.kind === 'course') return [0, r.ramMb, r.cpus, r.diskGb];
  return withExtras([1, r.ramMb, r.cpus, r.diskGb, policy.ratios.cpu, policy.ratios.ram, policy.ratios.disk], packExtras(policy, POLICY_EXTRAS));
}

export function encodeState(state: SizingState): string {
  const { host, policy, vms, cluster } = state;
  const packed: unknown[] = [packHost(host), packPolicy(policy), vms.map(packVm)];
  if (cluster.length > 0) packed.push(cluster.map((p) => [p.name, p.cpuModel]));
  const json = JSON.stringify(packed);
  return `${VERSION}.${encodeBase64Url(new TextEncoder().encode(json))}.${checksum(json)}`;
}

const DAMAGED = 'Ask for a fresh link, or copy the whole address again';

/** Read a link back. Anything wrong (cut off, edited, from a newer site) gives issues, never a throw. */
export function decodeState(link: string): Result<SizingState> {
  if (typeof link !== 'string' || link.trim() === '') return fail({ path: [], message: 'the link holds no configuration' });
  const parts = link.trim().split('.');
  if (parts[0] !== VERSION) {
    return fail({ path: [], message: `this link's format ${JSON.stringify(parts[0])} is not one this site reads (version ${VERSION})`, hint: DAMAGED });
  }
  if (parts.length !== 3 || parts[1] === '' || parts[2] === '') {
    return fail({ path: [], message: 'the link is incomplete: it may have been cut off when copied', hint: DAMAGED });
  }
  const bytes = decodeBase64Url(parts[1]!);
  if (!bytes) return fail({ path: [], message: 'the link contains characters that cannot be part of a configuration', hint: DAMAGED });
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ path: [], message: 'the link is damaged: its content is not readable text', hint: DAMAGED });
  }
  if (checksum(json) !== parts[2]) {
    return fail({ path: [], message: 'the link is damaged: its check code does not match (it was cut off or edited)', hint: DAMAGED });
  }
  let packed: unknown;
  try {
    packed = JSON.parse(json);
  } catch {
    return fail({ path: [], message: 'the link is damaged: its content is not readable', hint: DAMAGED });
  }
  const unpacked = unpack(packed);
  return unpacked.ok ? validateState(unpacked.value) : unpacked;
}

const shapeIssue = (path: Issue['path']): Result<never> => fail({ path, message: 'the link does not hold a sizing configuration in the expected layout', hint: DAMAGED });

function pick<T>(values: readonly T[], index: unknown): T | unknown {
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < values.length ? values[index] : index;
}

/** Rebuild the object shape; value checks are left to validateState so links and files share one set of rules. */
function unpack(packed: unknown): Result<unknown> {
  if (!Array.isArray(packed) || (packed.length !== 3 && packed.length !== 4)) return shapeIssue([]);
  const [h, p, v, c = []] = packed as unknown[];
  if (!Array.isArray(h) || (h.length !== 7 && h.length !== 8)) return shapeIssue(['host']);
  const hostExtras = unpackExtras(h[7], HOST_EXTRAS, true);
  if (!hostExtras) return shapeIssue(['host']);
  const host = { name: h[0], sockets: h[1], coresPerSocket: h[2], threadsPerCore: h[3], ramMb: h[4], diskGb: h[5], cpuVendor: pick(CPU_VENDORS, h[6]), ...hostExtras };
  if (!Array.isArray(p) || (p.length !== 4 && p.length !== 7 && p.length !== 8)) return shapeIssue(['policy']);
  const reserved = { ramMb: p[1], cpus: p[2], diskGb: p[3] };
  const policyExtras = p[0] === 1 ? unpackExtras(p[7], POLICY_EXTRAS, false) : {};
  const policy =
    p[0] === 0 && p.length === 4
      ? { kind: 'course', reserved }
      : p[0] === 1 && p.length >= 7 && policyExtras
        ? { kind: 'nova', reserved, ratios: { cpu: p[4], ram: p[5], disk: p[6] }, ...policyExtras }
        : null;
  if (!policy) return shapeIssue(['policy']);
  if (!Array.isArray(v)) return shapeIssue(['vms']);
  const vms: unknown[] = [];
  for (let i = 0; i < v.length; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row)) return shapeIssue(['vms', i]);
    // A custom VM has 5 sizes after the options; either kind may end with an extras object.
    const plain = row.length === 4 || row.length === 9;
    const extended = row.length === 5 || row.length === 10;
    if (!plain && !extended) return shapeIssue(['vms', i]);
    const extras = unpackExtras(extended ? row[row.length - 1] : undefined, VM_EXTRAS, true);
    const [n, name, flavor, code, ...rest] = (extended ? row.slice(0, -1) : row) as unknown[];
    const options = unpackOptions(code);
    if (!options || !extras) return shapeIssue(['vms', i]);
    const id = `vm-${String(n)}`;
    const base = { id, name: name === 0 ? id : name, ...options, ...extras };
    if (flavor === 0 && rest.length === 5) {
      vms.push({ ...base, flavor: null, vcpus: rest[0], ramMb: rest[1], rootDiskGb: rest[2], ephemeralGb: rest[3], swapMb: rest[4] });
    } else if (typeof flavor === 'string' && rest.length === 0) {
      const f = resolveFlavor(flavor, ['vms', i, 'flavor']);
      if (!f.ok) return f;
      const { vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb } = f.value;
      vms.push({ ...base, flavor: f.value.name, vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb });
    } else return shapeIssue(['vms', i]);
  }
  if (!Array.isArray(c)) return shapeIssue(['cluster']);
  const cluster: unknown[] = [];
  for (let i = 0; i < c.length; i++) {
    const node: unknown = c[i];
    if (!Array.isArray(node) || node.length !== 2) return shapeIssue(['cluster', i]);
    cluster.push({ name: node[0], cpuModel: node[1] });
  }
  return { ok: true, value: { host, policy, vms, cluster } };
}
