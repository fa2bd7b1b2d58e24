import type { Flow } from './entries';
import { contains } from './ip';
import { parsePortRange } from './ports';
import { hasPorts } from './protocols';
import type { Iface, TopologyIndex } from './topology-index';
import type { SecurityGroupRule } from './types';

/** ICMP type of an echo request: a ping is the only ICMP question the engine asks. */
export const ICMP_ECHO_REQUEST = 8;

/** The other end of a flow as a security group rule sees it. */
export interface Remote {
  address: string;
  /** The cloud port at the other end, when the packet carries that port's own fixed IP. */
  port: Iface | null;
}

/**
 * Does this rule allow the flow? Protocol "any" covers every protocol and port; null port bounds
 * mean every port; an ICMP rule with a type allows only that type (a ping is type 8, code 0); a
 * remote group matches ports that are members of the group, by fixed IP.
 */
export function ruleAllows(rule: SecurityGroupRule, direction: 'ingress' | 'egress', flow: Flow, remote: Remote): boolean {
  if (rule.direction !== direction) return false;
  if (rule.protocol !== 'any' && rule.protocol !== flow.protocol) return false;
  if (rule.protocol === 'icmp') {
    if (rule.portMin !== null && rule.portMin !== ICMP_ECHO_REQUEST) return false;
    if (rule.portMax !== null && rule.portMax !== 0) return false;
  } else if (rule.protocol !== 'any' && rule.portMin !== null && flow.port !== null && (flow.port < rule.portMin || flow.port > (rule.portMax ?? rule.portMin))) {
    return false;
  }
  if (rule.remoteGroup !== null) {
    return remote.port !== null && remote.port.address === remote.address && remote.port.nic!.securityGroups.includes(rule.remoteGroup);
  }
  return rule.remoteCidr !== null && contains(rule.remoteCidr, remote.address);
}

/**
 * Security groups on a port are additive: the flow passes when any rule of any group allows it.
 * Returns the allowing rule, or null when the port's groups drop the flow.
 */
export function allowingRule(ix: TopologyIndex, port: Iface, direction: 'ingress' | 'egress', flow: Flow, remote: Remote): { group: string; rule: SecurityGroupRule } | null {
  for (const gid of port.nic!.securityGroups) {
    const group = ix.groups.get(gid)?.group;
    if (!group) continue;
    for (const rule of group.rules) {
      if (ruleAllows(rule, direction, flow, remote)) return { group: gid, rule };
    }
  }
  return null;
}

type RuleFields = { ports?: number | string | undefined; icmpType?: number | undefined; icmpCode?: number | undefined };

/**
 * Fields that do not fit the rule's protocol. Ports belong to TCP and UDP (the engine models no
 * services on SCTP or DCCP), ICMP type and code to ICMP, and a code only with a type (Neutron's rule).
 */
export function ruleFieldProblems(protocol: string, rule: RuleFields): { field: string; message: string; hint?: string }[] {
  const out: { field: string; message: string; hint?: string }[] = [];
  if (rule.ports !== undefined) {
    if (!hasPorts(protocol)) out.push({ field: 'ports', message: `ports do not apply to protocol ${JSON.stringify(protocol)}`, hint: protocol === 'icmp' ? 'Remove "ports"; use "icmpType" (8 for ping) to narrow an ICMP rule' : 'Remove "ports" or use tcp/udp' });
    else if (parsePortRange(rule.ports) === null) out.push({ field: 'ports', message: `bad port range ${JSON.stringify(rule.ports)}`, hint: 'Use a port (80) or a range "8000:8100" within 1–65535' });
  }
  if (protocol !== 'icmp') {
    if (rule.icmpType !== undefined) out.push({ field: 'icmpType', message: `an ICMP type applies to protocol "icmp" only, not ${JSON.stringify(protocol)}` });
    if (rule.icmpCode !== undefined) out.push({ field: 'icmpCode', message: `an ICMP code applies to protocol "icmp" only, not ${JSON.stringify(protocol)}` });
  } else if (rule.icmpCode !== undefined && rule.icmpType === undefined) {
    out.push({ field: 'icmpCode', message: 'an ICMP code needs an ICMP type', hint: 'Give "icmpType" too (8 with code 0 is an echo request)' });
  }
  return out;
}
