import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import { apply, createState, MAX_VMS, type ApplyResult, type SizingAction, type SizingState } from '../../../../src/sim/sizing';

function run(state: SizingState, ...actions: SizingAction[]): SizingState {
  let s = state;
  for (const a of actions) {
    const r = apply(s, a);
    expect(r.issues).toEqual([]);
    s = r.state;
  }
  return s;
}

function refused(state: SizingState, action: SizingAction): string[] {
  const r: ApplyResult = apply(state, action);
  expect(r.state).toBe(state);
  expect(r.events).toEqual([]);
  expect(r.issues.length).toBeGreaterThan(0);
  return r.issues.map((i) => formatIssue(i));
}

const base = createState('course');

describe('actions', () => {
  it('S27: adding a VM from a flavor returns a new state and an event', () => {
    const r = apply(base, { type: 'addVm', flavor: 'g4.r8c4', name: 'web01' });
    expect(r.issues).toEqual([]);
    expect(r.events).toEqual([{ type: 'vm-added', vmId: 'vm-1', name: 'web01', flavor: 'g4.r8c4' }]);
    expect(r.state.vms[0]).toMatchObject({ id: 'vm-1', name: 'web01', flavor: 'g4.r8c4', vcpus: 4, ramMb: 8192, rootDiskGb: 0, cpuType: 'x86-64-v2-AES', provisioning: 'thin' });
    expect(base.vms).toEqual([]);
  });

  it('S27: bad numbers are refused with the bound, the unit and where', () => {
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 'eight', ramMb: 4096, rootDiskGb: 20 } })).toEqual(['size.vcpus: expected a whole number of vCPUs, got "eight"']);
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 0, ramMb: 4096, rootDiskGb: 20 } })).toEqual(['size.vcpus: must be at least 1 vCPU, got 0']);
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 2, ramMb: -5, rootDiskGb: 20 } })).toEqual(['size.ramMb: must be at least 1 MB, got -5']);
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 5000, ramMb: 4096, rootDiskGb: -1 } })).toEqual([
      'size.vcpus: must be at most 1024 vCPUs (larger guests are beyond what KVM supports), got 5000',
      'size.rootDiskGb: must not be negative, got -1',
    ]);
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 2.5, ramMb: 4096, rootDiskGb: 20 } })).toEqual(['size.vcpus: must be a whole number of vCPUs, got 2.5']);
    expect(refused(base, { type: 'setHost', changes: { ramMb: Number.NaN } })).toEqual(['host.ramMb: expected a finite number, got NaN']);
  });

  it('S27: numeric text from a form field is accepted', () => {
    const s = run(base, { type: 'addCustomVm', size: { vcpus: '2', ramMb: ' 4096 ', rootDiskGb: '20' } });
    expect(s.vms[0]).toMatchObject({ vcpus: 2, ramMb: 4096, rootDiskGb: 20, flavor: null });
  });

  it('S27: unknown fields, missing fields and unknown actions are refused with a suggestion', () => {
    expect(refused(base, { type: 'setHost', changes: { cores: 8 } as never })).toEqual(['host.cores: unknown field "cores". Did you mean "coresPerSocket"?']);
    expect(refused(base, { type: 'addCustomVm', size: { vcpus: 2 } })).toEqual(['size.ramMb: missing required field', 'size.rootDiskGb: missing required field']);
    expect(refused(base, { type: 'addVm', flavor: 'g4.r8c4', options: { nic: 'e100' } })[0]).toBe('options.nic: expected one of "virtio", "e1000", "e1000e", got "e100". Did you mean "e1000"?');
    expect(refused(base, { type: 'launch' } as unknown as SizingAction)[0]).toContain('unknown action "launch"');
  });

  it('S27: an unparseable flavor name is refused with the expected form', () => {
    expect(refused(base, { type: 'addVm', flavor: 'g4.r8' })).toEqual(['flavor: "g4.r8" is not a flavor name: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4']);
  });

  it('S27: a change that changes nothing keeps the same state and emits no event', () => {
    const r = apply(base, { type: 'setHost', changes: { ramMb: base.host.ramMb } });
    expect(r).toEqual({ state: base, events: [], issues: [] });
    expect(r.state).toBe(base);
  });

  it('S27: host changes, removal and option updates produce events', () => {
    let s = run(base, { type: 'addVm', flavor: 'm1.small', name: 'a' }, { type: 'addVm', flavor: 'm1.small', name: 'b' });
    const host = apply(s, { type: 'setHost', changes: { ramMb: 65536, cpuVendor: 'amd' } });
    expect(host.events).toEqual([{ type: 'host-changed', fields: ['ramMb', 'cpuVendor'] }]);
    const opt = apply(s, { type: 'updateVm', id: 'vm-2', changes: { nic: 'e1000', cpuType: 'host-passthrough' } });
    expect(opt.events).toEqual([{ type: 'vm-updated', vmId: 'vm-2', fields: ['cpuType', 'nic'], flavorCleared: false }]);
    expect(opt.state.vms[1]!.flavor).toBe('m1.small');
    s = apply(s, { type: 'removeVm', id: 'vm-1' }).state;
    expect(s.vms.map((v) => v.name)).toEqual(['b']);
    expect(refused(s, { type: 'removeVm', id: 'vm-9' })).toEqual(['id: unknown VM "vm-9". (known: "vm-2")']);
  });

  it('S28: names are trimmed, non-empty, bounded and free of control characters', () => {
    expect(run(base, { type: 'addVm', flavor: 'm1.tiny', name: '  web 01 ' }).vms[0]!.name).toBe('web 01');
    expect(refused(base, { type: 'addVm', flavor: 'm1.tiny', name: '   ' })).toEqual(['name: the name must not be empty']);
    expect(refused(base, { type: 'addVm', flavor: 'm1.tiny', name: 'x'.repeat(65) })).toEqual(['name: the name must be at most 64 characters, got 65']);
    expect(refused(base, { type: 'addVm', flavor: 'm1.tiny', name: 'a\nb' })[0]).toContain('control characters');
    expect(run(base, { type: 'addVm', flavor: 'm1.tiny', name: '<b>bold</b>' }).vms[0]!.name).toBe('<b>bold</b>');
  });

  it('S28: host bounds are stated in the message', () => {
    expect(refused(base, { type: 'setHost', changes: { sockets: 64 } })).toEqual(['host.sockets: must be at most 16 sockets (the largest servers have 16 sockets), got 64']);
    expect(refused(base, { type: 'setHost', changes: { threadsPerCore: 0 } })).toEqual(['host.threadsPerCore: must be at least 1 thread, got 0']);
  });

  it(`S28: at most ${MAX_VMS} VMs`, () => {
    let s = base;
    for (let i = 0; i < MAX_VMS; i++) s = apply(s, { type: 'addVm', flavor: 'm1.tiny' }).state;
    expect(s.vms).toHaveLength(MAX_VMS);
    expect(refused(s, { type: 'addVm', flavor: 'm1.tiny' })).toEqual([`vms: the calculator holds at most ${MAX_VMS} VMs. Remove a VM first`]);
  });

  it('S29: changing a size makes the VM custom; sizes equal to the flavor keep its name', () => {
    const s = run(base, { type: 'addVm', flavor: 'g4.r8c4' });
    const custom = apply(s, { type: 'updateVm', id: 'vm-1', changes: { ramMb: 12288 } });
    expect(custom.state.vms[0]!.flavor).toBeNull();
    expect(custom.events).toEqual([{ type: 'vm-updated', vmId: 'vm-1', fields: ['ramMb'], flavorCleared: true }]);
    const back = apply(custom.state, { type: 'updateVm', id: 'vm-1', changes: { ramMb: 8192 } });
    expect(back.state.vms[0]!.flavor).toBeNull();
    const same = apply(s, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 4 } });
    expect(same.state).toBe(s);
  });

  it('S29: ids are vm-N with the first free N', () => {
    let s = run(base, { type: 'addVm', flavor: 'm1.tiny' }, { type: 'addVm', flavor: 'm1.tiny' }, { type: 'addVm', flavor: 'm1.tiny' });
    s = run(s, { type: 'removeVm', id: 'vm-2' }, { type: 'addVm', flavor: 'm1.tiny' });
    expect(s.vms.map((v) => v.id)).toEqual(['vm-1', 'vm-3', 'vm-2']);
  });

  it('S30: a reserve as large as the host is refused, on the field that was edited', () => {
    expect(refused(base, { type: 'setReserve', changes: { ramMb: 32768 } })).toEqual([
      "policy.reserved.ramMb: the host reserve (32768 MB of RAM) must be less than the host's 32768 MB of RAM. Leave something for the VMs",
    ]);
    expect(refused(base, { type: 'setHost', changes: { ramMb: 2048 } })).toEqual([
      'host.ramMb: the host would have 2048 MB of RAM, no more than the 2048 reserved for the host itself. Lower the reserve first, or keep a larger host',
    ]);
    expect(refused(base, { type: 'setReserve', changes: { cpus: 8 } })[0]).toContain('8 physical cores');
    const nova = run(base, { type: 'setPolicy', preset: 'nova-2023.1' });
    expect(run(nova, { type: 'setReserve', changes: { cpus: 8 } }).policy.reserved.cpus).toBe(8);
  });

  it('S30: switching to the course policy on a host too small for its 2 GB reserve is refused', () => {
    const small = run(createState('nova-2023.1'), { type: 'setHost', changes: { ramMb: 1024 } });
    expect(refused(small, { type: 'setPolicy', preset: 'course' })[0]).toContain('policy.reserved.ramMb');
  });

  it('S31: ratios are set under Nova, refused under the course policy', () => {
    expect(refused(base, { type: 'setRatios', changes: { cpu: 8 } })).toEqual([
      'policy.ratios: the course policy has fixed ratios: RAM and disk are never overcommitted. Switch to a Nova policy to set allocation ratios',
    ]);
    const nova = run(base, { type: 'setPolicy', preset: 'nova-pre-2023.1' });
    const r = apply(nova, { type: 'setRatios', changes: { cpu: 4, ram: 1 } });
    expect(r.events).toEqual([{ type: 'ratios-changed', fields: ['cpu', 'ram'], preset: 'nova-2023.1' }]);
    expect(refused(nova, { type: 'setRatios', changes: { cpu: 0 } })).toEqual(['policy.ratios.cpu: must be at least 0.01, got 0']);
    expect(refused(nova, { type: 'setRatios', changes: { ram: 1000 } })[0]).toContain('must be at most 100');
  });

  it('S31: setPolicy replaces ratios and reserve with the preset', () => {
    const s = run(base, { type: 'setReserve', changes: { ramMb: 4096 } }, { type: 'setPolicy', preset: 'nova-pre-2023.1' });
    expect(s.policy).toEqual({ kind: 'nova', ratios: { cpu: 16, ram: 1.5, disk: 1 }, reserved: { ramMb: 512, cpus: 0, diskGb: 0 } });
    expect(refused(s, { type: 'setPolicy', preset: 'nova-2024' as 'course' })[0]).toContain('expected one of "course", "nova-2023.1", "nova-pre-2023.1"');
  });
});
