import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import {
  apply,
  createState,
  demand,
  explainFinding,
  explainHeadroom,
  explainProblem,
  findings,
  headroomInState,
  inventory,
  presetOf,
  presetPolicy,
  resolveRatios,
  summarize,
  validateState,
  type NovaOrigin,
  type NovaPolicy,
  type NovaRelease,
  type Policy,
  type SizingAction,
  type SizingState,
  type WrittenRatios,
} from '../../../../src/sim/sizing';
import { host, spec, state, vm } from './fixtures';

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

const none: WrittenRatios = { cpu: null, ram: null, disk: null };
const nova2023 = (): NovaPolicy => presetPolicy('nova-2023.1') as NovaPolicy;
const origin = (registered: NovaRelease, running: NovaRelease, configured: Partial<WrittenRatios> = {}, initial: Partial<WrittenRatios> = {}): NovaOrigin => ({
  registered,
  running,
  configured: { ...none, ...configured },
  initial: { ...none, ...initial },
});

describe('Nova dedicated CPUs (PCPU)', () => {
  const sets = (dedicated: number, shared: number | null): Policy => ({ ...nova2023(), cpuSets: { dedicated, shared } });

  it('S42: without CPU sets every logical CPU is VCPU and there is no PCPU', () => {
    const inv = inventory(host(), presetPolicy('nova-2023.1'));
    expect(inv.VCPU).toMatchObject({ total: 16, capacity: 64 });
    expect(inv.PCPU).toMatchObject({ total: 0, capacity: 0 });
  });

  it('S42: cpu_dedicated_set is PCPU at ratio 1.0 whatever cpu_allocation_ratio; cpu_shared_set is VCPU at that ratio', () => {
    const inv = inventory(host(), { ...(sets(6, 8) as NovaPolicy), ratios: { cpu: 16, ram: 1, disk: 1 } });
    expect(inv.PCPU).toMatchObject({ total: 6, reserved: 0, allocationRatio: 1, capacity: 6, maxUnit: 6 });
    expect(inv.VCPU).toMatchObject({ total: 8, reserved: 0, allocationRatio: 16, capacity: 128, maxUnit: 8 });
    // Only the dedicated set written: the node reports no VCPU.
    expect(inventory(host(), sets(6, null)).VCPU.total).toBe(0);
  });

  it('S42: a dedicated flavor asks for PCPU under Nova; the course counts it as vCPUs', () => {
    const pinned = spec({ vcpus: 4, cpuPolicy: 'dedicated' });
    expect(demand(pinned, sets(6, 8))).toMatchObject({ VCPU: 0, PCPU: 4 });
    expect(demand(pinned, presetPolicy('course'))).toMatchObject({ VCPU: 4, PCPU: 0 });
  });

  it('S42: PCPU runs out at one vCPU per dedicated CPU; a class the node lacks refuses with no-inventory', () => {
    const s = state([vm({ name: 'rt1', vcpus: 4, cpuPolicy: 'dedicated' }), vm({ name: 'rt2', vcpus: 4, cpuPolicy: 'dedicated' }), vm({ name: 'web', vcpus: 2 })], sets(6, null));
    const v = summarize(s).verdicts;
    expect(v.map((x) => x.fits)).toEqual([true, false, false]);
    expect(v[1]!.problems).toMatchObject([{ code: 'over-capacity', resource: 'PCPU', shortBy: 2 }]);
    expect(v[2]!.problems).toEqual([{ code: 'no-inventory', resource: 'VCPU', requested: 2 }]);
    expect(explainProblem(v[2]!.problems[0]!)).toBe('it asks for 2 shared vCPUs but this node offers no VCPU: cpu_dedicated_set is set without cpu_shared_set');
    const noSets = summarize(state([vm({ vcpus: 2, cpuPolicy: 'dedicated' })], presetPolicy('nova-2023.1'))).verdicts[0]!;
    expect(explainProblem(noSets.problems[0]!)).toBe('it asks for 2 dedicated CPUs (hw:cpu_policy=dedicated) but this node has no cpu_dedicated_set, so it offers no PCPU');
  });

  it('S42: the sets must fit the logical CPUs, hold something, and leave reserved_host_cpus at 0', () => {
    const s = createState('nova-2023.1');
    expect(refused(s, { type: 'setCpuSets', cpuSets: { dedicated: 10, shared: 8 } })).toEqual([
      'policy.cpuSets: cpu_dedicated_set and cpu_shared_set hold 18 CPUs, more than the host\'s 16 logical CPUs. The sets must be disjoint and name existing CPUs',
    ]);
    expect(refused(s, { type: 'setCpuSets', cpuSets: { dedicated: 0, shared: null } })).toEqual(['policy.cpuSets: neither set holds a CPU. Put CPUs in cpu_dedicated_set or cpu_shared_set, or remove the sets']);
    const reserved = run(s, { type: 'setReserve', changes: { cpus: 2 } });
    expect(refused(reserved, { type: 'setCpuSets', cpuSets: { dedicated: 4, shared: 10 } })[0]).toContain('reserved_host_cpus cannot be set alongside cpu_dedicated_set or cpu_shared_set');
    const withSets = run(s, { type: 'setCpuSets', cpuSets: { dedicated: 4, shared: 10 } });
    expect(refused(withSets, { type: 'setHost', changes: { coresPerSocket: 4 } })[0]).toContain('host: the host would have 8 logical CPUs, fewer than the 14 in cpu_dedicated_set and cpu_shared_set');
    expect(refused(createState('course'), { type: 'setCpuSets', cpuSets: { dedicated: 4, shared: 4 } })).toEqual(['policy.cpuSets: the course policy has no CPU sets (they are Nova options). Switch to a Nova policy first']);
    expect(run(withSets, { type: 'setCpuSets', cpuSets: null }).policy).toEqual(presetPolicy('nova-2023.1'));
  });
});

describe('allocation ratios by node history', () => {
  it('S43: since 2023.1 a new node starts at 4.0 / 1.0 / 1.0; a node registered under Zed keeps 16.0 / 1.5 / 1.0 after upgrading', () => {
    expect(resolveRatios(origin('2023.1', '2025.1')).ratios).toEqual({ cpu: 4, ram: 1, disk: 1 });
    const zed = resolveRatios(origin('zed', '2025.1'));
    expect(zed.ratios).toEqual({ cpu: 16, ram: 1.5, disk: 1 });
    expect(zed.reasons.cpu).toEqual({ code: 'initial-at-registration', value: 16, registered: 'zed', written: false });
  });

  it('S43: before Stein, 0.0 (or nothing written) means Nova’s built-in 16.0 / 1.5 / 1.0', () => {
    const rocky = resolveRatios(origin('rocky', 'rocky', { cpu: 0 }));
    expect(rocky.ratios).toEqual({ cpu: 16, ram: 1.5, disk: 1 });
    expect(rocky.reasons.cpu.code).toBe('pre-stein-unset');
  });

  it('S43: a node registered before Stein got Stein’s initial values in the migration, not the running release’s', () => {
    const old = resolveRatios(origin('rocky', '2025.1'));
    expect(old.ratios).toEqual({ cpu: 16, ram: 1.5, disk: 1 });
    expect(old.reasons.ram).toEqual({ code: 'migrated-at-stein', value: 1.5, written: false });
    expect(resolveRatios(origin('rocky', '2025.1', {}, { ram: 1.0 })).ratios.ram).toBe(1);
  });

  it('S43: a written ratio other than 0.0 wins in every release; written initial values apply at registration', () => {
    const written = resolveRatios(origin('2023.1', '2025.1', { cpu: 2, ram: 0 }, { ram: 1.2 }));
    expect(written.ratios).toEqual({ cpu: 2, ram: 1.2, disk: 1 });
    expect(written.reasons.cpu.code).toBe('configured');
    expect(written.reasons.ram).toMatchObject({ code: 'initial-at-registration', written: true });
  });

  it('S43: setNovaOrigin resolves the ratios and keeps the reason; typed ratios drop it', () => {
    let s = run(createState('nova-2023.1'), { type: 'setNovaOrigin', origin: origin('zed', '2023.1') });
    expect(s.policy).toMatchObject({ ratios: { cpu: 16, ram: 1.5, disk: 1 }, origin: origin('zed', '2023.1') });
    expect(presetOf(s.policy)).toBe('nova-pre-2023.1');
    const note = findings(s).find((f) => f.code === 'ratio-origin')!;
    expect(explainFinding(note)).toContain('cpu 16 because the node was registered under Zed (26) with initial_cpu_allocation_ratio = 16 (that release\'s default) and keeps it through upgrades');
    const typed = apply(s, { type: 'setRatios', changes: { cpu: 8 } });
    expect(typed.events).toEqual([{ type: 'ratios-changed', fields: ['cpu'], preset: 'nova-custom', historyCleared: true }]);
    expect('origin' in typed.state.policy).toBe(false);
    s = run(s, { type: 'setNovaOrigin', origin: null });
    expect(s.policy).toEqual({ ...presetPolicy('nova-pre-2023.1') });
  });

  it('S43: releases only move forward; unknown releases and bad ratios are refused where they are', () => {
    const s = createState('nova-2023.1');
    expect(refused(s, { type: 'setNovaOrigin', origin: origin('2023.1', 'zed') })).toEqual([
      'policy.origin.running: a node registered under 2023.1 Antelope (27) cannot run Zed (26): releases only move forward. Choose the same release or a later one',
    ]);
    expect(refused(s, { type: 'setNovaOrigin', origin: { ...origin('zed', 'zed'), registered: 'queens' } })[0]).toContain('policy.origin.registered: expected one of "rocky", "stein"');
    expect(refused(s, { type: 'setNovaOrigin', origin: origin('zed', 'zed', {}, { cpu: 0 }) })[0]).toContain('policy.origin.initial.cpu: must be at least 0.01');
    expect(refused(createState('course'), { type: 'setNovaOrigin', origin: origin('zed', 'zed') })[0]).toContain('the course policy has no node history');
  });

  it('S43: a state whose ratios disagree with its history is refused', () => {
    const bad = { ...createState('nova-2023.1'), policy: { ...nova2023(), origin: origin('zed', 'zed') } };
    const r = validateState(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && formatIssue(r.issues[0]!)).toBe("policy.ratios: the ratios differ from what the node's history gives (cpu 16, ram 1.5, disk 1). Remove the history, or use the ratios it gives");
  });
});

describe('project quotas', () => {
  const quota = (instances: number, cores: number, ramMb: number): Policy => ({ ...nova2023(), quota: { instances, cores, ramMb } });

  it('S46: a VM over a quota is refused in Nova’s words before placement, and takes nothing', () => {
    const s = state([vm({ vcpus: 16, ramMb: 4096 }), vm({ vcpus: 8, ramMb: 4096 }), vm({ vcpus: 4, ramMb: 4096 })], quota(10, 20, -1));
    const v = summarize(s).verdicts;
    expect(v.map((x) => x.fits)).toEqual([true, false, true]);
    expect(v[1]!.problems).toEqual([{ code: 'over-quota', quota: 'cores', requested: 8, used: 16, limit: 20 }]);
    expect(explainProblem(v[1]!.problems[0]!)).toBe("the project's quota refuses it before any host is looked at (Quota exceeded for cores: Requested 8, but already used 16 of 20 cores)");
  });

  it('S46: cores count shared and dedicated vCPUs together; instances and RAM are counted too', () => {
    const p: Policy = { ...(quota(2, 6, 6144) as NovaPolicy), cpuSets: { dedicated: 4, shared: 12 } };
    const s = state([vm({ vcpus: 4, cpuPolicy: 'dedicated', ramMb: 2048 }), vm({ vcpus: 4, ramMb: 2048 }), vm({ vcpus: 1, ramMb: 2048 }), vm({ vcpus: 1, ramMb: 1024 })], p);
    expect(summarize(s).verdicts.map((x) => x.problems.map((q) => (q.code === 'over-quota' ? q.quota : q.code)))).toEqual([[], ['cores'], [], ['instances']]);
    const note = findings(s).find((f) => f.code === 'quota-usage')!;
    expect(explainFinding(note)).toBe('the project uses 2 of 2 instances, 5 of 6 cores (shared and dedicated vCPUs together) and 4 GB of 6 GB of RAM: a request beyond a quota is refused before any host is looked at');
  });

  it('S46: how many more fit is bounded by the quota and says so', () => {
    const s = state([vm({ vcpus: 4, ramMb: 4096 })], quota(10, 12, -1));
    const h = headroomInState(s, spec({ vcpus: 4, ramMb: 1024, rootDiskGb: 0 }));
    expect(h).toMatchObject({ count: 2, limitedBy: [], quota: { count: 2, limitedBy: ['cores'] } });
    expect(explainHeadroom(h, 'small VMs')).toBe("2 more small VMs fit; the project's cores quota runs out first");
    expect(headroomInState(state([], quota(-1, -1, -1)), spec()).quota).toBeUndefined();
  });

  it('S46: quotas are a Nova setting with −1 for no limit', () => {
    expect(refused(createState('course'), { type: 'setQuota', quota: { instances: 10, cores: 20, ramMb: 51200 } })[0]).toContain('the course policy has no project quota');
    expect(refused(createState('nova-2023.1'), { type: 'setQuota', quota: { instances: -2, cores: 20, ramMb: 51200 } })).toEqual(['policy.quota.instances: must be -1 (no limit) or 0 or more, got -2']);
    const s = run(createState('nova-2023.1'), { type: 'setQuota', quota: { instances: '10', cores: 20, ramMb: 51200 } });
    expect(s.policy).toMatchObject({ quota: { instances: 10, cores: 20, ramMb: 51200 } });
    expect(run(s, { type: 'setQuota', quota: null }).policy).toEqual(presetPolicy('nova-2023.1'));
  });
});
