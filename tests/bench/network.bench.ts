// Imported file by file: the package index also exports the YAML loader, which this bundle does not need.
import { generateTopology } from '../../src/sim/network/generate';
import { reachabilityMatrix } from '../../src/sim/network/matrix';
import { canConnect } from '../../src/sim/network/reachability';
import type { Topology } from '../../src/sim/network/types';
import { measure, section } from './harness';

// A generated topology with 1,000 VMs: 700 on VirtualBox hosts (40 per host, every attachment
// mode), 300 cloud instances on two routed project networks, plus hosts, LAN devices, internet.
const built = performance.now();
const topology: Topology = generateTopology('bench-1000', { vms: 1000 });
const buildMs = performance.now() - built;

section(`network: reachability on ${topology.vms.length} VMs, ${topology.hosts.length} hosts (generated in ${buildMs.toFixed(0)} ms)`);

// The first query on a state builds its lookup tables (cached per state object).
measure('one query, cold (tables built for a fresh state)', () => canConnect({ ...topology }, { from: 'vm-5', to: 'cloud-7', port: 80, protocol: 'tcp' }), {
  targetMs: 1,
  rounds: 5,
  note: 'includes indexing the whole topology',
});

const pairs = Array.from({ length: 200 }, (_, i) => ({ from: `vm-${1 + ((i * 37) % 700)}`, to: i % 2 ? `cloud-${1 + ((i * 11) % 300)}` : `vm-${1 + ((i * 53) % 700)}` }));
let k = 0;
measure('one query, warm', () => {
  const p = pairs[k++ % pairs.length]!;
  return canConnect(topology, { ...p, port: 22, protocol: 'tcp' });
}, { targetMs: 1, rounds: 201, note: 'median over 200 different pairs' });

const nodes = [...topology.vms.slice(0, 70).map((v) => v.id), ...topology.vms.slice(700, 730).map((v) => v.id)];
measure('all-pairs matrix, 100 nodes (10,000 pairs), port 22', () => reachabilityMatrix(topology, { port: 22, protocol: 'tcp', nodes }), {
  targetMs: 50,
  rounds: 7,
});

measure('all-pairs matrix, 100 nodes, ping (ICMP echo)', () => reachabilityMatrix(topology, { protocol: 'icmp', nodes }), { targetMs: 50, rounds: 7 });

measure('one query naming the destination address, warm', () => {
  const p = pairs[k++ % pairs.length]!;
  return canConnect(topology, { ...p, port: 22, protocol: 'tcp', address: '172.24.1.5' });
}, { targetMs: 1, rounds: 201, note: 'a wrong address also computes the answer for any address, for the hint' });
