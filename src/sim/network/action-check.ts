import type { Issue } from '../core/issues';
import { actionIssue, anyOf, bool, finite, list, nullable, object, optional, text, type Rule, type Shape } from '../core/shape';
import { closest } from '../core/suggest';
import type { ActionType } from './actions';

/**
 * The shape of every edit, checked before any handler runs (SPEC N48): ids are text, numbers are
 * finite, nested rules are mappings. Ranges and names that must exist are the handlers' business
 * (they know the topology and say so with did-you-mean); this only keeps ill-typed input (a number
 * for a VM id, `nic: NaN`, a list for an address) from throwing or reaching the state.
 */
const number = finite;
const textOrNumber: Rule = anyOf('expected text or a number', text, number);
const forward = { name: optional(text), protocol: optional(text), hostIp: optional(text), hostPort: number, guestIp: optional(text), guestPort: number };
const forwardChanges = object({ protocol: optional(text), hostIp: optional(text), hostPort: optional(number), guestIp: optional(text), guestPort: optional(number) });
const securityRule = object({
  id: optional(text),
  direction: optional(text),
  protocol: optional(textOrNumber),
  ports: optional(textOrNumber),
  icmpType: optional(number),
  icmpCode: optional(number),
  remote: optional(text),
  remoteGroup: optional(text),
});
const nic = { vm: text, nic: number };
const firewallPort = { node: text, port: optional(nullable(number)), protocol: textOrNumber };

const SHAPES: Record<ActionType, Shape> = {
  setNicMode: { ...nic, mode: text, network: optional(text), address: optional(text), tunnel: optional(object({ sport: number, dest: text, dport: number })) },
  addPortForward: { ...nic, rule: object(forward) },
  updatePortForward: { ...nic, name: text, changes: forwardChanges },
  removePortForward: { ...nic, name: text },
  addNatNetworkPortForward: { host: text, network: text, rule: object(forward) },
  removeNatNetworkPortForward: { host: text, network: text, name: text },
  attachFloatingIp: { ...nic, address: optional(text) },
  detachFloatingIp: nic,
  addSecurityGroupRule: { group: text, rule: securityRule },
  removeSecurityGroupRule: { group: text, rule: text },
  setNicSecurityGroups: { ...nic, groups: list(text) },
  setFirewall: { node: text, enabled: bool },
  allowFirewallPort: firewallPort,
  removeFirewallPort: firewallPort,
  setNatLocalhostReachable: { ...nic, reachable: bool },
  setServiceListen: { node: text, service: text, listen: text },
};

export const ACTION_TYPES = Object.keys(SHAPES) as ActionType[];

/** null when `input` has the shape of an edit, else the issue naming the field. */
export const actionShapeIssue = (input: unknown): Issue | null => actionIssue(input, SHAPES, closest);
