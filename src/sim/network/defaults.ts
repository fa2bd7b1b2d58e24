import { hostAddress } from './ip';

/**
 * Default addressing of the real tools, kept in one place so SPEC.md, the engine and the
 * lesson text agree. Sources are cited in SPEC.md (rules N1–N6).
 */

/** NAT mode: adapter slot k (0-based) uses 10.0.(k+2).0/24 — "instance of the NAT interface +2". */
export function natSubnet(slot: number): string {
  return `10.0.${slot + 2}.0/24`;
}

/** The guest gets .15, the NAT engine's gateway is .2 (the host's loopback), DNS is .3. */
export function natAddressing(slot: number): { guest: string; gateway: string; dns: string; cidr: string } {
  const cidr = natSubnet(slot);
  return { cidr, guest: hostAddress(cidr, 15), gateway: hostAddress(cidr, 2), dns: hostAddress(cidr, 3) };
}

/** NAT Network: 10.0.2.0/24 unless given; the NAT service's gateway takes .1. */
export const NAT_NETWORK_DEFAULT_CIDR = '10.0.2.0/24';
/** Engine convention: leases start after the gateway (.1) and the DHCP server (.3). */
export const NAT_NETWORK_FIRST_LEASE = 4;

/** Host-only: vboxnet0 is 192.168.56.0/24, host 192.168.56.1, DHCP server .100, leases from .101. */
export const HOST_ONLY_DEFAULT_CIDR = '192.168.56.0/24';
export const HOST_ONLY_HOST_ADDRESS = 1;
export const HOST_ONLY_DHCP_SERVER = 100;
export const HOST_ONLY_FIRST_LEASE = 101;

/** A home LAN's DHCP server commonly leases from .100; scenarios may set `dhcpStart`. */
export const LAN_FIRST_LEASE = 100;

/** Neutron: the gateway takes the first host address; the allocation pool is the rest of the subnet. */
export const CLOUD_GATEWAY_HOST = 1;
export const CLOUD_FIRST_FIXED_IP = 2;

/** A client somewhere on the internet (TEST-NET-3, RFC 5737). */
export const INTERNET_CLIENT_ADDRESS = '203.0.113.200';

/** VirtualBox supports up to eight network adapters per VM. */
export const MAX_NICS = 8;

/** The VirtualBox release a scenario describes when it names none: a current 7.x. */
export const DEFAULT_VIRTUALBOX_VERSION = '7.1';

/**
 * `--nat-localhostreachable<N>` when the scenario does not set it: VirtualBox 7.0 turns it off
 * for new VMs (NATEngine::i_applyDefaults, "applies to new VMs only"); VMs created with 6.x keep
 * the old behaviour, in which 10.0.2.2 reaches the host's loopback.
 */
export function localhostReachableByDefault(version: string): boolean {
  return Number(version.split('.')[0]) < 7;
}
