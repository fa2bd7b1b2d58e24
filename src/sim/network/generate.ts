import { InputError } from '../core/issues';
import { createRng, type Rng } from '../core/rng';
import { normalize } from './normalize';
import { scenarioInput } from './schema';
import { validateScenario } from './validate-scenario';
import type { Topology } from './types';

export interface GenerateOptions {
  vms: number;
  /** Share of VMs that are cloud instances (0–1); the rest run on VirtualBox hosts. */
  cloudShare?: number;
  /** VirtualBox VMs per host. */
  vmsPerHost?: number;
}

const SERVICE_PORTS = [22, 80, 443, 5432, 8080];

/**
 * A random but valid topology from a seed: VirtualBox hosts on one LAN with VMs in every mode,
 * LAN devices, and a cloud project with two routed networks, floating IPs and security groups.
 * For property tests, benchmarks and parametric quiz questions; the same seed gives the same
 * topology.
 */
export function generateTopology(seed: number | string, options: GenerateOptions): Topology {
  const rng = createRng(seed);
  const cloudShare = options.cloudShare ?? 0.3;
  const perHost = options.vmsPerHost ?? 40;
  const cloudCount = Math.round(options.vms * cloudShare);
  const vboxCount = options.vms - cloudCount;
  const hostCount = vboxCount > 0 ? Math.ceil(vboxCount / perHost) : 0;

  const hosts = Array.from({ length: hostCount }, (_, i) => ({
    id: `host-${i + 1}`,
    lan: 'lan',
    address: `172.16.0.${10 + i}`,
    hostOnlyNetworks: [{ name: 'vboxnet0' }],
    natNetworks: [{ name: 'NatNetwork' }],
    services: services(rng),
    firewall: firewall(rng),
  }));
  const devices = Array.from({ length: 3 }, (_, i) => ({ id: `device-${i + 1}`, lan: 'lan', address: `172.16.0.${200 + i}`, services: services(rng) }));

  const vms: Record<string, unknown>[] = [];
  for (let i = 0; i < vboxCount; i++) {
    const host = Math.floor(i / perHost);
    const nicCount = rng.int(1, 2);
    const nics = Array.from({ length: nicCount }, (_, slot) => vboxNic(rng, i, slot));
    vms.push({ id: `vm-${i + 1}`, host: `host-${host + 1}`, nics, services: services(rng), firewall: firewall(rng) });
  }
  // Sometimes a UDP tunnel between a VM on the first host and one on the second (N48).
  if (hostCount >= 2 && perHost > 0 && vboxCount > perHost && rng.bool(0.6)) {
    const [a, b] = [vms[0]!, vms[perHost]!];
    const tunnel = (sport: number, dest: string, dport: number) => ({ mode: 'generic', tunnel: { sport, dest, dport } });
    (a.nics as unknown[]).push({ ...tunnel(31001, hosts[1]!.address, 31002), address: '10.70.0.1/24' });
    (b.nics as unknown[]).push({ ...tunnel(31002, hosts[0]!.address, rng.bool(0.8) ? 31001 : 31009), address: '10.70.0.2/24' });
  }
  let floating = 0;
  for (let i = 0; i < cloudCount; i++) {
    const network = rng.pick(['net-a', 'net-b']);
    const groups = rng.bool(0.2) ? ['default'] : ['default', rng.pick(['web', 'db'])];
    const nic: Record<string, unknown> = { mode: 'cloud', network, securityGroups: groups };
    if (rng.bool(0.3)) nic.floatingIp = `172.24.${1 + Math.floor(floating / 250)}.${1 + (floating++ % 250)}`;
    vms.push({ id: `cloud-${i + 1}`, nics: [nic], services: services(rng), firewall: firewall(rng) });
  }

  const input = {
    title: `Generated topology ${String(seed)}`,
    lans: [{ id: 'lan', cidr: '172.16.0.0/16', dhcpStart: '172.16.1.1' }],
    hosts,
    devices,
    vms,
    ...(cloudCount > 0
      ? {
          externalNetworks: [{ id: 'public', cidr: '172.24.0.0/16', floatingIpPool: { start: '172.24.1.1', end: '172.24.255.250' } }],
          networks: [
            { id: 'net-a', cidr: '10.10.0.0/20' },
            { id: 'net-b', cidr: '10.20.0.0/20' },
          ],
          routers: [{ id: 'router', externalNetwork: 'public', interfaces: ['net-a', 'net-b'] }],
          securityGroups: [
            { id: 'web', rules: [{ ports: 80 }, { ports: 22 }, { protocol: 'icmp', icmpType: 8 }] },
            { id: 'db', rules: [{ ports: 5432, remoteGroup: 'web' }] },
          ],
        }
      : {}),
  };
  // Parsed without the YAML front end, so that benchmarks bundle without the YAML parser.
  const parsed = scenarioInput.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => ({ path: i.path.filter((p) => typeof p !== 'symbol'), message: i.message })), 'generateTopology');
  const issues = validateScenario(parsed.data);
  if (issues.length > 0) throw new InputError(issues, 'generateTopology');
  return normalize(parsed.data);
}

function vboxNic(rng: Rng, vm: number, slot: number): Record<string, unknown> {
  const mode = rng.pick(['nat', 'nat', 'nat-network', 'bridged', 'host-only', 'internal', 'not-attached']);
  switch (mode) {
    case 'nat': {
      // VirtualBox 7 defaults "localhost reachable" off; about half the generated NAT adapters turn it on.
      const reach = rng.bool() ? { localhostReachable: true } : {};
      return rng.bool(0.3)
        ? { mode, ...reach, portForwards: [{ hostPort: 20000 + vm * 8 + slot, guestPort: rng.pick(SERVICE_PORTS) }] }
        : { mode, ...reach };
    }
    case 'nat-network':
      return { mode, network: 'NatNetwork' };
    case 'host-only':
      return { mode, network: 'vboxnet0' };
    case 'internal': {
      // Two internal networks per host, addressed statically in one /16 so that names matter.
      const n = vm * 8 + slot + 1;
      return { mode, network: rng.pick(['intnet-a', 'intnet-b']), address: `10.50.${Math.floor(n / 250) % 250}.${1 + (n % 250)}/16` };
    }
    default:
      return { mode };
  }
}

function services(rng: Rng): Record<string, unknown>[] {
  const ports = rng.shuffle(SERVICE_PORTS).slice(0, rng.int(0, 3));
  return ports.map((port) => ({ port, listen: rng.bool(0.15) ? '127.0.0.1' : '0.0.0.0' }));
}

function firewall(rng: Rng): Record<string, unknown> {
  const ping = rng.bool(0.4) ? [{ protocol: 'icmp' }] : [];
  return { enabled: rng.bool(0.5), allow: [...rng.shuffle(SERVICE_PORTS).slice(0, rng.int(0, 4)), ...ping] };
}
