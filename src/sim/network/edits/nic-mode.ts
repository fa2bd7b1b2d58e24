import { fail, ok, type Issue, type Result } from '../../core/issues';
import type { Action, NetworkEvent } from '../actions';
import { isIp, isUsableHost, splitInterfaceAddress } from '../ip';
import { leaseFor } from '../leases';
import { unknownReference } from '../references';
import { nicSegment } from '../segments';
import { isPort } from '../ports';
import { CLOUD_MODES, MODES_WITH_NETWORK, VIRTUALBOX_MODES, type Nic, type Topology, type UdpTunnel, type Vm } from '../types';
import { event, updateNic, withVmNic, type Step } from './common';

export function setNicMode(t: Topology, a: Extract<Action, { type: 'setNicMode' }>): Step {
  return withVmNic(t, a.vm, a.nic, (vmIndex, nicIndex, vm, nic) => {
    const allowed: readonly string[] = vm.host === null ? CLOUD_MODES : VIRTUALBOX_MODES;
    if (!allowed.includes(a.mode)) {
      return fail({
        path: ['mode'],
        message: vm.host === null ? `a cloud instance cannot use mode ${JSON.stringify(a.mode)}` : `a VirtualBox VM cannot use mode ${JSON.stringify(a.mode)}`,
        hint: `Allowed: ${allowed.map((m) => JSON.stringify(m)).join(', ')}`,
      });
    }
    const needsNetwork = MODES_WITH_NETWORK.includes(a.mode);
    const network = needsNetwork ? (a.network ?? null) : null;
    if (needsNetwork && (network === null || network === '')) return fail({ path: ['network'], message: `mode ${JSON.stringify(a.mode)} needs a network name` });
    if (!needsNetwork && a.network !== undefined) return fail({ path: ['network'], message: `mode ${JSON.stringify(a.mode)} does not use a network name` });
    const host = vm.host === null ? undefined : t.hosts.find((h) => h.id === vm.host);
    if (a.mode === 'nat-network' && host && !host.natNetworks.some((n) => n.name === network)) {
      return fail(unknownReference(['network'], 'NAT network', network!, host.natNetworks.map((n) => n.name), undefined, `on host "${host.id}"`));
    }
    if (a.mode === 'host-only' && host && !host.hostOnlyNetworks.some((n) => n.name === network)) {
      return fail(unknownReference(['network'], 'host-only network', network!, host.hostOnlyNetworks.map((n) => n.name), undefined, `on host "${host.id}"`));
    }
    if (a.mode === 'cloud' && !t.networks.some((n) => n.id === network)) {
      return fail(unknownReference(['network'], 'network', network!, t.networks.map((n) => n.id)));
    }
    if (a.tunnel !== undefined && a.mode !== 'generic') return fail({ path: ['tunnel'], message: 'a UDP tunnel belongs to mode "generic"' });
    const tunnel = a.tunnel ?? nic.tunnel;
    if (a.mode === 'generic') {
      if (!tunnel) return fail({ path: ['tunnel'], message: 'mode "generic" needs a UDP tunnel: sport, dest and dport', hint: 'For example { sport: 10001, dest: "192.168.1.12", dport: 10002 }; the other VM swaps the ports and names this host' });
      const issues = tunnelIssues(tunnel);
      if (issues.length > 0) return fail(...issues);
      if (a.address === undefined && nic.mode !== 'generic') return fail({ path: ['address'], message: 'a UDP tunnel has no DHCP server: give a static address', hint: 'Like "10.20.0.1/24"; the VM at the other end takes another address in the same subnet' });
    }
    if (a.mode === nic.mode && network === nic.network && a.address === undefined && a.tunnel === undefined) {
      return ok({ state: t, events: [event('NO_CHANGE', { vm: vm.id, adapter: nicIndex + 1 })] });
    }

    const events: NetworkEvent[] = [];
    let next: Nic = { ...nic, mode: a.mode, network, address: null, addressing: 'none', subnet: null, tunnel };
    if (a.mode === 'generic' && a.address === undefined) next = { ...next, address: nic.address, addressing: nic.addressing, subnet: nic.subnet };
    // Neutron disassociates a floating IP when its port goes away or moves to another network.
    if (nic.floatingIp !== null && (a.mode !== 'cloud' || network !== nic.network)) {
      next.floatingIp = null;
      events.push(event('FLOATING_IP_DETACHED', { vm: vm.id, adapter: nicIndex + 1, address: nic.floatingIp }, true));
    }
    if (a.address !== undefined) {
      const placed = staticAddress(t, vm, nicIndex, next, a.address);
      if (!placed.ok) return placed;
      next = placed.value;
    } else if (next.mode !== 'generic') {
      next = { ...next, ...leaseFor(t, vm, nicIndex, next) };
    }
    events.unshift(event('NIC_MODE_CHANGED', { vm: vm.id, adapter: nicIndex + 1, from: nic.mode, to: a.mode, network: network ?? '' }));
    if (next.address !== null) events.push(event('ADDRESS_ASSIGNED', { vm: vm.id, adapter: nicIndex + 1, address: next.address, how: next.addressing }));
    else if (a.mode !== 'not-attached') events.push(event('NO_DHCP', { vm: vm.id, adapter: nicIndex + 1, mode: a.mode, network: network ?? '' }, true));
    if (a.mode !== 'nat' && nic.mode === 'nat' && nic.portForwards.length > 0) {
      events.push(event('PORT_FORWARDS_INACTIVE', { vm: vm.id, adapter: nicIndex + 1, count: nic.portForwards.length }, true));
    }
    for (const svc of vm.services) {
      if (nic.address !== null && svc.listen === nic.address && next.address !== nic.address) {
        events.push(event('SERVICE_ADDRESS_GONE', { vm: vm.id, service: svc.name, listen: svc.listen }, true));
      }
    }
    return ok({ state: updateNic(t, vmIndex, nicIndex, next), events });
  });
}

/** The tunnel's ports and peer address, as VBoxManage --nic-property would take them. */
function tunnelIssues(tunnel: UdpTunnel): Issue[] {
  const issues: Issue[] = [];
  for (const field of ['sport', 'dport'] as const) {
    if (!isPort(tunnel[field])) issues.push({ path: ['tunnel', field], message: `expected a UDP port 1–65535, got ${JSON.stringify(tunnel[field])}` });
  }
  if (typeof tunnel.dest !== 'string' || !isIp(tunnel.dest)) issues.push({ path: ['tunnel', 'dest'], message: `bad IPv4 address ${JSON.stringify(tunnel.dest)}`, hint: 'The other host\'s address, or 127.0.0.1 for a VM on this host' });
  return issues;
}

/** A typed-in address must sit in the network's block and not be taken by anyone else there. */
function staticAddress(t: Topology, vm: Vm, slot: number, nic: Nic, text: string): Result<Nic> {
  if (nic.mode === 'nat' || nic.mode === 'not-attached') {
    return fail({ path: ['address'], message: nic.mode === 'nat' ? 'the NAT engine assigns the address of a NAT adapter' : 'an adapter that is not attached has no address' });
  }
  if (nic.mode === 'internal' || nic.mode === 'generic') {
    const split = splitInterfaceAddress(text);
    if (!split) return fail({ path: ['address'], message: `bad interface address ${JSON.stringify(text)}`, hint: 'Write an address with an optional prefix, like "10.10.0.5/24"' });
    if (takenOnSegment(t, vm, slot, nic, split.address)) return fail({ path: ['address'], message: `${split.address} is already used on ${nic.mode === 'internal' ? `internal network ${JSON.stringify(nic.network)}` : 'that UDP tunnel'}` });
    return ok({ ...nic, address: split.address, subnet: split.cidr, addressing: 'static' });
  }
  if (!isIp(text)) return fail({ path: ['address'], message: `bad IPv4 address ${JSON.stringify(text)}` });
  const block = blockOf(t, vm, nic);
  if (block !== null && !isUsableHost(block, text)) return fail({ path: ['address'], message: `${text} is not a usable address in ${block}` });
  if (takenOnSegment(t, vm, slot, nic, text)) return fail({ path: ['address'], message: `${text} is already used on that network` });
  return ok({ ...nic, address: text, addressing: 'static' });
}

function blockOf(t: Topology, vm: Vm, nic: Nic): string | null {
  const host = t.hosts.find((h) => h.id === vm.host);
  switch (nic.mode) {
    case 'bridged':
      return t.lans.find((l) => l.id === host?.lan)?.cidr ?? null;
    case 'nat-network':
      return host?.natNetworks.find((n) => n.name === nic.network)?.cidr ?? null;
    case 'host-only':
      return host?.hostOnlyNetworks.find((n) => n.name === nic.network)?.cidr ?? null;
    case 'cloud':
      return t.networks.find((n) => n.id === nic.network)?.cidr ?? null;
    default:
      return null;
  }
}

function takenOnSegment(t: Topology, vm: Vm, slot: number, nic: Nic, address: string): boolean {
  const hostLan = (id: string | null) => t.hosts.find((h) => h.id === id)?.lan ?? null;
  const hostAddress = (id: string | null) => t.hosts.find((h) => h.id === id)?.address ?? null;
  const segment = nicSegment(vm, nic, slot, hostLan(vm.host), hostAddress(vm.host));
  if (segment === null) return false;
  if (segment.startsWith('lan:')) {
    const lan = t.lans.find((l) => `lan:${l.id}` === segment);
    if (lan?.gateway === address) return true;
    if (t.hosts.some((h) => `lan:${h.lan}` === segment && h.address === address)) return true;
    if (t.devices.some((d) => `lan:${d.lan}` === segment && d.address === address)) return true;
  }
  if (segment.startsWith('cloud:') && t.networks.some((n) => `cloud:${n.id}` === segment && n.gateway === address)) return true;
  if (segment.startsWith('hostonly:')) {
    const net = t.hosts.find((h) => h.id === vm.host)?.hostOnlyNetworks.find((n) => n.name === nic.network);
    if (net?.hostAddress === address) return true;
  }
  return t.vms.some((other) =>
    other.nics.some((n, i) => !(other.id === vm.id && i === slot) && n.address === address && nicSegment(other, n, i, hostLan(other.host), hostAddress(other.host)) === segment),
  );
}

