/**
 * Questions answered by the sizing engine (src/sim/sizing): how many VMs of a flavor fit on a host
 * under a policy, and which resource runs out first. The quiz only describes the scenario; every
 * number in the key and the feedback comes from the engine's own queries.
 */
import { createRng, type Rng } from '../../sim/core/rng';
// Engine modules, not the package index: the index also loads scenario parsing (zod, yaml), which a
// quiz in the browser does not need.
import { apply } from '../../sim/sizing/actions';
import { explainHeadroom, formatMb } from '../../sim/sizing/explain';
import type { Headroom } from '../../sim/sizing/fit';
import { resolveFlavor } from '../../sim/sizing/flavors';
import { ratiosOf } from '../../sim/sizing/policy';
import { headroomInState, specForFlavor } from '../../sim/sizing/queries';
import { createState, DEFAULT_HOST_EXTRAS } from '../../sim/sizing/state';
import type { Flavor, Host, PolicyPreset, SizingState } from '../../sim/sizing/types';
import type { ChoiceOption, NumericWrongAnswer } from '../types';
import { generatorLogic } from './generator';
import type { HowManyFitParams, LimitingResourceParams } from './params';

interface HostChoice {
  sockets: number[];
  coresPerSocket: number[];
  threadsPerCore: Array<1 | 2>;
  ramGb: number[];
  diskGb: number[];
}

function drawHost(rng: Rng, p: HostChoice): Host {
  return {
    name: 'host',
    sockets: rng.pick(p.sockets),
    coresPerSocket: rng.pick(p.coresPerSocket),
    threadsPerCore: rng.pick(p.threadsPerCore),
    ramMb: rng.pick(p.ramGb) * 1024,
    diskGb: rng.pick(p.diskGb),
    cpuVendor: 'intel',
    ...DEFAULT_HOST_EXTRAS,
  };
}

function describeHost(h: Host): string {
  const cores = h.sockets * h.coresPerSocket;
  const cpu = `${h.sockets === 1 ? 'one CPU' : `${h.sockets} CPUs`} with ${h.coresPerSocket} cores${h.sockets === 1 ? '' : ' each'} (${cores} physical cores${h.threadsPerCore === 2 ? `, ${cores * 2} threads with Hyper-Threading` : ', no Hyper-Threading'})`;
  return `a host with ${cpu}, ${formatMb(h.ramMb)} of RAM and ${h.diskGb} GB of local disk`;
}

function describeFlavor(f: Flavor): string {
  const disk = f.rootDiskGb + f.ephemeralGb > 0 ? `${f.rootDiskGb + f.ephemeralGb} GB local disk` : 'its disk on a separate volume';
  return `${f.name} (${f.vcpus} vCPU${f.vcpus === 1 ? '' : 's'}, ${formatMb(f.ramMb)} RAM, ${disk})`;
}

function describePolicy(state: SizingState): string {
  const p = state.policy;
  if (p.kind === 'course') {
    return (
      `The course's sizing rules apply: RAM is never overcommitted and ${formatMb(p.reserved.ramMb)} stay reserved for the host; ` +
      'vCPUs may share physical cores (the total is not limited), but no VM may have more vCPUs than the host has physical cores.'
    );
  }
  const r = ratiosOf(p);
  return (
    `OpenStack Nova's placement rules apply with cpu_allocation_ratio ${r.cpu}, ram_allocation_ratio ${r.ram} and disk_allocation_ratio ${r.disk}, ` +
    `and reserved_host_memory_mb ${p.reserved.ramMb}: each resource's capacity is (total − reserved) × ratio, and VCPU counts logical CPUs (threads).`
  );
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

interface Drawn {
  state: SizingState;
  flavor: Flavor;
  headroom: Headroom;
}

function draw(rng: Rng, preset: PolicyPreset, p: HostChoice & { flavors: string[] }, accept: (h: Headroom) => boolean): Drawn {
  let last: Drawn | undefined;
  for (let attempt = 0; attempt < 30; attempt++) {
    const state = createState(preset, drawHost(rng, p));
    const name = rng.pick(p.flavors);
    const flavor = resolveFlavor(name);
    const spec = specForFlavor(name);
    if (!flavor.ok || !spec.ok) continue;
    const headroom = headroomInState(state, spec.value);
    last = { state, flavor: flavor.value, headroom };
    if (accept(headroom)) return last;
  }
  if (!last) throw new Error('no flavor in the params resolves');
  return last;
}

/** The count under a changed state, when the engine accepts the change; for "common mistake" feedback. */
function countAfter(d: Drawn, action: Parameters<typeof apply>[1]): number | null {
  const changed = apply(d.state, action);
  if (changed.issues.length > 0) return null;
  const spec = specForFlavor(d.flavor.name);
  return spec.ok ? headroomInState(changed.state, spec.value).count : null;
}

export const sizingHowManyFit = generatorLogic<HowManyFitParams>({
  id: 'sizing-how-many-fit',
  description: 'Numeric: how many VMs of a flavor fit on an empty host under the course rules or Nova ratios (sizing engine).',
  generate(seed, params) {
    const rng = createRng(seed);
    const d = draw(rng, params.policy, params, (h) => h.count >= 1 && h.count <= 64);
    const { state, flavor, headroom } = d;
    const wrong: NumericWrongAnswer[] = [];
    const add = (value: number | null, feedback: string) => {
      if (value !== null && value !== headroom.count && !wrong.some((w) => w.value === value)) wrong.push({ value, feedback });
    };
    if (state.policy.kind === 'course') {
      add(countAfter(d, { type: 'setReserve', changes: { ramMb: 0 } }), `That forgets the ${formatMb(state.policy.reserved.ramMb)} the host keeps for itself.`);
    } else {
      add(
        countAfter(d, { type: 'setRatios', changes: { cpu: 1, ram: 1, disk: 1 } }),
        'That leaves out the allocation ratios: Nova multiplies what is left after the reserve by each ratio.',
      );
      add(countAfter(d, { type: 'setReserve', changes: { ramMb: 0 } }), `That forgets reserved_host_memory_mb (${state.policy.reserved.ramMb} MB).`);
    }
    return {
      type: 'numeric',
      prompt: `${sentence(`${describeHost(state.host)} is empty`)} ${describePolicy(state)} How many VMs of flavor ${describeFlavor(flavor)} fit on it?`,
      answer: headroom.count,
      tolerance: { kind: 'absolute', value: 0 },
      unit: 'VMs',
      unitAliases: ['VM', 'instances', 'instance'],
      wrongAnswers: wrong,
      explanation: sentence(explainHeadroom(headroom, `${flavor.name} VMs`, { empty: true })),
    };
  },
});

const RESOURCE_OPTIONS = [
  { id: 'vcpu', resource: 'VCPU', text: 'vCPUs (VCPU)', noun: 'vCPUs' },
  { id: 'ram', resource: 'MEMORY_MB', text: 'RAM (MEMORY_MB)', noun: 'RAM' },
  { id: 'disk', resource: 'DISK_GB', text: 'Local disk (DISK_GB)', noun: 'local disk' },
] as const;

export const sizingLimitingResource = generatorLogic<LimitingResourceParams>({
  id: 'sizing-limiting-resource',
  description: 'Single choice: under Nova allocation ratios, which resource runs out first when filling a host with one flavor (sizing engine).',
  generate(seed, params) {
    const rng = createRng(seed);
    const { state, flavor, headroom } = draw(rng, params.policy, params, (h) => h.count >= 1 && h.limitedBy.length === 1);
    const limiting = headroom.limitedBy[0];
    const options: ChoiceOption[] = RESOURCE_OPTIONS.map((o) => {
      const alone = headroom.perResource[o.resource];
      const correct = o.resource === limiting;
      const option: ChoiceOption = { id: o.id, text: o.text, correct };
      if (!correct) {
        option.feedback =
          alone === null
            ? `${sentence(`${o.noun} does not limit this flavor here`)}`
            : `On its own, ${o.noun} would allow ${alone} VMs; another resource runs out sooner.`;
      }
      return option;
    });
    const counts = RESOURCE_OPTIONS.filter((o) => headroom.perResource[o.resource] !== null)
      .map((o) => `${o.noun} alone would allow ${headroom.perResource[o.resource]}`)
      .join(', ');
    return {
      type: 'single-choice',
      prompt: `${sentence(`${describeHost(state.host)} is empty`)} ${describePolicy(state)} You keep launching VMs of flavor ${describeFlavor(flavor)}. Which resource runs out first?`,
      options,
      shuffle: false,
      explanation: `${sentence(explainHeadroom(headroom, `${flavor.name} VMs`, { empty: true }))} Per resource: ${counts}.`,
    };
  },
});
