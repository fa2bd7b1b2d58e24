import { natAddressing } from './defaults';
import { hostAddress } from './ip';
import type { Topology, Vm } from './types';

/** What a guest is told about the network on one adapter (for display next to its address). */
export interface NicAddressing {
  /** The block the adapter's address belongs to; null when not attached or unknown. */
  cidr: string | null;
  gateway: string | null;
  /** Only where the tool documents one: the NAT engine's DNS proxy (10.0.2.3). */
  dns: string | null;
}

/**
 * NAT: 10.0.(k+2).0/24, gateway .2, DNS .3 (N1). NAT Network: its block, gateway .1 (N2).
 * Host-only: its block, no gateway — nothing lies beyond it (N3, N17). Bridged: the LAN's block
 * and router. Internal: the typed-in subnet, no gateway (N5). Cloud: the subnet and its gateway (N6).
 */
export function nicAddressing(t: Topology, vm: Vm, slot: number): NicAddressing {
  const nic = vm.nics[slot];
  const none: NicAddressing = { cidr: null, gateway: null, dns: null };
  if (!nic) return none;
  const host = t.hosts.find((h) => h.id === vm.host);
  switch (nic.mode) {
    case 'nat': {
      const nat = natAddressing(slot);
      return { cidr: nat.cidr, gateway: nat.gateway, dns: nat.dns };
    }
    case 'nat-network': {
      const net = host?.natNetworks.find((n) => n.name === nic.network);
      return net ? { cidr: net.cidr, gateway: hostAddress(net.cidr, 1), dns: null } : none;
    }
    case 'host-only': {
      const net = host?.hostOnlyNetworks.find((n) => n.name === nic.network);
      return net ? { cidr: net.cidr, gateway: null, dns: null } : none;
    }
    case 'bridged': {
      const lan = t.lans.find((l) => l.id === host?.lan);
      return lan ? { cidr: lan.cidr, gateway: lan.gateway, dns: null } : none;
    }
    case 'internal':
    case 'generic':
      return { cidr: nic.subnet, gateway: null, dns: null };
    case 'cloud': {
      const net = t.networks.find((n) => n.id === nic.network);
      return net ? { cidr: net.cidr, gateway: net.gateway, dns: null } : none;
    }
    default:
      return none;
  }
}
