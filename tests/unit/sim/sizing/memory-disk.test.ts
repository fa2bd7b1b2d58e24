import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import {
  allocatedGb,
  apply,
  createState,
  explainFinding,
  explainProblem,
  findings,
  guaranteedMb,
  inventory,
  presetPolicy,
  storageMemoryMb,
  summarize,
  worstCaseGb,
  type Finding,
  type FindingCode,
  type Policy,
  type SizingAction,
  type SizingState,
} from '../../../../src/sim/sizing';
import { host, state, vm } from './fixtures';

const find = <C extends FindingCode>(list: Finding[], code: C): Extract<Finding, { code: C }> | undefined =>
  list.find((f): f is Extract<Finding, { code: C }> => f.code === code);

function run(s: SizingState, ...actions: SizingAction[]): SizingState {
  for (const a of actions) {
    const r = apply(s, a);
    expect(r.issues).toEqual([]);
    s = r.state;
  }
  return s;
}

function refused(s: SizingState, action: SizingAction): string[] {
  const r = apply(s, action);
  expect(r.state).toBe(s);
  return r.issues.map((i) => formatIssue(i));
}

describe('ballooning', () => {
  it('S39: the guaranteed memory is the balloon minimum when there is one, else all of it', () => {
    expect(guaranteedMb({ ramMb: 8192, balloon: true, balloonMinMb: 4096 })).toBe(4096);
    expect(guaranteedMb({ ramMb: 8192, balloon: true, balloonMinMb: null })).toBe(8192);
    expect(guaranteedMb({ ramMb: 8192, balloon: false, balloonMinMb: null })).toBe(8192);
  });

  it('S39: a minimum needs the balloon device and stays at or under the memory; turning the device off clears it', () => {
    let s = run(createState('course'), { type: 'addVm', flavor: 'g4.r8c4', name: 'web' });
    s = run(s, { type: 'updateVm', id: 'vm-1', changes: { balloonMinMb: '4096' } });
    expect(s.vms[0]).toMatchObject({ ramMb: 8192, balloonMinMb: 4096, flavor: 'g4.r8c4' });
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { balloonMinMb: 9000 } })).toEqual([
      'changes.balloonMinMb: the balloon minimum (9000 MB) must not exceed the VM\'s memory (8192 MB). Lower the minimum, or leave it empty for fixed memory',
    ]);
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { ramMb: 2048 } })[0]).toContain('the balloon minimum (4096 MB) must not exceed');
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { balloon: false, balloonMinMb: 2048 } })[0]).toContain('a balloon minimum needs the balloon device');
    const off = apply(s, { type: 'updateVm', id: 'vm-1', changes: { balloon: false } });
    expect(off.state.vms[0]).toMatchObject({ balloon: false, balloonMinMb: null });
    expect(off.events).toEqual([{ type: 'vm-updated', vmId: 'vm-1', fields: ['balloon', 'balloonMinMb'], flavorCleared: false }]);
    expect(run(s, { type: 'updateVm', id: 'vm-1', changes: { balloonMinMb: '' } }).vms[0]!.balloonMinMb).toBeNull();
  });

  it('S39: the target note gives the guaranteed and configured totals and the 80 % target', () => {
    const s = state([vm({ name: 'a', ramMb: 8192, balloonMinMb: 4096 }), vm({ name: 'b', ramMb: 8192 })]);
    const f = find(findings(s), 'balloon-target')!;
    expect(f).toMatchObject({ severity: 'note', guaranteedMb: 12288, maximumMb: 16384, targetMb: 26214, targetPercent: 80, hostUseMb: 14336, vmNames: ['a'] });
    expect(explainFinding(f)).toBe(
      'ballooning ("a"): Proxmox guarantees each minimum, 12 GB for the placed VMs in all, and hands out more, up to their configured 16 GB, only while the host uses less than 80 % of its RAM (25.6 GB): above their minimums they can share up to 11.6 GB more before the host reaches its target',
    );
    const high = state([vm({ name: 'a', ramMb: 16384, balloonMinMb: 14336 }), vm({ ramMb: 12288 })], presetPolicy('course'), host({ balloonTargetPercent: 60 }));
    expect(explainFinding(find(findings(high), 'balloon-target')!)).toContain('so they stay near their minimums');
  });

  it('S39: guarantees beyond the host are a warning; the course still sizes by the configured maximum', () => {
    const nova = presetPolicy('nova-pre-2023.1');
    const s = state([vm({ name: 'a', ramMb: 24576, balloonMinMb: 20480 }), vm({ name: 'b', ramMb: 16384, balloonMinMb: 12288 })], nova);
    expect(find(findings(s), 'balloon-minimums-exceed-host')).toMatchObject({ guaranteedMb: 32768, roomMb: 32256 });
    // Course: the second VM is refused on its configured 16 GB, although its minimum would fit.
    const course = state([vm({ ramMb: 24576, balloonMinMb: 8192 }), vm({ ramMb: 16384, balloonMinMb: 1024 })]);
    expect(summarize(course).verdicts.map((v) => v.fits)).toEqual([true, false]);
    expect(summarize(course).memory).toMatchObject({ configuredMb: 24576, guaranteedMb: 8192 });
  });
});

describe('memory the host’s storage takes', () => {
  it('S40: ZFS ARC on Proxmox 8.1+ is 10 % of RAM capped at 16 GiB; before that half of the RAM; Ceph 4 GiB per OSD', () => {
    expect(storageMemoryMb({ ramMb: 32768, storage: { kind: 'zfs-pve81' } })).toBe(3276);
    expect(storageMemoryMb({ ramMb: 262144, storage: { kind: 'zfs-pve81' } })).toBe(16384);
    expect(storageMemoryMb({ ramMb: 512, storage: { kind: 'zfs-pve81' } })).toBe(64);
    expect(storageMemoryMb({ ramMb: 32768, storage: { kind: 'zfs-default' } })).toBe(16384);
    expect(storageMemoryMb({ ramMb: 32768, storage: { kind: 'zfs-custom', arcMaxMb: 8192 } })).toBe(8192);
    expect(storageMemoryMb({ ramMb: 65536, storage: { kind: 'ceph', osds: 3, osdMemoryMb: 4096 } })).toBe(12288);
    expect(storageMemoryMb({ ramMb: 32768, storage: { kind: 'none' } })).toBe(0);
  });

  it('S40: the course takes it off the RAM capacity, shown apart from the 2 GB reserve', () => {
    const h = host({ storage: { kind: 'zfs-pve81' } });
    const ram = inventory(h, presetPolicy('course')).MEMORY_MB;
    expect(ram).toMatchObject({ reserved: 2048, storage: 3276, capacity: 32768 - 2048 - 3276 });
    const refusedVm = summarize(state([vm({ ramMb: 28000 })], presetPolicy('course'), h)).verdicts[0]!;
    expect(refusedVm.problems.map(explainProblem)).toEqual([
      'it needs 27.34 GB of RAM with only 26.8 GB left (capacity 26.8 GB after the 2 GB kept for the host and the 3276 MB the storage keeps in RAM, 0 MB already allocated): short by 556 MB',
    ]);
  });

  it('S40: Nova does not count it, so configured RAM + reserve + storage above the RAM is a warning naming reserved_host_memory_mb', () => {
    const h = host({ storage: { kind: 'zfs-default' } });
    const s = state([vm({ ramMb: 16384 }), vm({ ramMb: 8192 })], presetPolicy('nova-2023.1'), h);
    const f = find(findings(s), 'storage-memory-squeezed')!;
    expect(f).toMatchObject({ severity: 'warning', basis: 'placed', storageMb: 16384, shortMb: 24576 + 512 + 16384 - 32768, novaIgnores: true });
    expect(explainFinding(f)).toBe(
      "the 2 placed VMs are configured with 24 GB of RAM; with the 512 MB kept for the host and up to 16 GB for ZFS's ARC (ZFS's default: half of the RAM), that is 8.5 GB more than the host's 32 GB; Nova does not know about it, so add it to reserved_host_memory_mb",
    );
  });

  it('S40 S30: storage must leave RAM: below the host RAM, and with the course reserve below it too', () => {
    const s = createState('course');
    expect(refused(s, { type: 'setHost', changes: { storage: { kind: 'zfs-custom', arcMaxMb: 40000 } } })).toEqual([
      'host.storage: the storage would keep 40000 MB of RAM, no less than the host\'s 32768 MB. Lower the ARC limit or the OSD memory, or give the host more RAM',
    ]);
    expect(refused(s, { type: 'setHost', changes: { storage: { kind: 'zfs-custom', arcMaxMb: 31000 } } })).toEqual([
      'host.storage: the host would have 32768 MB of RAM, no more than the 2048 + 31000 for the storage = 33048 reserved for the host itself. Keep less in RAM for the storage, or lower the reserve',
    ]);
    expect(refused(s, { type: 'setHost', changes: { storage: { kind: 'ceph', osds: 2 } } })).toEqual(['host.storage.osdMemoryMb: missing required field']);
    expect(refused(s, { type: 'setHost', changes: { storage: { kind: 'zfs' } } })[0]).toContain('host.storage.kind: expected one of "none", "zfs-pve81"');
    expect(run(s, { type: 'setHost', changes: { storage: { kind: 'ceph', osds: 2, osdMemoryMb: 4096 } } }).host.storage).toEqual({ kind: 'ceph', osds: 2, osdMemoryMb: 4096 });
  });
});

describe('thin disks over time', () => {
  it('S41: allocated now = thick size or data written, plus snapshot space; worst case = one more copy per snapshot', () => {
    expect(allocatedGb(vm({ rootDiskGb: 40, provisioning: 'thin', diskWrittenGb: 12 }))).toBe(12);
    expect(allocatedGb(vm({ rootDiskGb: 40, provisioning: 'thick', diskWrittenGb: 12 }))).toBe(40);
    expect(allocatedGb(vm({ rootDiskGb: 40, diskWrittenGb: 12, snapshots: 1, snapshotGb: 8 }))).toBe(20);
    expect(allocatedGb(vm({ rootDiskGb: 40, bootFromVolume: true }))).toBe(0);
    expect(worstCaseGb(vm({ rootDiskGb: 40, snapshots: 2 }))).toBe(120);
  });

  it('S41: the summary answers provisioned, allocated, free now and worst case for the placed VMs', () => {
    const s = state([vm({ rootDiskGb: 100, diskWrittenGb: 30 }), vm({ rootDiskGb: 200, provisioning: 'thick' }), vm({ rootDiskGb: 50, diskWrittenGb: 10, snapshots: 1, snapshotGb: 5 })], presetPolicy('course'), host({ diskGb: 500 }));
    expect(summarize(s).disk).toEqual({ usableGb: 500, provisionedGb: 350, allocatedGb: 245, freeGb: 255, worstCaseGb: 400, snapshotGb: 5 });
  });

  it('S41 S21: snapshots that can grow past the storage warn even when the virtual sizes fit', () => {
    const s = state([vm({ name: 'a', rootDiskGb: 300, snapshots: 1, snapshotGb: 20 })], presetPolicy('course'), host({ diskGb: 500 }));
    const f = find(findings(s), 'thin-overcommit')!;
    expect(f).toMatchObject({ severity: 'warning', virtualGb: 300, worstCaseGb: 600, usableGb: 500 });
    expect(explainFinding(f)).toContain('can grow to 300 GB, and with their snapshots up to 600 GB');
    expect(find(findings(s), 'snapshots-hold-space')).toMatchObject({ severity: 'note', snapshotGb: 20, snapshots: 1, vmNames: ['a'] });
  });

  it('S41: allocation beyond the usable disk is a warning now, not a risk', () => {
    const s = state([vm({ rootDiskGb: 300, diskWrittenGb: 280 }), vm({ rootDiskGb: 300, diskWrittenGb: 250 })], presetPolicy('course'), host({ diskGb: 500 }));
    expect(find(findings(s), 'storage-full-now')).toMatchObject({ severity: 'warning', allocatedGb: 530, usableGb: 500 });
  });

  it('S41: written data fits the disk, snapshots need a format that holds them and a local disk', () => {
    const s = run(createState('course'), { type: 'addCustomVm', name: 'v', size: { vcpus: 2, ramMb: 2048, rootDiskGb: 40 } });
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { diskWrittenGb: 50 } })).toEqual(['changes.diskWrittenGb: the guest cannot have written 50 GB to 40 GB of local disk. Use at most 40 GB']);
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { diskFormat: 'raw', snapshots: 1 } })).toEqual([
      'changes.snapshots: a raw file holds no snapshots of its own. Use qcow2, or take snapshots in the storage layer (LVM-thin, ZFS, Ceph)',
    ]);
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { snapshotGb: 5 } })[0]).toContain('snapshot space needs at least one snapshot');
    expect(refused(s, { type: 'updateVm', id: 'vm-1', changes: { snapshots: 1, snapshotGb: 41 } })[0]).toContain('1 snapshot of 40 GB can hold at most 40 GB, got 41');
    const vol = run(createState('course'), { type: 'addCustomVm', size: { vcpus: 1, ramMb: 1024, rootDiskGb: 40, bootFromVolume: true } });
    expect(refused(vol, { type: 'updateVm', id: 'vm-1', changes: { snapshots: 1 } })[0]).toContain('this VM has no local disk to snapshot');
  });
});

describe('policies with storage in RAM', () => {
  it('S40: a course reserve change counts the storage too', () => {
    const s = run(createState('course'), { type: 'setHost', changes: { storage: { kind: 'zfs-default' } } });
    expect(refused(s, { type: 'setReserve', changes: { ramMb: 16384 } })[0]).toContain('the host reserve (16384 + 16384 for the storage = 32768 MB of RAM) must be less than the host\'s 32768 MB of RAM');
    // Under Nova the storage is not part of the reserve.
    const nova: Policy = presetPolicy('nova-2023.1');
    expect(apply({ ...s, policy: nova }, { type: 'setReserve', changes: { ramMb: 16384 } }).issues).toEqual([]);
  });
});
