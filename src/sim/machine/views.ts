/**
 * The other engines' view of the machine model (SPEC M17-M18): derived on demand from the lab,
 * never stored, so there is no second copy of a VM to keep in step.
 */
import { normalize } from '../network/normalize';
import type { ScenarioInput } from '../network/schema';
import type { Topology } from '../network/types';
import { apply as applySizing } from '../sizing/actions';
import { createState } from '../sizing/state';
import type { SizingState } from '../sizing/types';
import { PACKAGES } from '../snapshots/guest/catalog';
import { guestUp } from './guest';

export { agentRunning, guestUp } from './guest';
import type { LabState } from '../snapshots/model/types';
import type { NicConfig } from './types';
import { canConnect } from '../network/reachability';
import { provideNetwork, type GuestAddress } from './link';

export type { GuestAddress } from './link';

type VmInput = ScenarioInput['vms'][number];
type NicIn = VmInput['nics'][number];

/** Ports the guest's services listen on (Debian's defaults). */
const SERVICE_PORTS: Record<string, { port: number; protocol: 'tcp' | 'udp' }> = {
  nginx: { port: 80, protocol: 'tcp' },
  ssh: { port: 22, protocol: 'tcp' },
};

/** Network ids are lowercase slugs; the VM name stays the label. Distinct names give distinct ids. */
export function networkIdOf(lab: LabState, name: string): string {
  const names = Object.keys(lab.vms);
  const index = names.indexOf(name);
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 40) || 'vm';
  const clash = names.some((n, i) => i < index && (n.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 40) || 'vm') === slug);
  return clash || slug === 'internet' || slug === 'host' || slug === 'lan' ? `${slug}-${index + 1}` : slug;
}

function nicInput(lab: LabState, n: NicConfig | undefined): NicIn {
  if (!n || !n.cable || n.attachment === 'none' || n.attachment === 'null') return { mode: 'not-attached' };
  switch (n.attachment) {
    case 'nat':
      return {
        mode: 'nat',
        portForwards: n.forwards.map((f) => ({ name: f.name, protocol: f.protocol, hostIp: f.hostIp, hostPort: f.hostPort, guestIp: f.guestIp, guestPort: f.guestPort })),
        localhostReachable: n.localhostReachable,
      };
    case 'natnetwork':
      // libvirt's NAT networks let the host in (virbr0 has an address on them): the network
      // engine's host-only mode is the closest; outbound internet is left out (SPEC M17).
      return lab.platform === 'virtualbox' ? { mode: 'nat-network', network: n.network ?? 'NatNetwork' } : { mode: 'host-only', network: n.network ?? 'default' };
    case 'bridged':
      return { mode: 'bridged' };
    case 'intnet':
      return { mode: 'internal', network: n.network ?? 'intnet' };
    case 'hostonly':
      return { mode: 'host-only', network: n.network ?? 'vboxnet0' };
    case 'generic':
      return { mode: 'generic' };
  }
}


/** SPEC M17: the lab's host, its networks and every registered VM, as the network engine's topology. */
export function networkTopology(lab: LabState): Topology {
  const host = lab.host;
  const lanBase = host.lan.cidr.split('/')[0]!.split('.').slice(0, 3).join('.');
  const hostOnly = [
    ...host.hostOnly.map((h) => ({ name: h.name, cidr: h.cidr, hostAddress: h.hostAddress, dhcp: h.dhcp })),
    ...(lab.platform === 'virtualbox' ? [] : host.networks.map((n) => ({ name: n.name, cidr: n.cidr, hostAddress: `${n.cidr.split('/')[0]!.split('.').slice(0, 3).join('.')}.1`, dhcp: true }))),
  ];
  const vms: VmInput[] = Object.values(lab.vms).map((vm) => {
    const slots = vm.hw.nics.length === 0 ? 1 : Math.max(...vm.hw.nics.map((n) => n.slot));
    const nics: NicIn[] = [];
    for (let s = 1; s <= slots; s++) nics.push(nicInput(lab, vm.hw.nics.find((n) => n.slot === s)));
    const services = guestUp(vm)
      ? Object.entries(vm.runtime!.services)
          .filter(([name, st]) => st.status === 'active' && Object.hasOwn(SERVICE_PORTS, name))
          .map(([name]) => ({ name, port: SERVICE_PORTS[name]!.port, protocol: SERVICE_PORTS[name]!.protocol, listen: '0.0.0.0' }))
      : [];
    return { id: networkIdOf(lab, vm.name), label: vm.name, host: 'host', nics, services, firewall: { enabled: false, allow: [] } };
  });
  const input: ScenarioInput = {
    title: `${host.name} (${lab.title})`,
    description: '',
    virtualbox: { version: '7.1' },
    lans: [{ id: 'lan', label: 'LAN', cidr: host.lan.cidr, gateway: host.lan.gateway, internet: 'nat', dhcpStart: host.lan.dhcpStart }],
    hosts: [
      {
        id: 'host',
        label: host.name,
        lan: 'lan',
        address: `${lanBase}.10`,
        services: [],
        hostOnlyNetworks: hostOnly,
        natNetworks: lab.platform === 'virtualbox' ? host.networks.map((n) => ({ name: n.name, cidr: n.cidr, portForwards: [] })) : [],
      },
    ],
    devices: [],
    vms,
    networks: [],
    externalNetworks: [],
    routers: [],
    securityGroups: [],
  };
  return normalize(input);
}


/** The addresses the guest's NICs have (what the guest itself would report), from the network engine. */
export function guestAddresses(lab: LabState, vmName: string, topology: Topology = networkTopology(lab)): GuestAddress[] {
  if (!Object.hasOwn(lab.vms, vmName)) return [];
  const vm = lab.vms[vmName]!;
  const id = networkIdOf(lab, vm.name);
  const tvm = topology.vms.find((v) => v.id === id);
  return vm.hw.nics.map((n) => {
    const tn = tvm?.nics[n.slot - 1];
    return { slot: n.slot, mac: n.mac, attachment: n.attachment, network: n.network, address: tn?.address ?? null, source: tn?.addressing ?? 'none' };
  });
}

export const AGENT_PACKAGES = ['virtualbox-guest-utils', 'qemu-guest-agent'].filter((p) => Object.hasOwn(PACKAGES, p));

/**
 * SPEC M18: the VMs as the sizing engine sees them on the lab's host: vCPUs (sockets × cores),
 * memory and the capacity of their disks, under the course's policy.
 */
export function sizingState(lab: LabState): SizingState {
  const h = lab.host;
  let state = createState('course', {
    ...createState().host,
    name: h.name,
    sockets: 1,
    coresPerSocket: h.cpus,
    threadsPerCore: 1,
    ramMb: h.memoryMb,
    diskGb: h.diskGb,
  });
  for (const vm of Object.values(lab.vms)) {
    const diskGb = Math.max(1, Math.ceil(vm.disks.reduce((n, d) => n + d.capacity, 0) / 1024 ** 3));
    const sockets = vm.settings.cpus % vm.hw.sockets === 0 ? vm.hw.sockets : 1;
    const r = applySizing(state, {
      type: 'addCustomVm',
      name: vm.name.slice(0, 64),
      size: { vcpus: vm.settings.cpus, ramMb: vm.settings.memoryMb, rootDiskGb: diskGb, ephemeralGb: 0, swapMb: 0, bootFromVolume: false, sockets, cores: vm.settings.cpus / sockets },
      options: { diskFormat: lab.platform === 'libvirt' ? 'qcow2' : lab.platform === 'virtualbox' ? 'vmdk' : 'raw', provisioning: 'thin' },
    });
    state = r.state;
  }
  return state;
}

/** SPEC M20: whether the host connects to the VM on TCP `port` (at `address`), by the network engine's verdict. */
export function hostReaches(lab: LabState, vm: string, port: number, address?: string): boolean {
  if (!Object.hasOwn(lab.vms, vm)) return false;
  const v = canConnect(networkTopology(lab), { from: 'host', to: networkIdOf(lab, vm), port, protocol: 'tcp', ...(address ? { address } : {}) });
  return v.ok && v.value.ok;
}

provideNetwork({ guestAddresses: (lab, vm) => guestAddresses(lab, vm), hostReaches });
