/**
 * Stable graph ids. Nodes use entity ids (unique across the scenario), "internet", and segment
 * keys for host-local networks; edges are named after what they stand for, so a view can patch
 * one edge when one NIC changes.
 */
export const edgeIds = {
  /** A VM's adapter `slot` (0-based) attached to its network. */
  nic: (vm: string, slot: number) => `nic:${vm}:${slot}`,
  /** A host's or device's own connection to its LAN. */
  link: (owner: string) => `link:${owner}`,
  /** The host's host-only adapter (vboxnet0 …). */
  hostOnlyLink: (host: string, name: string) => `hostonly-link:${host}:${name}`,
  /** The NAT network service on its host. */
  natNetworkLink: (host: string, name: string) => `natnet-link:${host}:${name}`,
  /** The LAN router's uplink to the internet. */
  uplink: (lan: string) => `uplink:${lan}`,
  /** A Neutron router's interface on a project network. */
  routerInterface: (router: string, network: string) => `rif:${router}:${network}`,
  /** A Neutron router's external gateway. */
  routerGateway: (router: string) => `rgw:${router}`,
} as const;
