/**
 * IPv4 addresses and CIDR blocks as plain strings in state ("192.168.56.0/24"), parsed to
 * 32-bit numbers only inside computations. The engine is IPv4-only (see SPEC.md, scope).
 */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const parsedAddresses = new Map<string, number | null>();

/** 32-bit value of a dotted quad, or null when it is not one. Memoised: queries test the same few addresses. */
export function parseIp(text: string): number | null {
  const known = parsedAddresses.get(text);
  if (known !== undefined) return known;
  const value = parseDottedQuad(text);
  if (parsedAddresses.size > 65536) parsedAddresses.clear();
  parsedAddresses.set(text, value);
  return value;
}

function parseDottedQuad(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

export function formatIp(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export type CidrProblem =
  | { kind: 'syntax' }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'host-bits'; suggestion: string };

/**
 * Parse "a.b.c.d/n". Host bits must be zero ("192.168.1.5/24" is a host address, not a
 * network), as Neutron and VBoxManage expect a network address there.
 */
export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; problem: CidrProblem } {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, problem: { kind: 'syntax' } };
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null) return { ok: false, problem: { kind: 'syntax' } };
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return { ok: false, problem: { kind: 'prefix', prefix: prefixText } };
  }
  const prefix = Number(prefixText);
  const network = (ip & maskOf(prefix)) >>> 0;
  if (network !== ip) {
    return { ok: false, problem: { kind: 'host-bits', suggestion: `${formatIp(network)}/${prefix}` } };
  }
  return { ok: true, cidr: { network, prefix } };
}

const parsedBlocks = new Map<string, Cidr>();

/**
 * Parse a CIDR known to be valid (state has been validated); throws on programmer error only.
 * Memoised: security group rules test the same few blocks against many addresses.
 */
export function cidrOf(text: string): Cidr {
  const known = parsedBlocks.get(text);
  if (known) return known;
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new RangeError(`not a valid CIDR: ${text}`);
  if (parsedBlocks.size > 4096) parsedBlocks.clear();
  parsedBlocks.set(text, parsed.cidr);
  return parsed.cidr;
}

export function inCidr(ip: number, cidr: Cidr): boolean {
  return ((ip & maskOf(cidr.prefix)) >>> 0) === cidr.network;
}

/** Is the address inside the block? False for anything that does not parse. */
export function contains(cidrText: string, ipText: string): boolean {
  const ip = parseIp(ipText);
  if (ip === null) return false;
  const known = parsedBlocks.get(cidrText);
  if (known) return inCidr(ip, known);
  const parsed = parseCidr(cidrText);
  return parsed.ok && inCidr(ip, cidrOf(cidrText));
}

/** The n-th address of a block: hostAddress("10.0.2.0/24", 15) → "10.0.2.15". */
export function hostAddress(cidrText: string, n: number): string {
  return formatIp(cidrOf(cidrText).network + n);
}

/** Usable host addresses exclude the network and broadcast addresses (for prefixes up to /30). */
export function isUsableHost(cidrText: string, ipText: string): boolean {
  const cidr = cidrOf(cidrText);
  const ip = parseIp(ipText);
  if (ip === null || !inCidr(ip, cidr)) return false;
  if (cidr.prefix >= 31) return true;
  const broadcast = (cidr.network + 2 ** (32 - cidr.prefix) - 1) >>> 0;
  return ip !== cidr.network && ip !== broadcast;
}

/** Number of addresses in the block. */
export function blockSize(cidrText: string): number {
  return 2 ** (32 - cidrOf(cidrText).prefix);
}

/** "10.10.0.5/24" → address and the block it sits in; a bare address gets the default prefix. */
export function splitInterfaceAddress(
  text: string,
  defaultPrefix = 24,
): { address: string; cidr: string } | null {
  const [addr, prefixText] = text.split('/');
  if (addr === undefined || parseIp(addr) === null) return null;
  const prefix = prefixText === undefined ? defaultPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || (prefixText !== undefined && !/^\d{1,2}$/.test(prefixText))) {
    return null;
  }
  const network = (parseIp(addr)! & maskOf(prefix)) >>> 0;
  return { address: addr, cidr: `${formatIp(network)}/${prefix}` };
}

export const ANY_ADDRESS = '0.0.0.0';
export const LOOPBACK = '127.0.0.1';

export function isLoopback(ipText: string): boolean {
  const ip = parseIp(ipText);
  return ip !== null && ip >>> 24 === 127;
}
