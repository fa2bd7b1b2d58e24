import type { Action, EventCode, NetworkEvent } from './actions';
import type { NicMode } from './types';
import { parseIpProtocol, protocolLabel } from './protocols';
import type { Block, BlockCode, Hop, HopCode, Params, Query, Verdict } from './verdict';
import type { Warning, WarningCode } from './warnings';

/**
 * English for students, rendered from reason codes and their parameters. Widgets, quizzes and
 * lab checkers all show the same sentences. Templates use {name} placeholders; a placeholder
 * without a value renders as nothing rather than "undefined".
 */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    return value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value);
  });
}

const MODE_NAMES: Record<NicMode, string> = {
  'not-attached': 'Not attached',
  nat: 'NAT',
  'nat-network': 'NAT Network',
  bridged: 'Bridged Adapter',
  internal: 'Internal Network',
  'host-only': 'Host-only Adapter',
  generic: 'Generic Driver (UDP Tunnel)',
  cloud: 'Project network port',
};

/** The name VirtualBox's settings dialog uses for a mode. */
export function modeName(mode: NicMode): string {
  return MODE_NAMES[mode];
}

const BLOCKS: Record<BlockCode, { text: string; hint: string }> = {
  SOURCE_NOT_ATTACHED: {
    text: '{node} has no network adapter attached ("Not attached" is like an unplugged cable)',
    hint: 'Attach an adapter of {node} to a network',
  },
  TARGET_NOT_ATTACHED: {
    text: '{node} has no network adapter attached ("Not attached" is like an unplugged cable)',
    hint: 'Attach an adapter of {node} to a network',
  },
  NO_ADDRESS: {
    text: 'adapter {adapter} of {node} ({mode}) has no IP address: no DHCP server hands out addresses on that network',
    hint: 'Give adapter {adapter} of {node} a static address',
  },
  NAT_NO_INBOUND: {
    text: '{node} is behind NAT on adapter {adapter}: nothing outside the VM can open a connection to it without a port forward',
    hint: 'Add a port forward on adapter {adapter} of {node} from a host port to guest port {port}/{protocol}',
  },
  NAT_NO_INBOUND_PROTOCOL: {
    text: '{node} is behind {where} on adapter {adapter}, and port forwards carry only TCP and UDP: nothing outside can send it {what}',
    hint: 'Give {node} a bridged or host-only adapter to reach it with {what}',
  },
  NAT_LOOPBACK_UNREACHABLE: {
    text: 'adapter {adapter} of {node} has "localhost reachable" off (the default for VMs created with VirtualBox 7): its NAT engine drops connections to {gateway}, the host\'s loopback',
    hint: 'Turn it on ("VBoxManage modifyvm {node} --nat-localhostreachable{adapter} on"), or connect to the host\'s address {hostAddress}, where the service must listen on more than 127.0.0.1',
  },
  NAT_PROTOCOL_UNSUPPORTED: {
    text: 'the {engine} carries only TCP, UDP and ICMP echo: {protocol} packets from {node} are dropped (the VirtualBox manual names GRE, which PPTP VPNs need)',
    hint: 'Use a bridged adapter on {node} to send {protocol}',
  },
  ADDRESS_LOOPBACK_OTHER: {
    text: '{address} is the loopback address: on {other} it means {other} itself, never {node}',
    hint: '{advice}',
  },
  ADDRESS_NOT_TARGET: {
    text: '{address} is not an address of {node} (its addresses: {addresses})',
    hint: '{advice}',
  },
  ADDRESS_NOT_ROUTED: {
    text: '{address} belongs to {node} ({where}), and no route leads there from {other}',
    hint: '{advice}',
  },
  TUNNEL_NO_PEER: {
    text: 'the UDP tunnel on adapter {adapter} of {node} sends to {dest} port {dport} and listens on port {sport}, but no VM\'s tunnel mirrors it',
    hint: 'On the VM at the other end, set dest {hostAddress}, sport {dport} and dport {sport}: addresses and ports swapped',
  },
  TUNNEL_UDP_BLOCKED: {
    text: 'the UDP tunnel of adapter {adapter} of {node} needs {host} to send UDP to {peerHost} ({dest} port {dport}), and that is blocked: {reason}',
    hint: '{fix}',
  },
  TUNNEL_ONLY: {
    text: '{node} is attached only to a UDP tunnel: it reaches the VM at the tunnel\'s other end and nothing else',
    hint: 'Give {node} another adapter (NAT, bridged or host-only) for anything beyond the tunnel',
  },
  NAT_NETWORK_NO_INBOUND: {
    text: '{node} is on NAT network {network}: only VMs on the same NAT network can open connections to it directly',
    hint: 'Add a port forward to NAT network {network} from a host port to {node} port {port}/{protocol}, or attach the other VM to {network}',
  },
  PORT_FORWARD_LOOPBACK_ONLY: {
    text: 'port forward "{rule}" listens on 127.0.0.1 only, so only the host {node} itself can use it',
    hint: 'Clear the host IP of rule "{rule}" so that it listens on every address of the host',
  },
  PORT_FORWARD_OTHER_ADDRESS: {
    text: 'port forward "{rule}" listens only on {hostIp}, not on the address this connection arrives at',
    hint: 'Clear the host IP of rule "{rule}", or connect to {hostIp}',
  },
  PORT_FORWARD_NO_GUEST: {
    text: 'port forward "{rule}" sends connections to {guestIp}, which no VM on that network has',
    hint: 'Set the guest IP of rule "{rule}" to the address of the VM',
  },
  INTERNAL_ISOLATED: {
    text: '{node} is only on internal network "{network}", which only VMs attached to "{network}" can reach: not the host, not the LAN',
    hint: 'Attach the other VM to internal network "{network}" too, or give {node} another adapter',
  },
  INTERNAL_NAME_MISMATCH: {
    text: '{node} is on internal network "{network}" but {other} is on "{otherNetwork}": internal networks with different names are separate networks',
    hint: 'Use the same internal network name on both adapters',
  },
  INTERNAL_SUBNET_MISMATCH: {
    text: '{node} ({subnet}) and {other} ({otherSubnet}) share internal network "{network}", but their addresses are in different subnets',
    hint: 'Give both static addresses in the same subnet',
  },
  HOST_ONLY_NO_OUTSIDE: {
    text: '{node} is only on host-only network {network}: only the host and VMs on {network} can reach it',
    hint: 'Give {node} a bridged adapter, or a NAT adapter with a port forward, to reach it from elsewhere',
  },
  HOST_ONLY_DIFFERENT_NETWORK: {
    text: '{node} is on host-only network {network} but {other} is on {otherNetwork}: the host does not route between them',
    hint: 'Attach both to the same host-only network',
  },
  DIFFERENT_HOSTS: {
    text: '{node} runs on {host} and {other} on {otherHost}: internal, host-only and NAT networks exist inside one host only',
    hint: 'Use bridged adapters to put both VMs on the LAN',
  },
  SOURCE_INTERNAL_ONLY: {
    text: '{node} is only on internal network "{network}": its packets cannot leave that network',
    hint: 'Give {node} a NAT or bridged adapter for access beyond the internal network',
  },
  SOURCE_HOST_ONLY_ONLY: {
    text: '{node} is only on host-only networks: it reaches the host and VMs on the same network, nothing beyond',
    hint: 'Give {node} a NAT adapter for outbound access',
  },
  LAN_NO_INBOUND: {
    text: '{node} is on {lan} behind the LAN router\'s NAT: connections from the internet are not let in',
    hint: 'Connect from inside {lan}; letting the internet in would take a port forward on the LAN router, outside this model',
  },
  LAN_NO_INTERNET: {
    text: '{lan} has no uplink to the internet',
    hint: 'Connect {lan} to a router with internet access',
  },
  CLOUD_NO_FLOATING_IP: {
    text: '{node} has only a private address: from outside its project network it can be reached only through a floating IP',
    hint: 'Associate a floating IP with {node}',
  },
  CLOUD_NO_GATEWAY: {
    text: 'network {network} is not attached to a router with an external gateway',
    hint: 'Attach {network} to a router whose gateway is on the external network',
  },
  CLOUD_SNAT_DISABLED: {
    text: 'router {router} has SNAT disabled, so ports without a floating IP cannot reach the outside',
    hint: 'Enable SNAT on {router}, or associate a floating IP with {node}',
  },
  CLOUD_NETWORKS_NOT_ROUTED: {
    text: '{node} ({network}) and {other} ({otherNetwork}) are on project networks that share no router',
    hint: 'Attach both networks to the same router',
  },
  NO_ROUTE: {
    text: 'no network path leads from {other} to {node}',
    hint: 'Put both on a common network',
  },
  SG_EGRESS_DENIED: {
    text: 'no egress rule in the security groups of {node} ({groups}) allows {what} to {remote}',
    hint: 'Add an egress rule to a group of {node}; new groups allow all egress until that rule is removed',
  },
  HOST_FIREWALL_BLOCKS: {
    text: 'the firewall on host {node} blocks incoming {what}, the forwarded host port',
    hint: 'Allow {entry} in the firewall of {node}',
  },
  SG_INGRESS_DENIED: {
    text: 'no ingress rule in the security groups of {node} ({groups}) allows {what} from {remote}, and security groups drop everything else',
    hint: 'Add an ingress rule to a group of {node}: {what} from {remote}/32 (or 0.0.0.0/0 for anyone)',
  },
  FIREWALL_BLOCKS: {
    text: 'the firewall inside {node} blocks incoming {what}',
    hint: 'Allow {entry} in the firewall of {node}{example}',
  },
  SERVICE_NOT_LISTENING: {
    text: 'nothing on {node} listens on {protocol} port {port}: the connection is refused',
    hint: 'Start a service on port {port} of {node}, or connect to the port its service uses',
  },
  SERVICE_LOOPBACK_ONLY: {
    text: '{service} on {node} listens on {listen} only, so it accepts connections from {node} itself, not on {arrived}',
    hint: 'Make {service} listen on 0.0.0.0 (every address) or on {arrived}',
  },
  SERVICE_BOUND_ELSEWHERE: {
    text: '{service} on {node} listens on {listen}, but the connection arrives at {arrived}',
    hint: 'Make {service} listen on 0.0.0.0 (every address) or on {arrived}',
  },
};

export function describeBlock(block: Block): string {
  return fill(BLOCKS[block.code].text, block.params);
}

export function hintFor(block: Block): string {
  return fill(BLOCKS[block.code].hint, block.params);
}

/** Every reason code, for tests and for a glossary of reasons. */
export const BLOCK_CODES = Object.keys(BLOCKS) as BlockCode[];

const HOPS: Record<HopCode, string> = {
  start: '{node} opens a connection from {src} to {dst}{port}',
  loopback: '{node} connects to itself over the loopback interface',
  switch: 'across {node}',
  'nat-engine': 'the VirtualBox NAT engine on {node} sends it from the host\'s own network stack',
  'nat-service': 'the NAT network service on {node} sends it out through the host',
  'nat-loopback': 'the NAT engine on {node} passes it to the host\'s loopback interface',
  'lan-router': 'the router of {node} sends it to the internet',
  internet: 'across the internet',
  router: 'router {node} forwards it to the other project network',
  'router-snat': 'router {node} sends it out through its gateway',
  'floating-ip': 'router {node} applies the floating IP',
  'port-forward': 'a port forward on {node} passes it to the guest',
  arrive: 'arrives at {node} on {dst}{port}',
};

export function describeHop(hop: Hop): string {
  return describeHopNamed(hop, {});
}

/**
 * A hop with the node shown by a display name where `names` has one: a view passes the names it
 * draws ("across vboxnet0" rather than the graph id "across hostonly:laptop:vboxnet0").
 */
export function describeHopNamed(hop: Hop, names: Readonly<Record<string, string>>): string {
  const node = Object.hasOwn(names, hop.node) ? names[hop.node]! : hop.node;
  const template = hop.code === 'start' && hop.dstPort === null ? '{node} sends packets from {src} to {dst}' : HOPS[hop.code];
  const base = fill(template, { node, src: hop.src, dst: hop.dst, port: hop.dstPort === null ? '' : ` port ${hop.dstPort}` });
  if (!hop.translation) return base;
  const what = hop.translation.kind === 'snat' ? 'source' : 'destination';
  return `${base} (${what} ${hop.translation.before} → ${hop.translation.after})`;
}

/** "phone → web port 80/tcp", "laptop → web at 192.168.1.10 ping (ICMP echo)", "a → b GRE packets". */
export function describeQuery(q: Query): string {
  const to = q.address ? `${q.to} at ${q.address}` : q.to;
  if (q.port !== null) return `${q.from} → ${to} port ${q.port}/${q.protocol}`;
  return q.protocol === 'icmp' ? `${q.from} → ${to} ping (ICMP echo)` : `${q.from} → ${to} ${protocolLabel(q.protocol)} packets`;
}

export function describeVerdict(v: Verdict): string {
  const q = v.query;
  const head = describeQuery(q);
  if (v.ok) {
    if (q.port === null) return `${head}: ${q.protocol === 'icmp' ? 'gets a reply' : 'arrive'}${v.deliveredTo && v.deliveredTo.node !== q.to ? ` at ${v.deliveredTo.node}` : ''}`;
    const elsewhere = v.deliveredTo && (v.deliveredTo.node !== q.to || v.deliveredTo.port !== q.port) ? `, delivered to ${v.deliveredTo.node} port ${v.deliveredTo.port}` : '';
    return `${head}: connects${elsewhere}`;
  }
  return `${head}: blocked, ${describeBlock(v.blocked!)}`;
}

export function describeAction(a: Action): string {
  switch (a.type) {
    case 'setNicMode':
      return `Attach adapter ${a.nic + 1} of ${a.vm} to ${modeName(a.mode)}${a.network ? ` "${a.network}"` : ''}${a.address ? ` with address ${a.address}` : ''}`;
    case 'addPortForward':
      return `Forward host port ${a.rule.hostIp ? `${a.rule.hostIp}:` : ''}${a.rule.hostPort}/${a.rule.protocol ?? 'tcp'} to port ${a.rule.guestPort} of ${a.vm} (adapter ${a.nic + 1})`;
    case 'updatePortForward': {
      const changes = Object.entries(a.changes).map(([k, v]) => forwardChange(k, v));
      return `Change port forward "${a.name}" of ${a.vm}: ${changes.join(', ')}`;
    }
    case 'removePortForward':
      return `Remove port forward "${a.name}" from adapter ${a.nic + 1} of ${a.vm}`;
    case 'addNatNetworkPortForward':
      return `Forward host port ${a.rule.hostPort}/${a.rule.protocol ?? 'tcp'} to ${a.rule.guestIp ?? ''}:${a.rule.guestPort} on NAT network ${a.network}`;
    case 'removeNatNetworkPortForward':
      return `Remove port forward "${a.name}" from NAT network ${a.network}`;
    case 'attachFloatingIp':
      return `Associate a floating IP${a.address ? ` (${a.address})` : ''} with ${a.vm}`;
    case 'detachFloatingIp':
      return `Disassociate the floating IP from ${a.vm}`;
    case 'addSecurityGroupRule': {
      const r = a.rule;
      const typed = String(r.protocol ?? 'tcp').toLowerCase();
      const protocol = typed === 'any' ? typed : (parseIpProtocol(typed) ?? typed);
      const what =
        protocol === 'any' ? 'any protocol'
        : protocol === 'icmp' ? (r.icmpType === undefined ? 'icmp (every type)' : `icmp type ${r.icmpType}${r.icmpType === 8 ? ' (ping)' : ''}`)
        : protocol === 'tcp' || protocol === 'udp' ? `${protocol} ${r.ports === undefined ? 'all ports' : `port ${r.ports}`}`
        : protocolLabel(protocol);
      const remote = r.remoteGroup !== undefined ? `members of group ${r.remoteGroup}` : (r.remote ?? '0.0.0.0/0');
      return `Add ${r.direction ?? 'ingress'} rule to group ${a.group}: ${what} ${r.direction === 'egress' ? 'to' : 'from'} ${remote}`;
    }
    case 'removeSecurityGroupRule':
      return `Remove rule ${a.rule} from group ${a.group}`;
    case 'setNicSecurityGroups':
      return `Set the security groups of ${a.vm} to ${a.groups.length ? a.groups.join(', ') : '(none)'}`;
    case 'setFirewall':
      return `${a.enabled ? 'Turn on' : 'Turn off'} the firewall of ${a.node}`;
    case 'allowFirewallPort':
      return `Allow ${firewallEntryText(a)} in the firewall of ${a.node}`;
    case 'removeFirewallPort':
      return `Stop allowing ${firewallEntryText(a)} in the firewall of ${a.node}`;
    case 'setNatLocalhostReachable':
      return `${a.reachable ? 'Let' : 'Stop'} NAT adapter ${a.nic + 1} of ${a.vm} ${a.reachable ? 'reach' : 'reaching'} the host's loopback through 10.0.2.2 (--nat-localhostreachable${a.nic + 1} ${a.reachable ? 'on' : 'off'})`;
    case 'setServiceListen':
      return `Make ${a.service} on ${a.node} listen on ${a.listen}`;
  }
}

/** "80/tcp", "ICMP", "GRE": a firewall entry as typed. */
export function firewallEntryText(a: { port?: number | null | undefined; protocol: string | number }): string {
  const protocol = String(a.protocol).toLowerCase();
  return a.port === undefined || a.port === null ? protocolLabel(protocol) : `${a.port}/${protocol}`;
}

const FORWARD_FIELDS: Record<string, string> = { protocol: 'protocol', hostIp: 'host IP', hostPort: 'host port', guestIp: 'guest IP', guestPort: 'guest port' };

/** "host IP empty (every host address)", "host port 8081": the words VirtualBox's dialog uses. */
function forwardChange(field: string, value: unknown): string {
  const name = FORWARD_FIELDS[field] ?? field;
  if (value !== '') return `${name} ${String(value)}`;
  return field === 'hostIp' ? `${name} empty (every host address)` : field === 'guestIp' ? `${name} empty (the guest's address)` : `${name} empty`;
}

const EVENTS: Record<EventCode, string> = {
  NIC_MODE_CHANGED: 'adapter {adapter} of {vm} changed from {from} to {to}',
  ADDRESS_ASSIGNED: 'adapter {adapter} of {vm} now has address {address} ({how})',
  NO_DHCP: 'adapter {adapter} of {vm} has no address: nothing hands out addresses on that network; give it a static one',
  SERVICE_ADDRESS_GONE: '{service} on {vm} listened on {listen}, which the VM no longer has',
  PORT_FORWARD_ADDED: 'port forward "{name}" added: host port {hostPort}/{protocol} → guest port {guestPort}',
  PORT_FORWARD_UPDATED: 'port forward "{name}" changed',
  PORT_FORWARD_REMOVED: 'port forward "{name}" removed',
  PORT_FORWARD_PRIVILEGED: 'host port {hostPort} is below 1024: on Linux and macOS hosts VirtualBox cannot listen there without root',
  PORT_FORWARDS_INACTIVE: '{count} port forward(s) of adapter {adapter} of {vm} stay configured but only work while it is attached to NAT',
  FLOATING_IP_ATTACHED: 'floating IP {address} now maps to {vm} ({fixed})',
  FLOATING_IP_DETACHED: 'floating IP {address} was disassociated from {vm}',
  SECURITY_GROUP_RULE_ADDED: 'rule {rule} added to group {group}',
  SECURITY_GROUP_RULE_REMOVED: 'rule {rule} removed from group {group}',
  SECURITY_GROUPS_SET: '{vm} is now in groups: {groups}',
  FIREWALL_ENABLED: 'the firewall of {node} is on',
  FIREWALL_DISABLED: 'the firewall of {node} is off',
  FIREWALL_PORT_ALLOWED: 'the firewall of {node} now allows {entry}',
  FIREWALL_PORT_REMOVED: 'the firewall of {node} no longer allows {entry}',
  NAT_LOCALHOST_REACHABLE_ON: 'NAT adapter {adapter} of {vm} now reaches the host\'s loopback through {gateway}',
  NAT_LOCALHOST_REACHABLE_OFF: 'NAT adapter {adapter} of {vm} no longer reaches the host\'s loopback: its NAT engine drops connections to {gateway}',
  SERVICE_LISTEN_CHANGED: '{service} on {node} now listens on {listen}',
  NO_CHANGE: 'nothing changed',
};

export function describeEvent(e: NetworkEvent): string {
  return fill(EVENTS[e.code], e.params);
}

export const EVENT_CODES = Object.keys(EVENTS) as EventCode[];

const WARNINGS: Record<WarningCode, string> = {
  INTERNAL_NETWORK_ALONE: 'internal network "{network}" on {host} has only one adapter ({vm}); is the name a typo{suggestion}?',
  NIC_WITHOUT_ADDRESS: 'adapter {adapter} of {vm} ({mode}) has no address',
  PORT_FORWARD_PRIVILEGED: 'port forward "{rule}" uses host port {hostPort}, below 1024: VirtualBox needs root for that on Linux and macOS hosts',
  PORT_FORWARD_INACTIVE: 'adapter {adapter} of {vm} has port forwards but is attached to {mode}; they only work with NAT',
  PORT_FORWARD_NO_GUEST: 'port forward "{rule}" sends to {guestIp}, which no VM on that network has',
  SERVICE_ADDRESS_MISSING: '{service} on {node} listens on {listen}, an address {node} does not have',
  SERVICE_LOOPBACK_ONLY: '{service} on {node} listens on {listen} only: only {node} itself can connect',
  SECURITY_GROUP_NO_EGRESS: 'the security groups of {vm} ({groups}) have no egress rule: it cannot open any connection',
  HOST_LOOPBACK_SERVICE_HIDDEN: '{service} on {host} listens on 127.0.0.1 only, and NAT adapter {adapter} of {vm} has "localhost reachable" off: {vm} cannot reach it',
};

export function describeWarning(w: Warning): string {
  return fill(WARNINGS[w.code], w.params);
}

export const WARNING_CODES = Object.keys(WARNINGS) as WarningCode[];
