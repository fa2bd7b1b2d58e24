import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNonJson, formatIssue, roundTrip } from '../../../../src/sim/core';
import { lint, loadScenario, NIC_MODES } from '../../../../src/sim/network';
import { can, preset, PRESET_DIR, presetNames } from './fixtures';

describe('preset scenarios', () => {
  it('N37: every preset in content/scenarios/network loads, is plain JSON, and has no warnings beyond the intended ones', () => {
    const names = presetNames();
    expect(names).toEqual(['cloud-project', 'virtualbox-home-lab']);
    for (const name of names) {
      const t = preset(name);
      expect(findNonJson(t)).toBeNull();
      expect(roundTrip(t)).toEqual(t);
      expect(lint(t).filter((w) => w.severity === 'warning')).toEqual([]);
    }
  });

  it('N37: the VirtualBox home lab has a VM in every mode and a NAT web server with no forward yet', () => {
    const t = preset('virtualbox-home-lab');
    const modes = new Set(t.vms.flatMap((v) => v.nics.map((n) => n.mode)));
    // A UDP tunnel (generic) needs a second host; tunnel.test.ts has one.
    expect(NIC_MODES.filter((m) => m !== 'cloud' && m !== 'generic' && !modes.has(m))).toEqual([]);
    const web = t.vms.find((v) => v.id === 'web')!;
    expect(web.nics.map((n) => [n.mode, n.portForwards.length])).toEqual([['nat', 0]]);
    expect(web.services.find((s) => s.port === 80)?.listen).toBe('0.0.0.0');
    expect(can(t, 'web', 'web', 80).ok).toBe(true);
    expect(can(t, 'phone', 'web', 80).blocked?.code).toBe('NAT_NO_INBOUND');
    expect(can(t, 'laptop', 'web', 80).blocked?.code).toBe('NAT_NO_INBOUND');
    expect(t.devices.length).toBeGreaterThan(0);
  });

  it('N37: the cloud project has a routed private network with SNAT, and a web VM with no port 80 rule and no floating IP', () => {
    const t = preset('cloud-project');
    expect(t.routers[0]).toMatchObject({ externalNetwork: 'public', snat: true, interfaces: ['private'] });
    const web = t.vms.find((v) => v.id === 'web')!;
    expect(web.nics[0]!.floatingIp).toBeNull();
    const rules = t.securityGroups.filter((g) => web.nics[0]!.securityGroups.includes(g.id)).flatMap((g) => g.rules);
    const opens80 = rules.some((r) => r.direction === 'ingress' && r.remoteGroup === null && (r.protocol === 'any' || (r.protocol === 'tcp' && (r.portMin === null || (r.portMin <= 80 && 80 <= (r.portMax ?? r.portMin))))));
    expect(opens80).toBe(false);
    expect(t.vms.map((v) => v.id)).toEqual(['web', 'db']);
    expect(can(t, 'web', 'internet', 443).path.some((h) => h.code === 'router-snat')).toBe(true);
    expect(can(t, 'internet', 'web', 80).blocked?.code).toBe('CLOUD_NO_FLOATING_IP');
  });

  it('N37: the format example in the scenarios README loads as written', () => {
    const readme = readFileSync(`${PRESET_DIR}/README.md`, 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const r = loadScenario(example);
    expect(r.ok ? [] : r.issues.map((i) => formatIssue(i, 'README'))).toEqual([]);
    if (r.ok) expect(can(r.value, 'phone', 'web', 80).ok).toBe(true);
  });
});
