import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonJson, roundTrip } from '../../../../src/sim/core';
import {
  addAmounts,
  allocated,
  apply,
  checkAgainst,
  checkFit,
  createState,
  decodeState,
  demand,
  encodeState,
  explainFinding,
  explainHeadroom,
  explainStart,
  headroomInState,
  explainProblem,
  explainUnplaced,
  explainVerdict,
  FLAVOR_CATALOGUE,
  headroom,
  inventory,
  pack,
  remaining,
  RESOURCES,
  summarize,
  validateState,
  verdicts,
  type Amounts,
  type Host,
  type PackVm,
  type Policy,
  type SizingAction,
  type SizingState,
  type VmSpec,
} from '../../../../src/sim/sizing';
import { allocatedGb, CPU_MODELS, guaranteedMb, NOVA_RELEASES, resolveRatios, startCheck, worstCaseGb } from '../../../../src/sim/sizing';
import { hostArb, originArb, policyArb, specArb, stateArb } from './fixtures';

const RUNS = { seed: 20261121, numRuns: 300 };
const BAD_TEXT = /NaN|undefined|Infinity|\[object Object\]/;

function validPolicyFor(h: Host, p: Policy): Policy {
  // Keep the reserve below the host, as every state must (S9).
  const cores = p.kind === 'nova' ? h.sockets * h.coresPerSocket * h.threadsPerCore : h.sockets * h.coresPerSocket;
  return { ...p, reserved: { ramMb: Math.min(p.reserved.ramMb, h.ramMb - 1), cpus: Math.min(p.reserved.cpus, cores - 1), diskGb: Math.min(p.reserved.diskGb, h.diskGb - 1) } };
}

const usedArb = fc.array(specArb, { maxLength: 8 });

describe('properties', () => {
  it('S10: a VM fits iff no requested, enforced remaining capacity goes negative and no per-VM limit is broken', () => {
    fc.assert(
      fc.property(hostArb, policyArb, usedArb, specArb, (h, p0, before, vm) => {
        const p = validPolicyFor(h, p0);
        const used = allocated(before, p);
        const want = demand(vm, p);
        const inv = inventory(h, p);
        const after = remaining(inv, addAmounts(used, want));
        const expected = RESOURCES.every((r) => want[r] === 0 || (want[r] <= inv[r].maxUnit && (!inv[r].enforced || after[r] >= 0)));
        expect(checkFit(h, p, used, vm).fits).toBe(expected);
      }),
      RUNS,
    );
  });

  it('S13: headroom n means n more copies fit one after another and copy n + 1 does not', () => {
    fc.assert(
      fc.property(hostArb, policyArb, usedArb, specArb, (h, p0, before, vm) => {
        const p = validPolicyFor(h, p0);
        let used: Amounts = allocated(before, p);
        const room = headroom(h, p, used, vm);
        fc.pre(room.count <= 400);
        for (let i = 0; i < room.count; i++) {
          const verdict = checkFit(h, p, used, vm);
          expect(verdict.fits).toBe(true);
          used = addAmounts(used, verdict.demand);
        }
        const next = checkFit(h, p, used, vm);
        expect(next.fits).toBe(false);
        const stopping = new Set(next.problems.map((x) => x.resource));
        for (const r of room.limitedBy) expect(stopping.has(r)).toBe(true);
      }),
      RUNS,
    );
  });

  it('S12: the VMs summarize() accepts never exceed an enforced capacity', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const inv = inventory(s.host, s.policy);
        const accepted = s.vms.filter((_, i) => verdicts(s)[i]!.fits);
        const sum = allocated(accepted, s.policy);
        for (const r of RESOURCES) if (inv[r].enforced) expect(sum[r]).toBeLessThanOrEqual(inv[r].capacity);
      }),
      RUNS,
    );
  });

  it('S15: packing never overfills a host, places each VM once, and matches a plain recomputation', () => {
    const hostsArb = fc.array(hostArb, { minLength: 1, maxLength: 6 });
    const vmsArb = fc.array(specArb, { maxLength: 30 }).map((list) => list.map((v, i): PackVm => ({ ...v, id: `v${i}` })));
    fc.assert(
      fc.property(hostsArb, policyArb, vmsArb, (hosts, p0, vms) => {
        const p = hosts.reduce((acc, h) => validPolicyFor(h, acc), p0);
        const result = pack(hosts, vms, p);
        // Never overfilled.
        hosts.forEach((h, i) => {
          const inv = inventory(h, p);
          const mine = vms.filter((v) => result.hosts[i]!.vmIds.includes(v.id));
          const sum = allocated(mine, p);
          for (const r of RESOURCES) {
            if (inv[r].enforced) expect(sum[r]).toBeLessThanOrEqual(inv[r].capacity);
            for (const v of mine) expect(demand(v, p)[r]).toBeLessThanOrEqual(inv[r].maxUnit);
          }
        });
        // Each VM exactly once: on one host or unplaced.
        const placedIds = result.hosts.flatMap((h) => h.vmIds);
        expect(new Set(placedIds).size).toBe(placedIds.length);
        expect(placedIds.length + result.unplaced.length).toBe(vms.length);
        // Same answer as a straightforward first-fit decreasing written with checkFit.
        const order = vms
          .map((v, i) => ({ v, i, d: demand(v, p) }))
          .sort((a, b) => b.d.MEMORY_MB - a.d.MEMORY_MB || b.d.VCPU + b.d.PCPU - (a.d.VCPU + a.d.PCPU) || b.d.DISK_GB - a.d.DISK_GB || a.i - b.i);
        const loads: Amounts[] = hosts.map(() => ({ VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0 }));
        const expected: Record<string, number | null> = {};
        for (const { v } of order) {
          const h = hosts.findIndex((host, k) => checkFit(host, p, loads[k]!, v).fits);
          expected[v.id] = h < 0 ? null : h;
          if (h >= 0) loads[h] = addAmounts(loads[h]!, demand(v, p));
        }
        expect(Object.fromEntries(result.placements.map((x) => [x.vmId, x.hostIndex]))).toEqual(expected);
        // An unplaced VM does not fit anywhere, and its nearest host's problems are that host's real ones.
        for (const u of result.unplaced) {
          const v = vms.find((x) => x.id === u.vmId)!;
          hosts.forEach((h, k) => expect(checkFit(h, p, loads[k]!, v).fits).toBe(false));
          const near = u.closest!;
          expect(near.problems).toEqual(checkAgainst(inventory(hosts[near.hostIndex]!, p), loads[near.hostIndex]!, demand(v, p), p).problems);
          expect(explainUnplaced(u, v.id, hosts.map((h) => h.name))).not.toMatch(BAD_TEXT);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('S32: every valid state survives a link round trip; a damaged link never throws', () => {
    fc.assert(
      fc.property(stateArb, fc.nat(), fc.constantFrom('cut', 'flip', 'insert'), (s, at, how) => {
        expect(validateState(s).ok).toBe(true);
        const link = encodeState(s);
        expect(decodeState(link)).toEqual({ ok: true, value: s });
        const i = at % link.length;
        const damaged = how === 'cut' ? link.slice(0, i) : how === 'flip' ? link.slice(0, i) + (link[i] === 'x' ? 'y' : 'x') + link.slice(i + 1) : link.slice(0, i) + 'Q' + link.slice(i);
        const back = decodeState(damaged);
        if (back.ok) expect(validateState(back.value).ok).toBe(true);
        else expect(back.issues.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('properties of the real tools’ rules', () => {
  it('S36: totals marked "placed" count exactly the VMs the verdicts accept', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const view = summarize(s);
        const accepted = new Set(view.verdicts.filter((v) => v.fits).map((v) => v.vmId));
        const placed = s.vms.filter((v) => accepted.has(v.id));
        for (const f of view.findings) {
          if (!('basis' in f)) continue;
          const code: string = f.code;
          expect(f.severity).toBe(f.basis === 'placed' && code !== 'vcpu-overcommit' ? 'warning' : 'note');
          if (f.basis === 'placed') expect(f.vmCount).toBe(placed.length);
          else expect(f.vmCount).toBe(s.vms.length);
          if (f.code === 'vcpu-overcommit') expect(f.vcpus).toBe(placed.reduce((n, v) => n + v.vcpus, 0));
          if (f.code === 'ram-overcommit' && f.basis === 'placed') expect(f.allocatedMb).toBe(placed.reduce((n, v) => n + v.ramMb, 0));
        }
        // The memory and disk figures are over placed VMs too.
        expect(view.memory.configuredMb).toBe(placed.reduce((n, v) => n + v.ramMb, 0));
        expect(view.memory.guaranteedMb).toBeLessThanOrEqual(view.memory.configuredMb);
        expect(view.memory.guaranteedMb).toBe(placed.reduce((n, v) => n + guaranteedMb(v), 0));
      }),
      RUNS,
    );
  });

  it('S17 S18: sharing cores is never a warning; only a VM wider than the cores is', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const cpuCodes: string[] = ['vcpu-overcommit', 'vm-uses-all-cores', 'vm-vcpus-exceed-cores'];
        const cpuWarnings = summarize(s).findings.filter((f) => f.severity === 'warning' && cpuCodes.includes(f.code));
        const cores = s.host.sockets * s.host.coresPerSocket;
        expect(cpuWarnings.map((f) => `${f.code}:${'vmId' in f ? f.vmId : ''}`)).toEqual(s.vms.filter((v) => v.vcpus > cores).map((v) => `vm-vcpus-exceed-cores:${v.id}`));
      }),
      RUNS,
    );
  });

  it('S38: the start check refuses exactly above the logical CPUs (Proxmox) and 32 (VirtualBox)', () => {
    fc.assert(
      fc.property(hostArb, fc.integer({ min: 1, max: 80 }), (h, n) => {
        const logical = h.sockets * h.coresPerSocket * h.threadsPerCore;
        const c = startCheck(h, n);
        expect(c.proxmox === 'refused').toBe(n > logical);
        expect(c.libvirt === 'starts-with-warning').toBe(n > logical);
        expect(c.virtualbox === 'refused').toBe(n > 32);
      }),
      RUNS,
    );
  });

  it('S41: a disk never takes more than its worst case, and free now is usable minus allocated', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        for (const v of s.vms) expect(allocatedGb(v)).toBeLessThanOrEqual(worstCaseGb(v));
        const d = summarize(s).disk;
        expect(d.freeGb).toBe(d.usableGb - d.allocatedGb);
        expect(d.allocatedGb).toBeLessThanOrEqual(d.worstCaseGb);
        expect(d.provisionedGb).toBeLessThanOrEqual(d.worstCaseGb);
      }),
      RUNS,
    );
  });

  it('S42 S46: placed VMs never take more PCPU than the dedicated set, nor more than a quota allows', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        if (s.policy.kind !== 'nova') return;
        const view = summarize(s);
        const accepted = s.vms.filter((v) => view.verdicts.find((x) => x.vmId === v.id)!.fits);
        const pinned = accepted.filter((v) => v.cpuPolicy === 'dedicated').reduce((n, v) => n + v.vcpus, 0);
        expect(pinned).toBeLessThanOrEqual(s.policy.cpuSets?.dedicated ?? 0);
        const q = s.policy.quota;
        if (q) {
          if (q.instances >= 0) expect(accepted.length).toBeLessThanOrEqual(q.instances);
          if (q.cores >= 0) expect(accepted.reduce((n, v) => n + v.vcpus, 0)).toBeLessThanOrEqual(q.cores);
          if (q.ramMb >= 0) expect(accepted.reduce((n, v) => n + v.ramMb, 0)).toBeLessThanOrEqual(q.ramMb);
        }
      }),
      RUNS,
    );
  });

  it('S43: a written ratio other than 0 always wins; otherwise upgrades never change a node’s ratios', () => {
    fc.assert(
      fc.property(originArb, fc.integer({ min: 0, max: NOVA_RELEASES.length - 1 }), (o, later) => {
        const r = resolveRatios(o);
        for (const k of ['cpu', 'ram', 'disk'] as const) if (o.configured[k]) expect(r.ratios[k]).toBe(o.configured[k]);
        // Running a later release (from Stein on) gives the same ratios: only registration decides.
        const running = NOVA_RELEASES[Math.max(later, NOVA_RELEASES.indexOf(o.running))]!;
        if (o.running !== 'rocky') expect(resolveRatios({ ...o, running }).ratios).toEqual(r.ratios);
      }),
      RUNS,
    );
  });

  it('S44: recommending the lowest common level never names a type some known node cannot run', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        for (const f of summarize(s).findings) {
          if (f.code !== 'migration-cpu-mismatch' && f.code !== 'cpu-type-unsupported-in-cluster') continue;
          const level = ['kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'].indexOf(f.recommended);
          const models = [s.host.cpuModel, ...s.cluster.map((p) => p.cpuModel)].map((id) => CPU_MODELS.find((m) => m.id === id)).filter((m) => m !== undefined);
          for (const m of models) expect(['kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'].indexOf(m.level)).toBeGreaterThanOrEqual(level);
        }
      }),
      RUNS,
    );
  });
});

// ---- fuzzing the action stream ----

const junkNumber = fc.oneof(
  fc.integer({ min: -10, max: 70000 }),
  fc.constantFrom(0, -1, 1.5, 1e12, Number.NaN, 'eight', '16', '', null, true, [], {}),
);
const goodNumber = fc.integer({ min: 1, max: 64 });
/** Mostly valid values, so that long sequences build real states; sometimes junk, to test refusals. */
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: junkNumber, weight: 1 });
const vmId = fc.integer({ min: 1, max: 3 }).map((n) => `vm-${n}`);

const actionArb: fc.Arbitrary<SizingAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('addVm' as const), flavor: fc.oneof(fc.constantFrom(...FLAVOR_CATALOGUE.map((f) => f.name)), fc.constantFrom('g4.r8', 'g2.r3c1', 'm1.huge', '')) }),
  },
  fc.record({
    type: fc.constant('addCustomVm' as const),
    size: fc.record({ vcpus: mostly(goodNumber), ramMb: mostly(fc.integer({ min: 256, max: 16384 })), rootDiskGb: mostly(fc.integer({ min: 0, max: 400 })) }),
    options: fc.record({ provisioning: fc.constantFrom('thin', 'thick', 'fat'), nic: fc.constantFrom('virtio', 'e1000', 'rtl8139') }, { requiredKeys: [] }),
  }),
  fc.record({ type: fc.constant('removeVm' as const), id: vmId }),
  fc.record({
    type: fc.constant('updateVm' as const),
    id: vmId,
    changes: fc.record(
      { vcpus: mostly(goodNumber), ramMb: mostly(fc.integer({ min: 256, max: 16384 })), cpuType: fc.constantFrom('host-passthrough', 'kvm64', 'x86-64-v3', 'host-model', 'pentium'), name: fc.constantFrom('db', ' web ', 'cache', 'app', 'x', '', 'a\tb') },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    type: fc.constant('setHost' as const),
    changes: fc.record({ ramMb: mostly(fc.integer({ min: 512, max: 131072 })), coresPerSocket: mostly(goodNumber), threadsPerCore: fc.constantFrom(1, 2, 3, 0), diskGb: mostly(fc.integer({ min: 10, max: 4000 })) }, { requiredKeys: [] }),
  }),
  fc.record({ type: fc.constant('setPolicy' as const), preset: fc.constantFrom('course', 'nova-2023.1', 'nova-pre-2023.1', 'nova') as fc.Arbitrary<'course'> }),
  fc.record({ type: fc.constant('setReserve' as const), changes: fc.record({ ramMb: mostly(fc.integer({ min: 0, max: 40000 })), cpus: fc.constantFrom(0, 1, 4, 64) }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('setRatios' as const), changes: fc.record({ cpu: mostly(fc.constantFrom(0.5, 1, 4, 16)), ram: fc.constantFrom(1, 1.5, 0.8, 0, 200) }, { requiredKeys: [] }) }),
  // The settings beyond the course's simple case (S37–S46), mostly valid, sometimes not.
  fc.record({
    type: fc.constant('updateVm' as const),
    id: vmId,
    changes: fc.record(
      {
        sockets: fc.constantFrom(1, 2, 3, 0),
        cores: fc.constantFrom(1, 2, 4, 'x'),
        balloonMinMb: fc.constantFrom(null, '', 1024, 2048, 99999, -1),
        balloon: fc.boolean(),
        diskWrittenGb: fc.constantFrom(0, 5, 50, 500),
        snapshots: fc.constantFrom(0, 1, 2),
        snapshotGb: fc.constantFrom(0, 3, 40),
        diskFormat: fc.constantFrom('qcow2', 'raw', 'vmdk'),
        cpuPolicy: fc.constantFrom('shared', 'dedicated', 'pinned'),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    type: fc.constant('setHost' as const),
    changes: fc.record(
      {
        cpuModel: fc.constantFrom(null, '', 'Haswell', 'EPYC-Milan', 'Pentium'),
        cpuVendor: fc.constantFrom('intel', 'amd'),
        storage: fc.constantFrom({ kind: 'none' }, { kind: 'zfs-pve81' }, { kind: 'zfs-default' }, { kind: 'zfs-custom', arcMaxMb: 4096 }, { kind: 'ceph', osds: 3, osdMemoryMb: 4096 }, { kind: 'ceph' }, 'zfs'),
        balloonTargetPercent: fc.constantFrom(80, 50, 0, 120),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ type: fc.constant('setCpuSets' as const), cpuSets: fc.constantFrom(null, { dedicated: 4, shared: 8 }, { dedicated: 2, shared: null }, { dedicated: 40, shared: 1 }, { dedicated: 0, shared: null }) }),
  fc.record({ type: fc.constant('setQuota' as const), quota: fc.constantFrom(null, { instances: 3, cores: 8, ramMb: 16384 }, { instances: -1, cores: -1, ramMb: -1 }, { instances: -5, cores: 1, ramMb: 1 }) }),
  fc.record({
    type: fc.constant('setNovaOrigin' as const),
    origin: fc.constantFrom(
      null,
      { registered: 'rocky', running: '2025.1', configured: { cpu: null, ram: null, disk: null }, initial: { cpu: null, ram: null, disk: null } },
      { registered: '2023.1', running: '2023.1', configured: { cpu: 8, ram: 0, disk: null }, initial: { cpu: null, ram: 1.2, disk: null } },
      { registered: '2025.1', running: 'zed', configured: { cpu: null, ram: null, disk: null }, initial: { cpu: null, ram: null, disk: null } },
    ),
  }),
  fc.record({ type: fc.constant('addPeer' as const), name: fc.constantFrom('pve2', 'pve3', 'lab-host', ''), cpuModel: fc.constantFrom(...CPU_MODELS.map((m) => m.id), 'i486') }),
  fc.record({ type: fc.constant('removePeer' as const), name: fc.constantFrom('pve2', 'pve3', 'nope') }),
);

function renderAll(s: SizingState): string[] {
  const view = summarize(s);
  const flavor: VmSpec = { vcpus: 2, ramMb: 4096, rootDiskGb: 20, ephemeralGb: 0, swapMb: 0, bootFromVolume: false, provisioning: 'thin', cpuPolicy: 'shared' };
  return [
    ...view.findings.map(explainFinding),
    ...view.verdicts.map(explainVerdict),
    ...view.verdicts.flatMap((v) => v.problems.map(explainProblem)),
    ...view.verdicts.map((v) => explainStart(v.start)),
    explainHeadroom(headroom(s.host, s.policy, allocated(s.vms, s.policy), flavor)),
    explainHeadroom(headroomInState(s, flavor)),
  ];
}

describe('fuzzed action streams', () => {
  it('S27 S34: any action sequence keeps a valid plain-JSON state; refused actions change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('course', 'nova-2023.1', 'nova-pre-2023.1') as fc.Arbitrary<'course'>, fc.array(actionArb, { maxLength: 40 }), (preset, actions) => {
        let s = createState(preset);
        for (const action of actions) {
          const before = s;
          const snapshot = JSON.stringify(before);
          const r = apply(s, action);
          if (r.issues.length > 0) {
            expect(r.state).toBe(before);
            expect(r.events).toEqual([]);
            for (const issue of r.issues) expect(issue.message).not.toMatch(/undefined|\[object Object\]/);
          }
          expect(JSON.stringify(before)).toBe(snapshot);
          s = r.state;
        }
        expect(validateState(roundTrip(s))).toEqual({ ok: true, value: s });
        expect(findNonJson(s)).toBeNull();
        const view = summarize(s);
        expect(findNonJson(view)).toBeNull();
        expect(summarize(roundTrip(s))).toEqual(view);
        for (const text of renderAll(s)) expect(text).not.toMatch(BAD_TEXT);
        expect(decodeState(encodeState(s))).toEqual({ ok: true, value: s });
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it('S34: summaries of random valid states are plain JSON and render without NaN or undefined', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(findNonJson(summarize(s))).toBeNull();
        for (const text of renderAll(s)) expect(text).not.toMatch(BAD_TEXT);
      }),
      RUNS,
    );
  });
});
