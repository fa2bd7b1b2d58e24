import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import {
  apply,
  blockingPeers,
  clusterNodes,
  CPU_MODELS,
  CPU_TYPE_NAMES,
  createState,
  DEFAULT_VM_OPTIONS,
  explainFinding,
  explainStart,
  findings,
  lowestCommonLevel,
  presetPolicy,
  startCheck,
  summarize,
  type Finding,
  type FindingCode,
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

describe('CPU topology (qm sockets × cores)', () => {
  const base = run(createState('course'), { type: 'addCustomVm', name: 'db', size: { vcpus: 8, ramMb: 4096, rootDiskGb: 20 } });

  it('S37: a new VM has one socket, so its cores are its vCPUs', () => {
    expect(base.vms[0]).toMatchObject({ vcpus: 8, sockets: 1 });
  });

  it('S37: sockets alone keep the cores per socket, so the vCPUs follow', () => {
    const s = run(base, { type: 'updateVm', id: 'vm-1', changes: { sockets: 2 } });
    expect(s.vms[0]).toMatchObject({ sockets: 2, vcpus: 16 });
  });

  it('S37: cores give vCPUs = sockets × cores; vCPUs are spread over the sockets', () => {
    const two = run(base, { type: 'updateVm', id: 'vm-1', changes: { sockets: 2, cores: 3 } });
    expect(two.vms[0]).toMatchObject({ sockets: 2, vcpus: 6 });
    expect(run(two, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 4 } }).vms[0]).toMatchObject({ sockets: 2, vcpus: 4 });
  });

  it('S37: vCPUs that do not split over the sockets, or disagree with the cores, are refused with the fix', () => {
    const two = run(base, { type: 'updateVm', id: 'vm-1', changes: { sockets: 2, cores: 4 } });
    expect(refused(two, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 5 } })).toEqual([
      'changes.vcpus: 5 vCPUs cannot be split over 2 sockets: vCPUs = sockets × cores. Use a multiple of 2, or fewer sockets',
    ]);
    expect(refused(two, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 6, cores: 2 } })).toEqual(['changes.cores: give vCPUs or cores, not both: 2 × 2 cores is 4, not 6']);
    expect(refused(base, { type: 'updateVm', id: 'vm-1', changes: { sockets: 16, cores: 100 } })[0]).toContain('16 sockets × 100 cores = 1600 vCPUs, more than 1024');
  });

  it('S37: a custom VM may be given as sockets and cores; a flavor VM may take more sockets when they divide its vCPUs', () => {
    const s = run(createState('course'), { type: 'addCustomVm', size: { sockets: 2, cores: 2, ramMb: 2048, rootDiskGb: 10 } });
    expect(s.vms[0]).toMatchObject({ vcpus: 4, sockets: 2 });
    expect(run(createState('course'), { type: 'addVm', flavor: 'g4.r8c4', options: { sockets: 2 } }).vms[0]).toMatchObject({ vcpus: 4, sockets: 2, flavor: 'g4.r8c4' });
    expect(refused(createState('course'), { type: 'addVm', flavor: 'g4.r8c4', options: { sockets: 3 } })[0]).toContain('options.sockets: 4 vCPUs cannot be split over 3 sockets');
  });

  it('S37: the effective vCPU count is what every rule counts', () => {
    const s = run(base, { type: 'updateVm', id: 'vm-1', changes: { sockets: 2, cores: 6 } });
    expect(summarize(s).verdicts[0]!.problems.map((p) => p.code)).toEqual(['vcpus-exceed-physical-cores']);
    expect(find(findings(s), 'vm-vcpus-exceed-cores')).toMatchObject({ vcpus: 12 });
  });
});

describe('would the hypervisor start it', () => {
  const h = host({ coresPerSocket: 8, threadsPerCore: 2 });

  it('S38: Proxmox refuses more vCPUs than logical CPUs; libvirt warns; VirtualBox advises against more than the physical cores', () => {
    expect(startCheck(h, 8)).toEqual({ vcpus: 8, logicalCpus: 16, physicalCores: 8, proxmox: 'starts', libvirt: 'starts', virtualbox: 'starts' });
    expect(startCheck(h, 12)).toMatchObject({ proxmox: 'starts', libvirt: 'starts', virtualbox: 'advised-against' });
    expect(startCheck(h, 16)).toMatchObject({ proxmox: 'starts', virtualbox: 'advised-against' });
    expect(startCheck(h, 17)).toMatchObject({ proxmox: 'refused', libvirt: 'starts-with-warning', virtualbox: 'advised-against' });
    expect(startCheck(host({ sockets: 4, coresPerSocket: 16 }), 40)).toMatchObject({ proxmox: 'starts', virtualbox: 'refused' });
  });

  it('S38: the start check is on every verdict, apart from the policy’s verdict', () => {
    const s = state([vm({ vcpus: 20 })], presetPolicy('nova-pre-2023.1'), h);
    const v = summarize(s).verdicts[0]!;
    expect(v.fits).toBe(false); // Nova: VCPU max_unit is the 16 logical CPUs
    expect(v.start.proxmox).toBe('refused');
    expect(explainStart(v.start)).toBe(
      'Proxmox refuses to start it ("MAX 16 vcpus allowed per VM on this node": 20 > 16 logical CPUs); libvirt/QEMU start it with a warning that 20 CPUs exceed the 16 KVM recommends; the VirtualBox manual advises no more vCPUs than the 8 physical cores',
    );
    expect(explainStart(startCheck(h, 4))).toBe('');
  });

  it('S18 S38: the per-VM warning adds the Proxmox refusal when the VM is wider than the logical CPUs', () => {
    const text = explainFinding(find(findings(state([vm({ name: 'huge', vcpus: 20 })], presetPolicy('nova-2023.1'), h)), 'vm-vcpus-exceed-cores')!);
    expect(text).toContain('"huge" has 20 vCPUs but the host has only 8 physical cores');
    expect(text).toContain('Proxmox refuses to start it ("MAX 16 vcpus allowed per VM on this node")');
  });
});

describe('clusters and CPU models', () => {
  it('S44: each model runs generic types up to its level; the lowest common level is the portable choice', () => {
    const by = (id: string) => CPU_MODELS.find((m) => m.id === id)!;
    expect(by('Westmere').level).toBe('x86-64-v2-AES');
    expect(by('Haswell').level).toBe('x86-64-v3');
    expect(by('EPYC-Genoa').level).toBe('x86-64-v4');
    expect(lowestCommonLevel([by('Icelake-Server'), by('EPYC-Milan')])).toBe('x86-64-v3');
    expect(lowestCommonLevel([by('Icelake-Server'), by('Opteron_G4')])).toBe('x86-64-v2-AES');
    expect(lowestCommonLevel([by('Nehalem')])).toBe('x86-64-v2');
  });

  it('S44: host-passthrough across different CPUs (or Intel↔AMD) is a warning with the lowest common generic model', () => {
    const s = state([vm({ name: 'db', cpuType: 'host-passthrough' })], presetPolicy('course'), host({ cpuModel: 'Icelake-Server' }), [
      { name: 'n2', cpuModel: 'Icelake-Server' },
      { name: 'n3', cpuModel: 'EPYC-Milan' },
    ]);
    const f = find(findings(s), 'migration-cpu-mismatch')!;
    expect(f).toMatchObject({ severity: 'warning', cpuType: 'host-passthrough', nodes: ['n3'], crossVendor: true, recommended: 'x86-64-v3', vmNames: ['db'] });
    expect(explainFinding(f)).toBe(
      '"db" uses host-passthrough (Proxmox: host), which needs an identical CPU (model and microcode) to live-migrate, and never works between Intel and AMD; "n3" cannot take it. For the whole cluster use x86-64-v3, the newest generic type every node runs',
    );
    // The hypothetical note of S22 gives way to the concrete warning.
    expect(findings(s).map((x) => x.code)).not.toContain('migration-needs-identical-cpu');
  });

  it('S44: identical CPUs everywhere take host-passthrough; host-model needs the same vendor, at least as new', () => {
    const same = state([vm({ cpuType: 'host-passthrough' })], presetPolicy('course'), host({ cpuModel: 'Haswell' }), [{ name: 'n2', cpuModel: 'Haswell' }]);
    expect(findings(same).map((f) => f.code)).not.toContain('migration-cpu-mismatch');
    const nodes = clusterNodes(state([], presetPolicy('course'), host({ cpuModel: 'Broadwell' }), [{ name: 'newer', cpuModel: 'Skylake-Server' }, { name: 'older', cpuModel: 'Haswell' }, { name: 'amd', cpuModel: 'EPYC' }]));
    expect(blockingPeers('host-model', nodes)).toEqual(['older', 'amd']);
    expect(blockingPeers('host-passthrough', nodes)).toEqual(['newer', 'older', 'amd']);
  });

  it('S44: a generic type some node cannot run is a warning; one every node runs is fine', () => {
    const cluster = [{ name: 'old', cpuModel: 'Westmere' }];
    const s = state([vm({ name: 'a', cpuType: 'x86-64-v3' }), vm({ name: 'b', cpuType: 'x86-64-v2-AES' })], presetPolicy('course'), host({ cpuModel: 'Skylake-Server' }), cluster);
    expect(find(findings(s), 'cpu-type-unsupported-in-cluster')).toMatchObject({ vmNames: ['a'], cpuTypes: ['x86-64-v3'], nodes: ['old'], recommended: 'x86-64-v2-AES' });
  });

  it('S44: an unknown host model is noted and cannot be shown identical', () => {
    const s = state([vm({ cpuType: 'host-passthrough' })], presetPolicy('course'), host({ cpuModel: null }), [{ name: 'n2', cpuModel: 'Cascadelake-Server' }]);
    const codes = findings(s).map((f) => f.code);
    expect(codes).toContain('host-cpu-model-unknown');
    expect(codes).toContain('migration-cpu-mismatch');
  });

  it('S44: a CPU model belongs to its vendor; choosing one sets the vendor, changing the vendor drops it', () => {
    let s = run(createState('course'), { type: 'setHost', changes: { cpuModel: 'epyc-milan' } });
    expect(s.host).toMatchObject({ cpuModel: 'EPYC-Milan', cpuVendor: 'amd' });
    s = run(s, { type: 'setHost', changes: { cpuVendor: 'intel' } });
    expect(s.host).toMatchObject({ cpuModel: null, cpuVendor: 'intel' });
    expect(refused(s, { type: 'setHost', changes: { cpuModel: 'EPYC', cpuVendor: 'intel' } })).toEqual([
      'host.cpuModel: EPYC is an AMD CPU, but the host\'s vendor is Intel. Choose a model of the host’s vendor, or change the vendor',
    ]);
    expect(refused(s, { type: 'setHost', changes: { cpuModel: 'Skylake' } })).toEqual(['host.cpuModel: unknown CPU model "Skylake". Did you mean "Skylake-Server"?']);
  });

  it('S44: cluster nodes are added and removed by name; names are unique across the cluster', () => {
    let s = run(createState('course'), { type: 'addPeer', name: 'pve2', cpuModel: 'Haswell' });
    expect(s.cluster).toEqual([{ name: 'pve2', cpuModel: 'Haswell' }]);
    expect(refused(s, { type: 'addPeer', name: 'pve2', cpuModel: 'Haswell' })).toEqual(['name: the name "pve2" is already taken by another node']);
    expect(refused(s, { type: 'addPeer', name: 'lab-host', cpuModel: 'Haswell' })).toEqual(['name: the name "lab-host" is already taken by the host']);
    expect(refused(s, { type: 'setHost', changes: { name: 'pve2' } })).toEqual(['host.name: the name "pve2" is already taken by another node of the cluster']);
    s = run(s, { type: 'removePeer', name: 'pve2' });
    expect(s.cluster).toEqual([]);
    expect(refused(s, { type: 'removePeer', name: 'pve2' })).toEqual(['name: unknown node "pve2". The cluster has no other nodes']);
  });

  it('S45: Proxmox’s and libvirt’s names for the same choices, and Proxmox’s two defaults', () => {
    expect(CPU_TYPE_NAMES['host-passthrough']).toEqual({ proxmox: 'host', libvirt: "<cpu mode='host-passthrough'/>" });
    expect(CPU_TYPE_NAMES['host-model'].proxmox).toContain('no host-model');
    expect(CPU_TYPE_NAMES.kvm64.proxmox).toContain('backend default');
    expect(CPU_TYPE_NAMES['x86-64-v2-AES'].proxmox).toContain('web UI default');
    expect(DEFAULT_VM_OPTIONS.cpuType).toBe('x86-64-v2-AES');
  });
});
