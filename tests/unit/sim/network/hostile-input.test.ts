import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNonJson, formatIssue } from '../../../../src/sim/core';
import { apply, canConnect, loadScenario, type Action, type Topology } from '../../../../src/sim/network';

/** SPEC N48: ill-typed edits and questions are refused with issues, never thrown or stored. Pinned from the fuzzer. */
function home(): Topology {
  const r = loadScenario(readFileSync('content/scenarios/network/virtualbox-home-lab.yaml', 'utf8'));
  if (!r.ok) throw new Error('preset');
  return r.value;
}
const refused = (t: Topology, edit: unknown): string[] => {
  const before = JSON.stringify(t);
  const r = apply(t, edit as Action);
  expect(JSON.stringify(t)).toBe(before);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i));
};

describe('N48: edits of the wrong shape', () => {
  it('an unknown type names the closest one and lists them all (it used to throw "reading \'ok\'")', () => {
    expect(refused(home(), { type: 'setNicMod', vm: 'web', nic: 0, mode: 'nat' })).toEqual([
      'type: unknown action "setNicMod". Did you mean "setNicMode"? The actions are setNicMode, addPortForward, updatePortForward, removePortForward, addNatNetworkPortForward, removeNatNetworkPortForward, attachFloatingIp, detachFloatingIp, addSecurityGroupRule, removeSecurityGroupRule, setNicSecurityGroups, setFirewall, allowFirewallPort, removeFirewallPort, setNatLocalhostReachable, setServiceListen',
    ]);
    expect(refused(home(), null)).toEqual(['expected an action (a mapping with a "type"), got null']);
    expect(refused(home(), { type: 'toString' })[0]).toMatch(/^type: unknown action "toString"\. The actions are /);
  });

  it.each([
    [{ type: 'setNicMode', vm: 5, nic: 0, mode: 'nat' }, 'vm: expected text, got 5'],
    [{ type: 'setNicMode', vm: 'web', nic: NaN, mode: 'nat' }, 'nic: expected a number, got a value that is not a number'],
    [{ type: 'removePortForward', vm: 'web', nic: null, name: 'x' }, 'nic: expected a number, got null'],
    [{ type: 'addPortForward', vm: 'web', nic: 0, rule: null }, 'rule: expected a mapping, got null'],
    [{ type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: Infinity, guestPort: 80 } }, 'rule.hostPort: expected a number, got an infinite number'],
    [{ type: 'setServiceListen', node: 'web', service: 'ssh', listen: [1] }, 'listen: expected text, got a list'],
    [{ type: 'setNicSecurityGroups', vm: 'web', nic: 0, groups: { a: 1 } }, 'groups: expected a list, got a mapping'],
  ])('%j is refused: %s', (edit, message) => {
    expect(refused(home(), edit)).toEqual([message]);
  });

  it('VM ids that are Object.prototype keys are unknown machines, not crashes', () => {
    for (const id of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const issues = refused(home(), { type: 'setNicMode', vm: id, nic: 0, mode: 'nat' });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toContain(id);
      const q = canConnect(home(), { from: id, to: 'web', port: 80, protocol: 'tcp' });
      expect(q.ok).toBe(false);
    }
  });
});

describe('N48: questions of the wrong shape', () => {
  it('a machine given as an object without toString (fuzz seed 20261215) is an issue, not "Cannot convert object to primitive value"', () => {
    const r = canConnect(home(), { from: { toString: undefined }, to: {}, port: 'toString', protocol: 'tcp' } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => formatIssue(i))).toEqual(['from: expected a machine id (text), got a mapping', 'to: expected a machine id (text), got a mapping', 'port: expected a port 1–65535, got "toString"']);
  });

  it('a NaN port is named as such, never stored', () => {
    const t = home();
    const r = canConnect(t, { from: 'internet', to: 'web', port: NaN, protocol: 'tcp' });
    expect(r.ok ? [] : r.issues.map((i) => formatIssue(i))).toEqual(['port: expected a port 1–65535, got a value that is not a number']);
    expect(findNonJson(t)).toBeNull();
  });
});
