import { fail, type Issue, type Result } from '../core/issues';
import { checksum, decodeBase64Url, encodeBase64Url } from './base64url';
import { resolveFlavor } from './flavors';
import { CPU_TYPES, CPU_VENDORS, DISK_FORMATS, NIC_MODELS, PROVISIONINGS, type SizingState, type Vm } from './types';
import { validateState } from './validate';

/**
 * A configuration as a link: `1.<base64url JSON>.<checksum>`. The JSON is positional (arrays, enum
 * values as indexes) and a VM made from a flavor stores only the flavor's name, so links stay short.
 * Version 1 layout:
 *   [host, policy, vms]
 *   host   = [name, sockets, coresPerSocket, threadsPerCore, ramMb, diskGb, vendor]
 *   policy = [0, reserveRamMb, reserveCpus, reserveDiskGb] (course)
 *          | [1, reserveRamMb, reserveCpus, reserveDiskGb, cpuRatio, ramRatio, diskRatio] (nova)
 *   vm     = [n, name, flavor, options] | [n, name, 0, options, vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb]
 *   n is the number in the id vm-n; name is 0 when it equals the id; options packs the enum
 *   indexes and booleans into one mixed-radix integer (see OPTION_RADIXES).
 */
const VERSION = '1';

type Packed = (string | number)[];

/** Digits of the options integer, most significant first: cpuType, diskFormat, provisioning, nic, balloon, bootFromVolume. */
const OPTION_RADIXES = [CPU_TYPES.length, DISK_FORMATS.length, PROVISIONINGS.length, NIC_MODELS.length, 2, 2];

function packOptions(vm: Vm): number {
  const digits = [
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
  const [cpu, fmt, prov, nic, balloon, bfv] = digits as [number, number, number, number, number, number];
  return { cpuType: CPU_TYPES[cpu], diskFormat: DISK_FORMATS[fmt], provisioning: PROVISIONINGS[prov], nic: NIC_MODELS[nic], balloon: balloon === 1, bootFromVolume: bfv === 1 };
}

function packVm(vm: Vm): Packed {
  const head: Packed = [Number(vm.id.slice(3)), vm.name === vm.id ? 0 : vm.name, vm.flavor ?? 0, packOptions(vm)];
  return vm.flavor === null ? [...head, vm.vcpus, vm.ramMb, vm.rootDiskGb, vm.ephemeralGb, vm.swapMb] : head;
}

export function encodeState(state: SizingState): string {
  const { host, policy, vms } = state;
  const r = policy.reserved;
  const packed = [
    [host.name, host.sockets, host.coresPerSocket, host.threadsPerCore, host.ramMb, host.diskGb, CPU_VENDORS.indexOf(host.cpuVendor)],
    policy.kind === 'course' ? [0, r.ramMb, r.cpus, r.diskGb] : [1, r.ramMb, r.cpus, r.diskGb, policy.ratios.cpu, policy.ratios.ram, policy.ratios.disk],
    vms.map(packVm),
  ];
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
  if (!Array.isArray(packed) || packed.length !== 3) return shapeIssue([]);
  const [h, p, v] = packed as unknown[];
  if (!Array.isArray(h) || h.length !== 7) return shapeIssue(['host']);
  if (!Array.isArray(p) || (p.length !== 4 && p.length !== 7)) return shapeIssue(['policy']);
  if (!Array.isArray(v)) return shapeIssue(['vms']);
  const host = { name: h[0], sockets: h[1], coresPerSocket: h[2], threadsPerCore: h[3], ramMb: h[4], diskGb: h[5], cpuVendor: pick(CPU_VENDORS, h[6]) };
  const reserved = { ramMb: p[1], cpus: p[2], diskGb: p[3] };
  const policy = p[0] === 0 && p.length === 4 ? { kind: 'course', reserved } : p[0] === 1 && p.length === 7 ? { kind: 'nova', reserved, ratios: { cpu: p[4], ram: p[5], disk: p[6] } } : null;
  if (!policy) return shapeIssue(['policy']);
  const vms: unknown[] = [];
  for (let i = 0; i < v.length; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row) || (row.length !== 4 && row.length !== 9)) return shapeIssue(['vms', i]);
    const [n, name, flavor, code, ...size] = row as unknown[];
    const options = unpackOptions(code);
    if (!options) return shapeIssue(['vms', i]);
    const id = `vm-${String(n)}`;
    const base = { id, name: name === 0 ? id : name, ...options };
    if (flavor === 0 && size.length === 5) {
      vms.push({ ...base, flavor: null, vcpus: size[0], ramMb: size[1], rootDiskGb: size[2], ephemeralGb: size[3], swapMb: size[4] });
    } else if (typeof flavor === 'string' && size.length === 0) {
      const f = resolveFlavor(flavor, ['vms', i, 'flavor']);
      if (!f.ok) return f;
      const { vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb } = f.value;
      vms.push({ ...base, flavor: f.value.name, vcpus, ramMb, rootDiskGb, ephemeralGb, swapMb });
    } else return shapeIssue(['vms', i]);
  }
  return { ok: true, value: { host, policy, vms } };
}
