import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '../../../../src/sim/core';
import { loadScenario } from '../../../../src/sim/network';

const base = {
  title: 'lab',
  lans: [{ id: 'home-lan', cidr: '192.168.1.0/24' }],
  hosts: [{ id: 'laptop', lan: 'home-lan', address: '192.168.1.10', natNetworks: [{ name: 'NatNetwork' }], hostOnlyNetworks: [{ name: 'vboxnet0' }] }],
  vms: [{ id: 'web', host: 'laptop', nics: [{ mode: 'nat' }] }],
};

/** Load a variant of the base scenario (as YAML, the way instructors write it) and list the issues. */
function problems(change: (s: typeof base & Record<string, unknown>) => void): string[] {
  const s = structuredClone(base) as typeof base & Record<string, unknown>;
  change(s);
  const r = loadScenario(stringify(s));
  return r.ok ? [] : r.issues.map((i) => formatIssue(i, 'labs/x.yaml'));
}

describe('scenario files', () => {
  it('N37: the base scenario loads', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('N37: unknown references get did-you-mean, or the list of known names', () => {
    expect(problems((s) => (s.hosts[0]!.lan = 'home-lna'))).toEqual(['labs/x.yaml › hosts[0].lan: unknown LAN "home-lna". Did you mean "home-lan"?']);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'nat-network', network: 'NatNetwrk' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].network: unknown NAT network "NatNetwrk" on host "laptop". Did you mean "NatNetwork"?',
    ]);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'host-only', network: 'zzzzzz' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].network: unknown host-only network "zzzzzz" on host "laptop" (known: "vboxnet0")',
    ]);
    expect(problems((s) => (s.vms[0]!.host = 'desktop'))).toEqual(['labs/x.yaml › vms[0].host: unknown host "desktop" (known: "laptop")']);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'cloud', network: 'private' } as never]))).toContain(
      'labs/x.yaml › vms[0].nics[0].network: unknown network "private". No network is defined; add one under "networks"',
    );
  });

  it('N37: ids are unique across machines and networks; "internet" is reserved', () => {
    expect(problems((s) => s.vms.push({ id: 'laptop', host: 'laptop', nics: [{ mode: 'nat' }] }))).toEqual([
      'labs/x.yaml › vms[1].id: duplicate id "laptop" (also used by hosts[0]). Every id must be unique in the scenario',
    ]);
    expect(problems((s) => (s.vms[0]!.id = 'internet'))).toEqual(['labs/x.yaml › vms[0].id: "internet" is reserved for the internet node. Choose another id']);
    expect(problems((s) => (s.vms[0]!.id = 'Web Server'))).toEqual(['labs/x.yaml › vms[0].id: must be lowercase letters, digits, ".", "_" or "-"']);
  });

  it('N37: CIDRs and addresses are checked and explained', () => {
    expect(problems((s) => (s.lans[0]!.cidr = '192.168.1.5/24'))).toContain('labs/x.yaml › lans[0].cidr: "192.168.1.5/24" has host bits set. Did you mean "192.168.1.0/24"?');
    expect(problems((s) => (s.lans[0]!.cidr = '192.168.1.0/33'))).toContain('labs/x.yaml › lans[0].cidr: bad CIDR "192.168.1.0/33": the prefix must be 0–32, got "33"');
    expect(problems((s) => (s.hosts[0]!.address = '10.0.0.5'))).toEqual(['labs/x.yaml › hosts[0].address: 10.0.0.5 is outside 192.168.1.0/24']);
    expect(problems((s) => (s.hosts[0]!.address = '192.168.1.300'))).toEqual([
      'labs/x.yaml › hosts[0].address: bad IPv4 address "192.168.1.300". Write four numbers 0–255 separated by dots, like "192.168.1.20"',
    ]);
    expect(problems((s) => s.vms.push({ id: 'a', host: 'laptop', nics: [{ mode: 'bridged', address: '192.168.1.10' } as never] }))).toEqual([
      'labs/x.yaml › vms[1].nics[0].address: address 192.168.1.10 is already used by hosts[0].address',
    ]);
  });

  it('N37: shapes, types and ranges come from the schema with friendly wording', () => {
    expect(problems((s) => ((s.vms[0] as Record<string, unknown>).cpu = 2))).toEqual(['labs/x.yaml › vms[0]: unknown field "cpu"']);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'bridge' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].mode: expected one of "not-attached", "nat", "nat-network", "bridged", "internal", "host-only", "generic", "cloud", got "bridge"',
    ]);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'nat', portForwards: [{ hostPort: 70000, guestPort: 80 }] } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].portForwards[0].hostPort: must be at most 65535, got 70000',
    ]);
    const r = loadScenario('title: lab\nvms: [\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^line \d+, column \d+: /);
  });

  it('N37: mode-specific fields: networks where needed, no addresses where the tool assigns them', () => {
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'bridged', network: 'eth0' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].network: mode "bridged" does not use a network name. A bridged adapter joins the LAN of its host; remove "network"',
    ]);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'nat', address: '10.0.2.20' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].address: the NAT engine assigns the address of a NAT adapter. Remove "address"; the guest gets 10.0.2.15 (10.0.3.15 on the second adapter, and so on)',
    ]);
    expect(problems((s) => (s.vms[0]!.nics = [{ mode: 'internal' } as never]))).toEqual([
      'labs/x.yaml › vms[0].nics[0].network: missing required field (mode "internal" names a network). Give the internal network a name, like "intnet"; NICs with the same name are connected',
    ]);
    expect(problems((s) => (s.vms[0]!.nics = Array.from({ length: 9 }, () => ({ mode: 'nat' })) as never))).toEqual([
      'labs/x.yaml › vms[0].nics: allows at most 8 items. VirtualBox supports up to eight network adapters',
    ]);
    expect(problems((s) => delete (s.vms[0] as Record<string, unknown>).host)).toEqual([
      'labs/x.yaml › vms[0].host: missing required field (a VM with VirtualBox network modes runs on a host). Name the host it runs on, or use mode "cloud" for an OpenStack instance',
    ]);
  });

  it('N37: forwards may not clash on a host port; NAT network forwards need a guest address', () => {
    expect(
      problems((s) => {
        s.vms[0]!.nics = [{ mode: 'nat', portForwards: [{ name: 'a', hostPort: 8080, guestPort: 80 }] } as never];
        s.vms.push({ id: 'b', host: 'laptop', nics: [{ mode: 'nat', portForwards: [{ name: 'b', hostIp: '127.0.0.1', hostPort: 8080, guestPort: 80 }] } as never] });
      }),
    ).toEqual(['labs/x.yaml › vms[1].nics[0].portForwards[0]: host port 8080/tcp is already forwarded by vms[0].nics[0].portForwards[0]. Two forwards cannot listen on the same host port; pick another host port']);
    expect(problems((s) => (s.hosts[0]!.natNetworks = [{ name: 'NatNetwork', portForwards: [{ hostPort: 2222, guestPort: 22 }] } as never]))).toEqual([
      'labs/x.yaml › hosts[0].natNetworks[0].portForwards[0].guestIp: a NAT network port forward needs the guest address. Give the address of the VM on NatNetwork (inside 10.0.2.0/24)',
    ]);
  });

  it('N37: cloud: floating IPs need a router gateway; rule ports only for tcp/udp; security group references resolve', () => {
    const cloud = (s: Record<string, unknown>) => {
      s.externalNetworks = [{ id: 'public', cidr: '172.24.4.0/24' }];
      s.networks = [{ id: 'private', cidr: '10.0.0.0/24' }];
      s.securityGroups = [{ id: 'web', rules: [{ protocol: 'icmp', ports: 8 }, { ports: 22, remoteGroup: 'wbe' }] }];
      s.vms = [{ id: 'web', nics: [{ mode: 'cloud', network: 'private', floatingIp: '172.24.4.20', securityGroups: ['web', 'defualt'] }] }];
    };
    expect(problems(cloud)).toEqual([
      'labs/x.yaml › securityGroups[0].rules[0].ports: ports do not apply to protocol "icmp". Remove "ports"; use "icmpType" (8 for ping) to narrow an ICMP rule',
      'labs/x.yaml › securityGroups[0].rules[1].remoteGroup: unknown security group "wbe". Did you mean "web"?',
      'labs/x.yaml › vms[0].nics[0].floatingIp: external network public is not reachable from network private. Attach private to a router whose gateway is public (Neutron refuses the association otherwise)',
      'labs/x.yaml › vms[0].nics[0].securityGroups[1]: unknown security group "defualt". Did you mean "default"?',
    ]);
  });
});
