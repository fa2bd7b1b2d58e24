import type { Entry } from './entries';
import { ANY_ADDRESS, isLoopback } from './ip';
import { allowingRule } from './security-groups';
import type { EndpointInfo, TopologyIndex } from './topology-index';
import type { Firewall, Protocol } from './types';
import { STAGE, type Block, type ElementRef } from './verdict';
import type { Vantage } from './vantages';

/**
 * The checks a connection meets once a route exists, in the order the packet meets them:
 * the source port's security groups (egress), the firewall of a host whose port forward it
 * uses, the target port's security groups (ingress), the target's own firewall, and finally
 * a service that listens on the port and on the address the connection arrived at.
 * Security groups are stateful: replies are never checked, so only the opening direction is.
 */
export function checkRoute(ix: TopologyIndex, v: Vantage, e: Entry, protocol: Protocol): Block | null {
  if (v.port !== null) {
    const remotePort = e.at === 'segment' && e.arrive.iface?.nic?.mode === 'cloud' && e.dst === e.arrive.iface.address ? e.arrive.iface : null;
    const allowed = allowingRule(ix, v.port, 'egress', protocol, e.dstPort, { address: e.dst, port: remotePort });
    if (!allowed) {
      return {
        code: 'SG_EGRESS_DENIED',
        stage: STAGE.egress,
        element: groupsRef(v.port.owner, v.port.ref.path, v.port.edge),
        params: { node: v.port.owner, groups: v.port.nic!.securityGroups.join(', '), port: e.dstPort, protocol, remote: e.dst },
      };
    }
  }

  if (e.forward !== null && v.localTo !== e.forward.host) {
    const host = ix.endpoints.get(e.forward.host)!;
    if (!firewallAllows(host.firewall, e.dstPort, protocol)) {
      return {
        code: 'HOST_FIREWALL_BLOCKS',
        stage: STAGE.hostFirewall,
        element: firewallRef(host),
        params: { node: host.id, port: e.dstPort, protocol },
      };
    }
  }

  const target = e.arrive.endpoint;
  const arrivalPort = e.arrive.iface?.nic?.mode === 'cloud' ? e.arrive.iface : null;
  if (arrivalPort !== null) {
    const allowed = allowingRule(ix, arrivalPort, 'ingress', protocol, e.arrive.port, { address: v.src, port: v.port });
    if (!allowed) {
      return {
        code: 'SG_INGRESS_DENIED',
        stage: STAGE.ingress,
        element: groupsRef(target.id, arrivalPort.ref.path, arrivalPort.edge),
        params: { node: target.id, groups: arrivalPort.nic!.securityGroups.join(', '), port: e.arrive.port, protocol, remote: v.src },
      };
    }
  }

  if (target.kind === 'internet') return null;
  const local = e.arrive.loopback || (v.localTo !== null && v.localTo === target.id);
  if (!local && !firewallAllows(target.firewall, e.arrive.port, protocol)) {
    return {
      code: 'FIREWALL_BLOCKS',
      stage: STAGE.firewall,
      element: firewallRef(target),
      params: { node: target.id, port: e.arrive.port, protocol },
    };
  }
  // VirtualBox holds a forwarded host port open even when the guest address matches no VM.
  if (target.kind === 'host' && e.forward === null) {
    const dangling = (ix.forwardsByHost.get(target.id) ?? []).find(
      (f) => f.target === null && f.rule.hostPort === e.arrive.port && f.rule.protocol === protocol && (f.rule.hostIp === '' || f.rule.hostIp === ANY_ADDRESS || f.rule.hostIp === e.arrive.address),
    );
    if (dangling) {
      return { code: 'PORT_FORWARD_NO_GUEST', stage: STAGE.service, element: dangling.ref, params: { rule: dangling.rule.name, guestIp: dangling.rule.guestIp, hostPort: dangling.rule.hostPort, node: target.id } };
    }
  }
  return checkService(target, e.arrive.port, protocol, e.arrive.address, e.arrive.loopback);
}

export function firewallAllows(fw: Firewall, port: number, protocol: Protocol): boolean {
  return !fw.enabled || fw.allow.some((a) => a.port === port && a.protocol === protocol);
}

/**
 * A socket accepts a connection when it listens on every address (0.0.0.0), on the address
 * the connection arrived at, or on loopback for connections from the machine itself.
 */
export function checkService(target: EndpointInfo, port: number, protocol: Protocol, arrivedAt: string, loopback: boolean): Block | null {
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
