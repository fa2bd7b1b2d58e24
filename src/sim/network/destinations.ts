import { natAddressing } from './defaults';
import { INTERNET_SERVER_ADDRESS } from './entries';
import { LOOPBACK } from './ip';
import { segmentKind } from './segments';
import { indexTopology, type Iface } from './topology-index';
import type { Topology } from './types';

/** An address a question can name as its destination, with what it is, for a view's list. */
export interface Destination {
  address: string;
  /** "floating IP", "LAN address", "NAT gateway (host's loopback)", "loopback (phone itself)"… */
  what: string;
}

/**
 * The addresses a source might dial to reach a target (N42): the target's own addresses and
 * floating IPs, its host's addresses when a port forward leads to it, a NAT guest's gateway
 * (10.0.2.2) towards its host, and 127.0.0.1. Some of them will not work from that source — a
 * private IP from the internet, 127.0.0.1 from another machine — and asking shows why. Unknown
 * ids give an empty list.
 */
export function destinationAddresses(t: Topology, from: string, to: string): Destination[] {
  const ix = indexTopology(t);
  const source = ix.endpoints.get(from);
  const target = ix.endpoints.get(to);
  if (!source || !target) return [];
  if (target.kind === 'internet') return [{ address: INTERNET_SERVER_ADDRESS, what: 'a server on the internet' }];
  const out: Destination[] = [];
  const add = (address: string, what: string) => {
    if (!out.some((d) => d.address === address)) out.push({ address, what });
  };
  for (const iface of target.ifaces) if (iface.nic?.floatingIp) add(iface.nic.floatingIp, 'floating IP');
  for (const iface of target.ifaces) add(iface.address, ifaceWhat(iface));
  // A VM behind a port forward is reached at its host's addresses.
  const host = target.kind === 'vm' ? target.host : null;
  if (host && (ix.forwardsByHost.get(host.id) ?? []).some((f) => f.target?.vm === target.id)) {
    for (const iface of ix.endpoints.get(host.id)!.ifaces) add(iface.address, `${host.id}, through a port forward`);
  }
  // A NAT guest reaches its own host's loopback (and the forwards there) through its gateway address.
  const hostOfTarget = target.kind === 'host' ? target.id : (target.host?.id ?? null);
  if (source.kind === 'vm' && source.host && source.host.id === hostOfTarget) {
    for (const { slot, nic } of source.nics) {
      if (nic.mode === 'nat') add(natAddressing(slot).gateway, `NAT gateway of adapter ${slot + 1} (host's loopback)`);
    }
  }
  add(LOOPBACK, from === to ? 'loopback' : `loopback (${from} itself)`);
  return out;
}

function ifaceWhat(iface: Iface): string {
  const name = iface.nic?.network;
  switch (segmentKind(iface.segment)) {
    case 'nat':
      return `NAT adapter ${iface.slot! + 1}, private`;
    case 'nat-network':
      return `NAT network ${name ?? ''}`.trim();
    case 'host-only':
      return `host-only ${name ?? iface.segment.split(':')[2]}`;
    case 'internal':
      return `internal network ${name ?? ''}`.trim();
    case 'cloud':
      return `private IP on ${name ?? ''}`.trim();
    case 'udp-tunnel':
      return `UDP tunnel of adapter ${iface.slot! + 1}`;
    default:
      return 'LAN address';
  }
}
