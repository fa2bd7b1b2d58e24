/**
 * What the consoles ask of the network engine (SPEC M17, M19, M20): a guest's addresses and whether
 * the host reaches it. `views.ts` provides it when it is loaded; the consoles only import this
 * small module, so a page that runs console commands without the network view (a quiz whose
 * questions replay snapshot commands) does not download the network engine. Without the view,
 * no guest has an address and the host reaches none; the VM builder, builder labs, the grading
 * command and the LMS builder package load `views.ts` (the snapshot sandbox shows no addresses).
 */
import type { LabState } from '../snapshots/model/types';

export interface GuestAddress {
  slot: number;
  mac: string;
  attachment: string;
  network: string | null;
  address: string | null;
  /** How the guest got it: the NAT engine, a DHCP lease, or none. */
  source: 'nat' | 'dhcp' | 'static' | 'none';
}

export interface NetworkLink {
  guestAddresses(lab: LabState, vm: string): GuestAddress[];
  /** The network engine's verdict: the host connects to `vm` on TCP `port` (at `address`, when given). */
  hostReaches(lab: LabState, vm: string, port: number, address?: string): boolean;
}

const NONE: NetworkLink = { guestAddresses: () => [], hostReaches: () => false };
let current: NetworkLink = NONE;

export function provideNetwork(link: NetworkLink): void {
  current = link;
}

export function networkLink(): NetworkLink {
  return current;
}
