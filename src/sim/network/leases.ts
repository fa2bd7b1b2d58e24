import {
  CLOUD_FIRST_FIXED_IP,
  HOST_ONLY_DHCP_SERVER,
  HOST_ONLY_FIRST_LEASE,
  NAT_NETWORK_FIRST_LEASE,
  natAddressing,
} from './defaults';
import { blockSize, cidrOf, formatIp, hostAddress, isUsableHost, parseIp } from './ip';
import { nicSegment } from './segments';
import type { Nic, Topology, Vm } from './types';

/**
 * The address a NIC gets when it (re)attaches: fixed by the NAT engine, leased by the DHCP
 * server of its network, or none (internal networks have no DHCP server). Leases are written
 * into the state, so an address never changes because some other NIC changed — as with real
 * DHCP leases.
 */
export function leaseFor(t: Topology, vm: Vm, slot: number, nic: Pick<Nic, 'mode' | 'network'>): Pick<Nic, 'address' | 'addressing'> {
  const none = { address: null, addressing: 'none' as const };
  switch (nic.mode) {
    case 'not-attached':
    case 'internal':
      return none;
    case 'nat':
      return { address: natAddressing(slot).guest, addressing: 'nat' };
    default: {
      const range = dhcpRange(t, vm, nic);
      if (range === null) return none;
      const hostLan = vm.host === null ? null : (t.hosts.find((h) => h.id === vm.host)?.lan ?? null);
      const segment = nicSegment(vm, nic, slot, hostLan);
      if (segment === null) return none;
      const used = usedAddresses(t, segment, vm.id, slot);
      for (const reserved of range.reserved) used.add(reserved);
      const start = parseIp(range.first)!;
      const size = blockSize(range.cidr);
      const end = cidrOf(range.cidr).network + size;
      for (let ip = start; ip < end; ip++) {
        const text = formatIp(ip);
        if (!used.has(text) && isUsableHost(range.cidr, text)) return { address: text, addressing: 'dhcp' };
      }
      return none;
    }
  }
}

interface DhcpRange {
  cidr: string;
  first: string;
  reserved: string[];
}

function dhcpRange(t: Topology, vm: Vm, nic: Pick<Nic, 'mode' | 'network'>): DhcpRange | null {
  const host = vm.host === null ? undefined : t.hosts.find((h) => h.id === vm.host);
  switch (nic.mode) {
    case 'bridged': {
      const lan = host && t.lans.find((l) => l.id === host.lan);
      return lan ? { cidr: lan.cidr, first: lan.dhcpStart, reserved: [lan.gateway] } : null;
    }
    case 'nat-network': {
      const net = host?.natNetworks.find((n) => n.name === nic.network);
      if (!net) return null;
      return {
        cidr: net.cidr,
        first: hostAddress(net.cidr, NAT_NETWORK_FIRST_LEASE),
        reserved: [hostAddress(net.cidr, 1), hostAddress(net.cidr, 2), hostAddress(net.cidr, 3)],
      };
    }
    case 'host-only': {
      const net = host?.hostOnlyNetworks.find((n) => n.name === nic.network);
      if (!net || !net.dhcp) return null;
      return {
        cidr: net.cidr,
        first: hostAddress(net.cidr, HOST_ONLY_FIRST_LEASE),
        reserved: [net.hostAddress, hostAddress(net.cidr, HOST_ONLY_DHCP_SERVER)],
      };
    }
    case 'cloud': {
      const net = t.networks.find((n) => n.id === nic.network);
      return net ? { cidr: net.cidr, first: hostAddress(net.cidr, CLOUD_FIRST_FIXED_IP), reserved: [net.gateway] } : null;
    }
    default:
      return null;
  }
}

/** Addresses already taken on a segment, except by the NIC being (re)leased. */
function usedAddresses(t: Topology, segment: string, vmId: string, slot: number): Set<string> {
  const used = new Set<string>();
  if (segment.startsWith('lan:')) {
    const lanId = segment.slice(4);
    for (const h of t.hosts) if (h.lan === lanId) used.add(h.address);
    for (const d of t.devices) if (d.lan === lanId) used.add(d.address);
  }
  for (const other of t.vms) {
    const hostLan = other.host === null ? null : (t.hosts.find((h) => h.id === other.host)?.lan ?? null);
    other.nics.forEach((n, i) => {
      if (n.address === null || (other.id === vmId && i === slot)) return;
      if (nicSegment(other, n, i, hostLan) === segment) used.add(n.address);
    });
  }
  return used;
}
