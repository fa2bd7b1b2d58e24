import { describe, expect, it } from 'vitest';
import { compareFlavors, FLAVOR_CATALOGUE, recommendFlavor, smallestFlavor, type Flavor } from '../../../../src/sim/sizing';

const name = (r: ReturnType<typeof smallestFlavor>): string | null => (r.found ? r.flavor.name : null);

describe('smallest flavor', () => {
  it('S26: the smallest flavor is ordered by RAM first, then vCPUs', () => {
    expect(name(smallestFlavor({ vcpus: 2, ramMb: 3000 }))).toBe('g4.r4c2');
    expect(name(smallestFlavor({ vcpus: 1, ramMb: 512 }))).toBe('m1.tiny');
    // 8 vCPUs with little RAM: the smallest RAM that has 8 vCPUs is 16 GB; g4.r16c8 has less disk than m1.xlarge.
    expect(name(smallestFlavor({ vcpus: 8, ramMb: 1024 }))).toBe('g4.r16c8');
  });

  it('S26: a disk need rules out flavors without enough local disk', () => {
    const r = smallestFlavor({ vcpus: 2, ramMb: 2048, diskGb: 30 });
    expect(name(r)).toBe('m1.medium');
    expect(r.found && r.spare).toEqual({ vcpus: 0, ramMb: 2048, diskGb: 10 });
  });

  it('S26: needs no flavor meets are named with the largest on offer', () => {
    expect(smallestFlavor({ vcpus: 32, ramMb: 131072 })).toEqual({
      found: false,
      unmet: [
        { need: 'vcpus', needed: 32, largest: 16 },
        { need: 'ramMb', needed: 131072, largest: 65536 },
      ],
      noSingleFlavorHasAll: false,
    });
  });

  it('S26: needs met separately but not together', () => {
    // 16 vCPUs exist only without local disk; 100 GB of disk only with 8 vCPUs.
    expect(smallestFlavor({ vcpus: 16, ramMb: 1024, diskGb: 100 })).toEqual({ found: false, unmet: [], noSingleFlavorHasAll: true });
  });

  it('S26: the order is total and the chosen flavor is never larger than another candidate', () => {
    const sorted = [...FLAVOR_CATALOGUE].sort(compareFlavors);
    for (let i = 1; i < sorted.length; i++) expect(compareFlavors(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0);
    const needs = { vcpus: 2, ramMb: 4096 };
    const r = smallestFlavor(needs);
    const candidates = FLAVOR_CATALOGUE.filter((f: Flavor) => f.vcpus >= 2 && f.ramMb >= 4096);
    for (const c of candidates) expect(r.found && compareFlavors(r.flavor, c)).toBeLessThanOrEqual(0);
  });

  it('S26: a custom catalogue can be given', () => {
    const only: Flavor[] = [{ name: 'x.big', vcpus: 64, ramMb: 262144, rootDiskGb: 0, ephemeralGb: 0, swapMb: 0, family: 'openstack' }];
    expect(name(smallestFlavor({ vcpus: 32, ramMb: 131072 }, only))).toBe('x.big');
  });

  it('S26: recommendFlavor reads typed needs like smallestFlavor does', () => {
    expect(recommendFlavor({ vcpus: '2', ramMb: ' 3000 ', diskGb: '' })).toEqual({ ok: true, value: smallestFlavor({ vcpus: 2, ramMb: 3000 }) });
    expect(recommendFlavor({ vcpus: 2, ramMb: 2048, diskGb: '30' })).toEqual({ ok: true, value: smallestFlavor({ vcpus: 2, ramMb: 2048, diskGb: 30 }) });
    expect(recommendFlavor({ vcpus: 1, ramMb: 512 })).toMatchObject({ ok: true, value: { found: true, flavor: { name: 'm1.tiny' } } });
  });

  it('S26 S27: recommendFlavor refuses bad needs at their own field, with the bound', () => {
    const r = recommendFlavor({ vcpus: '0', ramMb: 'lots', diskGb: '-1' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['vcpus', 'must be at least 1 vCPU, got 0'],
      ['ramMb', 'expected a whole number of MB, got "lots"'],
      ['diskGb', 'must not be negative, got -1'],
    ]);
    const huge = recommendFlavor({ vcpus: 5000, ramMb: 1024 });
    expect(!huge.ok && huge.issues[0]!.message).toMatch(/^must be at most 1024 vCPUs/);
  });
});
