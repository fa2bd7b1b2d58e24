import { nextId } from '../../core/ids';
import { fail, ok, type Issue } from '../../core/issues';
import type { Action } from '../actions';
import { formatIp, isIp, parseIp } from '../ip';
import { rule as normalizeRule } from '../normalize';
import { parseIpProtocol, protocolProblem } from '../protocols';
import { ruleFieldProblems } from '../security-groups';
import { unknownReference } from '../references';
import type { SecurityGroupRule, Topology } from '../types';
import { event, updateNic, withVmNic, type Step } from './common';

export function detachFloatingIp(t: Topology, a: Extract<Action, { type: 'detachFloatingIp' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    if (nic.floatingIp === null) return fail({ path: ['nic'], message: `adapter ${nicIndex + 1} of ${vm.id} has no floating IP` });
    const state = updateNic(t, vmIndex, nicIndex, { ...nic, floatingIp: null });
    return ok({ state, events: [event('FLOATING_IP_DETACHED', { vm: vm.id, adapter: nicIndex + 1, address: nic.floatingIp })] });
  });
}

export function removeSecurityGroupRule(t: Topology, a: Extract<Action, { type: 'removeSecurityGroupRule' }>): Step {
  const g = findGroup(t, a.group);
  if (typeof g !== 'number') return fail(g);
  const group = t.securityGroups[g]!;
  const k = group.rules.findIndex((r) => r.id === a.rule);
  if (k < 0) return fail(unknownReference(['rule'], 'rule', a.rule, group.rules.map((r) => r.id), undefined, `in group "${group.id}"`));
  const state = { ...t, securityGroups: t.securityGroups.map((x, i) => (i === g ? { ...x, rules: x.rules.filter((_, j) => j !== k) } : x)) };
  return ok({ state, events: [event('SECURITY_GROUP_RULE_REMOVED', { group: group.id, rule: a.rule })] });
}

export function setNicSecurityGroups(t: Topology, a: Extract<Action, { type: 'setNicSecurityGroups' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    if (nic.mode !== 'cloud') return fail({ path: ['nic'], message: `adapter ${nicIndex + 1} of ${vm.id} is not a cloud port`, hint: 'Security groups apply to cloud ports only' });
    const known = t.securityGroups.map((s) => s.id);
    const issues = a.groups.flatMap((gid, i) => (known.includes(gid) ? [] : [unknownReference(['groups', i], 'security group', gid, known)]));
    if (issues.length > 0) return fail(...issues);
    const groups = [...new Set(a.groups)];
    const state = updateNic(t, vmIndex, nicIndex, { ...nic, securityGroups: groups });
    return ok({ state, events: [event('SECURITY_GROUPS_SET', { vm: vm.id, adapter: nicIndex + 1, groups: groups.join(', ') })] });
  });
}

export function attachFloatingIp(t: Topology, a: Extract<Action, { type: 'attachFloatingIp' }>): Step {
  const address = a.address;
  return withVmNic(t, a.vm, a.nic, (vmIndex, n, vm, nic) => {
    if (nic.mode !== 'cloud') return fail({ path: ['nic'], message: `adapter ${n + 1} of ${vm.id} is not a cloud port`, hint: 'Floating IPs are associated with ports on project networks' });
    if (nic.floatingIp !== null) return fail({ path: ['nic'], message: `adapter ${n + 1} of ${vm.id} already has floating IP ${nic.floatingIp}`, hint: 'Detach it first' });
    const router = t.routers.find((r) => r.interfaces.includes(nic.network!) && r.externalNetwork !== null);
    const ext = router ? t.externalNetworks.find((e) => e.id === router.externalNetwork) : undefined;
    if (!router || !ext) {
      return fail({ path: ['nic'], message: `network ${nic.network} has no router with an external gateway`, hint: 'Neutron can only associate a floating IP when the port\'s network is attached to a router with a gateway' });
    }
    const used = new Set(t.vms.flatMap((v) => v.nics.flatMap((x) => (x.floatingIp === null ? [] : [x.floatingIp]))));
    let chosen = address;
    if (chosen !== undefined) {
      if (!isIp(chosen)) return fail({ path: ['address'], message: `bad IPv4 address ${JSON.stringify(chosen)}` });
      const ip = parseIp(chosen)!;
      if (ip < parseIp(ext.floatingIpPool.start)! || ip > parseIp(ext.floatingIpPool.end)!) {
        return fail({ path: ['address'], message: `${chosen} is outside the floating IP pool of ${ext.id} (${ext.floatingIpPool.start}–${ext.floatingIpPool.end})` });
      }
      if (used.has(chosen)) return fail({ path: ['address'], message: `floating IP ${chosen} is already associated with another port` });
    } else {
      for (let ip = parseIp(ext.floatingIpPool.start)!; ip <= parseIp(ext.floatingIpPool.end)!; ip++) {
        if (!used.has(formatIp(ip))) {
          chosen = formatIp(ip);
          break;
        }
      }
      if (chosen === undefined) return fail({ path: ['address'], message: `the floating IP pool of ${ext.id} is exhausted` });
    }
    const state = updateNic(t, vmIndex, n, { ...nic, floatingIp: chosen });
    return ok({ state, events: [event('FLOATING_IP_ATTACHED', { vm: vm.id, adapter: n + 1, address: chosen, fixed: nic.address ?? '' })] });
  });
}

function findGroup(t: Topology, id: string): number | Issue {
  const g = t.securityGroups.findIndex((x) => x.id === id);
  return g >= 0 ? g : unknownReference(['group'], 'security group', id, t.securityGroups.map((x) => x.id));
}

export function addSecurityGroupRule(t: Topology, a: Extract<Action, { type: 'addSecurityGroupRule' }>): Step {
  const { group: groupId, rule: spec } = a;
  const g = findGroup(t, groupId);
  if (typeof g !== 'number') return fail(g);
  const group = t.securityGroups[g]!;
  const issues: Issue[] = [];
  const direction = spec.direction ?? 'ingress';
  const protocolInput = spec.protocol ?? 'tcp';
  const protocol = typeof protocolInput === 'string' && protocolInput.trim().toLowerCase() === 'any' ? 'any' : parseIpProtocol(protocolInput);
  if (direction !== 'ingress' && direction !== 'egress') issues.push({ path: ['rule', 'direction'], message: `expected "ingress" or "egress", got ${JSON.stringify(direction)}` });
  if (protocol === null) issues.push({ path: ['rule', 'protocol'], message: protocolProblem(protocolInput), hint: 'Or "any" for every protocol' });
  else {
    for (const problem of ruleFieldProblems(protocol, spec)) {
      issues.push({ path: ['rule', problem.field], message: problem.message, ...(problem.hint === undefined ? {} : { hint: problem.hint }) });
    }
  }
  for (const field of ['icmpType', 'icmpCode'] as const) {
    const v = spec[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 255)) issues.push({ path: ['rule', field], message: `expected a number 0–255, got ${JSON.stringify(v)}` });
  }
  if (spec.remote !== undefined && spec.remoteGroup !== undefined) issues.push({ path: ['rule'], message: 'a rule has either "remote" or "remoteGroup", not both' });
  if (spec.remote !== undefined) {
    const text = spec.remote.includes('/') ? spec.remote : `${spec.remote}/32`;
    const [addr, prefix] = text.split('/');
    if (!isIp(addr ?? '') || !/^\d{1,2}$/.test(prefix ?? '') || Number(prefix) > 32) issues.push({ path: ['rule', 'remote'], message: `bad CIDR ${JSON.stringify(spec.remote)}`, hint: 'Like "0.0.0.0/0" for anywhere or "203.0.113.7/32" for one address' });
  }
  if (spec.remoteGroup !== undefined && !t.securityGroups.some((x) => x.id === spec.remoteGroup)) {
    issues.push(unknownReference(['rule', 'remoteGroup'], 'security group', spec.remoteGroup, t.securityGroups.map((x) => x.id)));
  }
  if (issues.length > 0) return fail(...issues);
  const taken = group.rules.map((r) => r.id);
  const id = spec.id ?? nextId(`${group.id}-rule`, taken);
  if (taken.includes(id)) return fail({ path: ['rule', 'id'], message: `group ${group.id} already has a rule ${JSON.stringify(id)}` });
  const made: SecurityGroupRule = normalizeRule(id, {
    direction,
    protocol: protocol!,
    ...(spec.ports === undefined ? {} : { ports: spec.ports }),
    ...(spec.icmpType === undefined ? {} : { icmpType: spec.icmpType }),
    ...(spec.icmpCode === undefined ? {} : { icmpCode: spec.icmpCode }),
    ...(spec.remote === undefined ? {} : { remote: canonicalCidr(spec.remote) }),
    ...(spec.remoteGroup === undefined ? {} : { remoteGroup: spec.remoteGroup }),
  });
  const duplicate = group.rules.find((r) => sameRule(r, made));
  if (duplicate) return fail({ path: ['rule'], message: `group ${group.id} already has this rule (${duplicate.id})`, hint: 'Neutron refuses duplicate rules' });
  const state = { ...t, securityGroups: t.securityGroups.map((x, i) => (i === g ? { ...x, rules: [...x.rules, made] } : x)) };
  return ok({ state, events: [event('SECURITY_GROUP_RULE_ADDED', { group: group.id, rule: id })] });
}

/** "10.0.0.5/24" → "10.0.0.0/24": Neutron stores the network address of a remote prefix. */
function canonicalCidr(text: string): string {
  if (!text.includes('/')) return text;
  const [addr, prefixText] = text.split('/');
  const prefix = Number(prefixText);
  const ip = parseIp(addr!)!;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `${formatIp((ip & mask) >>> 0)}/${prefix}`;
}

function sameRule(a: SecurityGroupRule, b: SecurityGroupRule): boolean {
  return a.direction === b.direction && a.protocol === b.protocol && a.portMin === b.portMin && a.portMax === b.portMax && a.remoteCidr === b.remoteCidr && a.remoteGroup === b.remoteGroup;
}

