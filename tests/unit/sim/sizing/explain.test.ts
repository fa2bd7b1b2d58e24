import { describe, expect, it } from 'vitest';
import {
  checkFit,
  explainEvent,
  explainFinding,
  explainHeadroom,
  explainProblem,
  explainSmallest,
  explainUnplaced,
  explainVerdict,
  findings,
  formatMb,
  formatNames,
  headroom,
  pack,
  presetPolicy,
  smallestFlavor,
  summarize,
  type FindingCode,
  type Policy,
} from '../../../../src/sim/sizing';
import { host, spec, state, vm } from './fixtures';

const none = { VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0 };

describe('explanations', () => {
  it('S10: an over-capacity problem names what is needed, what is left and why', () => {
    const course = checkFit(host(), presetPolicy('course'), { ...none, MEMORY_MB: 24576 }, spec({ ramMb: 8192 }));
    expect(course.problems.map(explainProblem)).toEqual([
      'it needs 8 GB of RAM with only 6 GB left (capacity 30 GB after the 2 GB kept for the host, 24 GB already allocated): short by 2 GB',
    ]);
    const nova: Policy = { kind: 'nova', ratios: { cpu: 4, ram: 1, disk: 1 }, reserved: { ramMb: 512, cpus: 2, diskGb: 0 } };
    const cpu = checkFit(host(), nova, { ...none, VCPU: 55 }, spec({ vcpus: 4 }));
    expect(cpu.problems.map(explainProblem)).toEqual([
      'it needs 4 vCPUs with only 1 vCPU left (capacity (16 vCPUs − 2 vCPUs reserved) × 4 = 56 vCPUs, 55 vCPUs already allocated): short by 3 vCPUs',
    ]);
    const full = checkFit(host(), presetPolicy('nova-pre-2023.1'), { ...none, DISK_GB: 1000 }, spec({ rootDiskGb: 20 }));
    expect(explainProblem(full.problems[0]!)).toBe('it needs 20 GB of disk with nothing left (capacity 1000 GB, 1000 GB already allocated): short by 20 GB');
  });

  it('S10: per-VM limits read as such', () => {
    const big = checkFit(host(), presetPolicy('nova-2023.1'), none, spec({ vcpus: 24 }));
    expect(explainProblem(big.problems[0]!)).toBe('it asks for 24 vCPUs, more than this host can give any single VM (16 vCPUs)');
  });

  it('S11: the course refusal explains that threads are not cores', () => {
    const wide = checkFit(host(), presetPolicy('course'), none, spec({ vcpus: 10 }));
    expect(explainProblem(wide.problems[0]!)).toBe('it asks for 10 vCPUs but the host has only 8 physical cores (hyper-threads do not count as cores)');
  });

  it('S12: a verdict names the VM', () => {
    const [ok, no] = summarize(state([vm({ name: 'web01', ramMb: 20480 }), vm({ name: 'db', ramMb: 16384 })])).verdicts;
    expect(explainVerdict(ok!)).toBe('"web01" fits');
    expect(explainVerdict(no!)).toMatch(/^"db" does not fit: it needs 16 GB of RAM with only 10 GB left/);
  });

  it('S13: headroom says how many and what runs out', () => {
    const large = spec({ vcpus: 4, ramMb: 8192, rootDiskGb: 80 });
    expect(explainHeadroom(headroom(host(), presetPolicy('nova-2023.1'), none, large), 'm1.large')).toBe('3 more m1.large fit; RAM runs out first');
    expect(explainHeadroom(headroom(host(), presetPolicy('nova-2023.1'), none, large), 'm1.large', { empty: true })).toBe('3 m1.large fit; RAM runs out first');
    expect(explainHeadroom(headroom(host(), presetPolicy('nova-2023.1'), { ...none, MEMORY_MB: 30000 }, large), 'm1.large')).toBe('no more m1.large fit: RAM runs out first');
    expect(explainHeadroom(headroom(host(), presetPolicy('course'), none, spec({ vcpus: 9 })))).toBe(
      'no VMs of this size fit: it asks for 9 vCPUs but the host has only 8 physical cores (hyper-threads do not count as cores)',
    );
  });

  it('S13: headroom agrees in number with the plural label "vCPUs"', () => {
    const p: Policy = { kind: 'nova', ratios: { cpu: 1, ram: 1.5, disk: 1 }, reserved: { ramMb: 512, cpus: 0, diskGb: 0 } };
    const large = spec({ vcpus: 4, ramMb: 8192, rootDiskGb: 80 });
    expect(explainHeadroom(headroom(host(), p, none, large), 'm1.large')).toBe('4 more m1.large fit; vCPUs run out first');
  });

  it('S16: an unplaced VM says whether hosts are too small or full', () => {
    const result = pack([host({ name: 'a', coresPerSocket: 4 })], [{ id: 'x', ...spec({ vcpus: 6 }) }], presetPolicy('course'));
    expect(explainUnplaced(result.unplaced[0]!, 'big-vm', ['a'])).toBe(
      '"big-vm" was not placed: no host is big enough, even empty (nearest is "a": it asks for 6 vCPUs but the host has only 4 physical cores (hyper-threads do not count as cores))',
    );
    expect(explainUnplaced({ vmId: 'x', tooBigForEveryHost: false, closest: null }, 'x', [])).toBe('"x" was not placed: there are no hosts');
  });

  it('S20 S36: the reserve finding says what it counts, and that a full host is not overcommitted', () => {
    const asked = findings(state([vm({ ramMb: 16384 }), vm({ ramMb: 16384 })]));
    expect(asked.filter((f) => f.code === 'host-reserve-violated').map(explainFinding)).toEqual([
      'the 2 VMs together (1 of them refused) ask for 32 GB of RAM: placing them all would take 2 GB of the 2 GB kept for the host itself (host RAM 32 GB)',
    ]);
    const nova: Policy = { kind: 'nova', ratios: { cpu: 4, ram: 1.5, disk: 1 }, reserved: { ramMb: 2048, cpus: 0, diskGb: 0 } };
    const placed = findings(state([vm({ ramMb: 16384 }), vm({ ramMb: 16384 }), vm({ ramMb: 1024, vcpus: 1 })], nova, host(), []));
    expect(placed.filter((f) => f.code === 'host-reserve-violated').map(explainFinding)).toEqual([
      'the 3 placed VMs are configured with 33 GB of RAM, which takes 2 GB of the 2 GB kept for the host itself (host RAM 32 GB)',
    ]);
    const exact = findings(state([vm({ ramMb: 16384 }), vm({ ramMb: 16384 })], nova));
    expect(exact.filter((f) => f.code === 'host-reserve-violated').map(explainFinding)).toEqual([
      'the 2 placed VMs are configured with 32 GB of RAM, which takes 2 GB of the 2 GB kept for the host itself (host RAM 32 GB): not overcommitted, but the host is left without room to run well',
    ]);
  });

  it('S17–S25 S36–S46: every finding code has a sentence that names its VMs', () => {
    // One host alone under the course policy…
    const single = state(
      [
        vm({ name: 'db', vcpus: 8, ramMb: 30000, rootDiskGb: 900, provisioning: 'thick', cpuType: 'host-passthrough', diskFormat: 'raw' }),
        vm({ name: 'wide', vcpus: 12, rootDiskGb: 400, diskFormat: 'raw', provisioning: 'thin', cpuType: 'host-model', nic: 'e1000' }),
        vm({ name: 'old', cpuType: 'kvm64', diskFormat: 'vmdk', provisioning: 'thick', rootDiskGb: 200 }),
      ],
      presetPolicy('course'),
      host({ diskGb: 1000 }),
    );
    // …and a Nova node in a cluster, with ZFS, ballooning, snapshots, a history and a quota.
    const origin = { registered: 'zed' as const, running: '2025.1' as const, configured: { cpu: null, ram: null, disk: null }, initial: { cpu: null, ram: null, disk: null } };
    const nova: Policy = { kind: 'nova', ratios: { cpu: 16, ram: 1.5, disk: 1 }, reserved: { ramMb: 512, cpus: 0, diskGb: 0 }, origin, quota: { instances: 10, cores: 64, ramMb: -1 } };
    const clustered = state(
      [
        vm({ name: 'a', vcpus: 8, ramMb: 16384, balloonMinMb: 12288, cpuType: 'host-passthrough', rootDiskGb: 60, provisioning: 'thick', snapshots: 1, snapshotGb: 30 }),
        vm({ name: 'b', vcpus: 8, ramMb: 16384, balloonMinMb: 12288, cpuType: 'x86-64-v4', rootDiskGb: 40, diskWrittenGb: 20 }),
        vm({ name: 'c', vcpus: 4, ramMb: 8192, cpuType: 'host-model', rootDiskGb: 0 }),
      ],
      nova,
      host({ diskGb: 100, storage: { kind: 'zfs-default' } }),
      [{ name: 'n2', cpuModel: 'Westmere' }],
    );
    const list = [...findings(single), ...findings(clustered)];
    const every = {
      'vcpu-overcommit': true, 'vm-vcpus-exceed-cores': true, 'vm-uses-all-cores': true, 'ram-overcommit': true, 'host-reserve-violated': true,
      'storage-memory-squeezed': true, 'balloon-target': true, 'balloon-minimums-exceed-host': true, 'thin-overcommit': true,
      'preallocation-exceeds-storage': true, 'storage-full-now': true, 'snapshots-hold-space': true, 'migration-cpu-mismatch': true,
      'cpu-type-unsupported-in-cluster': true, 'host-cpu-model-unknown': true, 'migration-needs-identical-cpu': true, 'migration-same-vendor-only': true,
      'generic-cpu-portable': true, 'kvm64-lacks-features': true, 'emulated-nic': true, 'raw-sparse': true, 'foreign-disk-format': true,
      'balloon-does-not-add-capacity': true, 'ratio-origin': true, 'quota-usage': true,
    } satisfies Record<FindingCode, true>;
    expect(new Set(list.map((f) => f.code))).toEqual(new Set(Object.keys(every)));
    for (const f of list) {
      const text = explainFinding(f);
      expect(text.length).toBeGreaterThan(30);
      expect(text).not.toMatch(/NaN|undefined|Infinity|\[object/);
      if ('vmNames' in f) for (const n of f.vmNames) expect(text).toContain(JSON.stringify(n));
      if ('vmName' in f) expect(text).toContain(JSON.stringify(f.vmName));
    }
    expect(explainFinding(list.find((f) => f.code === 'migration-needs-identical-cpu')!)).toBe(
      '"db" uses host-passthrough: live migration only works to a host with the identical CPU model and microcode, never to an AMD host',
    );
  });

  it('S26: the smallest flavor, or why there is none', () => {
    expect(explainSmallest(smallestFlavor({ vcpus: 2, ramMb: 3000 }))).toBe('g4.r4c2 (2 vCPUs, 4 GB RAM) is the smallest flavor that meets the needs');
    expect(explainSmallest(smallestFlavor({ vcpus: 64, ramMb: 1024 }))).toBe('no flavor is large enough (vCPUs: needs 64, the largest flavor has 16)');
    expect(explainSmallest(smallestFlavor({ vcpus: 16, ramMb: 1024, diskGb: 100 }))).toBe('each need is met by some flavor, but no single flavor meets them all');
  });

  it('S27: events read as announcements', () => {
    expect(explainEvent({ type: 'vm-added', vmId: 'vm-1', name: 'web01', flavor: 'g4.r8c4' })).toBe('Added "web01" (g4.r8c4)');
    expect(explainEvent({ type: 'vm-updated', vmId: 'vm-1', fields: ['ramMb'], flavorCleared: true })).toBe('Updated vm-1 (ramMb); it is now a custom size');
  });

  it('S34: amounts and lists are formatted for people', () => {
    expect([formatMb(8192), formatMb(1536), formatMb(512), formatMb(1000), formatMb(32256), formatMb(0)]).toEqual(['8 GB', '1.5 GB', '512 MB', '1000 MB', '31.5 GB', '0 MB']);
    expect(formatNames(['a'])).toBe('"a"');
    expect(formatNames(['a', 'b'])).toBe('"a" and "b"');
    expect(formatNames(['a', 'b', 'c', 'd', 'e'])).toBe('"a", "b", "c" and 2 more');
    expect(formatNames(['<b>x</b>'])).toBe('"<b>x</b>"');
  });
});
