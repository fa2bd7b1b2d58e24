import fc from 'fast-check';
import {
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  FLAVOR_CATALOGUE,
  NIC_MODELS,
  presetPolicy,
  type Host,
  type Policy,
  type SizingState,
  type Vm,
  type VmSpec,
} from '../../../../src/sim/sizing';

/** 8 cores / 16 threads, 32 GB, 1000 GB: the lesson's host. */
export function host(overrides: Partial<Host> = {}): Host {
  return { name: 'h', sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000, cpuVendor: 'intel', ...overrides };
}

let counter = 0;
export function vm(overrides: Partial<Vm> = {}): Vm {
  counter++;
  return {
    id: `vm-${counter}`,
    name: `vm${counter}`,
    flavor: null,
    vcpus: 2,
    ramMb: 4096,
    rootDiskGb: 20,
    ephemeralGb: 0,
    swapMb: 0,
    bootFromVolume: false,
    cpuType: 'x86-64-v2-AES',
    diskFormat: 'qcow2',
    provisioning: 'thin',
    nic: 'virtio',
    balloon: true,
    ...overrides,
  };
}

export function spec(overrides: Partial<VmSpec> = {}): VmSpec {
  return { vcpus: 2, ramMb: 4096, rootDiskGb: 20, ephemeralGb: 0, swapMb: 0, bootFromVolume: false, provisioning: 'thin', ...overrides };
}

export function state(vms: Vm[], policy: Policy = presetPolicy('course'), h: Host = host()): SizingState {
  return { host: h, vms: vms.map((v, i) => ({ ...v, id: `vm-${i + 1}` })), policy };
}

// ---- fast-check arbitraries for valid inputs (small enough that fits and misfits both happen) ----

export const hostArb: fc.Arbitrary<Host> = fc.record({
  name: fc.constantFrom('h1', 'lab', 'node-7'),
  sockets: fc.integer({ min: 1, max: 2 }),
  coresPerSocket: fc.integer({ min: 2, max: 16 }),
  threadsPerCore: fc.integer({ min: 1, max: 2 }),
  ramMb: fc.integer({ min: 8192, max: 131072 }),
  diskGb: fc.integer({ min: 50, max: 2000 }),
  cpuVendor: fc.constantFrom(...CPU_VENDORS),
});

export const specArb: fc.Arbitrary<VmSpec> = fc.record({
  vcpus: fc.integer({ min: 1, max: 24 }),
  ramMb: fc.integer({ min: 256, max: 32768 }),
  rootDiskGb: fc.integer({ min: 0, max: 300 }),
  ephemeralGb: fc.integer({ min: 0, max: 50 }),
  swapMb: fc.integer({ min: 0, max: 4096 }),
  bootFromVolume: fc.boolean(),
  provisioning: fc.constantFrom('thin' as const, 'thick' as const),
});

export const vmArb: fc.Arbitrary<Vm> = fc
  .tuple(
    specArb,
    fc.constantFrom(...CPU_TYPES),
    fc.constantFrom(...DISK_FORMATS),
    fc.constantFrom(...NIC_MODELS),
    fc.boolean(),
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(s)),
    fc.option(fc.constantFrom(...FLAVOR_CATALOGUE), { nil: null }),
  )
  .map(([s, cpuType, diskFormat, nic, balloon, name, flavor]) => {
    const sizes = flavor
      ? { vcpus: flavor.vcpus, ramMb: flavor.ramMb, rootDiskGb: flavor.rootDiskGb, ephemeralGb: flavor.ephemeralGb, swapMb: flavor.swapMb }
      : {};
    return { ...s, ...sizes, id: 'vm-0', name: name.trim(), flavor: flavor ? flavor.name : null, cpuType, diskFormat, nic, balloon };
  });

export const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.record({ kind: fc.constant('course' as const), reserved: fc.record({ ramMb: fc.integer({ min: 0, max: 4096 }), cpus: fc.integer({ min: 0, max: 1 }), diskGb: fc.integer({ min: 0, max: 40 }) }) }),
  fc.record({
    kind: fc.constant('nova' as const),
    ratios: fc.record({
      cpu: fc.constantFrom(1, 1.5, 4, 16, 0.75),
      ram: fc.constantFrom(1, 1.5, 0.9, 1.1),
      disk: fc.constantFrom(1, 1.3, 2, 0.5),
    }),
    reserved: fc.record({ ramMb: fc.integer({ min: 0, max: 4096 }), cpus: fc.integer({ min: 0, max: 1 }), diskGb: fc.integer({ min: 0, max: 40 }) }),
  }),
);

/** Valid states: ids renumbered, and the reserve kept below the host (S9). */
export const stateArb: fc.Arbitrary<SizingState> = fc
  .tuple(hostArb, policyArb, fc.array(vmArb, { maxLength: 12 }))
  .map(([h, policy, vms]) => state(vms, policy, h));
