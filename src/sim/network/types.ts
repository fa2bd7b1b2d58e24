import type { IpProtocol } from './protocols';

/**
 * The network state: plain JSON, every field present (null or [] when empty) so a view can
 * read it without guarding against missing keys. Produced by `loadScenario` and changed only
 * by `apply`. Ids are unique across all entity kinds; "internet" is reserved.
 */

/** VirtualBox attachment modes plus a port on an OpenStack project network ("cloud"). */
export type NicMode = 'not-attached' | 'nat' | 'nat-network' | 'bridged' | 'internal' | 'host-only' | 'generic' | 'cloud';

export const VIRTUALBOX_MODES = ['not-attached', 'nat', 'nat-network', 'bridged', 'internal', 'host-only', 'generic'] as const;
export const CLOUD_MODES = ['not-attached', 'cloud'] as const;
export const NIC_MODES: readonly NicMode[] = [...VIRTUALBOX_MODES, 'cloud'];

/** Modes whose NIC names a network: the NAT network, host-only network, internal network or project network. */
export const MODES_WITH_NETWORK: readonly NicMode[] = ['nat-network', 'host-only', 'internal', 'cloud'];

/** The transport protocols with ports: what services listen on and what VirtualBox forwards. */
export type Protocol = 'tcp' | 'udp';
/** A security group rule's protocol: any IP protocol by name or number, or "any" (Neutron's null). */
export type RuleProtocol = IpProtocol | 'any';
export type { IpProtocol } from './protocols';

/** `VBoxManage modifyvm --natpf1 "name,tcp,hostip,hostport,guestip,guestport"` */
export interface PortForward {
  name: string;
  protocol: Protocol;
  /** Host address the forward listens on; "" listens on every host interface. */
  hostIp: string;
  hostPort: number;
  /** "" means the guest's address on this NIC (NAT mode); NAT networks need an explicit one. */
  guestIp: string;
  guestPort: number;
}

/**
 * The Generic Driver's UDPTunnel (`--nic-generic-drv<N> UDPTunnel --nic-property<N> sport=…`):
 * Ethernet frames in UDP datagrams, sent to `dest`:`dport` and received on this host's `sport`.
 */
export interface UdpTunnel {
  /** The UDP port this host listens on for the other end's datagrams. */
  sport: number;
  /** The other host's address (127.0.0.1 for a VM on the same host). */
  dest: string;
  /** The UDP port the other end listens on. */
  dport: number;
}

export interface Nic {
  mode: NicMode;
  /** nat-network / host-only: name on the VM's host; internal: the network name; cloud: network id. */
  network: string | null;
  /** IPv4 address on this NIC; null when not attached or nothing assigned one. */
  address: string | null;
  /** How the address came to be: fixed by the NAT engine, leased by a DHCP server, or typed in. */
  addressing: 'nat' | 'dhcp' | 'static' | 'none';
  /** Internal networks and UDP tunnels: the subnet the static address was configured in. */
  subnet: string | null;
  /** NAT mode port forwards. Kept when the mode changes (VirtualBox keeps them in the NAT settings). */
  portForwards: PortForward[];
  /** Generic driver: the UDP tunnel's ports and peer (kept when the mode changes, like VirtualBox's NIC properties); null when never set. */
  tunnel: UdpTunnel | null;
  /**
   * NAT mode: `--nat-localhostreachable<N>`, whether the NAT engine passes connections to its
   * gateway address (10.0.2.2) on to the host's loopback interface. Off for VMs created by
   * VirtualBox 7.0 and later, on for VMs made with 6.x. Kept when the mode changes, like forwards.
   */
  localhostReachable: boolean;
  /** Cloud ports: security group ids (Neutron applies "default" when none is given). */
  securityGroups: string[];
  /** Cloud ports: the floating IP associated with this port. */
  floatingIp: string | null;
}

export interface Service {
  name: string;
  port: number;
  protocol: Protocol;
  /** "0.0.0.0" (every address), "127.0.0.1" (only this machine), or one of the machine's addresses. */
  listen: string;
}

/** Something a machine's firewall lets in: a TCP/UDP port, or a protocol without ports (icmp, gre…). */
export interface FirewallAllow {
  protocol: IpProtocol;
  /** TCP and UDP: the port; null for protocols without ports. */
  port: number | null;
}

/** A host-based firewall with default-deny for incoming connections (like ufw or Windows Firewall). */
export interface Firewall {
  enabled: boolean;
  allow: FirewallAllow[];
}

export interface HostOnlyNetwork {
  name: string;
  cidr: string;
  /** The host's own address on the host-only interface (vboxnet0: 192.168.56.1). */
  hostAddress: string;
  dhcp: boolean;
}

export interface NatNetwork {
  name: string;
  cidr: string;
  portForwards: PortForward[];
}

export interface Lan {
  id: string;
  label: string;
  cidr: string;
  /** The LAN router's address (the hosts' default gateway). */
  gateway: string;
  /** "nat": the LAN router gives outbound internet access by SNAT, nothing comes in; "none": no uplink. */
  internet: 'nat' | 'none';
  /** The router's public address that LAN traffic to the internet appears to come from. */
  publicAddress: string;
  /** First address the LAN's DHCP server leases (bridged VMs get leases from here upward). */
  dhcpStart: string;
}

export interface Host {
  id: string;
  label: string;
  lan: string;
  address: string;
  hostOnlyNetworks: HostOnlyNetwork[];
  natNetworks: NatNetwork[];
  services: Service[];
  firewall: Firewall;
}

export interface Device {
  id: string;
  label: string;
  lan: string;
  address: string;
  services: Service[];
  firewall: Firewall;
}

export interface Vm {
  id: string;
  label: string;
  /** The VirtualBox host the VM runs on; null for cloud instances. */
  host: string | null;
  nics: Nic[];
  services: Service[];
  firewall: Firewall;
}

/** A self-service (project) network with one IPv4 subnet. */
export interface CloudNetwork {
  id: string;
  label: string;
  cidr: string;
  /** The subnet gateway; a router interface on this network takes this address. */
  gateway: string;
}

export interface ExternalNetwork {
  id: string;
  label: string;
  cidr: string;
  /** Floating IPs are allocated from this range. */
  floatingIpPool: { start: string; end: string };
}

export interface Router {
  id: string;
  label: string;
  /** External network of the router's gateway; null when no gateway is set. */
  externalNetwork: string | null;
  externalAddress: string | null;
  /** Neutron's enable_snat: SNAT for ports without a floating IP (true by default). */
  snat: boolean;
  /** Project networks with an interface on this router. */
  interfaces: string[];
}

export interface SecurityGroupRule {
  id: string;
  direction: 'ingress' | 'egress';
  protocol: RuleProtocol;
  /**
   * TCP/UDP: the port range; null with null portMax: every port. ICMP: as in Neutron's API,
   * portMin is the ICMP type and portMax the code (null: every type, every code).
   */
  portMin: number | null;
  portMax: number | null;
  /** Exactly one of remoteCidr / remoteGroup is set. */
  remoteCidr: string | null;
  remoteGroup: string | null;
}

export interface SecurityGroup {
  id: string;
  label: string;
  rules: SecurityGroupRule[];
}

/** Settings that depend on the VirtualBox release the scenario describes. */
export interface VirtualBoxSettings {
  /** "7.1", "6.1.50": the release the VMs were created with (it decides NAT defaults, N10). */
  version: string;
}

export interface Topology {
  title: string;
  description: string;
  virtualbox: VirtualBoxSettings;
  /** A representative client somewhere on the internet (the "internet" node). */
  internet: { clientAddress: string };
  lans: Lan[];
  hosts: Host[];
  devices: Device[];
  vms: Vm[];
  networks: CloudNetwork[];
  externalNetworks: ExternalNetwork[];
  routers: Router[];
  securityGroups: SecurityGroup[];
}

/** The node id of the internet (a reserved id). */
export const INTERNET = 'internet';

/** Things that can open or accept a connection. */
export type EndpointKind = 'vm' | 'host' | 'device' | 'internet';
