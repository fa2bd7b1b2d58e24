import { describe, expect, it } from 'vitest';
import { demand, inventory, localDiskGb, presetOf, presetPolicy, type Policy } from '../../../../src/sim/sizing';
import { host, spec } from './fixtures';

const nova = (ratios: { cpu: number; ram: number; disk: number }, ramMb = 512, cpus = 0, diskGb = 0): Policy => ({
  kind: 'nova',
  ratios,
  reserved: { ramMb, cpus, diskGb },
});

describe('what a VM asks for', () => {
  it('S5: local disk is root + ephemeral + swap rounded up to whole GB', () => {
    expect(localDiskGb(spec({ rootDiskGb: 20, ephemeralGb: 10, swapMb: 1 }))).toBe(31);
    expect(localDiskGb(spec({ rootDiskGb: 20, ephemeralGb: 0, swapMb: 1024 }))).toBe(21);
    expect(localDiskGb(spec({ rootDiskGb: 20, ephemeralGb: 0, swapMb: 1025 }))).toBe(22);
  });

  it('S5: a VM that boots from a volume takes no local disk for its root', () => {
    expect(localDiskGb(spec({ rootDiskGb: 80, ephemeralGb: 5, swapMb: 512, bootFromVolume: true }))).toBe(6);
  });

  it('S6: Nova counts the full disk whatever the provisioning', () => {
    const p = presetPolicy('nova-2023.1');
    expect(demand(spec({ vcpus: 4, ramMb: 8192, rootDiskGb: 80, provisioning: 'thin' }), p)).toEqual({ VCPU: 4, PCPU: 0, MEMORY_MB: 8192, DISK_GB: 80 });
    expect(demand(spec({ rootDiskGb: 80, provisioning: 'thick' }), p).DISK_GB).toBe(80);
  });

  it('S6: the course counts only preallocated disks', () => {
    const p = presetPolicy('course');
    expect(demand(spec({ rootDiskGb: 80, swapMb: 2048, provisioning: 'thick' }), p).DISK_GB).toBe(82);
    expect(demand(spec({ rootDiskGb: 80, swapMb: 2048, provisioning: 'thin' }), p).DISK_GB).toBe(0);
  });
});

describe('inventory', () => {
  it('S7: Nova counts logical CPUs and computes (total − reserved) × ratio', () => {
    const inv = inventory(host({ coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000 }), nova({ cpu: 4, ram: 1.5, disk: 2 }, 512, 2, 100));
    expect(inv.VCPU).toEqual({ resource: 'VCPU', total: 16, reserved: 2, storage: 0, allocationRatio: 4, capacity: 56, maxUnit: 16, enforced: true });
    expect(inv.MEMORY_MB).toMatchObject({ total: 32768, reserved: 512, capacity: (32768 - 512) * 1.5, maxUnit: 32768, enforced: true });
    expect(inv.DISK_GB).toMatchObject({ total: 1000, reserved: 100, capacity: 1800, maxUnit: 1000 });
  });

  it('S8: the Nova presets carry the defaults before and since 2023.1, with 512 MB reserved', () => {
    expect(presetPolicy('nova-2023.1')).toEqual(nova({ cpu: 4, ram: 1, disk: 1 }));
    expect(presetPolicy('nova-pre-2023.1')).toEqual(nova({ cpu: 16, ram: 1.5, disk: 1 }));
    const h = host();
    expect(inventory(h, presetPolicy('nova-pre-2023.1')).MEMORY_MB.capacity).toBe(48384);
    expect(inventory(h, presetPolicy('nova-2023.1')).VCPU.capacity).toBe(64);
  });

  it('S8: the preset label follows the ratios; reserves do not change it', () => {
    expect(presetOf(nova({ cpu: 4, ram: 1, disk: 1 }, 4096))).toBe('nova-2023.1');
    expect(presetOf(nova({ cpu: 16, ram: 1.5, disk: 1 }))).toBe('nova-pre-2023.1');
    expect(presetOf(nova({ cpu: 8, ram: 1, disk: 1 }))).toBe('nova-custom');
    expect(presetOf(presetPolicy('course'))).toBe('course');
  });

  it('S9: the course counts physical cores (only warned about) and keeps 2 GB of RAM', () => {
    const p = presetPolicy('course');
    expect(p.reserved).toEqual({ ramMb: 2048, cpus: 0, diskGb: 0 });
    const inv = inventory(host({ coresPerSocket: 8, threadsPerCore: 2 }), p);
    expect(inv.VCPU).toMatchObject({ total: 8, capacity: 8, maxUnit: 8, enforced: false });
    expect(inv.MEMORY_MB).toMatchObject({ capacity: 30720, allocationRatio: 1, enforced: true });
    expect(inv.DISK_GB).toMatchObject({ capacity: 1000, allocationRatio: 1, enforced: true });
  });
});
