import { fail, ok, type Issue } from '../../core/issues';
import type { Action, NetworkEvent } from '../actions';
import { ANY_ADDRESS, isIp, isLoopback } from '../ip';
import { isPort } from '../ports';
import { unknownReference } from '../references';
import { indexTopology } from '../topology-index';
import { firewallEntryText } from '../explain';
import { hasPorts, parseIpProtocol, protocolProblem } from '../protocols';
import type { Firewall, FirewallAllow, Service, Topology } from '../types';
import { event, type Step } from './common';

export function setFirewall(t: Topology, a: Extract<Action, { type: 'setFirewall' }>): Step {
  return withEndpoint(t, a.node, (fw) => {
    if (fw.enabled === a.enabled) return { firewall: fw, events: [event('NO_CHANGE', { node: a.node })] };
    return { firewall: { ...fw, enabled: a.enabled }, events: [event(a.enabled ? 'FIREWALL_ENABLED' : 'FIREWALL_DISABLED', { node: a.node })] };
  });
}

/** Allow or stop allowing a TCP/UDP port, or a protocol without ports ("icmp" lets pings in, "gre" a tunnel). */
export function changeFirewallPort(t: Topology, a: Extract<Action, { type: 'allowFirewallPort' | 'removeFirewallPort' }>): Step {
  const entry = firewallEntry(a.protocol, a.port);
  if ('issues' in entry) return fail(...entry.issues);
  return withEndpoint(t, a.node, (fw) => {
    const same = (x: FirewallAllow) => x.protocol === entry.protocol && x.port === entry.port;
    const has = fw.allow.some(same);
    const params = { node: a.node, entry: firewallEntryText(entry), protocol: entry.protocol, ...(entry.port === null ? {} : { port: entry.port }) };
    if (a.type === 'allowFirewallPort') {
      if (has) return { firewall: fw, events: [event('NO_CHANGE', params)] };
      return { firewall: { ...fw, allow: [...fw.allow, entry] }, events: [event('FIREWALL_PORT_ALLOWED', params)] };
    }
    if (!has) return { firewall: fw, events: [event('NO_CHANGE', params)] };
    return { firewall: { ...fw, allow: fw.allow.filter((x) => !same(x)) }, events: [event('FIREWALL_PORT_REMOVED', params)] };
  });
}

function firewallEntry(protocolInput: unknown, portInput: unknown): FirewallAllow | { issues: Issue[] } {
  const protocol = parseIpProtocol(protocolInput);
  if (protocol === null) return { issues: [{ path: ['protocol'], message: protocolProblem(protocolInput) }] };
  const port = portInput ?? null;
  if (hasPorts(protocol)) {
    return isPort(port) ? { protocol, port } : { issues: [{ path: ['port'], message: `expected a port 1–65535, got ${JSON.stringify(port)}` }] };
  }
  return port === null ? { protocol, port: null } : { issues: [{ path: ['port'], message: `protocol ${protocol} has no ports, got port ${JSON.stringify(port)}`, hint: 'Leave the port out to let that protocol in' }] };
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
export function setServiceListen(t: Topology, a: Extract<Action, { type: 'setServiceListen' }>): Step {
  const { node, service: serviceName, listen: listenText } = a;
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
