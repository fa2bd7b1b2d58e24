import type { Entry, Flow } from './entries';
import { firewallEntryText } from './explain';
import { ANY_ADDRESS, isLoopback, LOOPBACK } from './ip';
import { hasPorts, protocolLabel } from './protocols';
import { allowingRule } from './security-groups';
import type { EndpointInfo, TopologyIndex } from './topology-index';
import type { Firewall } from './types';
import { STAGE, type Block, type ElementRef } from './verdict';
import type { Vantage } from './vantages';

/** "tcp port 80", "ICMP echo (ping)", "GRE": what a sentence says is being let in or stopped. */
export function flowText(flow: Flow): string {
  if (flow.protocol === 'icmp') return 'ICMP echo (ping)';
  return flow.port === null ? protocolLabel(flow.protocol) : `${flow.protocol} port ${flow.port}`;
}

/** Block parameters that name the flow: `what` for sentences, and the protocol and port when there is one. */
function flowParams(flow: Flow): Record<string, string | number> {
  const entry = firewallEntryText(flow);
  const example = flow.port === null ? '' : ` (for example "ufw allow ${entry}")`;
  return flow.port === null ? { what: flowText(flow), entry, protocol: flow.protocol, example } : { what: flowText(flow), entry, protocol: flow.protocol, port: flow.port, example };
}

/**
 * The checks a connection meets once a route exists, in the order the packet meets them:
 * whatever stopped it on the way there (a NAT that drops it), the source port's security groups
 * (egress), the firewall of a host whose port forward it uses, the target port's security groups
 * (ingress), the target's own firewall, and finally a service that listens on the port and on the
 * address the connection arrived at. Security groups are stateful: replies are never checked, so
 * only the opening direction is. A packet that never leaves its machine (loopback, its own
 * address) meets no filter at all.
 */
export function checkRoute(ix: TopologyIndex, v: Vantage, e: Entry, flow: Flow): Block | null {
  if (v.block !== null) return v.block;
  const target = e.arrive.endpoint;
  const withinMachine = (v.at === 'self' || v.at === 'host-local') && v.localTo === target.id && e.forward === null;

  if (v.port !== null) {
    const remotePort = e.at === 'segment' && e.arrive.iface?.nic?.mode === 'cloud' && e.dst === e.arrive.iface.address ? e.arrive.iface : null;
    const allowed = allowingRule(ix, v.port, 'egress', { protocol: flow.protocol, port: e.dstPort }, { address: e.dst, port: remotePort });
    if (!allowed) {
      return {
        code: 'SG_EGRESS_DENIED',
        stage: STAGE.egress,
        element: groupsRef(v.port.owner, v.port.ref.path, v.port.edge),
        params: { node: v.port.owner, groups: v.port.nic!.securityGroups.join(', '), ...flowParams({ protocol: flow.protocol, port: e.dstPort }), remote: e.dst },
      };
    }
  }

  if (e.forward !== null && v.localTo !== e.forward.host) {
    const host = ix.endpoints.get(e.forward.host)!;
    const hostFlow = { protocol: flow.protocol, port: e.dstPort };
    if (!firewallAllows(host.firewall, hostFlow)) {
      return { code: 'HOST_FIREWALL_BLOCKS', stage: STAGE.hostFirewall, element: firewallRef(host), params: { node: host.id, ...flowParams(hostFlow) } };
    }
  }

  const arrivalFlow = { protocol: flow.protocol, port: e.arrive.port };
  const arrivalPort = e.arrive.iface?.nic?.mode === 'cloud' && !withinMachine ? e.arrive.iface : null;
  if (arrivalPort !== null) {
    const allowed = allowingRule(ix, arrivalPort, 'ingress', arrivalFlow, { address: v.src, port: v.port });
    if (!allowed) {
      return {
        code: 'SG_INGRESS_DENIED',
        stage: STAGE.ingress,
        element: groupsRef(target.id, arrivalPort.ref.path, arrivalPort.edge),
        params: { node: target.id, groups: arrivalPort.nic!.securityGroups.join(', '), ...flowParams(arrivalFlow), remote: v.src },
      };
    }
  }

  if (target.kind === 'internet') return null;
  const local = withinMachine || e.arrive.loopback || (v.localTo !== null && v.localTo === target.id);
  if (!local && !firewallAllows(target.firewall, arrivalFlow)) {
    return { code: 'FIREWALL_BLOCKS', stage: STAGE.firewall, element: firewallRef(target), params: { node: target.id, ...flowParams(arrivalFlow) } };
  }
  // Without ports there is no service to find: a ping is answered by the target's kernel, other protocols arrive.
  if (!hasPorts(flow.protocol) || e.arrive.port === null) return null;
  if (target.kind === 'host' && e.forward === null) {
    const problem = forwardAtArrival(ix, target, flow.protocol, e.arrive.port, e.arrive.address);
    if (problem) return problem;
  }
  return checkService(target, e.arrive.port, flow.protocol, e.arrive.address, e.arrive.loopback);
}

/**
 * A connection that reaches the host's own stack on a port a forward uses: VirtualBox holds a
 * forwarded port open even when its guest address matches no VM; and a forward bound to another
 * host address explains a refusal better than "nothing listens" (the host's service, if any, wins).
 */
function forwardAtArrival(ix: TopologyIndex, host: EndpointInfo, protocol: 'tcp' | 'udp', port: number, address: string): Block | null {
  const forwards = (ix.forwardsByHost.get(host.id) ?? []).filter((f) => f.rule.hostPort === port && f.rule.protocol === protocol);
  const listensHere = (bind: string) => bind === '' || bind === ANY_ADDRESS || bind === address;
  const dangling = forwards.find((f) => f.target === null && listensHere(f.rule.hostIp));
  if (dangling) {
    return { code: 'PORT_FORWARD_NO_GUEST', stage: STAGE.service, element: dangling.ref, params: { rule: dangling.rule.name, guestIp: dangling.rule.guestIp, hostPort: dangling.rule.hostPort, node: host.id } };
  }
  if (host.services.some((s) => s.port === port && s.protocol === protocol)) return null;
  const elsewhere = forwards.find((f) => f.target !== null && !listensHere(f.rule.hostIp));
  if (!elsewhere) return null;
  const rule = elsewhere.rule;
  return {
    code: rule.hostIp === LOOPBACK ? 'PORT_FORWARD_LOOPBACK_ONLY' : 'PORT_FORWARD_OTHER_ADDRESS',
    stage: STAGE.service,
    element: elsewhere.ref,
    params: { rule: rule.name, hostIp: rule.hostIp, hostPort: rule.hostPort, protocol: rule.protocol, node: host.id, arrived: address },
  };
}

/** An enabled firewall lets in only what it allows: a TCP/UDP port, or a protocol without ports. */
export function firewallAllows(fw: Firewall, flow: Flow): boolean {
  return !fw.enabled || fw.allow.some((a) => a.protocol === flow.protocol && (a.port === null || a.port === flow.port));
}

/**
 * A socket accepts a connection when it listens on every address (0.0.0.0), on the address
 * the connection arrived at, or on loopback for connections from the machine itself.
 */
export function checkService(target: EndpointInfo, port: number, protocol: 'tcp' | 'udp', arrivedAt: string, loopback: boolean): Block | null {
  const index = target.services.findIndex((s) => s.port === port && s.protocol === protocol);
  if (index < 0) {
    return {
      code: 'SERVICE_NOT_LISTENING',
      stage: STAGE.service,
      element: { kind: 'service', owner: target.id, node: target.id, edge: null, path: [...target.path, 'services'] },
      params: { node: target.id, port, protocol },
    };
  }
  const service = target.services[index]!;
  if (service.listen === ANY_ADDRESS) return null;
  if (isLoopback(service.listen) ? loopback : service.listen === arrivedAt) return null;
  return {
    code: isLoopback(service.listen) ? 'SERVICE_LOOPBACK_ONLY' : 'SERVICE_BOUND_ELSEWHERE',
    stage: STAGE.service,
    element: { kind: 'service', owner: target.id, node: target.id, edge: null, path: [...target.path, 'services', index] },
    params: { node: target.id, service: service.name, port, protocol, listen: service.listen, arrived: arrivedAt },
  };
}

function groupsRef(owner: string, nicPath: (string | number)[], edge: string): ElementRef {
  return { kind: 'security-group', owner, node: owner, edge, path: [...nicPath, 'securityGroups'] };
}

function firewallRef(endpoint: EndpointInfo): ElementRef {
  return { kind: 'firewall', owner: endpoint.id, node: endpoint.id, edge: null, path: [...endpoint.path, 'firewall'] };
}
