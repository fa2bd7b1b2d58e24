import { nextId } from '../core/ids';
import { fail, ok, type Issue, type Result } from '../core/issues';
import type { Action, NetworkEvent, PortForwardSpec } from './actions';
import { ANY_ADDRESS, contains, formatIp, isIp, isLoopback, isUsableHost, parseIp, splitInterfaceAddress } from './ip';
import { leaseFor } from './leases';
import { rule as normalizeRule } from './normalize';
import { isPort, parsePortRange } from './ports';
import { unknownReference } from './references';
import { nicSegment } from './segments';
import { indexTopology } from './topology-index';
import {
  CLOUD_MODES,
  MODES_WITH_NETWORK,
  VIRTUALBOX_MODES,
  type Firewall,
  type Nic,
  type PortForward,
  type SecurityGroupRule,
  type Service,
  type Topology,
  type Vm,
} from './types';

export interface Applied {
  state: Topology;
  events: NetworkEvent[];
}

type Step = Result<Applied>;

/**
 * Apply one edit. Bad input gives issues (with did-you-mean) and the caller keeps the old
 * state; a valid edit gives a new state (the old one is never mutated) and what happened.
 */
export function apply(t: Topology, action: Action): Step {
  switch (action.type) {
    case 'setNicMode':
      return setNicMode(t, action);
    case 'addPortForward':
      return withNatNic(t, action.vm, action.nic, (vmIndex, nicIndex, vm, nic) => addForward(t, vmIndex, nicIndex, vm, nic, action.rule));
    case 'updatePortForward':
      return withNatNic(t, action.vm, action.nic, (vmIndex, nicIndex, vm, nic) => {
        const k = findForward(nic.portForwards, action.name);
        if (typeof k !== 'number') return fail(k);
        const current = nic.portForwards[k]!;
        const others = { ...nic, portForwards: nic.portForwards.filter((_, i) => i !== k) };
        const merged: PortForwardSpec = { ...current, ...action.changes, name: current.name };
        const added = addForward(t, vmIndex, nicIndex, vm, others, merged, k);
        if (!added.ok) return added;
        return ok({ state: added.value.state, events: [event('PORT_FORWARD_UPDATED', { vm: vm.id, adapter: nicIndex + 1, name: current.name }), ...added.value.events.filter((e) => e.warning)] });
      });
    case 'removePortForward':
      return withVmNic(t, action.vm, action.nic, (vmIndex, nicIndex, vm, nic) => {
        const k = findForward(nic.portForwards, action.name);
        if (typeof k !== 'number') return fail(k);
        const state = updateNic(t, vmIndex, nicIndex, { ...nic, portForwards: nic.portForwards.filter((_, i) => i !== k) });
        return ok({ state, events: [event('PORT_FORWARD_REMOVED', { vm: vm.id, adapter: nicIndex + 1, name: action.name })] });
      });
    case 'addNatNetworkPortForward':
      return addNatNetworkForward(t, action.host, action.network, action.rule);
    case 'removeNatNetworkPortForward':
      return withNatNetwork(t, action.host, action.network, (hostIndex, netIndex) => {
        const net = t.hosts[hostIndex]!.natNetworks[netIndex]!;
        const k = findForward(net.portForwards, action.name);
        if (typeof k !== 'number') return fail(k);
        const state = updateNatNetwork(t, hostIndex, netIndex, { ...net, portForwards: net.portForwards.filter((_, i) => i !== k) });
        return ok({ state, events: [event('PORT_FORWARD_REMOVED', { host: action.host, network: action.network, name: action.name })] });
      });
    case 'attachFloatingIp':
      return attachFloatingIp(t, action.vm, action.nic, action.address);
    case 'detachFloatingIp':
      return withVmNic(t, action.vm, action.nic, (vmIndex, nicIndex, vm, nic) => {
        if (nic.floatingIp === null) return fail({ path: ['nic'], message: `adapter ${nicIndex + 1} of ${vm.id} has no floating IP` });
        const state = updateNic(t, vmIndex, nicIndex, { ...nic, floatingIp: null });
        return ok({ state, events: [event('FLOATING_IP_DETACHED', { vm: vm.id, adapter: nicIndex + 1, address: nic.floatingIp })] });
      });
    case 'addSecurityGroupRule':
      return addRule(t, action.group, action.rule);
    case 'removeSecurityGroupRule': {
      const g = findGroup(t, action.group);
      if (typeof g !== 'number') return fail(g);
      const group = t.securityGroups[g]!;
      const k = group.rules.findIndex((r) => r.id === action.rule);
      if (k < 0) return fail(unknownReference(['rule'], 'rule', action.rule, group.rules.map((r) => r.id), undefined, `in group "${group.id}"`));
      const state = { ...t, securityGroups: t.securityGroups.map((x, i) => (i === g ? { ...x, rules: x.rules.filter((_, j) => j !== k) } : x)) };
      return ok({ state, events: [event('SECURITY_GROUP_RULE_REMOVED', { group: group.id, rule: action.rule })] });
    }
    case 'setNicSecurityGroups':
      return withVmNic(t, action.vm, action.nic, (vmIndex, nicIndex, vm, nic) => {
        if (nic.mode !== 'cloud') return fail({ path: ['nic'], message: `adapter ${nicIndex + 1} of ${vm.id} is not a cloud port`, hint: 'Security groups apply to cloud ports only' });
        const known = t.securityGroups.map((s) => s.id);
        const issues = action.groups.flatMap((gid, i) => (known.includes(gid) ? [] : [unknownReference(['groups', i], 'security group', gid, known)]));
        if (issues.length > 0) return fail(...issues);
        const groups = [...new Set(action.groups)];
        const state = updateNic(t, vmIndex, nicIndex, { ...nic, securityGroups: groups });
        return ok({ state, events: [event('SECURITY_GROUPS_SET', { vm: vm.id, adapter: nicIndex + 1, groups: groups.join(', ') })] });
      });
    case 'setFirewall':
      return withEndpoint(t, action.node, (fw) => {
        if (fw.enabled === action.enabled) return { firewall: fw, events: [event('NO_CHANGE', { node: action.node })] };
        return { firewall: { ...fw, enabled: action.enabled }, events: [event(action.enabled ? 'FIREWALL_ENABLED' : 'FIREWALL_DISABLED', { node: action.node })] };
      });
    case 'allowFirewallPort':
    case 'removeFirewallPort': {
      const issues = portProtocolIssues(action.port, action.protocol);
      if (issues.length > 0) return fail(...issues);
      return withEndpoint(t, action.node, (fw) => {
        const has = fw.allow.some((a) => a.port === action.port && a.protocol === action.protocol);
        const params = { node: action.node, port: action.port, protocol: action.protocol };
        if (action.type === 'allowFirewallPort') {
          if (has) return { firewall: fw, events: [event('NO_CHANGE', params)] };
          return { firewall: { ...fw, allow: [...fw.allow, { port: action.port, protocol: action.protocol }] }, events: [event('FIREWALL_PORT_ALLOWED', params)] };
        }
        if (!has) return { firewall: fw, events: [event('NO_CHANGE', params)] };
        return { firewall: { ...fw, allow: fw.allow.filter((a) => !(a.port === action.port && a.protocol === action.protocol)) }, events: [event('FIREWALL_PORT_REMOVED', params)] };
      });
    }
    case 'setServiceListen':
      return setServiceListen(t, action.node, action.service, action.listen);
  }
}

/** Apply several edits in order; stops at the first that fails, naming its position. */
export function applyAll(t: Topology, actions: readonly Action[]): Step {
  let state = t;
  const events: NetworkEvent[] = [];
  for (let i = 0; i < actions.length; i++) {
    const r = apply(state, actions[i]!);
    if (!r.ok) return fail(...r.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })));
    state = r.value.state;
    events.push(...r.value.events);
  }
  return ok({ state, events });
}

function event(code: NetworkEvent['code'], params: NetworkEvent['params'], warning = false): NetworkEvent {
  return { code, warning, params };
}

function findVm(t: Topology, id: string): number | Issue {
  const i = t.vms.findIndex((v) => v.id === id);
  return i >= 0 ? i : unknownReference(['vm'], 'VM', id, t.vms.map((v) => v.id));
}

function withVmNic(t: Topology, vmId: string, nicIndex: number, fn: (vmIndex: number, nicIndex: number, vm: Vm, nic: Nic) => Step): Step {
  const v = findVm(t, vmId);
  if (typeof v !== 'number') return fail(v);
  const vm = t.vms[v]!;
  if (!Number.isInteger(nicIndex) || nicIndex < 0 || nicIndex >= vm.nics.length) {
    return fail({ path: ['nic'], message: `${vm.id} has ${vm.nics.length} adapter${vm.nics.length === 1 ? '' : 's'}; expected an index 0–${vm.nics.length - 1}, got ${JSON.stringify(nicIndex)}` });
  }
  return fn(v, nicIndex, vm, vm.nics[nicIndex]!);
}

function withNatNic(t: Topology, vmId: string, nicIndex: number, fn: (vmIndex: number, nicIndex: number, vm: Vm, nic: Nic) => Step): Step {
  return withVmNic(t, vmId, nicIndex, (v, n, vm, nic) => {
    if (nic.mode !== 'nat') {
      return fail({ path: ['nic'], message: `adapter ${n + 1} of ${vm.id} is attached to ${nic.mode}, not NAT`, hint: 'Port forwards belong to a NAT adapter; switch it to NAT first, or use a NAT network\'s port forwarding' });
    }
    return fn(v, n, vm, nic);
  });
}

function updateVm(t: Topology, vmIndex: number, vm: Vm): Topology {
  return { ...t, vms: t.vms.map((v, i) => (i === vmIndex ? vm : v)) };
}

function updateNic(t: Topology, vmIndex: number, nicIndex: number, nic: Nic): Topology {
  const vm = t.vms[vmIndex]!;
  return updateVm(t, vmIndex, { ...vm, nics: vm.nics.map((n, i) => (i === nicIndex ? nic : n)) });
}

function setNicMode(t: Topology, a: Extract<Action, { type: 'setNicMode' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    const allowed: readonly string[] = vm.host === null ? CLOUD_MODES : VIRTUALBOX_MODES;
    if (!allowed.includes(a.mode)) {
      return fail({
        path: ['mode'],
        message: vm.host === null ? `a cloud instance cannot use mode ${JSON.stringify(a.mode)}` : `a VirtualBox VM cannot use mode ${JSON.stringify(a.mode)}`,
        hint: `Allowed: ${allowed.map((m) => JSON.stringify(m)).join(', ')}`,
      });
    }
    const needsNetwork = MODES_WITH_NETWORK.includes(a.mode);
    const network = needsNetwork ? (a.network ?? null) : null;
    if (needsNetwork && (network === null || network === '')) return fail({ path: ['network'], message: `mode ${JSON.stringify(a.mode)} needs a network name` });
    if (!needsNetwork && a.network !== undefined) return fail({ path: ['network'], message: `mode ${JSON.stringify(a.mode)} does not use a network name` });
    const host = vm.host === null ? undefined : t.hosts.find((h) => h.id === vm.host);
    if (a.mode === 'nat-network' && host && !host.natNetworks.some((n) => n.name === network)) {
      return fail(unknownReference(['network'], 'NAT network', network!, host.natNetworks.map((n) => n.name), undefined, `on host "${host.id}"`));
    }
    if (a.mode === 'host-only' && host && !host.hostOnlyNetworks.some((n) => n.name === network)) {
      return fail(unknownReference(['network'], 'host-only network', network!, host.hostOnlyNetworks.map((n) => n.name), undefined, `on host "${host.id}"`));
    }
    if (a.mode === 'cloud' && !t.networks.some((n) => n.id === network)) {
      return fail(unknownReference(['network'], 'network', network!, t.networks.map((n) => n.id)));
    }
    if (a.mode === nic.mode && network === nic.network && a.address === undefined) {
      return ok({ state: t, events: [event('NO_CHANGE', { vm: vm.id, adapter: nicIndex + 1 })] });
    }

    const events: NetworkEvent[] = [];
    let next: Nic = { ...nic, mode: a.mode, network, address: null, addressing: 'none', subnet: null };
    // Neutron disassociates a floating IP when its port goes away or moves to another network.
    if (nic.floatingIp !== null && (a.mode !== 'cloud' || network !== nic.network)) {
      next.floatingIp = null;
      events.push(event('FLOATING_IP_DETACHED', { vm: vm.id, adapter: nicIndex + 1, address: nic.floatingIp }, true));
    }
    if (a.address !== undefined) {
      const placed = staticAddress(t, vm, nicIndex, next, a.address);
      if (!placed.ok) return placed;
      next = placed.value;
    } else {
      next = { ...next, ...leaseFor(t, vm, nicIndex, next) };
    }
    events.unshift(event('NIC_MODE_CHANGED', { vm: vm.id, adapter: nicIndex + 1, from: nic.mode, to: a.mode, network: network ?? '' }));
    if (next.address !== null) events.push(event('ADDRESS_ASSIGNED', { vm: vm.id, adapter: nicIndex + 1, address: next.address, how: next.addressing }));
    else if (a.mode !== 'not-attached') events.push(event('NO_DHCP', { vm: vm.id, adapter: nicIndex + 1, mode: a.mode, network: network ?? '' }, true));
    if (a.mode !== 'nat' && nic.mode === 'nat' && nic.portForwards.length > 0) {
      events.push(event('PORT_FORWARDS_INACTIVE', { vm: vm.id, adapter: nicIndex + 1, count: nic.portForwards.length }, true));
    }
    for (const svc of vm.services) {
      if (nic.address !== null && svc.listen === nic.address && next.address !== nic.address) {
        events.push(event('SERVICE_ADDRESS_GONE', { vm: vm.id, service: svc.name, listen: svc.listen }, true));
      }
    }
    return ok({ state: updateNic(t, vmIndex, nicIndex, next), events });
  });
}

/** A typed-in address must sit in the network's block and not be taken by anyone else there. */
function staticAddress(t: Topology, vm: Vm, slot: number, nic: Nic, text: string): Result<Nic> {
  if (nic.mode === 'nat' || nic.mode === 'not-attached') {
    return fail({ path: ['address'], message: nic.mode === 'nat' ? 'the NAT engine assigns the address of a NAT adapter' : 'an adapter that is not attached has no address' });
  }
  if (nic.mode === 'internal') {
    const split = splitInterfaceAddress(text);
    if (!split) return fail({ path: ['address'], message: `bad interface address ${JSON.stringify(text)}`, hint: 'Write an address with an optional prefix, like "10.10.0.5/24"' });
    if (takenOnSegment(t, vm, slot, nic, split.address)) return fail({ path: ['address'], message: `${split.address} is already used on internal network ${JSON.stringify(nic.network)}` });
    return ok({ ...nic, address: split.address, subnet: split.cidr, addressing: 'static' });
  }
  if (!isIp(text)) return fail({ path: ['address'], message: `bad IPv4 address ${JSON.stringify(text)}` });
  const block = blockOf(t, vm, nic);
  if (block !== null && !isUsableHost(block, text)) return fail({ path: ['address'], message: `${text} is not a usable address in ${block}` });
  if (takenOnSegment(t, vm, slot, nic, text)) return fail({ path: ['address'], message: `${text} is already used on that network` });
  return ok({ ...nic, address: text, addressing: 'static' });
}

function blockOf(t: Topology, vm: Vm, nic: Nic): string | null {
  const host = t.hosts.find((h) => h.id === vm.host);
  switch (nic.mode) {
    case 'bridged':
      return t.lans.find((l) => l.id === host?.lan)?.cidr ?? null;
    case 'nat-network':
      return host?.natNetworks.find((n) => n.name === nic.network)?.cidr ?? null;
    case 'host-only':
      return host?.hostOnlyNetworks.find((n) => n.name === nic.network)?.cidr ?? null;
    case 'cloud':
      return t.networks.find((n) => n.id === nic.network)?.cidr ?? null;
    default:
      return null;
  }
}

function takenOnSegment(t: Topology, vm: Vm, slot: number, nic: Nic, address: string): boolean {
  const hostLan = (id: string | null) => t.hosts.find((h) => h.id === id)?.lan ?? null;
  const segment = nicSegment(vm, nic, slot, hostLan(vm.host));
  if (segment === null) return false;
  if (segment.startsWith('lan:')) {
    const lan = t.lans.find((l) => `lan:${l.id}` === segment);
    if (lan?.gateway === address) return true;
    if (t.hosts.some((h) => `lan:${h.lan}` === segment && h.address === address)) return true;
    if (t.devices.some((d) => `lan:${d.lan}` === segment && d.address === address)) return true;
  }
  if (segment.startsWith('cloud:') && t.networks.some((n) => `cloud:${n.id}` === segment && n.gateway === address)) return true;
  if (segment.startsWith('hostonly:')) {
    const net = t.hosts.find((h) => h.id === vm.host)?.hostOnlyNetworks.find((n) => n.name === nic.network);
    if (net?.hostAddress === address) return true;
  }
  return t.vms.some((other) =>
    other.nics.some((n, i) => !(other.id === vm.id && i === slot) && n.address === address && nicSegment(other, n, i, hostLan(other.host)) === segment),
  );
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

function addNatNetworkForward(t: Topology, hostId: string, network: string, spec: PortForwardSpec): Step {
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

function attachFloatingIp(t: Topology, vmId: string, nicIndex: number, address: string | undefined): Step {
  return withVmNic(t, vmId, nicIndex, (vmIndex, n, vm, nic) => {
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

function addRule(t: Topology, groupId: string, spec: Extract<Action, { type: 'addSecurityGroupRule' }>['rule']): Step {
  const g = findGroup(t, groupId);
  if (typeof g !== 'number') return fail(g);
  const group = t.securityGroups[g]!;
  const issues: Issue[] = [];
  const direction = spec.direction ?? 'ingress';
  const protocol = spec.protocol ?? 'tcp';
  if (direction !== 'ingress' && direction !== 'egress') issues.push({ path: ['rule', 'direction'], message: `expected "ingress" or "egress", got ${JSON.stringify(direction)}` });
  if (!['tcp', 'udp', 'icmp', 'any'].includes(protocol)) issues.push({ path: ['rule', 'protocol'], message: `expected one of "tcp", "udp", "icmp", "any", got ${JSON.stringify(protocol)}` });
  if (spec.ports !== undefined) {
    if (protocol === 'icmp' || protocol === 'any') issues.push({ path: ['rule', 'ports'], message: `ports do not apply to protocol ${JSON.stringify(protocol)}` });
    else if (parsePortRange(spec.ports) === null) issues.push({ path: ['rule', 'ports'], message: `bad port range ${JSON.stringify(spec.ports)}`, hint: 'Use a port (80) or a range "8000:8100" within 1–65535' });
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
  const made: SecurityGroupRule = normalizeRule(id, { direction, protocol, ...(spec.ports === undefined ? {} : { ports: spec.ports }), ...(spec.remote === undefined ? {} : { remote: canonicalCidr(spec.remote) }), ...(spec.remoteGroup === undefined ? {} : { remoteGroup: spec.remoteGroup }) });
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

function portProtocolIssues(port: number, protocol: string): Issue[] {
  const issues: Issue[] = [];
  if (!isPort(port)) issues.push({ path: ['port'], message: `expected a port 1–65535, got ${JSON.stringify(port)}` });
  if (protocol !== 'tcp' && protocol !== 'udp') issues.push({ path: ['protocol'], message: `expected "tcp" or "udp", got ${JSON.stringify(protocol)}` });
  return issues;
}

type EndpointSection = 'vms' | 'hosts' | 'devices';

function findEndpoint(t: Topology, id: string): { section: EndpointSection; index: number } | Issue {
  for (const section of ['vms', 'hosts', 'devices'] as const) {
    const index = t[section].findIndex((x) => x.id === id);
    if (index >= 0) return { section, index };
  }
  return unknownReference(['node'], 'machine', id, [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id));
}

function updateEndpoint(t: Topology, where: { section: EndpointSection; index: number }, change: { firewall?: Firewall; services?: Service[] }): Topology {
  switch (where.section) {
    case 'vms':
      return { ...t, vms: t.vms.map((x, i) => (i === where.index ? { ...x, ...change } : x)) };
    case 'hosts':
      return { ...t, hosts: t.hosts.map((x, i) => (i === where.index ? { ...x, ...change } : x)) };
    case 'devices':
      return { ...t, devices: t.devices.map((x, i) => (i === where.index ? { ...x, ...change } : x)) };
  }
}

function withEndpoint(t: Topology, id: string, fn: (fw: Firewall) => { firewall: Firewall; events: NetworkEvent[] }): Step {
  const where = findEndpoint(t, id);
  if ('path' in where) return fail(where);
  const current = t[where.section][where.index]!.firewall;
  const { firewall, events } = fn(current);
  return ok({ state: firewall === current ? t : updateEndpoint(t, where, { firewall }), events });
}

/** Binding to an address the machine does not have fails in a real OS (EADDRNOTAVAIL). */
function setServiceListen(t: Topology, node: string, serviceName: string, listenText: string): Step {
  const where = findEndpoint(t, node);
  if ('path' in where) return fail(where);
  const endpoint = t[where.section][where.index]!;
  const k = endpoint.services.findIndex((s) => s.name === serviceName);
  if (k < 0) return fail(unknownReference(['service'], 'service', serviceName, endpoint.services.map((s) => s.name), undefined, `on ${node}`));
  const listen = listenText === 'localhost' ? '127.0.0.1' : listenText;
  if (!isIp(listen)) return fail({ path: ['listen'], message: `bad IPv4 address ${JSON.stringify(listenText)}`, hint: 'Use 0.0.0.0 (every address), 127.0.0.1 (this machine only) or one of its addresses' });
  const ix = indexTopology(t);
  const own = ix.endpoints.get(node)!.ifaces.map((i) => i.address);
  if (listen !== ANY_ADDRESS && !isLoopback(listen) && !own.includes(listen)) {
    return fail({ path: ['listen'], message: `${listen} is not an address of ${node}`, hint: own.length ? `Its addresses: ${own.join(', ')}` : `${node} has no address on any network` });
  }
  const services = endpoint.services.map((s, i) => (i === k ? { ...s, listen } : s));
  return ok({ state: updateEndpoint(t, where, { services }), events: [event('SERVICE_LISTEN_CHANGED', { node, service: serviceName, listen })] });
}
