import { describe, expect, it } from 'vitest';
import { apply, explainFinding, findings, presetPolicy, summarize, type Finding, type FindingCode, type Policy } from '../../../../src/sim/sizing';
import { host, state, vm } from './fixtures';

const codes = (list: Finding[]): FindingCode[] => list.map((f) => f.code);
const find = <C extends FindingCode>(list: Finding[], code: C): Extract<Finding, { code: C }> | undefined =>
  list.find((f): f is Extract<Finding, { code: C }> => f.code === code);
const plain = { cpuType: 'x86-64-v2-AES' as const, nic: 'virtio' as const, balloon: false };

describe('CPU findings', () => {
  it('S17: the vCPU:core ratio above 1:1 is a note under every policy, counting reserved cores out', () => {
    const at = state([vm({ vcpus: 4, ...plain }), vm({ vcpus: 4, ...plain })]);
    expect(codes(findings(at))).not.toContain('vcpu-overcommit');
    for (const preset of ['course', 'nova-2023.1', 'nova-pre-2023.1'] as const) {
      const over = state([vm({ vcpus: 4, ...plain }), vm({ vcpus: 4, ...plain }), vm({ vcpus: 2, ...plain })], presetPolicy(preset));
      expect(find(findings(over), 'vcpu-overcommit')).toEqual({ severity: 'note', code: 'vcpu-overcommit', vcpus: 10, guestCores: 8, reservedCpus: 0, reservedUnit: preset === 'course' ? 'physical cores' : 'logical CPUs', ratio: 1.25, basis: 'placed', vmCount: 3, refusedCount: 0 });
      expect(findings(over).filter((f) => f.severity === 'warning')).toEqual([]);
    }
    const reserved: Policy = { kind: 'course', reserved: { ramMb: 2048, cpus: 2, diskGb: 0 } };
    expect(find(findings(state([vm({ vcpus: 4 }), vm({ vcpus: 3 })], reserved)), 'vcpu-overcommit')).toMatchObject({ vcpus: 7, guestCores: 6 });
  });

  it('S17: a Nova reserve counts logical CPUs, so the cores it leaves are never 0 or negative (no "Infinity:1")', () => {
    for (const [cpus, cores, text] of [
      [8, 4, 'share 4 physical cores left after 8 logical CPUs kept for the host (2:1)'],
      [12, 2, 'share 2 physical cores left after 12 logical CPUs kept for the host (4:1)'],
      [15, 0.5, 'share 0.5 physical cores left after 15 logical CPUs kept for the host (8:1)'],
    ] as const) {
      const r = apply(state([vm({ vcpus: 4, ...plain, ramMb: 2048 }), vm({ vcpus: 4, ...plain, ramMb: 2048 })], presetPolicy('nova-2023.1')), { type: 'setReserve', changes: { cpus } });
      expect(r.issues).toEqual([]);
      const note = find(findings(r.state), 'vcpu-overcommit')!;
      expect(note.guestCores).toBe(cores);
      expect(Number.isFinite(note.ratio) && note.ratio > 0).toBe(true);
      expect(explainFinding(note)).toContain(text);
    }
    const all = apply(state([vm({ vcpus: 4 })], presetPolicy('nova-2023.1')), { type: 'setReserve', changes: { cpus: 16 } });
    expect(all.issues.map((i) => i.message)).toEqual(["the host reserve (16 logical CPUs) must be less than the host's 16 logical CPUs"]);
  });

  it('S17: the note counts placed VMs only, and says how many were left out', () => {
    // The third VM is refused on RAM under the course policy: its 4 vCPUs are not counted.
    const s = state([vm({ vcpus: 4, ramMb: 16384 }), vm({ vcpus: 4, ramMb: 8192 }), vm({ vcpus: 4, ramMb: 16384 })]);
    expect(codes(findings(s))).not.toContain('vcpu-overcommit');
    const more = state([vm({ vcpus: 6, ramMb: 16384 }), vm({ vcpus: 4, ramMb: 8192 }), vm({ vcpus: 4, ramMb: 16384 })]);
    expect(find(findings(more), 'vcpu-overcommit')).toMatchObject({ vcpus: 10, vmCount: 2, refusedCount: 1 });
  });

  it('S17: the summary gives vCPU:pCPU per core and per thread', () => {
    const s = summarize(state([vm({ vcpus: 12 }), vm({ vcpus: 8 })], presetPolicy('nova-2023.1')));
    expect(s.overcommit).toMatchObject({ vcpus: 20, vcpuPerCore: 2.5, vcpuPerThread: 1.25 });
  });

  it('S18: a VM wider than the cores is a warning; exactly as wide is a note', () => {
    const list = findings(state([vm({ name: 'db', vcpus: 8 }), vm({ name: 'wide', vcpus: 12 }), vm({ vcpus: 7 })], presetPolicy('nova-2023.1')));
    expect(find(list, 'vm-uses-all-cores')).toMatchObject({ severity: 'note', vmName: 'db', vcpus: 8, cores: 8 });
    expect(find(list, 'vm-vcpus-exceed-cores')).toMatchObject({ severity: 'warning', vmName: 'wide', vcpus: 12, cores: 8, logicalCpus: 16 });
    expect(list.filter((f) => f.code === 'vm-uses-all-cores' || f.code === 'vm-vcpus-exceed-cores')).toHaveLength(2);
  });
});

describe('RAM findings', () => {
  it('S19: overcommit is more configured RAM than host RAM, a warning when placed VMs do it', () => {
    const nova = findings(state([vm({ ramMb: 20480 }), vm({ ramMb: 16384 })], presetPolicy('nova-pre-2023.1')));
    expect(find(nova, 'ram-overcommit')).toEqual({ severity: 'warning', code: 'ram-overcommit', allocatedMb: 36864, physicalMb: 32768, ratio: 1.125, basis: 'placed', vmCount: 2, refusedCount: 0 });
  });

  it('S36 S19: when the policy refuses the VM that would overcommit, the total is a note over what was asked for', () => {
    const list = findings(state([vm({ ramMb: 20480 }), vm({ ramMb: 16384 })]));
    expect(find(list, 'ram-overcommit')).toEqual({ severity: 'note', code: 'ram-overcommit', allocatedMb: 36864, physicalMb: 32768, ratio: 1.125, basis: 'asked', vmCount: 2, refusedCount: 1 });
    expect(list.filter((f) => f.severity === 'warning')).toEqual([]);
  });

  it('S36: nothing is reported over asked VMs when all VMs are placed', () => {
    const list = findings(state([vm({ ramMb: 20480 }), vm({ ramMb: 8192 })]));
    expect(codes(list).filter((c) => c.startsWith('ram') || c.startsWith('host-reserve'))).toEqual([]);
  });

  it('S20: a host full to exactly its RAM violates the reserve without being overcommitted', () => {
    // Nova reserves 512 MB and places VMs up to RAM − 512 MB; with a 2 GB reserve it does not.
    const twoGb: Policy = { kind: 'nova', ratios: { cpu: 4, ram: 1.5, disk: 1 }, reserved: { ramMb: 2048, cpus: 0, diskGb: 0 } };
    const list = findings(state([vm({ ramMb: 16384 }), vm({ ramMb: 16384 })], twoGb));
    expect(codes(list)).toContain('host-reserve-violated');
    expect(codes(list)).not.toContain('ram-overcommit');
    expect(find(list, 'host-reserve-violated')).toMatchObject({ severity: 'warning', basis: 'placed', allocatedMb: 32768, reserveMb: 2048, intoReserveMb: 2048 });
  });

  it('S20: up to the reserve is fine; beyond it the finding says how much of the reserve is taken', () => {
    expect(codes(findings(state([vm({ ramMb: 30720 })])))).not.toContain('host-reserve-violated');
    // Under the course policy the VM that would take 1 GB of the reserve is refused: a note over what was asked for.
    expect(find(findings(state([vm({ ramMb: 30720 }), vm({ ramMb: 1024 })])), 'host-reserve-violated')).toMatchObject({ severity: 'note', basis: 'asked', intoReserveMb: 1024 });
  });

  it('S20: an overcommitted host has both findings; with no reserve only overcommit', () => {
    const nova = presetPolicy('nova-pre-2023.1');
    const both = findings(state([vm({ ramMb: 20000 }), vm({ ramMb: 20000 })], nova));
    expect(codes(both)).toEqual(expect.arrayContaining(['ram-overcommit', 'host-reserve-violated']));
    const noReserve: Policy = { kind: 'nova', ratios: { cpu: 4, ram: 1.5, disk: 1 }, reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const only = findings(state([vm({ ramMb: 20000 }), vm({ ramMb: 20000 })], noReserve));
    expect(codes(only)).toContain('ram-overcommit');
    expect(codes(only)).not.toContain('host-reserve-violated');
  });
});

describe('disk findings', () => {
  it('S21: thin disks whose virtual sizes exceed the usable disk', () => {
    const h = host({ diskGb: 500 });
    const list = findings(state([vm({ rootDiskGb: 300 }), vm({ rootDiskGb: 250 })], presetPolicy('course'), h));
    expect(find(list, 'thin-overcommit')).toEqual({ severity: 'warning', code: 'thin-overcommit', virtualGb: 550, worstCaseGb: 550, usableGb: 500, ratio: 1.1, basis: 'placed', vmCount: 2, refusedCount: 0 });
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

  it('S25: the balloon note appears only next to a RAM warning about placed VMs', () => {
    expect(codes(findings(state([vm({ balloon: true, ramMb: 4096 })])))).not.toContain('balloon-does-not-add-capacity');
    const nova = presetPolicy('nova-pre-2023.1');
    const list = findings(state([vm({ name: 'b', balloon: true, ramMb: 20480 }), vm({ name: 'n', balloon: false, ramMb: 14336 })], nova));
    expect(find(list, 'balloon-does-not-add-capacity')).toMatchObject({ vmNames: ['b'] });
    // Under the course policy the second VM is refused: a note about what was asked, no balloon note.
    expect(codes(findings(state([vm({ balloon: true, ramMb: 20480 }), vm({ balloon: false, ramMb: 14336 })])))).not.toContain('balloon-does-not-add-capacity');
  });

  it('S17–S25: warnings come before notes', () => {
    const list = findings(state([vm({ vcpus: 12, cpuType: 'host-passthrough', nic: 'e1000', ramMb: 20000 }), vm({ vcpus: 8, ramMb: 20000 })], presetPolicy('nova-pre-2023.1')));
    const severities = list.map((f) => f.severity);
    expect(severities).toContain('warning');
    expect(severities.indexOf('note')).toBeGreaterThan(severities.lastIndexOf('warning'));
  });
});
