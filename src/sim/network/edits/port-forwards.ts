import { nextId } from '../../core/ids';
import { fail, ok, type Issue } from '../../core/issues';
import type { Action, PortForwardSpec } from '../actions';
import { ANY_ADDRESS, contains, isIp } from '../ip';
import { isPort } from '../ports';
import { unknownReference } from '../references';
import { indexTopology } from '../topology-index';
import type { Nic, PortForward, Topology, Vm } from '../types';
import { event, updateNic, withNatNic, withVmNic, type Step } from './common';

export function addPortForward(t: Topology, a: Extract<Action, { type: 'addPortForward' }>): Step {
  return withNatNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => addForward(t, vmIndex, nicIndex, vm, nic, a.rule));
}

/** Re-checked as a new rule in the same place, so an edit cannot create a clash either. */
export function updatePortForward(t: Topology, a: Extract<Action, { type: 'updatePortForward' }>): Step {
  return withNatNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    const k = findForward(nic.portForwards, a.name);
    if (typeof k !== 'number') return fail(k);
    const current = nic.portForwards[k]!;
    const others = { ...nic, portForwards: nic.portForwards.filter((_, i) => i !== k) };
    const merged: PortForwardSpec = { ...current, ...a.changes, name: current.name };
    const added = addForward(t, vmIndex, nicIndex, vm, others, merged, k);
    if (!added.ok) return added;
    return ok({ state: added.value.state, events: [event('PORT_FORWARD_UPDATED', { vm: vm.id, adapter: nicIndex + 1, name: current.name }), ...added.value.events.filter((e) => e.warning)] });
  });
}

export function removePortForward(t: Topology, a: Extract<Action, { type: 'removePortForward' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    const k = findForward(nic.portForwards, a.name);
    if (typeof k !== 'number') return fail(k);
    const state = updateNic(t, vmIndex, nicIndex, { ...nic, portForwards: nic.portForwards.filter((_, i) => i !== k) });
    return ok({ state, events: [event('PORT_FORWARD_REMOVED', { vm: vm.id, adapter: nicIndex + 1, name: a.name })] });
  });
}

export function removeNatNetworkPortForward(t: Topology, a: Extract<Action, { type: 'removeNatNetworkPortForward' }>): Step {
  return withNatNetwork(t, a.host, a.network, (hostIndex, netIndex) => {
    const net = t.hosts[hostIndex]!.natNetworks[netIndex]!;
    const k = findForward(net.portForwards, a.name);
    if (typeof k !== 'number') return fail(k);
    const state = updateNatNetwork(t, hostIndex, netIndex, { ...net, portForwards: net.portForwards.filter((_, i) => i !== k) });
    return ok({ state, events: [event('PORT_FORWARD_REMOVED', { host: a.host, network: a.network, name: a.name })] });
  });
}

function findForward(list: readonly PortForward[], name: string): number | Issue {
  const k = list.findIndex((f) => f.name === name);
  return k >= 0 ? k : unknownReference(['name'], 'port forward rule', name, list.map((f) => f.name));
}

/** Checks a forward's fields and that no other forward on the same host listens on its host port. */
function forwardIssues(t: Topology, hostId: string, spec: PortForwardSpec, ignore: { vm?: string; nic?: number; natNetwork?: string; name?: string }): Issue[] {
  const issues: Issue[] = [];
  const protocol = spec.protocol ?? 'tcp';
  if (!isPort(spec.hostPort)) issues.push({ path: ['rule', 'hostPort'], message: `expected a port 1–65535, got ${JSON.stringify(spec.hostPort)}` });
  if (!isPort(spec.guestPort)) issues.push({ path: ['rule', 'guestPort'], message: `expected a port 1–65535, got ${JSON.stringify(spec.guestPort)}` });
  if (protocol !== 'tcp' && protocol !== 'udp') issues.push({ path: ['rule', 'protocol'], message: `expected "tcp" or "udp", got ${JSON.stringify(protocol)}` });
  for (const field of ['hostIp', 'guestIp'] as const) {
    const v = spec[field];
    if (v !== undefined && v !== '' && !isIp(v)) issues.push({ path: ['rule', field], message: `bad IPv4 address ${JSON.stringify(v)}` });
  }
  if (issues.length > 0) return issues;
  const hostIp = spec.hostIp ?? '';
  const ix = indexTopology(t);
  for (const f of ix.forwardsByHost.get(hostId) ?? []) {
    const same =
      (f.via === 'nat' && ignore.vm !== undefined && f.ref.owner === ignore.vm && f.ref.path[3] === ignore.nic && f.rule.name === ignore.name) ||
      (f.via === 'nat-network' && f.natNetwork === ignore.natNetwork && f.rule.name === ignore.name);
    if (same) continue;
    const overlap = f.rule.hostIp === '' || hostIp === '' || f.rule.hostIp === ANY_ADDRESS || hostIp === ANY_ADDRESS || f.rule.hostIp === hostIp;
    if (f.rule.protocol === protocol && f.rule.hostPort === spec.hostPort && overlap) {
      const where = f.via === 'nat' ? `${f.ref.owner} adapter ${Number(f.ref.path[3]) + 1}` : `NAT network ${f.natNetwork}`;
      issues.push({ path: ['rule', 'hostPort'], message: `host port ${spec.hostPort}/${protocol} is already forwarded by rule ${JSON.stringify(f.rule.name)} of ${where}`, hint: 'Two forwards cannot listen on the same host port; pick another host port' });
    }
  }
  return issues;
}

function toForward(spec: PortForwardSpec, existing: readonly PortForward[]): PortForward {
  const protocol = spec.protocol ?? 'tcp';
  const base = spec.name ?? `${protocol}-${spec.hostPort}`;
  const taken = existing.map((f) => f.name);
  const name = spec.name !== undefined || !taken.includes(base) ? base : nextId(base, taken);
  return { name, protocol, hostIp: spec.hostIp ?? '', hostPort: spec.hostPort, guestIp: spec.guestIp ?? '', guestPort: spec.guestPort };
}

function addForward(t: Topology, vmIndex: number, nicIndex: number, vm: Vm, nic: Nic, spec: PortForwardSpec, at?: number): Step {
  if (vm.host === null) return fail({ path: ['vm'], message: `${vm.id} is not a VirtualBox VM` });
  const issues = forwardIssues(t, vm.host, spec, { vm: vm.id, nic: nicIndex, name: at === undefined ? undefined : spec.name });
  if (spec.name !== undefined && at === undefined && nic.portForwards.some((f) => f.name === spec.name)) {
    issues.push({ path: ['rule', 'name'], message: `adapter ${nicIndex + 1} of ${vm.id} already has a rule named ${JSON.stringify(spec.name)}` });
  }
  if (issues.length > 0) return fail(...issues);
  const rule = toForward(spec, nic.portForwards);
  const list = [...nic.portForwards];
  list.splice(at ?? list.length, 0, rule);
  const events = [event('PORT_FORWARD_ADDED', { vm: vm.id, adapter: nicIndex + 1, name: rule.name, protocol: rule.protocol, hostPort: rule.hostPort, guestPort: rule.guestPort })];
  if (rule.hostPort < 1024) events.push(event('PORT_FORWARD_PRIVILEGED', { hostPort: rule.hostPort, name: rule.name }, true));
  return ok({ state: updateNic(t, vmIndex, nicIndex, { ...nic, portForwards: list }), events });
}

function withNatNetwork(t: Topology, hostId: string, network: string, fn: (hostIndex: number, netIndex: number) => Step): Step {
  const h = t.hosts.findIndex((x) => x.id === hostId);
  if (h < 0) return fail(unknownReference(['host'], 'host', hostId, t.hosts.map((x) => x.id)));
  const host = t.hosts[h]!;
  const n = host.natNetworks.findIndex((x) => x.name === network);
  if (n < 0) return fail(unknownReference(['network'], 'NAT network', network, host.natNetworks.map((x) => x.name), undefined, `on host "${host.id}"`));
  return fn(h, n);
}

function updateNatNetwork(t: Topology, hostIndex: number, netIndex: number, net: Topology['hosts'][number]['natNetworks'][number]): Topology {
  return {
    ...t,
    hosts: t.hosts.map((h, i) => (i === hostIndex ? { ...h, natNetworks: h.natNetworks.map((n, j) => (j === netIndex ? net : n)) } : h)),
  };
}

export function addNatNetworkPortForward(t: Topology, a: Extract<Action, { type: 'addNatNetworkPortForward' }>): Step {
  const { host: hostId, network, rule: spec } = a;
  return withNatNetwork(t, hostId, network, (h, n) => {
    const net = t.hosts[h]!.natNetworks[n]!;
    const issues = forwardIssues(t, hostId, spec, {});
    if (!spec.guestIp) issues.push({ path: ['rule', 'guestIp'], message: 'a NAT network port forward needs the guest address', hint: `Give the address of the VM on ${network} (inside ${net.cidr})` });
    else if (isIp(spec.guestIp) && !contains(net.cidr, spec.guestIp)) issues.push({ path: ['rule', 'guestIp'], message: `${spec.guestIp} is outside ${net.cidr}` });
    if (spec.name !== undefined && net.portForwards.some((f) => f.name === spec.name)) issues.push({ path: ['rule', 'name'], message: `NAT network ${network} already has a rule named ${JSON.stringify(spec.name)}` });
    if (issues.length > 0) return fail(...issues);
    const rule = toForward(spec, net.portForwards);
    const events = [event('PORT_FORWARD_ADDED', { host: hostId, network, name: rule.name, protocol: rule.protocol, hostPort: rule.hostPort, guestPort: rule.guestPort })];
    if (rule.hostPort < 1024) events.push(event('PORT_FORWARD_PRIVILEGED', { hostPort: rule.hostPort, name: rule.name }, true));
    return ok({ state: updateNatNetwork(t, h, n, { ...net, portForwards: [...net.portForwards, rule] }), events });
  });
}

