import { formatPath, type Issue, type PathSegment } from '../core/issues';
import { HOST_ONLY_DEFAULT_CIDR, MAX_NICS, NAT_NETWORK_DEFAULT_CIDR } from './defaults';
import { inCidr, parseCidr, parseIp, splitInterfaceAddress, type Cidr } from './ip';
import { hasPorts, parseIpProtocol, protocolProblem } from './protocols';
import { ruleFieldProblems } from './security-groups';
import { unknownReference } from './references';
import type { NicInput, ScenarioInput } from './schema';
import { tunnelSegment } from './segments';
import { INTERNET, MODES_WITH_NETWORK, VIRTUALBOX_MODES } from './types';

/**
 * Checks a parsed scenario beyond its shape: unique ids, references that resolve (with
 * did-you-mean), CIDRs and addresses that make sense, and the constraints the real tools
 * enforce (a floating IP needs a router gateway, two forwards cannot share a host port).
 */
export function validateScenario(s: ScenarioInput): Issue[] {
  const issues: Issue[] = [];
  const add = (path: PathSegment[], message: string, hint?: string) =>
    issues.push(hint === undefined ? { path, message } : { path, message, hint });

  const cidrAt = (path: PathSegment[], text: string): Cidr | null => {
    const parsed = parseCidr(text);
    if (parsed.ok) return parsed.cidr;
    const p = parsed.problem;
    if (p.kind === 'host-bits') add(path, `${JSON.stringify(text)} has host bits set`, `Did you mean "${p.suggestion}"?`);
    else if (p.kind === 'prefix') add(path, `bad CIDR ${JSON.stringify(text)}: the prefix must be 0–32, got ${JSON.stringify(p.prefix)}`);
    else add(path, `bad CIDR ${JSON.stringify(text)}`, 'Write it as an address and a prefix length, like "192.168.1.0/24"');
    return null;
  };
  const ipAt = (path: PathSegment[], text: string, within?: { cidr: Cidr | null; text: string }): number | null => {
    const ip = parseIp(text);
    if (ip === null) {
      add(path, `bad IPv4 address ${JSON.stringify(text)}`, 'Write four numbers 0–255 separated by dots, like "192.168.1.20"');
      return null;
    }
    if (within && within.cidr && !inCidr(ip, within.cidr)) add(path, `${text} is outside ${within.text}`);
    return ip;
  };

  // Ids of things drawn as graph nodes are unique across kinds, so a node id names one thing.
  // Security groups are not drawn; their ids only need to be unique among themselves.
  const idOwners = new Map<string, string>();
  const sections = ['lans', 'hosts', 'devices', 'vms', 'networks', 'externalNetworks', 'routers'] as const;
  for (const section of sections) {
    s[section].forEach((item, i) => {
      const where = `${section}[${i}]`;
      if (item.id === INTERNET) add([section, i, 'id'], '"internet" is reserved for the internet node', 'Choose another id');
      const first = idOwners.get(item.id);
      if (first !== undefined) add([section, i, 'id'], `duplicate id ${JSON.stringify(item.id)} (also used by ${first})`, 'Every id must be unique in the scenario');
      else idOwners.set(item.id, where);
    });
  }

  const groupOwners = new Map<string, number>();
  s.securityGroups.forEach((g, i) => {
    const first = groupOwners.get(g.id);
    if (first !== undefined) add(['securityGroups', i, 'id'], `duplicate security group id ${JSON.stringify(g.id)} (also used by securityGroups[${first}])`);
    else groupOwners.set(g.id, i);
  });

  if (s.internet) ipAt(['internet', 'clientAddress'], s.internet.clientAddress);

  const lanCidrs = new Map<string, { cidr: Cidr | null; text: string }>();
  s.lans.forEach((lan, i) => {
    const cidr = cidrAt(['lans', i, 'cidr'], lan.cidr);
    const within = { cidr, text: lan.cidr };
    lanCidrs.set(lan.id, within);
    if (lan.gateway !== undefined) ipAt(['lans', i, 'gateway'], lan.gateway, within);
    if (lan.dhcpStart !== undefined) ipAt(['lans', i, 'dhcpStart'], lan.dhcpStart, within);
    if (lan.publicAddress !== undefined) ipAt(['lans', i, 'publicAddress'], lan.publicAddress);
  });
  const lanIds = s.lans.map((l) => l.id);

  const hostById = new Map(s.hosts.map((h) => [h.id, h]));
  s.hosts.forEach((host, i) => {
    const lan = lanCidrs.get(host.lan);
    if (!lan) issues.push(unknownReference(['hosts', i, 'lan'], 'LAN', host.lan, lanIds, 'lans'));
    ipAt(['hosts', i, 'address'], host.address, lan);
    const names = new Set<string>();
    host.hostOnlyNetworks.forEach((net, j) => {
      const path: PathSegment[] = ['hosts', i, 'hostOnlyNetworks', j];
      if (names.has(net.name)) add([...path, 'name'], `duplicate network name ${JSON.stringify(net.name)} on host ${JSON.stringify(host.id)}`);
      names.add(net.name);
      const text = net.cidr ?? HOST_ONLY_DEFAULT_CIDR;
      const cidr = net.cidr !== undefined ? cidrAt([...path, 'cidr'], net.cidr) : defaultBlock(text);
      if (net.hostAddress !== undefined) ipAt([...path, 'hostAddress'], net.hostAddress, { cidr, text });
    });
    host.natNetworks.forEach((net, j) => {
      const path: PathSegment[] = ['hosts', i, 'natNetworks', j];
      if (names.has(net.name)) add([...path, 'name'], `duplicate network name ${JSON.stringify(net.name)} on host ${JSON.stringify(host.id)}`);
      names.add(net.name);
      const text = net.cidr ?? NAT_NETWORK_DEFAULT_CIDR;
      const cidr = net.cidr !== undefined ? cidrAt([...path, 'cidr'], net.cidr) : defaultBlock(text);
      net.portForwards.forEach((pf, k) => {
        if (pf.guestIp === '') add([...path, 'portForwards', k, 'guestIp'], 'a NAT network port forward needs the guest address', `Give the address of the VM on ${net.name} (inside ${text})`);
        else ipAt([...path, 'portForwards', k, 'guestIp'], pf.guestIp, { cidr, text });
        if (pf.hostIp !== '') ipAt([...path, 'portForwards', k, 'hostIp'], pf.hostIp);
      });
    });
  });
  const hostIds = s.hosts.map((h) => h.id);

  s.devices.forEach((device, i) => {
    const lan = lanCidrs.get(device.lan);
    if (!lan) issues.push(unknownReference(['devices', i, 'lan'], 'LAN', device.lan, lanIds, 'lans'));
    ipAt(['devices', i, 'address'], device.address, lan);
  });

  const networkCidrs = new Map<string, { cidr: Cidr | null; text: string }>();
  s.networks.forEach((net, i) => {
    const cidr = cidrAt(['networks', i, 'cidr'], net.cidr);
    networkCidrs.set(net.id, { cidr, text: net.cidr });
    if (net.gateway !== undefined) ipAt(['networks', i, 'gateway'], net.gateway, { cidr, text: net.cidr });
  });
  const networkIds = s.networks.map((n) => n.id);

  const externalCidrs = new Map<string, { cidr: Cidr | null; text: string }>();
  s.externalNetworks.forEach((ext, i) => {
    const cidr = cidrAt(['externalNetworks', i, 'cidr'], ext.cidr);
    const within = { cidr, text: ext.cidr };
    externalCidrs.set(ext.id, within);
    if (ext.floatingIpPool) {
      const start = ipAt(['externalNetworks', i, 'floatingIpPool', 'start'], ext.floatingIpPool.start, within);
      const end = ipAt(['externalNetworks', i, 'floatingIpPool', 'end'], ext.floatingIpPool.end, within);
      if (start !== null && end !== null && start > end) add(['externalNetworks', i, 'floatingIpPool'], `the pool starts after it ends (${ext.floatingIpPool.start} > ${ext.floatingIpPool.end})`);
    }
  });
  const externalIds = s.externalNetworks.map((e) => e.id);

  // network id → routers with an interface on it, to check floating IP reachability.
  const routersOfNetwork = new Map<string, { externalNetwork?: string | undefined }[]>();
  s.routers.forEach((router, i) => {
    if (router.externalNetwork !== undefined && !externalCidrs.has(router.externalNetwork)) {
      issues.push(unknownReference(['routers', i, 'externalNetwork'], 'external network', router.externalNetwork, externalIds, 'externalNetworks'));
    }
    if (router.externalAddress !== undefined) {
      if (router.externalNetwork === undefined) add(['routers', i, 'externalAddress'], 'an external address needs an external network', 'Set "externalNetwork" too');
      ipAt(['routers', i, 'externalAddress'], router.externalAddress, externalCidrs.get(router.externalNetwork ?? ''));
    }
    const seen: { id: string; cidr: Cidr }[] = [];
    router.interfaces.forEach((netId, j) => {
      const net = networkCidrs.get(netId);
      if (!net) {
        issues.push(unknownReference(['routers', i, 'interfaces', j], 'network', netId, networkIds, 'networks'));
        return;
      }
      const list = routersOfNetwork.get(netId) ?? [];
      list.push({ externalNetwork: router.externalNetwork });
      routersOfNetwork.set(netId, list);
      if (net.cidr) {
        const overlap = seen.find((o) => inCidr(o.cidr.network, net.cidr!) || inCidr(net.cidr!.network, o.cidr));
        if (overlap) add(['routers', i, 'interfaces', j], `${netId} (${net.text}) overlaps ${overlap.id} on the same router`, 'Neutron refuses router interfaces with overlapping subnets');
        seen.push({ id: netId, cidr: net.cidr });
      }
    });
  });

  const groupIds = s.securityGroups.map((g) => g.id);
  // Every project has a "default" group even when the scenario does not declare it.
  const impliedDefault = !groupIds.includes('default') && (s.networks.length > 0 || s.vms.some((v) => v.nics.some((n) => n.mode === 'cloud')));
  const knownGroups = impliedDefault ? [...groupIds, 'default'] : groupIds;
  const groupKnown = (gid: string) => knownGroups.includes(gid);
  s.securityGroups.forEach((group, i) => {
    group.rules.forEach((rule, j) => {
      const path: PathSegment[] = ['securityGroups', i, 'rules', j];
      const protocol = rule.protocol === 'any' ? 'any' : parseIpProtocol(rule.protocol);
      if (protocol === null) add([...path, 'protocol'], protocolProblem(rule.protocol), 'Or "any" for every protocol');
      else {
        for (const problem of ruleFieldProblems(protocol, rule)) add([...path, problem.field], problem.message, problem.hint);
      }
      if (rule.remote !== undefined && rule.remoteGroup !== undefined) add(path, 'a rule has either "remote" or "remoteGroup", not both');
      if (rule.remote !== undefined) {
        if (rule.remote.includes('/')) cidrAt([...path, 'remote'], rule.remote);
        else ipAt([...path, 'remote'], rule.remote);
      }
      if (rule.remoteGroup !== undefined && !groupKnown(rule.remoteGroup)) {
        issues.push(unknownReference([...path, 'remoteGroup'], 'security group', rule.remoteGroup, knownGroups, 'securityGroups'));
      }
    });
  });

  // Static addresses per segment, to catch duplicates; forwards per host, to catch port clashes.
  const staticBySegment = new Map<string, Map<string, string>>();
  const claim = (segment: string, address: string, path: PathSegment[]) => {
    const taken = staticBySegment.get(segment) ?? new Map<string, string>();
    const owner = taken.get(address);
    if (owner !== undefined) add(path, `address ${address} is already used by ${owner}`);
    else taken.set(address, pathText(path));
    staticBySegment.set(segment, taken);
  };
  s.hosts.forEach((h, i) => claim(`lan:${h.lan}`, h.address, ['hosts', i, 'address']));
  s.devices.forEach((d, i) => claim(`lan:${d.lan}`, d.address, ['devices', i, 'address']));

  const forwardsByHost = new Map<string, { key: string; hostIp: string; where: string }[]>();
  const checkForward = (hostId: string, pf: { protocol: string; hostIp: string; hostPort: number }, path: PathSegment[]) => {
    const list = forwardsByHost.get(hostId) ?? [];
    const key = `${pf.protocol}/${pf.hostPort}`;
    const clash = list.find((o) => o.key === key && (o.hostIp === '' || pf.hostIp === '' || o.hostIp === pf.hostIp));
    if (clash) add(path, `host port ${pf.hostPort}/${pf.protocol} is already forwarded by ${clash.where}`, 'Two forwards cannot listen on the same host port; pick another host port');
    list.push({ key, hostIp: pf.hostIp, where: pathText(path) });
    forwardsByHost.set(hostId, list);
  };
  s.hosts.forEach((h, i) =>
    h.natNetworks.forEach((net, j) => net.portForwards.forEach((pf, k) => checkForward(h.id, pf, ['hosts', i, 'natNetworks', j, 'portForwards', k]))),
  );

  const floatingOwners = new Map<string, string>();
  const tunnelPorts = new Map<string, string>();
  s.vms.forEach((vm, i) => {
    const vboxModes = vm.nics.some((n) => (VIRTUALBOX_MODES as readonly string[]).includes(n.mode) && n.mode !== 'not-attached');
    const cloudModes = vm.nics.some((n) => n.mode === 'cloud');
    const host = vm.host === undefined ? undefined : hostById.get(vm.host);
    if (vm.host !== undefined && !host) issues.push(unknownReference(['vms', i, 'host'], 'host', vm.host, hostIds, 'hosts'));
    if (vboxModes && vm.host === undefined) add(['vms', i, 'host'], 'missing required field (a VM with VirtualBox network modes runs on a host)', 'Name the host it runs on, or use mode "cloud" for an OpenStack instance');
    if (cloudModes && vm.host !== undefined) add(['vms', i], 'a VirtualBox VM cannot have a cloud port', 'Remove "host" for an OpenStack instance, or use a VirtualBox mode');
    if (vm.nics.length > MAX_NICS) add(['vms', i, 'nics'], `allows at most ${MAX_NICS} items`, 'VirtualBox supports up to eight network adapters');

    vm.nics.forEach((nic, j) => {
      const path: PathSegment[] = ['vms', i, 'nics', j];
      checkNic(nic, path, host);
      nic.portForwards?.forEach((pf, k) => {
        const pfPath = [...path, 'portForwards', k];
        if (pf.hostIp !== '') ipAt([...pfPath, 'hostIp'], pf.hostIp);
        if (pf.guestIp !== '') ipAt([...pfPath, 'guestIp'], pf.guestIp);
        if (vm.host !== undefined && nic.mode === 'nat') checkForward(vm.host, pf, pfPath);
        const dup = nic.portForwards!.findIndex((o) => o.name !== undefined && o.name === pf.name);
        if (pf.name !== undefined && dup !== k) add([...pfPath, 'name'], `duplicate rule name ${JSON.stringify(pf.name)} on this adapter`);
      });
    });

    const servicePorts = new Map<string, string>();
    vm.services.forEach((svc, k) => checkService(svc, ['vms', i, 'services', k], servicePorts));
    checkFirewall(vm.firewall, ['vms', i, 'firewall']);
  });
  s.hosts.forEach((h, i) => {
    const ports = new Map<string, string>();
    h.services.forEach((svc, k) => checkService(svc, ['hosts', i, 'services', k], ports));
    checkFirewall(h.firewall, ['hosts', i, 'firewall']);
  });
  s.devices.forEach((d, i) => {
    const ports = new Map<string, string>();
    d.services.forEach((svc, k) => checkService(svc, ['devices', i, 'services', k], ports));
    checkFirewall(d.firewall, ['devices', i, 'firewall']);
  });

  return issues;

  /** `{ protocol: icmp }` has no port; `{ protocol: udp }` needs one. */
  function checkFirewall(fw: ScenarioInput['vms'][number]['firewall'], path: PathSegment[]) {
    fw?.allow.forEach((a, k) => {
      if (typeof a === 'number') return;
      const at: PathSegment[] = [...path, 'allow', k];
      const protocol = parseIpProtocol(a.protocol);
      if (protocol === null) add([...at, 'protocol'], protocolProblem(a.protocol));
      else if (hasPorts(protocol) && a.port === undefined) add([...at, 'port'], `missing required field (protocol ${protocol} needs a port)`, `Give the port to allow, like { port: 53, protocol: ${protocol} }`);
      else if (!hasPorts(protocol) && a.port !== undefined) add([...at, 'port'], `protocol ${protocol} has no ports`, 'Remove "port": the firewall then lets that protocol in');
    });
  }

  function checkService(svc: { name?: string | undefined; port: number; protocol: string; listen: string }, path: PathSegment[], used: Map<string, string>) {
    ipAt([...path, 'listen'], svc.listen);
    const key = `${svc.port}/${svc.protocol}`;
    const other = used.get(key);
    if (other !== undefined) add([...path, 'port'], `port ${key} is already used by ${other}`, 'Two services cannot listen on the same port and protocol');
    used.set(key, svc.name ?? pathText(path));
  }

  function checkNic(nic: NicInput, path: PathSegment[], host: ScenarioInput['hosts'][number] | undefined) {
    const needsNetwork = MODES_WITH_NETWORK.includes(nic.mode);
    if (needsNetwork && nic.network === undefined) {
      add([...path, 'network'], `missing required field (mode ${JSON.stringify(nic.mode)} names a network)`, networkHint(nic.mode));
    }
    if (!needsNetwork && nic.network !== undefined) {
      add([...path, 'network'], `mode ${JSON.stringify(nic.mode)} does not use a network name`, nic.mode === 'bridged' ? 'A bridged adapter joins the LAN of its host; remove "network"' : 'Remove "network"');
    }
    if (nic.mode !== 'cloud') {
      if (nic.securityGroups !== undefined) add([...path, 'securityGroups'], 'security groups apply to cloud ports only');
      if (nic.floatingIp !== undefined) add([...path, 'floatingIp'], 'floating IPs apply to cloud ports only');
    }
    if (nic.mode === 'cloud' && nic.portForwards !== undefined) add([...path, 'portForwards'], 'port forwards are a VirtualBox NAT feature', 'Use a floating IP and a security group rule for a cloud instance');
    if (nic.mode === 'cloud' && nic.localhostReachable !== undefined) add([...path, 'localhostReachable'], 'localhostReachable is a VirtualBox NAT setting', 'Remove it from the cloud port');

    let segment: string | null = null;
    let within: { cidr: Cidr | null; text: string } | undefined;
    if (nic.network !== undefined) {
      if (nic.mode === 'cloud') {
        within = networkCidrs.get(nic.network);
        if (!within) issues.push(unknownReference([...path, 'network'], 'network', nic.network, networkIds, 'networks'));
        segment = `cloud:${nic.network}`;
      } else if (host && nic.mode === 'nat-network') {
        const net = host.natNetworks.find((n) => n.name === nic.network);
        if (!net) issues.push(unknownReference([...path, 'network'], 'NAT network', nic.network, host.natNetworks.map((n) => n.name), `hosts › ${host.id} › natNetworks`, `on host "${host.id}"`));
        else {
          const text = net.cidr ?? NAT_NETWORK_DEFAULT_CIDR;
          within = { cidr: defaultBlock(text), text };
        }
        segment = `natnet:${host.id}:${nic.network}`;
      } else if (host && nic.mode === 'host-only') {
        const net = host.hostOnlyNetworks.find((n) => n.name === nic.network);
        if (!net) issues.push(unknownReference([...path, 'network'], 'host-only network', nic.network, host.hostOnlyNetworks.map((n) => n.name), `hosts › ${host.id} › hostOnlyNetworks`, `on host "${host.id}"`));
        else {
          const text = net.cidr ?? HOST_ONLY_DEFAULT_CIDR;
          within = { cidr: defaultBlock(text), text };
        }
        segment = `hostonly:${host.id}:${nic.network}`;
      } else if (host && nic.mode === 'internal') {
        segment = `intnet:${host.id}:${nic.network}`;
      }
    }
    if (nic.mode === 'bridged' && host) {
      within = lanCidrs.get(host.lan);
      segment = `lan:${host.lan}`;
    }
    if (nic.tunnel !== undefined && nic.mode !== 'generic') add([...path, 'tunnel'], 'a UDP tunnel belongs to mode "generic"', 'Set mode: generic, or remove "tunnel"');
    if (nic.mode === 'generic') {
      if (nic.tunnel === undefined) add([...path, 'tunnel'], 'missing required field (mode "generic" is a UDP tunnel: sport, dest, dport)', 'For example { sport: 10001, dest: 192.168.1.12, dport: 10002 }');
      else {
        ipAt([...path, 'tunnel', 'dest'], nic.tunnel.dest);
        if (host) {
          segment = tunnelSegment(path.join('.'), 0, nic.tunnel, host.address);
          // The tunnel's source port is a UDP socket on the host: two adapters cannot bind the same one.
          const key = `${host.id}/${nic.tunnel.sport}`;
          const owner = tunnelPorts.get(key);
          if (owner !== undefined) add([...path, 'tunnel', 'sport'], `UDP port ${nic.tunnel.sport} on host ${JSON.stringify(host.id)} is already the tunnel port of ${owner}`, 'Give each tunnel on a host its own source port');
          else tunnelPorts.set(key, pathText(path));
        }
      }
      if (nic.address === undefined) add([...path, 'address'], 'missing required field (a UDP tunnel has no DHCP server)', 'Give a static address with its prefix, like "10.20.0.1/24"');
    }

    if (nic.address !== undefined) {
      if (nic.mode === 'nat') add([...path, 'address'], 'the NAT engine assigns the address of a NAT adapter', 'Remove "address"; the guest gets 10.0.2.15 (10.0.3.15 on the second adapter, and so on)');
      else if (nic.mode === 'not-attached') add([...path, 'address'], 'an adapter that is not attached has no address');
      else if (nic.mode === 'internal' || nic.mode === 'generic') {
        const split = splitInterfaceAddress(nic.address);
        if (split === null) add([...path, 'address'], `bad interface address ${JSON.stringify(nic.address)}`, 'Write an address with an optional prefix, like "10.10.0.5/24"');
        else if (segment) claim(segment, split.address, [...path, 'address']);
      } else if (ipAt([...path, 'address'], nic.address, within) !== null && segment) {
        claim(segment, nic.address, [...path, 'address']);
      }
    }
    if (nic.floatingIp !== undefined) {
      const fip = nic.floatingIp;
      const owner = floatingOwners.get(fip);
      if (owner !== undefined) add([...path, 'floatingIp'], `floating IP ${fip} is already associated with ${owner}`);
      floatingOwners.set(fip, pathText(path));
      const ext = [...externalCidrs.entries()].find(([, w]) => w.cidr !== null && parseIp(fip) !== null && inCidr(parseIp(fip)!, w.cidr));
      if (ipAt([...path, 'floatingIp'], fip) !== null && !ext) add([...path, 'floatingIp'], `${fip} is not in any external network`, externalIds.length ? `External networks: ${[...externalCidrs.values()].map((w) => w.text).join(', ')}` : 'Define one under "externalNetworks"');
      if (ext && nic.network !== undefined) {
        const routed = (routersOfNetwork.get(nic.network) ?? []).some((r) => r.externalNetwork === ext[0]);
        if (!routed) add([...path, 'floatingIp'], `external network ${ext[0]} is not reachable from network ${nic.network}`, `Attach ${nic.network} to a router whose gateway is ${ext[0]} (Neutron refuses the association otherwise)`);
      }
    }
    nic.securityGroups?.forEach((gid, k) => {
      if (!groupKnown(gid)) issues.push(unknownReference([...path, 'securityGroups', k], 'security group', gid, knownGroups, 'securityGroups'));
    });
  }
}

function networkHint(mode: NicInput['mode']): string {
  switch (mode) {
    case 'nat-network':
      return 'Give the name of a NAT network defined on the VM\'s host';
    case 'host-only':
      return 'Give the name of a host-only network on the VM\'s host, like "vboxnet0"';
    case 'internal':
      return 'Give the internal network a name, like "intnet"; NICs with the same name are connected';
    default:
      return 'Give the id of a project network';
  }
}

function pathText(path: PathSegment[]): string {
  return formatPath(path);
}

/** The block of a built-in default (always valid). */
function defaultBlock(text: string): Cidr | null {
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.cidr : null;
}
