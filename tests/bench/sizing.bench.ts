import { measure, section } from './harness';
// Modules are imported one by one: the index also exports the YAML scenario loader, which the
// bench bundler cannot load (yaml's CommonJS build requires "process").
import { createRng } from '../../src/sim/core/rng';
import { apply } from '../../src/sim/sizing/actions';
import { allocated, checkFit } from '../../src/sim/sizing/fit';
import { FLAVOR_CATALOGUE, specFromFlavor } from '../../src/sim/sizing/flavors';
import { pack, type PackVm } from '../../src/sim/sizing/pack';
import { presetPolicy } from '../../src/sim/sizing/policy';
import { createState, DEFAULT_HOST_EXTRAS } from '../../src/sim/sizing/state';
import { summarize } from '../../src/sim/sizing/summary';
import type { Host, SizingState } from '../../src/sim/sizing/types';
import { decodeState, encodeState } from '../../src/sim/sizing/url';

const rng = createRng('sizing-bench');

function randomHost(i: number): Host {
  return {
    name: `node-${i}`,
    sockets: rng.pick([1, 2]),
    coresPerSocket: rng.pick([8, 16, 24, 32]),
    threadsPerCore: 2,
    ramMb: rng.pick([65536, 131072, 262144]),
    diskGb: rng.pick([960, 1920, 3840]),
    cpuVendor: rng.pick(['intel', 'amd'] as const),
    ...DEFAULT_HOST_EXTRAS,
  };
}

const hosts = Array.from({ length: 1000 }, (_, i) => randomHost(i));
const vms: PackVm[] = Array.from({ length: 10000 }, (_, i) => ({ id: `vm-${i + 1}`, ...specFromFlavor(rng.pick(FLAVOR_CATALOGUE), rng.pick(['thin', 'thick'] as const)) }));

section('sizing: packing (first-fit decreasing)');
for (const preset of ['course', 'nova-2023.1', 'nova-pre-2023.1'] as const) {
  const policy = presetPolicy(preset);
  const probe = pack(hosts, vms, policy);
  measure(`pack 10,000 VMs onto 1,000 hosts (${preset})`, () => pack(hosts, vms, policy), {
    targetMs: 200,
    rounds: 5,
    note: `${probe.unplaced.length} unplaced`,
  });
}
const tight = hosts.slice(0, 300);
const tightProbe = pack(tight, vms, presetPolicy('course'));
measure('pack 10,000 VMs onto 300 hosts (course, many unplaced)', () => pack(tight, vms, presetPolicy('course')), {
  rounds: 5,
  note: `${tightProbe.unplaced.length} unplaced, each diagnosed against every host`,
});

section('sizing: fit checks');
const policy = presetPolicy('nova-2023.1');
const h = hosts[0]!;
const used = allocated(vms.slice(0, 20), policy);
const specs = vms.slice(0, 1000);
measure('100,000 checkFit calls', () => {
  let fits = 0;
  for (let i = 0; i < 100_000; i++) if (checkFit(h, policy, used, specs[i % specs.length]!).fits) fits++;
  return fits;
}, { rounds: 5 });

section('sizing: calculator');
let full: SizingState = createState('course', { ...h, ramMb: 1_048_576 });
for (let i = 0; i < 200; i++) full = apply(full, { type: 'addVm', flavor: rng.pick(FLAVOR_CATALOGUE).name }).state;
measure('summarize a state with 200 VMs', () => summarize(full), { rounds: 9 });
const link = encodeState(full);
measure(`encode + decode a 200-VM link (${link.length} characters)`, () => decodeState(encodeState(full)), { rounds: 9 });
