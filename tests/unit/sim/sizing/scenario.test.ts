import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNonJson, formatIssue } from '../../../../src/sim/core';
import {
  apply,
  findings,
  headroomInState,
  loadScenario,
  presetPolicy,
  specForFlavor,
  summarize,
  validateState,
  type SizingState,
} from '../../../../src/sim/sizing';

const DIR = join(__dirname, '../../../../content/scenarios/sizing');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

function load(file: string): SizingState {
  const r = loadScenario(readFileSync(join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, file)).join('\n'));
  return r.value.state;
}

function problems(text: string): string[] {
  const r = loadScenario(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i));
}

const HOST = `host: { name: h, sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000, cpuVendor: intel }`;

describe('preset scenarios', () => {
  it('S33: there are presets, and every one loads into a valid, plain-JSON state', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const s = load(file);
      expect(validateState(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, value: s });
      expect(findNonJson(s)).toBeNull();
    }
  });

  it('S33: the database preset: 8 vCPUs on 8 cores fits, with the all-cores warning', () => {
    const s = load('database-8-vcpus-on-8-cores.yaml');
    const view = summarize(s);
    expect(view.verdicts.map((v) => v.fits)).toEqual([true]);
    expect(view.findings.map((f) => f.code)).toContain('vm-uses-all-cores');
    // The lesson's walk-through: g4.r8c4 VMs raise vCPUs 8 → 12 → 16; the third is refused on RAM.
    let next = s;
    for (let i = 0; i < 3; i++) next = apply(next, { type: 'addVm', flavor: 'g4.r8c4' }).state;
    const after = summarize(next);
    expect(after.overcommit.vcpus).toBe(20);
    expect(after.verdicts.map((v) => v.fits)).toEqual([true, true, true, false]);
    expect(after.verdicts[3]!.problems.map((p) => ('resource' in p ? p.resource : p.quota))).toEqual(['MEMORY_MB']);
    const wide = apply(s, { type: 'addCustomVm', size: { vcpus: 10, ramMb: 2048, rootDiskGb: 20 } }).state;
    expect(summarize(wide).verdicts[1]!.problems.map((p) => p.code)).toEqual(['vcpus-exceed-physical-cores']);
  });

  it('S33: the lab preset: one more 4 GB VM violates the reserve, another overcommits', () => {
    const s = load('lab-server-near-ram-reserve.yaml');
    expect(s.vms.reduce((sum, v) => sum + v.ramMb, 0)).toBe(28672);
    const one = apply(s, { type: 'addVm', flavor: 'g4.r4c2' }).state;
    expect(findings(one).map((f) => f.code)).toContain('host-reserve-violated');
    expect(findings(one).map((f) => f.code)).not.toContain('ram-overcommit');
    const two = apply(one, { type: 'addVm', flavor: 'g4.r4c2' }).state;
    expect(findings(two).map((f) => f.code)).toContain('ram-overcommit');
    // A 4 GB reserve leaves exactly the 28 GB in use: everything still fits, with nothing to spare.
    const exact = apply(s, { type: 'setReserve', changes: { ramMb: 4096 } }).state;
    expect(summarize(exact).verdicts.every((v) => v.fits)).toBe(true);
    expect(summarize(exact).resources[1]!.remaining).toBe(0);
    const bigger = apply(s, { type: 'setReserve', changes: { ramMb: 6144 } }).state;
    expect(summarize(bigger).verdicts.map((v) => v.fits)).toEqual([true, true, true, false]);
  });

  it('S33: the cloud preset: 3, 5 and 3 more m1.large under the three policies', () => {
    const s = load('cloud-compute-node-nova.yaml');
    const large = specForFlavor('m1.large');
    if (!large.ok) throw new Error('m1.large');
    const counts = (['nova-2023.1', 'nova-pre-2023.1', 'course'] as const).map((p) => headroomInState({ ...s, policy: presetPolicy(p) }, large.value).count);
    expect(counts).toEqual([3, 5, 3]);
  });

  it('S33: the thin preset: thin overcommit and a violated reserve without RAM overcommit', () => {
    const codes = findings(load('thin-provisioned-lab.yaml')).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['thin-overcommit', 'host-reserve-violated', 'vcpu-overcommit', 'migration-needs-identical-cpu', 'emulated-nic']));
    expect(codes).not.toContain('ram-overcommit');
  });
});

describe('preset scenarios for what the tools allow', () => {
  it('S33 S39 S40: the ZFS node: everything fits with the 8.1+ ARC limit; with ZFS\'s default two VMs no longer do', () => {
    const s = load('proxmox-zfs-ballooning.yaml');
    const view = summarize(s);
    expect(view.verdicts.every((v) => v.fits)).toBe(true);
    expect(view.memory).toMatchObject({ storageMb: 6553, configuredMb: 53248, guaranteedMb: 32768 });
    expect(view.findings.map((f) => f.code)).toContain('balloon-target');
    const half = apply(s, { type: 'setHost', changes: { storage: { kind: 'zfs-default' } } }).state;
    expect(summarize(half).verdicts.map((v) => [v.name, v.fits])).toEqual([['db01', true], ['web01', false], ['build01', false]]);
  });

  it('S33 S42 S43 S46: the upgraded Nova node keeps Zed\'s ratios, has 4 PCPU and a quota', () => {
    const s = load('nova-upgraded-node.yaml');
    expect(s.policy).toMatchObject({ ratios: { cpu: 16, ram: 1.5, disk: 1 }, cpuSets: { dedicated: 4, shared: 10 } });
    const view = summarize(s);
    expect(view.verdicts.every((v) => v.fits)).toBe(true);
    expect(view.resources.find((r) => r.resource === 'PCPU')).toMatchObject({ capacity: 4, allocated: 2 });
    const pinned = ['rt02', 'rt03'].reduce((st, name) => apply(st, { type: 'addVm', flavor: 'g4.r8c2', name, options: { cpuPolicy: 'dedicated' } }).state, s);
    expect(summarize(pinned).verdicts.map((v) => v.fits)).toEqual([true, true, true, true, false]);
    expect(view.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['ratio-origin', 'quota-usage']));
  });

  it('S33 S44: the mixed cluster warns about host-passthrough and x86-64-v3, and recommends x86-64-v2-AES', () => {
    const f = findings(load('mixed-cluster-cpus.yaml'));
    expect(f.find((x) => x.code === 'migration-cpu-mismatch')).toMatchObject({ vmNames: ['db01'], nodes: ['pve2', 'pve3'], recommended: 'x86-64-v2-AES' });
    expect(f.find((x) => x.code === 'cpu-type-unsupported-in-cluster')).toMatchObject({ vmNames: ['app01'], nodes: ['pve3'] });
  });

  it('S33 S41: the thin lab: far less allocated than provisioned, and a snapshot holding space', () => {
    const d = summarize(load('thin-provisioned-lab.yaml')).disk;
    expect(d.allocatedGb).toBeLessThan(d.provisionedGb);
    expect(d.snapshotGb).toBe(35);
  });
});

describe('scenario files', () => {
  it('S33: a policy preset with reserve and ratio overrides', () => {
    const r = loadScenario(`title: t\npolicy: nova-2023.1\nratios: { cpu: 8 }\nreserved: { ramMb: 2048 }\n${HOST}\nvms: []`);
    expect(r.ok && r.value.state.policy).toEqual({ kind: 'nova', ratios: { cpu: 8, ram: 1, disk: 1 }, reserved: { ramMb: 2048, cpus: 0, diskGb: 0 } });
    expect(r.ok && r.value.summary).toBeNull();
  });

  it('S33: YAML syntax errors name the line', () => {
    expect(problems('title: t\npolicy: [course\n')[0]).toMatch(/^line \d+, column \d+/);
  });

  it('S33: unknown fields, wrong types and missing fields name their path', () => {
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, vcpu: 2, ramMb: 1024, rootDiskGb: 10 }`)).toEqual([
      'vms[0]: unknown field "vcpu"',
      'vms[0].vcpus: missing required field (or give a flavor instead)',
    ]);
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, vcpus: two, ramMb: 1024, rootDiskGb: 10 }`)).toEqual(['vms[0].vcpus: expected number, got "two"']);
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, ramMb: 1024 }`)).toEqual([
      'vms[0].vcpus: missing required field (or give a flavor instead)',
      'vms[0].rootDiskGb: missing required field (or give a flavor instead)',
    ]);
    expect(problems(`title: t\npolicy: cloud\n${HOST}\nvms: []`)[0]).toBe('policy: expected one of "course", "nova-2023.1", "nova-pre-2023.1", got "cloud"');
  });

  it('S33: a VM gives a flavor or sizes, not both', () => {
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, flavor: m1.small, ramMb: 1024 }`)).toEqual([
      'vms[0].ramMb: give either a flavor or sizes, not both (this VM has flavor "m1.small")',
    ]);
  });

  it("S33: values are checked by the calculator's rules, at the file's paths", () => {
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: ok, flavor: m1.small }\n  - { name: b, flavor: g4.r8 }`)).toEqual([
      'vms[1].flavor: "g4.r8" is not a flavor name: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4',
    ]);
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, vcpus: 0, ramMb: 1024, rootDiskGb: 10, nic: virtio }`)).toEqual([
      'vms[0].vcpus: must be at least 1 vCPU, got 0',
    ]);
    expect(problems(`title: t\npolicy: course\nratios: { cpu: 2 }\n${HOST}\nvms: []`)).toEqual([
      'ratios: the course policy has fixed ratios. Use a nova-* policy to set allocation ratios',
    ]);
    expect(problems(`title: t\npolicy: course\nreserved: { ramMb: 40000 }\n${HOST}\nvms: []`)[0]).toContain('reserved.ramMb: the host reserve (40000 MB of RAM)');
    expect(problems(`title: t\npolicy: course\nhost: { name: h, sockets: 1, coresPerSocket: 0, threadsPerCore: 2, ramMb: 32768, diskGb: 1000, cpuVendor: intel }\nvms: []`)).toEqual([
      'host.coresPerSocket: must be at least 1 core, got 0',
    ]);
  });

  it('S33 S37–S46: the settings beyond the simple case load from a file and land at the file\'s paths', () => {
    const text = [
      'title: t',
      'policy: nova-2023.1',
      'origin: { registered: zed, running: 2025.1, configured: { cpu: 8 } }',
      'cpuSets: { dedicated: 4, shared: 12 }',
      'quota: { instances: 10, cores: 40, ramMb: -1 }',
      'host: { name: h, sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 65536, diskGb: 1000, cpuVendor: amd, cpuModel: EPYC-Milan, storage: { kind: zfs-pve81 }, balloonTargetPercent: 70 }',
      'cluster: [{ name: h2, cpuModel: EPYC-Rome }]',
      'vms:',
      '  - { name: rt, flavor: g4.r8c4, cpuPolicy: dedicated, sockets: 2 }',
      '  - { name: web, sockets: 2, cores: 2, ramMb: 8192, rootDiskGb: 40, balloonMinMb: 4096, diskWrittenGb: 10, snapshots: 1, snapshotGb: 5 }',
    ].join('\n');
    const r = loadScenario(text);
    if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i)).join('\n'));
    const s = r.value.state;
    expect(s.policy).toMatchObject({ ratios: { cpu: 8, ram: 1.5, disk: 1 }, cpuSets: { dedicated: 4, shared: 12 }, quota: { instances: 10, cores: 40, ramMb: -1 } });
    expect(s.host).toMatchObject({ cpuModel: 'EPYC-Milan', storage: { kind: 'zfs-pve81' }, balloonTargetPercent: 70 });
    expect(s.cluster).toEqual([{ name: 'h2', cpuModel: 'EPYC-Rome' }]);
    expect(s.vms[0]).toMatchObject({ flavor: 'g4.r8c4', cpuPolicy: 'dedicated', sockets: 2, vcpus: 4 });
    expect(s.vms[1]).toMatchObject({ vcpus: 4, sockets: 2, balloonMinMb: 4096, diskWrittenGb: 10, snapshots: 1, snapshotGb: 5 });
    expect(validateState(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, value: s });
  });

  it('S33: mistakes in the newer settings name the file\'s own paths', () => {
    expect(problems(`title: t\npolicy: course\ncpuSets: { dedicated: 2 }\n${HOST}\nvms: []`)).toEqual(['cpuSets: the course policy has no CPU sets: it is a Nova setting. Use a nova-* policy']);
    expect(problems(`title: t\npolicy: nova-2023.1\norigin: { registered: 2025.1, running: zed }\n${HOST}\nvms: []`)[0]).toContain('origin.running: a node registered under 2025.1 Epoxy (31) cannot run Zed (26)');
    expect(problems(`title: t\npolicy: course\ncluster: [{ name: b, cpuModel: Pentium }]\n${HOST}\nvms: []`)).toEqual(['cluster[0].cpuModel: unknown CPU model "Pentium". Use a QEMU model name such as Cascadelake-Server or EPYC-Milan']);
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, vcpus: 3, sockets: 2, ramMb: 1024, rootDiskGb: 10 }`)).toEqual([
      'vms[0].vcpus: 3 vCPUs cannot be split over 2 sockets: vCPUs = sockets × cores. Use a multiple of 2, or fewer sockets',
    ]);
    expect(problems(`title: t\npolicy: course\n${HOST}\nvms:\n  - { name: a, flavor: m1.small, diskWrittenGb: 30 }`)).toEqual([
      'vms[0].diskWrittenGb: the guest cannot have written 30 GB to 20 GB of local disk. Use at most 20 GB',
    ]);
  });
});
