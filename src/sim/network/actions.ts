import type { SecurityGroupRuleInput } from './schema';
import type { IpProtocol, NicMode, PortForward, Protocol, UdpTunnel } from './types';

/**
 * Every edit a widget, lab or quiz can make, as plain data. `nic` is the 0-based adapter index
 * (VirtualBox calls index 0 "Adapter 1"). Applied by `apply`, which validates and never throws.
 */
export type Action =
  /** `tunnel`: the generic driver's UDP tunnel (mode "generic"), which also needs a static address like "10.20.0.1/24". */
  | { type: 'setNicMode'; vm: string; nic: number; mode: NicMode; network?: string; address?: string; tunnel?: UdpTunnel }
  | { type: 'addPortForward'; vm: string; nic: number; rule: PortForwardSpec }
  | { type: 'updatePortForward'; vm: string; nic: number; name: string; changes: Partial<Omit<PortForward, 'name'>> }
  | { type: 'removePortForward'; vm: string; nic: number; name: string }
  | { type: 'addNatNetworkPortForward'; host: string; network: string; rule: PortForwardSpec }
  | { type: 'removeNatNetworkPortForward'; host: string; network: string; name: string }
  | { type: 'attachFloatingIp'; vm: string; nic: number; address?: string }
  | { type: 'detachFloatingIp'; vm: string; nic: number }
  | { type: 'addSecurityGroupRule'; group: string; rule: SecurityGroupRuleSpec }
  | { type: 'removeSecurityGroupRule'; group: string; rule: string }
  | { type: 'setNicSecurityGroups'; vm: string; nic: number; groups: string[] }
  | { type: 'setFirewall'; node: string; enabled: boolean }
  /** A TCP/UDP port (`port` and `protocol`), or a protocol without ports (`protocol: 'icmp'`, no port). */
  | { type: 'allowFirewallPort'; node: string; port?: number | null; protocol: Protocol | IpProtocol | string | number }
  | { type: 'removeFirewallPort'; node: string; port?: number | null; protocol: Protocol | IpProtocol | string | number }
  /** `VBoxManage modifyvm <vm> --nat-localhostreachable<nic+1> on|off` */
  | { type: 'setNatLocalhostReachable'; vm: string; nic: number; reachable: boolean }
  | { type: 'setServiceListen'; node: string; service: string; listen: string };

export type ActionType = Action['type'];

/** A port forward as typed in: protocol defaults to tcp, host and guest IP to "" (any / the guest). */
export interface PortForwardSpec {
  name?: string;
  protocol?: Protocol;
  hostIp?: string;
  hostPort: number;
  guestIp?: string;
  guestPort: number;
}

/** A security group rule in the same shape as in scenario files (`ports: 80` or "8000:8100", `remote` or `remoteGroup`). */
export type SecurityGroupRuleSpec = SecurityGroupRuleInput;

export type EventCode =
  | 'NIC_MODE_CHANGED'
  | 'ADDRESS_ASSIGNED'
  | 'NO_DHCP'
  | 'SERVICE_ADDRESS_GONE'
  | 'PORT_FORWARD_ADDED'
  | 'PORT_FORWARD_UPDATED'
  | 'PORT_FORWARD_REMOVED'
  | 'PORT_FORWARD_PRIVILEGED'
  | 'PORT_FORWARDS_INACTIVE'
  | 'FLOATING_IP_ATTACHED'
  | 'FLOATING_IP_DETACHED'
  | 'SECURITY_GROUP_RULE_ADDED'
  | 'SECURITY_GROUP_RULE_REMOVED'
  | 'SECURITY_GROUPS_SET'
  | 'FIREWALL_ENABLED'
  | 'FIREWALL_DISABLED'
  | 'FIREWALL_PORT_ALLOWED'
  | 'FIREWALL_PORT_REMOVED'
  | 'NAT_LOCALHOST_REACHABLE_ON'
  | 'NAT_LOCALHOST_REACHABLE_OFF'
  | 'SERVICE_LISTEN_CHANGED'
  | 'NO_CHANGE';

/** What an action did, as data; `warning` marks things the student should notice. */
export interface NetworkEvent {
  code: EventCode;
  warning: boolean;
  params: Record<string, string | number>;
}
