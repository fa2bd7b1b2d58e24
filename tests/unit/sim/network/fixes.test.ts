import { describe, expect, it } from 'vitest';
import { apply, planFix, whatWouldFix, type Fix, type Query, type Topology } from '../../../../src/sim/network';
import { can, preset } from './fixtures';

function report(t: Topology, q: Query) {
  const r = whatWouldFix(t, q);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** Each offered fix, applied on its own, must make the query work. */
function expectVerified(t: Topology, q: Query, fixes: Fix[]) {
  for (const f of fixes) {
    const r = apply(t, f.action);
    expect(r.ok).toBe(true);
    if (r.ok) expect(can(r.value.state, q.from, q.to, q.port, q.protocol).ok, JSON.stringify(f.action)).toBe(true);
  }
}

describe('what would fix it', () => {
  it('N36: a NAT web server: the cheapest fix is a port forward; re-attaching the adapter also works', () => {
    const t = preset('virtualbox-home-lab');
    const q: Query = { from: 'phone', to: 'web', port: 80, protocol: 'tcp' };
    const r = report(t, q);
    expect(r.before.blocked?.code).toBe('NAT_NO_INBOUND');
    expect(r.fixes[0]!.action).toEqual({ type: 'addPortForward', vm: 'web', nic: 0, rule: { protocol: 'tcp', hostPort: 8080, guestPort: 80 } });
    expect(r.fixes.map((f) => f.action.type)).toEqual(['addPortForward', 'setNicMode']);
    expect(r.fixes[1]!.action).toMatchObject({ mode: 'bridged' });
    expectVerified(t, q, r.fixes);
  });

  it('N36: a working connection needs no fix; a loopback-bound service needs its listen address changed', () => {
    const c = preset('cloud-project');
    expect(report(c, { from: 'web', to: 'internet', port: 443, protocol: 'tcp' })).toMatchObject({ before: { ok: true }, fixes: [], partial: [] });
    const q: Query = { from: 'web', to: 'db', port: 5432, protocol: 'tcp' };
    const r = report(c, q);
    expect(r.fixes.map((f) => f.action)).toEqual([{ type: 'setServiceListen', node: 'db', service: 'postgres', listen: '0.0.0.0' }]);
    expectVerified(c, q, r.fixes);
  });

  it('N36: publishing the cloud web server takes two steps: a floating IP, then a rule for port 80', () => {
    const c = preset('cloud-project');
    const q: Query = { from: 'internet', to: 'web', port: 80, protocol: 'tcp' };
    const r = report(c, q);
    expect(r.fixes).toEqual([]);
    expect(r.partial.map((f) => [f.action.type, f.after.blocked?.code])).toEqual([['attachFloatingIp', 'SG_INGRESS_DENIED']]);
    const plan = planFix(c, q);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.ok).toBe(true);
    expect(plan.value.steps.map((s) => s.action)).toEqual([
      { type: 'attachFloatingIp', vm: 'web', nic: 0 },
      { type: 'addSecurityGroupRule', group: 'web', rule: { direction: 'ingress', protocol: 'tcp', ports: 80, remote: '0.0.0.0/0' } },
    ]);
  });

  it('N36: nothing offered when no single change and no chain can help (the LAN router keeps the internet out)', () => {
    const t = preset('virtualbox-home-lab');
    const q: Query = { from: 'internet', to: 'web', port: 80, protocol: 'tcp' };
    const r = report(t, q);
    expect(r.fixes).toEqual([]);
    const plan = planFix(t, q);
    expect(plan.ok && plan.value.ok).toBe(false);
  });

  it('N36: unknown machines are issues, not empty answers', () => {
    const r = whatWouldFix(preset('cloud-project'), { from: 'internt', to: 'web', port: 80, protocol: 'tcp' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ path: ['from'], message: 'unknown machine "internt"', hint: 'Did you mean "internet"?' });
  });
});
