import fc from 'fast-check';
import {
  CPU_MODELS,
  CPU_TYPES,
  CPU_VENDORS,
  DISK_FORMATS,
  FLAVOR_CATALOGUE,
  localDiskGb,
  NIC_MODELS,
  NOVA_RELEASES,
  presetPolicy,
  resolveRatios,
  SNAPSHOT_FORMATS,
  type ClusterPeer,
  type Host,
  type HostStorage,
  type NovaOrigin,
  type Policy,
  type SizingState,
  type Vm,
  type VmSpec,
} from '../../../../src/sim/sizing';

/** 8 cores / 16 threads, 32 GB, 1000 GB: the lesson's host. */
export function host(overrides: Partial<Host> = {}): Host {
  return {
    name: 'h',
    sockets: 1,
    coresPerSocket: 8,
    threadsPerCore: 2,
    ramMb: 32768,
    diskGb: 1000,
    cpuVendor: 'intel',
    cpuModel: null,
    storage: { kind: 'none' },
    balloonTargetPercent: 80,
    ...overrides,
  };
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
    cpuPolicy: 'shared',
    sockets: 1,
    balloonMinMb: null,
    diskWrittenGb: 0,
    snapshots: 0,
    snapshotGb: 0,
    ...overrides,
  };
}

export function spec(overrides: Partial<VmSpec> = {}): VmSpec {
  return { vcpus: 2, ramMb: 4096, rootDiskGb: 20, ephemeralGb: 0, swapMb: 0, bootFromVolume: false, provisioning: 'thin', cpuPolicy: 'shared', ...overrides };
}

export function state(vms: Vm[], policy: Policy = presetPolicy('course'), h: Host = host(), cluster: ClusterPeer[] = []): SizingState {
  return { host: h, vms: vms.map((v, i) => ({ ...v, id: `vm-${i + 1}` })), policy, cluster };
}

// ---- fast-check arbitraries for valid inputs (small enough that fits and misfits both happen) ----

/** Storage that keeps well under the RAM of any host hostArb draws (at least 8 GB). */
const storageArb: fc.Arbitrary<HostStorage> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.constant({ kind: 'zfs-pve81' as const }),
  fc.record({ kind: fc.constant('zfs-custom' as const), arcMaxMb: fc.integer({ min: 64, max: 2048 }) }),
  fc.record({ kind: fc.constant('ceph' as const), osds: fc.integer({ min: 1, max: 2 }), osdMemoryMb: fc.constant(1024) }),
);

export const hostArb: fc.Arbitrary<Host> = fc
  .record({
    name: fc.constantFrom('h1', 'lab', 'node-7'),
    sockets: fc.integer({ min: 1, max: 2 }),
    coresPerSocket: fc.integer({ min: 2, max: 16 }),
    threadsPerCore: fc.integer({ min: 1, max: 2 }),
    ramMb: fc.integer({ min: 8192, max: 131072 }),
    diskGb: fc.integer({ min: 50, max: 2000 }),
    cpuVendor: fc.constantFrom(...CPU_VENDORS),
    model: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    storage: storageArb,
    balloonTargetPercent: fc.constantFrom(80, 60, 100),
  })
  .map(({ model, ...h }) => {
    const ofVendor = CPU_MODELS.filter((m) => m.vendor === h.cpuVendor);
    return { ...h, cpuModel: model === null ? null : ofVendor[model % ofVendor.length]!.id };
  });

export const specArb: fc.Arbitrary<VmSpec> = fc.record({
  vcpus: fc.integer({ min: 1, max: 24 }),
  ramMb: fc.integer({ min: 256, max: 32768 }),
  rootDiskGb: fc.integer({ min: 0, max: 300 }),
  ephemeralGb: fc.integer({ min: 0, max: 50 }),
  swapMb: fc.integer({ min: 0, max: 4096 }),
  bootFromVolume: fc.boolean(),
  provisioning: fc.constantFrom('thin' as const, 'thick' as const),
  cpuPolicy: fc.constantFrom('shared' as const, 'shared' as const, 'dedicated' as const),
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
    // Shares in [0, 1] for the details, turned into valid values below.
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(1, 1, 2)),
  )
  .map(([s, cpuType, diskFormat, nic, balloon, name, flavor, [minShare, writtenShare, snapShare, snapshots, sockets]]) => {
    const sizes = flavor
      ? { vcpus: flavor.vcpus, ramMb: flavor.ramMb, rootDiskGb: flavor.rootDiskGb, ephemeralGb: flavor.ephemeralGb, swapMb: flavor.swapMb }
      : {};
    const vm = { ...s, ...sizes };
    const local = localDiskGb(vm);
    const snaps = local > 0 && SNAPSHOT_FORMATS.includes(diskFormat) ? snapshots : 0;
    return {
      ...vm,
      id: 'vm-0',
      name: name.trim(),
      flavor: flavor ? flavor.name : null,
      cpuType,
      diskFormat,
      nic,
      balloon,
      sockets: vm.vcpus % sockets === 0 ? sockets : 1,
      balloonMinMb: balloon && minShare > 0.5 ? Math.max(1, Math.floor(vm.ramMb * minShare)) : null,
      diskWrittenGb: Math.floor(local * writtenShare),
      snapshots: snaps,
      snapshotGb: Math.floor(local * snaps * snapShare),
    };
  });

const writtenArb = fc.record({ cpu: fc.constantFrom(null, 0, 2, 8), ram: fc.constantFrom(null, 0, 1, 1.5), disk: fc.constantFrom(null, 1) });

/** A node history with the running release no older than the registered one. */
export const originArb: fc.Arbitrary<NovaOrigin> = fc
  .record({ a: fc.integer({ min: 0, max: NOVA_RELEASES.length - 1 }), b: fc.integer({ min: 0, max: NOVA_RELEASES.length - 1 }), configured: writtenArb, initial: fc.record({ cpu: fc.constantFrom(null, 2), ram: fc.constantFrom(null, 1.2), disk: fc.constantFrom(null) }) })
  .map(({ a, b, configured, initial }) => ({ registered: NOVA_RELEASES[Math.min(a, b)]!, running: NOVA_RELEASES[Math.max(a, b)]!, configured, initial }));

const reserveArb = fc.record({ ramMb: fc.integer({ min: 0, max: 4096 }), cpus: fc.integer({ min: 0, max: 1 }), diskGb: fc.integer({ min: 0, max: 40 }) });

export const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.record({ kind: fc.constant('course' as const), reserved: reserveArb }),
  fc.record({
    kind: fc.constant('nova' as const),
    ratios: fc.record({
      cpu: fc.constantFrom(1, 1.5, 4, 16, 0.75),
      ram: fc.constantFrom(1, 1.5, 0.9, 1.1),
      disk: fc.constantFrom(1, 1.3, 2, 0.5),
    }),
    reserved: reserveArb,
  }),
  // Nova with the newer settings: a node history, CPU sets (then no reserved CPUs), a quota.
  fc
    .record({
      reserved: reserveArb,
      origin: fc.option(originArb, { nil: undefined }),
      cpuSets: fc.option(fc.record({ dedicated: fc.integer({ min: 0, max: 1 }), shared: fc.constantFrom(null, 1) }), { nil: undefined }),
      quota: fc.option(fc.record({ instances: fc.constantFrom(-1, 3, 10), cores: fc.constantFrom(-1, 8, 20), ramMb: fc.constantFrom(-1, 16384, 51200) }), { nil: undefined }),
    })
    .map(({ reserved, origin, cpuSets, quota }): Policy => {
      const sets = cpuSets && (cpuSets.dedicated > 0 || cpuSets.shared) ? cpuSets : undefined;
      return {
        kind: 'nova',
        ratios: origin ? resolveRatios(origin).ratios : { cpu: 4, ram: 1, disk: 1 },
        reserved: sets ? { ...reserved, cpus: 0 } : reserved,
        ...(origin ? { origin } : {}),
        ...(sets ? { cpuSets: sets } : {}),
        ...(quota ? { quota } : {}),
      };
    }),
);

/** Other cluster nodes, by CPU model. */
export const clusterArb: fc.Arbitrary<ClusterPeer[]> = fc
  .array(fc.integer({ min: 0, max: CPU_MODELS.length - 1 }), { maxLength: 3 })
  .map((models) => models.map((m, i) => ({ name: `peer-${i + 1}`, cpuModel: CPU_MODELS[m]!.id })));

/** Valid states: ids renumbered, and the reserve kept below the host (S9). */
export const stateArb: fc.Arbitrary<SizingState> = fc
  .tuple(hostArb, policyArb, fc.array(vmArb, { maxLength: 12 }), clusterArb)
  .map(([h, policy, vms, cluster]) => state(vms, policy, h, cluster));
