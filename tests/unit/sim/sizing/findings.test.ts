import { describe, expect, it } from 'vitest';
import { findings, presetPolicy, summarize, type Finding, type FindingCode, type Policy } from '../../../../src/sim/sizing';
import { host, state, vm } from './fixtures';

const codes = (list: Finding[]): FindingCode[] => list.map((f) => f.code);
const find = <C extends FindingCode>(list: Finding[], code: C): Extract<Finding, { code: C }> | undefined =>
  list.find((f): f is Extract<Finding, { code: C }> => f.code === code);
const plain = { cpuType: 'x86-64-v2-AES' as const, nic: 'virtio' as const, balloon: false };

describe('CPU warnings', () => {
  it('S17: contention starts above the physical cores, counting reserved cores out', () => {
    const at = state([vm({ vcpus: 4, ...plain }), vm({ vcpus: 4, ...plain })]);
    expect(codes(findings(at))).not.toContain('cpu-contention');
    const over = state([vm({ vcpus: 4, ...plain }), vm({ vcpus: 4, ...plain }), vm({ vcpus: 2, ...plain })]);
    expect(find(findings(over), 'cpu-contention')).toEqual({ severity: 'warning', code: 'cpu-contention', vcpus: 10, guestCores: 8, reservedCpus: 0, ratio: 1.25 });
    const reserved: Policy = { kind: 'course', reserved: { ramMb: 2048, cpus: 2, diskGb: 0 } };
    expect(find(findings(state([vm({ vcpus: 4 }), vm({ vcpus: 3 })], reserved)), 'cpu-contention')).toMatchObject({ vcpus: 7, guestCores: 6 });
  });

  it('S17: the summary gives vCPU:pCPU per core and per thread', () => {
    const s = summarize(state([vm({ vcpus: 12 }), vm({ vcpus: 8 })], presetPolicy('nova-2023.1')));
    expect(s.overcommit).toMatchObject({ vcpus: 20, vcpuPerCore: 2.5, vcpuPerThread: 1.25 });
  });

  it('S18: a VM wider than the cores, or exactly as wide, is warned about', () => {
    const list = findings(state([vm({ name: 'db', vcpus: 8 }), vm({ name: 'wide', vcpus: 12 }), vm({ vcpus: 7 })], presetPolicy('nova-2023.1')));
    expect(find(list, 'vm-uses-all-cores')).toMatchObject({ vmName: 'db', vcpus: 8, cores: 8 });
    expect(find(list, 'vm-vcpus-exceed-cores')).toMatchObject({ vmName: 'wide', vcpus: 12, cores: 8 });
    expect(list.filter((f) => f.code === 'vm-uses-all-cores' || f.code === 'vm-vcpus-exceed-cores')).toHaveLength(2);
  });
});

describe('RAM warnings', () => {
  it('S19: overcommit is more VM RAM than host RAM', () => {
    const list = findings(state([vm({ ramMb: 20480 }), vm({ ramMb: 16384 })]));
    expect(find(list, 'ram-overcommit')).toEqual({ severity: 'warning', code: 'ram-overcommit', allocatedMb: 36864, physicalMb: 32768, ratio: 1.125 });
  });

  it('S20: a host full to exactly its RAM violates the reserve without being overcommitted', () => {
    const list = findings(state([vm({ ramMb: 16384 }), vm({ ramMb: 16384 })]));
    expect(codes(list)).toContain('host-reserve-violated');
    expect(codes(list)).not.toContain('ram-overcommit');
    expect(find(list, 'host-reserve-violated')).toMatchObject({ allocatedMb: 32768, reserveMb: 2048, intoReserveMb: 2048 });
  });

  it('S20: up to the reserve is fine; beyond it the warning says how much of the reserve is taken', () => {
    expect(codes(findings(state([vm({ ramMb: 30720 })])))).not.toContain('host-reserve-violated');
    expect(find(findings(state([vm({ ramMb: 31744 })])), 'host-reserve-violated')).toMatchObject({ intoReserveMb: 1024 });
  });

  it('S20: an overcommitted host has both warnings; with no reserve only overcommit', () => {
    const both = findings(state([vm({ ramMb: 40000 })]));
    expect(codes(both)).toEqual(expect.arrayContaining(['ram-overcommit', 'host-reserve-violated']));
    const noReserve: Policy = { kind: 'course', reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const only = findings(state([vm({ ramMb: 40000 })], noReserve));
    expect(codes(only)).toContain('ram-overcommit');
    expect(codes(only)).not.toContain('host-reserve-violated');
  });
});

describe('disk warnings', () => {
  it('S21: thin disks whose virtual sizes exceed the usable disk', () => {
    const h = host({ diskGb: 500 });
    const list = findings(state([vm({ rootDiskGb: 300 }), vm({ rootDiskGb: 250 })], presetPolicy('course'), h));
    expect(find(list, 'thin-overcommit')).toEqual({ severity: 'warning', code: 'thin-overcommit', virtualGb: 550, usableGb: 500, ratio: 1.1 });
    expect(codes(list)).not.toContain('preallocation-exceeds-storage');
  });

  it('S21: the reserved disk is not usable, and all-thick disks are not thin overcommit', () => {
    const reserved: Policy = { kind: 'course', reserved: { ramMb: 2048, cpus: 0, diskGb: 100 } };
    const h = host({ diskGb: 500 });
    expect(codes(findings(state([vm({ rootDiskGb: 450 })], reserved, h)))).toContain('thin-overcommit');
    const thick = findings(state([vm({ rootDiskGb: 300, provisioning: 'thick' }), vm({ rootDiskGb: 250, provisioning: 'thick' })], presetPolicy('course'), h));
    expect(codes(thick)).not.toContain('thin-overcommit');
    expect(find(thick, 'preallocation-exceeds-storage')).toMatchObject({ preallocatedGb: 550, usableGb: 500 });
  });
});

describe('notes', () => {
  it('S22: host-passthrough blocks migration to the other vendor; host-model stays within the vendor', () => {
    const list = findings(state([vm({ name: 'a', cpuType: 'host-passthrough' }), vm({ name: 'b', cpuType: 'host-model' }), vm({ name: 'c', cpuType: 'host-passthrough' })], presetPolicy('course'), host({ cpuVendor: 'amd' })));
    expect(find(list, 'migration-needs-identical-cpu')).toMatchObject({ vmNames: ['a', 'c'], hostVendor: 'amd', otherVendor: 'intel', severity: 'note' });
    expect(find(list, 'migration-same-vendor-only')).toMatchObject({ vmNames: ['b'], otherVendor: 'intel' });
  });

  it('S22: generic models are portable; kvm64 also lacks features', () => {
    const list = findings(state([vm({ name: 'a', cpuType: 'kvm64' }), vm({ name: 'b', cpuType: 'x86-64-v3' })]));
    expect(find(list, 'generic-cpu-portable')).toMatchObject({ vmNames: ['a', 'b'], cpuTypes: ['kvm64', 'x86-64-v3'] });
    expect(find(list, 'kvm64-lacks-features')).toMatchObject({ vmNames: ['a'] });
  });

  it('S23: thin raw disks are sparse; vmdk and vhdx are foreign formats', () => {
    const list = findings(
      state([
        vm({ name: 'r', diskFormat: 'raw', provisioning: 'thin' }),
        vm({ name: 'thick', diskFormat: 'raw', provisioning: 'thick' }),
        vm({ name: 'vol', diskFormat: 'raw', provisioning: 'thin', bootFromVolume: true }),
        vm({ name: 'w', diskFormat: 'vhdx' }),
      ]),
    );
    expect(find(list, 'raw-sparse')).toMatchObject({ vmNames: ['r'] });
    expect(find(list, 'foreign-disk-format')).toMatchObject({ vmNames: ['w'], formats: ['vhdx'] });
  });

  it('S24: emulated NICs are noted, virtio is not', () => {
    const list = findings(state([vm({ name: 'old', nic: 'e1000' }), vm({ name: 'new', nic: 'e1000e' }), vm({ nic: 'virtio' })]));
    expect(find(list, 'emulated-nic')).toMatchObject({ vmNames: ['old', 'new'], nics: ['e1000', 'e1000e'] });
  });

  it('S25: the balloon note appears only next to a RAM warning', () => {
    expect(codes(findings(state([vm({ balloon: true, ramMb: 4096 })])))).not.toContain('balloon-does-not-add-capacity');
    const list = findings(state([vm({ name: 'b', balloon: true, ramMb: 20480 }), vm({ name: 'n', balloon: false, ramMb: 12288 })]));
    expect(find(list, 'balloon-does-not-add-capacity')).toMatchObject({ vmNames: ['b'] });
  });

  it('S17–S25: warnings come before notes', () => {
    const list = findings(state([vm({ vcpus: 8, cpuType: 'host-passthrough', nic: 'e1000', ramMb: 40000 }), vm({ vcpus: 8 })]));
    const severities = list.map((f) => f.severity);
    expect(severities.indexOf('note')).toBeGreaterThan(severities.lastIndexOf('warning'));
  });
});
