import { describe, expect, it } from 'vitest';
import { pack, presetPolicy, type PackVm, type Policy } from '../../../../src/sim/sizing';
import { host, spec } from './fixtures';

const course = presetPolicy('course');
const item = (id: string, ramMb: number, vcpus = 1): PackVm => ({ id, ...spec({ ramMb, vcpus }) });

describe('packing', () => {
  it('S15: largest RAM first, each to the first host where it fits', () => {
    // Two hosts with 14 GB usable each (16 GB − 2 GB reserve).
    const hosts = [host({ name: 'a', ramMb: 16384 }), host({ name: 'b', ramMb: 16384 })];
    const vms = [item('s1', 4096), item('big', 12288), item('s2', 4096), item('mid', 8192)];
    const result = pack(hosts, vms, course);
    expect(result.hosts.map((h) => [h.name, h.vmIds])).toEqual([
      ['a', ['big']],
      ['b', ['mid', 's1']],
    ]);
    expect(result.placements).toEqual([
      { vmId: 's1', hostIndex: 1 },
      { vmId: 'big', hostIndex: 0 },
      { vmId: 's2', hostIndex: null },
      { vmId: 'mid', hostIndex: 1 },
    ]);
    expect(result.hosts[1]!.remaining.MEMORY_MB).toBe(14336 - 12288);
  });

  it('S15: ties on RAM go by vCPUs, then disk, then input order', () => {
    const hosts = [host({ ramMb: 65536 })];
    const vms: PackVm[] = [
      { id: 'x', ...spec({ ramMb: 4096, vcpus: 1, rootDiskGb: 10, provisioning: 'thick' }) },
      { id: 'y', ...spec({ ramMb: 4096, vcpus: 2 }) },
      { id: 'z', ...spec({ ramMb: 4096, vcpus: 1, rootDiskGb: 50, provisioning: 'thick' }) },
      { id: 'w', ...spec({ ramMb: 4096, vcpus: 1, rootDiskGb: 10, provisioning: 'thick' }) },
    ];
    expect(pack(hosts, vms, course).hosts[0]!.vmIds).toEqual(['y', 'z', 'x', 'w']);
  });

  it('S16: a VM too big for every host says so, with the nearest host', () => {
    const hosts = [host({ name: 'small', coresPerSocket: 4 }), host({ name: 'big', coresPerSocket: 12 })];
    const result = pack(hosts, [item('wide', 1024, 16)], course);
    expect(result.unplaced).toEqual([
      {
        vmId: 'wide',
        tooBigForEveryHost: true,
        closest: { hostIndex: 1, problems: [{ code: 'vcpus-exceed-physical-cores', resource: 'VCPU', requested: 16, physicalCores: 12 }] },
      },
    ]);
  });

  it('S16: a VM that would fit an empty host is reported as the hosts being full', () => {
    const hosts = [host({ name: 'a', ramMb: 8192 }), host({ name: 'b', ramMb: 8192 })];
    const result = pack(hosts, [item('p', 5120), item('q', 4096), item('r', 3072)], course);
    expect(result.hosts.map((h) => h.vmIds)).toEqual([['p'], ['q']]);
    const [r] = result.unplaced;
    expect(r?.vmId).toBe('r');
    expect(r?.tooBigForEveryHost).toBe(false);
    // a has 1 GB left, b 2 GB: b is nearer.
    expect(r?.closest?.hostIndex).toBe(1);
    expect(r?.closest?.problems).toMatchObject([{ code: 'over-capacity', resource: 'MEMORY_MB', shortBy: 1024 }]);
  });

  it('S16: with no hosts nothing is placed and there is no nearest host', () => {
    expect(pack([], [item('a', 1024)], course).unplaced).toEqual([{ vmId: 'a', tooBigForEveryHost: false, closest: null }]);
  });
});

describe('first-fit search', () => {
  it('S15: a VM asking for nothing still needs a host to go on', () => {
    const zero: PackVm = { id: 'z', vcpus: 0, ramMb: 0, rootDiskGb: 0, ephemeralGb: 0, swapMb: 0, bootFromVolume: false, provisioning: 'thin', cpuPolicy: 'shared' };
    expect(pack([], [zero], course).placements).toEqual([{ vmId: 'z', hostIndex: null }]);
    expect(pack([host(), host()], [zero], course).placements).toEqual([{ vmId: 'z', hostIndex: 0 }]);
  });

  it('S15: the search finds the first host with room in every resource, not just in one', () => {
    // Host 0 has CPU cores but no RAM left for it; host 1 RAM but too few cores; host 2 both.
    const nova: Policy = { kind: 'nova', ratios: { cpu: 1, ram: 1, disk: 1 }, reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const hosts = [host({ coresPerSocket: 16, threadsPerCore: 1, ramMb: 4096 }), host({ coresPerSocket: 2, threadsPerCore: 1, ramMb: 65536 }), host({ coresPerSocket: 8, threadsPerCore: 1, ramMb: 65536 })];
    expect(pack(hosts, [item('v', 8192, 4)], nova).placements).toEqual([{ vmId: 'v', hostIndex: 2 }]);
  });
});
