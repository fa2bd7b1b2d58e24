import { readFileSync, readdirSync } from 'node:fs';
import { formatIssue } from '../../../../src/sim/core';
import { canConnect, loadScenario, topologyFrom, type QueryInput, type Topology, type Verdict } from '../../../../src/sim/network';

export const PRESET_DIR = 'content/scenarios/network';

/** A topology from scenario data; a test fixture that does not validate is a bug in the test. */
export function topo(data: unknown): Topology {
  const r = topologyFrom(data);
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, 'fixture')).join('\n'));
  return r.value;
}

export function preset(name: string): Topology {
  const r = loadScenario(readFileSync(`${PRESET_DIR}/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, name)).join('\n'));
  return r.value;
}

export function presetNames(): string[] {
  return readdirSync(PRESET_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

export function can(t: Topology, from: string, to: string, port: number | null, protocol: string | number = 'tcp', address?: string): Verdict {
  return ask(t, { from, to, port, protocol, ...(address === undefined ? {} : { address }) });
}

/** A query that must be valid; a refused one is a bug in the test. */
export function ask(t: Topology, q: QueryInput): Verdict {
  const r = canConnect(t, q);
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i)).join('\n'));
  return r.value;
}

/** A ping: an ICMP echo request and its reply. */
export function ping(t: Topology, from: string, to: string, address?: string): Verdict {
  return can(t, from, to, null, 'icmp', address);
}

/** The blocking code, or "OK". */
export function code(v: Verdict): string {
  return v.ok ? 'OK' : v.blocked!.code;
}

/** A LAN with one VirtualBox host; callers add VMs, devices and host networks. */
export function homeLab(extra: { vms?: unknown[]; devices?: unknown[]; host?: Record<string, unknown>; lan?: Record<string, unknown>; version?: string } = {}): Topology {
  return topo({
    title: 'test lab',
    ...(extra.version === undefined ? {} : { virtualbox: { version: extra.version } }),
    lans: [{ id: 'lan', cidr: '192.168.1.0/24', publicAddress: '203.0.113.10', ...extra.lan }],
    hosts: [
      {
        id: 'host',
        lan: 'lan',
        address: '192.168.1.10',
        hostOnlyNetworks: [{ name: 'vboxnet0' }, { name: 'vboxnet1' }],
        natNetworks: [{ name: 'natnet1' }, { name: 'natnet2', cidr: '10.0.9.0/24' }],
        services: [{ name: 'web', port: 80 }],
        ...extra.host,
      },
    ],
    devices: [{ id: 'phone', lan: 'lan', address: '192.168.1.30', services: [{ port: 80 }, { port: 22 }] }, ...(extra.devices ?? [])],
    vms: extra.vms ?? [],
  });
}

/** A VM on "host" with the given adapters, serving ssh (22) and http (80) on every address. */
export function vm(id: string, ...nics: Record<string, unknown>[]): Record<string, unknown> {
  return { id, host: 'host', nics, services: [{ name: 'ssh', port: 22 }, { name: 'http', port: 80 }] };
}
