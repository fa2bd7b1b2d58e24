import { describe, expect, it } from 'vitest';
import {
  checkFit,
  fitInState,
  headroom,
  headroomForFlavor,
  headroomInState,
  apply,
  presetPolicy,
  specForFlavor,
  summarize,
  verdicts,
  type Amounts,
  type Policy,
  type VmSpec,
} from '../../../../src/sim/sizing';
import { host, spec, state, vm } from './fixtures';

const used = (VCPU: number, MEMORY_MB: number, DISK_GB: number): Amounts => ({ VCPU, PCPU: 0, MEMORY_MB, DISK_GB });
const nova2023 = presetPolicy('nova-2023.1');
const course = presetPolicy('course');

function flavorSpec(name: string): VmSpec {
  const s = specForFlavor(name);
  if (!s.ok) throw new Error(name);
  return s.value;
}

describe('fit', () => {
  it('S10: a VM that exactly fills the capacity fits; one MB more does not, short by 1 MB', () => {
    const h = host();
    expect(checkFit(h, nova2023, used(0, 24064, 0), spec({ ramMb: 8192 })).fits).toBe(true);
    const over = checkFit(h, nova2023, used(0, 24065, 0), spec({ ramMb: 8192 }));
    expect(over.fits).toBe(false);
    expect(over.problems).toEqual([
      { code: 'over-capacity', resource: 'MEMORY_MB', requested: 8192, used: 24065, capacity: 32256, total: 32768, reserved: 512, storage: 0, allocationRatio: 1, shortBy: 1 },
    ]);
  });

  it('S10: a resource the VM does not ask for is not checked, even when it is full', () => {
    const full = used(0, 0, 1000);
    expect(checkFit(host(), nova2023, full, spec({ rootDiskGb: 0 })).fits).toBe(true);
    expect(checkFit(host(), nova2023, full, spec({ rootDiskGb: 1 })).problems.map((p) => p.resource)).toEqual(['DISK_GB']);
  });

  it('S10: a VM larger than the host is refused on max_unit even when the ratio leaves room', () => {
    const verdict = checkFit(host(), presetPolicy('nova-pre-2023.1'), used(0, 0, 0), spec({ vcpus: 20, ramMb: 40000 }));
    expect(verdict.problems).toEqual([
      { code: 'exceeds-max-unit', resource: 'VCPU', requested: 20, maxUnit: 16 },
      { code: 'exceeds-max-unit', resource: 'MEMORY_MB', requested: 40000, maxUnit: 32768 },
    ]);
  });

  it('S10: every failing resource is reported once', () => {
    const p: Policy = { kind: 'nova', ratios: { cpu: 1, ram: 1, disk: 1 }, reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const verdict = checkFit(host(), p, used(15, 32000, 990), spec({ vcpus: 2, ramMb: 1024, rootDiskGb: 20 }));
    expect(verdict.problems.map((x) => [x.code, x.resource, 'shortBy' in x ? x.shortBy : null])).toEqual([
      ['over-capacity', 'VCPU', 1],
      ['over-capacity', 'MEMORY_MB', 256],
      ['over-capacity', 'DISK_GB', 10],
    ]);
  });

  it('S11: under the course policy a VM with more vCPUs than physical cores never fits; threads do not count', () => {
    const h = host({ coresPerSocket: 8, threadsPerCore: 2 });
    expect(checkFit(h, course, used(0, 0, 0), spec({ vcpus: 9 })).problems).toEqual([
      { code: 'vcpus-exceed-physical-cores', resource: 'VCPU', requested: 9, physicalCores: 8 },
    ]);
    expect(checkFit(h, course, used(0, 0, 0), spec({ vcpus: 8 })).fits).toBe(true);
    // Nova counts threads, so the same VM fits there.
    expect(checkFit(h, nova2023, used(0, 0, 0), spec({ vcpus: 9 })).fits).toBe(true);
  });

  it('S11: the course total of vCPUs is not refused, only warned about', () => {
    expect(checkFit(host(), course, used(40, 0, 0), spec({ vcpus: 8 })).fits).toBe(true);
  });

  it('S12: verdicts follow list order and a refused VM takes nothing', () => {
    const s = state([vm({ ramMb: 20480 }), vm({ ramMb: 12288 }), vm({ ramMb: 8192 })]);
    expect(verdicts(s).map((v) => v.fits)).toEqual([true, false, true]);
    const ram = summarize(s).resources.find((r) => r.resource === 'MEMORY_MB')!;
    expect(ram.allocated).toBe(40960);
    expect(ram.remaining).toBe(30720 - 40960);
  });

  it('S13: how many more m1.large fit on the lesson host: 3, 5 and 3, RAM first', () => {
    const large = flavorSpec('m1.large');
    for (const [preset, count] of [['nova-2023.1', 3], ['nova-pre-2023.1', 5], ['course', 3]] as const) {
      const h = headroom(host(), presetPolicy(preset), used(0, 0, 0), large);
      expect([preset, h.count, h.limitedBy]).toEqual([preset, count, ['MEMORY_MB']]);
    }
  });

  it('S13: a CPU ratio of 1.0 on the old defaults makes CPU the limit', () => {
    const p: Policy = { kind: 'nova', ratios: { cpu: 1, ram: 1.5, disk: 1 }, reserved: { ramMb: 512, cpus: 0, diskGb: 0 } };
    const h = headroom(host(), p, used(0, 0, 0), flavorSpec('m1.large'));
    expect(h).toEqual({ count: 4, limitedBy: ['VCPU'], blocked: [], perResource: { VCPU: 4, PCPU: null, MEMORY_MB: 5, DISK_GB: 12 } });
  });

  it('S13: resources that run out together are all listed', () => {
    const p: Policy = { kind: 'nova', ratios: { cpu: 1, ram: 1, disk: 1 }, reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const h = headroom(host(), p, used(0, 0, 0), spec({ vcpus: 4, ramMb: 8192, rootDiskGb: 250 }));
    expect(h.count).toBe(4);
    expect(h.limitedBy).toEqual(['VCPU', 'MEMORY_MB', 'DISK_GB']);
  });

  it('S13: a size that breaks a per-VM limit has no headroom and says why', () => {
    const h = headroom(host(), course, used(0, 0, 0), spec({ vcpus: 10 }));
    expect(h.count).toBe(0);
    expect(h.blocked.map((p) => p.code)).toEqual(['vcpus-exceed-physical-cores']);
    expect(h.limitedBy).toEqual(['VCPU']);
  });

  it('S13: fractional capacities count whole VMs only', () => {
    const p: Policy = { kind: 'nova', ratios: { cpu: 1.1, ram: 1, disk: 1 }, reserved: { ramMb: 0, cpus: 0, diskGb: 0 } };
    const h = headroom(host(), p, used(0, 0, 0), spec({ vcpus: 3, ramMb: 1 }));
    expect(h.perResource.VCPU).toBe(5); // 16 × 1.1 = 17.6 → 5 × 3 = 15 fits, 18 does not
  });

  it('S13: state queries count every configured VM, like the resource lines', () => {
    const s = state([vm({ ramMb: 20480 }), vm({ ramMb: 12288 })]);
    const small = spec({ ramMb: 1024 });
    expect(fitInState(s, small).fits).toBe(false);
    expect(headroomInState(s, small).count).toBe(0);
    const empty = state([]);
    expect(headroomInState(empty, small).count).toBe(30);
  });

  it('S13: headroomForFlavor resolves a typed name and agrees with adding copies one by one', () => {
    let s = state([vm({ ramMb: 8192 })]);
    const answer = headroomForFlavor(s, ' G4.R8C4 ');
    if (!answer.ok) throw new Error('expected a flavor');
    expect(answer.value.flavor.name).toBe('g4.r8c4');
    expect(answer.value.headroom.count).toBe(2); // 30 GB usable − 8 GB = 22 GB → two 8 GB copies
    for (let i = 0; i < answer.value.headroom.count; i++) s = apply(s, { type: 'addVm', flavor: 'g4.r8c4' }).state;
    expect(summarize(s).verdicts.every((v) => v.fits)).toBe(true);
    expect(headroomForFlavor(s, 'g4.r8c4')).toMatchObject({ ok: true, value: { headroom: { count: 0, limitedBy: ['MEMORY_MB'] } } });
    const added = apply(s, { type: 'addVm', flavor: 'g4.r8c4' }).state;
    expect(summarize(added).verdicts.at(-1)!.fits).toBe(false);
  });

  it('S13: headroomForFlavor reports a bad name at "flavor"', () => {
    const bad = headroomForFlavor(state([]), 'g4.r8');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]!.path).toEqual(['flavor']);
    expect(!bad.ok && bad.issues[0]!.message).toMatch(/is not a flavor name/);
  });

  it('S14: remaining is capacity − allocated and ratio is allocated ÷ (total − reserved)', () => {
    const s = state([vm({ vcpus: 4, ramMb: 8192 }), vm({ vcpus: 8, ramMb: 8192 })], nova2023);
    const [cpu, pcpu, ram] = summarize(s).resources;
    expect(pcpu).toMatchObject({ resource: 'PCPU', total: 0, allocated: 0 });
    expect(cpu).toMatchObject({ resource: 'VCPU', capacity: 64, allocated: 12, remaining: 52, ratio: 12 / 16 });
    expect(ram).toMatchObject({ resource: 'MEMORY_MB', capacity: 32256, allocated: 16384, remaining: 15872, ratio: 16384 / 32256 });
  });
});
