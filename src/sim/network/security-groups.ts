import { contains } from './ip';
import type { Iface, TopologyIndex } from './topology-index';
import type { Protocol, SecurityGroupRule } from './types';

/** The other end of a flow as a security group rule sees it. */
export interface Remote {
  address: string;
  /** The cloud port at the other end, when the packet carries that port's own fixed IP. */
  port: Iface | null;
}

/**
 * Does this rule allow the flow? Protocol "any" covers every port; null port bounds mean
 * every port; a remote group matches ports that are members of the group, by fixed IP.
 */
export function ruleAllows(
  rule: SecurityGroupRule,
  direction: 'ingress' | 'egress',
  protocol: Protocol,
  port: number,
  remote: Remote,
): boolean {
  if (rule.direction !== direction) return false;
  if (rule.protocol !== 'any' && rule.protocol !== protocol) return false;
  if (rule.protocol !== 'any' && rule.portMin !== null && (port < rule.portMin || port > (rule.portMax ?? rule.portMin))) return false;
  if (rule.remoteGroup !== null) {
    return remote.port !== null && remote.port.address === remote.address && remote.port.nic!.securityGroups.includes(rule.remoteGroup);
  }
  return rule.remoteCidr !== null && contains(rule.remoteCidr, remote.address);
}

/**
 * Security groups on a port are additive: the flow passes when any rule of any group allows it.
 * Returns the allowing rule, or null when the port's groups drop the flow.
 */
export function allowingRule(
  ix: TopologyIndex,
  port: Iface,
  direction: 'ingress' | 'egress',
  protocol: Protocol,
  portNumber: number,
  remote: Remote,
): { group: string; rule: SecurityGroupRule } | null {
  for (const gid of port.nic!.securityGroups) {
    const group = ix.groups.get(gid)?.group;
    if (!group) continue;
    for (const rule of group.rules) {
      if (ruleAllows(rule, direction, protocol, portNumber, remote)) return { group: gid, rule };
    }
  }
  return null;
}
