/**
 * Server consolidation arithmetic (course notes, week 1: 20 servers × 200 W onto 4 hosts).
 * These generators need no simulation engine; they prove the generator mechanism on their own.
 */
import { createRng, type Rng } from '../../sim/core/rng';
import type { NumericWrongAnswer } from '../types';
import { generatorLogic } from './generator';
import type { ConsolidationRatioParams, ConsolidationParams as ScenarioParams } from './params';
import { formatNumber } from './number-format';



interface Consolidation {
  servers: number;
  serverWatts: number;
  hosts: number;
  hostWatts: number;
  before: number;
  after: number;
  saved: number;
}

function describe(servers: number, serverWatts: number, hosts: number, hostWatts: number): Consolidation {
  const before = servers * serverWatts;
  const after = hosts * hostWatts;
  return { servers, serverWatts, hosts, hostWatts, before, after, saved: before - after };
}

/** Redraws until there is a saving; falls back to the best case the params allow (checked above). */
function drawConsolidation(rng: Rng, p: ScenarioParams): Consolidation {
  for (let attempt = 0; attempt < 20; attempt++) {
    const servers = rng.int(p.servers.min, p.servers.max);
    const hosts = Math.ceil(servers / rng.int(p.ratio.min, p.ratio.max));
    const c = describe(servers, rng.pick(p.serverWatts), hosts, rng.pick(p.hostWatts));
    if (c.saved > 0) return c;
  }
  const servers = p.servers.max;
  return describe(servers, Math.max(...p.serverWatts), Math.ceil(servers / p.ratio.max), Math.min(...p.hostWatts));
}

function scenarioText(c: Consolidation): string {
  return (
    `An organisation runs ${c.servers} physical servers, each drawing ${c.serverWatts} W on average. ` +
    `After virtualization the same workloads run as VMs on ${c.hosts} hosts drawing ${c.hostWatts} W each.`
  );
}

function arithmetic(c: Consolidation): string {
  return (
    `Before: ${c.servers} × ${c.serverWatts} W = ${formatNumber(c.before)} W. ` +
    `After: ${c.hosts} × ${c.hostWatts} W = ${formatNumber(c.after)} W. ` +
    `Saved: ${formatNumber(c.before)} W − ${formatNumber(c.after)} W = ${formatNumber(c.saved)} W.`
  );
}

/** Keep only wrong answers that differ from the right one, so feedback never contradicts the key. */
function distinctFrom(answer: number, candidates: NumericWrongAnswer[]): NumericWrongAnswer[] {
  const seen = new Set<number>([answer]);
  return candidates.filter((w) => (seen.has(w.value) ? false : (seen.add(w.value), true)));
}

export const consolidationWattsSaved = generatorLogic<ScenarioParams>({
  id: 'consolidation-watts-saved',
  description: 'Numeric: N servers × W watts consolidated onto M hosts × H watts; how many watts are saved.',
  generate(seed, params) {
    const c = drawConsolidation(createRng(seed), params);
    return {
      type: 'numeric',
      prompt: `${scenarioText(c)} How many watts does the consolidation save?`,
      answer: c.saved,
      tolerance: { kind: 'absolute', value: 0 },
      unit: 'W',
      unitAliases: ['watt', 'watts'],
      wrongAnswers: distinctFrom(c.saved, [
        { value: c.before, feedback: 'That is the power drawn before consolidation; subtract what the hosts draw.' },
        { value: c.after, feedback: 'That is what the hosts draw afterwards; the saving is the difference.' },
      ]),
      explanation: `${arithmetic(c)} Cooling needs power too, so the real saving is larger still.`,
    };
  },
});

const HOURS_PER_YEAR = 24 * 365;

export const consolidationAnnualEnergy = generatorLogic<ScenarioParams>({
  id: 'consolidation-annual-energy',
  description: 'Numeric: the same consolidation, asking for the energy saved per year in kWh (1% tolerance).',
  generate(seed, params) {
    const c = drawConsolidation(createRng(seed), params);
    const kwh = (c.saved * HOURS_PER_YEAR) / 1000;
    return {
      type: 'numeric',
      prompt: `${scenarioText(c)} The servers run around the clock. How much energy does the consolidation save in a year of 8,760 hours, in kWh?`,
      answer: kwh,
      tolerance: { kind: 'relative', value: 0.01 },
      unit: 'kWh',
      unitAliases: [],
      wrongAnswers: distinctFrom(kwh, [
        { value: c.saved * HOURS_PER_YEAR, feedback: 'That is in watt-hours; divide by 1,000 for kWh.' },
        { value: (c.saved * 24) / 1000, feedback: 'That is one day; a year has 8,760 hours.' },
        { value: (c.before * HOURS_PER_YEAR) / 1000, feedback: 'That is everything the old servers used; subtract what the hosts use.' },
      ]),
      explanation: `${arithmetic(c)} Per year: ${formatNumber(c.saved)} W × 8,760 h = ${formatNumber(c.saved * HOURS_PER_YEAR)} Wh = ${formatNumber(kwh)} kWh.`,
    };
  },
});

export const consolidationRatio = generatorLogic<ConsolidationRatioParams>({
  id: 'consolidation-ratio',
  description: 'Single choice: the consolidation ratio (VMs per host) when N servers become VMs on M hosts.',
  generate(seed, params) {
    const rng = createRng(seed);
    const hosts = rng.int(params.hosts.min, params.hosts.max);
    const k = rng.int(params.ratio.min, params.ratio.max);
    const servers = hosts * k;
    const near = k - 1;
    return {
      type: 'single-choice',
      prompt: `${servers} physical servers are virtualized and spread evenly over ${hosts} hosts. What is the consolidation ratio?`,
      options: [
        { id: `ratio-${k}-1`, text: `${k}:1`, correct: true },
        {
          id: `ratio-1-${k}`,
          text: `1:${k}`,
          correct: false,
          feedback: 'The ratio is written as VMs per host, the larger number first.',
        },
        {
          id: `ratio-${2 * k}-1`,
          text: `${2 * k}:1`,
          correct: false,
          feedback: `Divide the ${servers} servers by the ${hosts} hosts.`,
        },
        { id: `ratio-${near}-1`, text: `${near}:1`, correct: false, feedback: `Check the division: ${servers} ÷ ${hosts}.` },
      ],
      shuffle: true,
      explanation: `${servers} VMs ÷ ${hosts} hosts = ${k} VMs per host, a ${k}:1 consolidation ratio.`,
    };
  },
});
