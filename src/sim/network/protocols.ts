import { shown } from '../core/shape';
/**
 * IP protocols by name or number, as OpenStack accepts them in a security group rule
 * (`--protocol gre`, `--protocol 47`) and as a query names them. The canonical form is the
 * lowercase name when IANA gives the protocol one that Neutron accepts, otherwise the number
 * as text ("253"). Sources: the IANA "Assigned Internet Protocol Numbers" registry and the
 * protocol list of `openstack security group rule create` (IPv4 ones; this engine is IPv4 only).
 */

/** Protocol names Neutron accepts for IPv4 rules, with their IANA numbers. */
export const IP_PROTOCOL_NUMBERS = {
  icmp: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  dccp: 33,
  'ipv6-encap': 41,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  ospf: 89,
  vrrp: 112,
  pgm: 113,
  sctp: 132,
  udplite: 136,
} as const;

export type IpProtocolName = keyof typeof IP_PROTOCOL_NUMBERS;

/** A protocol in canonical form: a known name, or a number 0–255 written in decimal. */
export type IpProtocol = IpProtocolName | `${number}`;

const NAME_BY_NUMBER = new Map<number, IpProtocolName>(
  (Object.entries(IP_PROTOCOL_NUMBERS) as [IpProtocolName, number][]).map(([name, n]) => [n, name]),
);

/**
 * A protocol as typed: "GRE", "gre", 47 or "47" all give "gre"; 253 gives "253". Returns null
 * for anything else (an unknown name, a number outside 0–255, "ping": ping is ICMP).
 */
export function parseIpProtocol(value: unknown): IpProtocol | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 255 ? fromNumber(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (/^\d{1,3}$/.test(text)) return parseIpProtocol(Number(text));
  return Object.hasOwn(IP_PROTOCOL_NUMBERS, text) ? (text as IpProtocolName) : null;
}

function fromNumber(n: number): IpProtocol {
  return NAME_BY_NUMBER.get(n) ?? (String(n) as `${number}`);
}

/** The IANA number of a canonical protocol. */
export function protocolNumber(p: IpProtocol): number {
  return Object.hasOwn(IP_PROTOCOL_NUMBERS, p) ? IP_PROTOCOL_NUMBERS[p as IpProtocolName] : Number(p);
}

/**
 * Ports exist, in this engine, for TCP and UDP only: services listen on them and VirtualBox
 * forwards them. Every other protocol is asked about without a port. (Neutron also accepts port
 * ranges for SCTP, DCCP and UDP-Lite; the engine models no services on those.)
 */
export function hasPorts(p: string): p is 'tcp' | 'udp' {
  return p === 'tcp' || p === 'udp';
}

/** "TCP", "ICMP", "GRE", "protocol 253": how a sentence names a protocol. */
export function protocolLabel(p: string): string {
  return /^\d+$/.test(p) ? `protocol ${p}` : p.toUpperCase();
}

/** An error message for a protocol that did not parse, naming what is accepted. */
export function protocolProblem(value: unknown): string {
  const ping = typeof value === 'string' && value.trim().toLowerCase() === 'ping' ? ' (ping uses "icmp")' : '';
  return `expected an IP protocol name (tcp, udp, icmp, gre, esp, sctp, …) or number 0–255, got ${shown(value)}${ping}`;
}
