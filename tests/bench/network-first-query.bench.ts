// The first reachability query in a fresh page: a new V8 isolate (a worker thread) gets the topology
// as the page does (JSON props, already normalized by the build), and the engine's code has not run
// yet. Each round is a fresh worker, so neither the engine's code nor its tables are warm.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generateTopology } from '../../src/sim/network/generate';
import { canConnect } from '../../src/sim/network/reachability';
import { loadScenario } from '../../src/sim/network/scenario';
import { prepareTopology } from '../../src/sim/network/prepare';
import type { Query } from '../../src/sim/network/verdict';
import type { Topology } from '../../src/sim/network/types';

interface Job {
  json: string;
  query: Query;
}

if (!isMainThread) {
  const { json, query } = workerData as Job;
  const t0 = performance.now();
  const topology = JSON.parse(json) as Topology;
  const t1 = performance.now();
  prepareTopology(topology);
  const t2 = performance.now();
  const answer = canConnect(topology, query);
  const t3 = performance.now();
  parentPort!.postMessage({ parse: t1 - t0, prepare: t2 - t1, first: t3 - t2, ok: answer.ok });
} else {
  const { section } = await import('./harness');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  const cases: { name: string; topology: Topology; query: Query }[] = [];
  for (const preset of ['virtualbox-home-lab', 'cloud-project']) {
    const loaded = loadScenario(readFileSync(`content/scenarios/network/${preset}.yaml`, 'utf8'));
    if (!loaded.ok) throw new Error(`${preset}: ${loaded.issues[0]!.message}`);
    const t = loaded.value;
    const to = t.vms[0]!.id;
    cases.push({ name: `preset ${preset}`, topology: t, query: { from: t.hosts[0]?.id ?? 'internet', to, port: 80, protocol: 'tcp' } });
  }
  cases.push({ name: 'generated, 1,000 VMs', topology: generateTopology('bench-1000', { vms: 1000 }), query: { from: 'vm-5', to: 'cloud-7', port: 80, protocol: 'tcp' } });

  section(`network: the first query in a fresh page (a fresh worker each round, median of ${rounds})`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const c of cases) {
    const json = JSON.stringify(c.topology);
    const runs: { parse: number; prepare: number; first: number; ok: boolean }[] = [];
    for (let i = 0; i < rounds; i++) {
      runs.push(
        await new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { json, query: c.query } satisfies Job });
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
      );
    }
    if (!runs.every((r) => r.ok)) throw new Error(`${c.name}: the query was refused`);
    const first = median(runs.map((r) => r.first));
    console.log(
      `  ${c.name}: first query ${first.toFixed(3)} ms (target < 1 ms: ${first < 1 ? 'met' : 'MISSED'}); ` +
        `prepared at load in ${median(runs.map((r) => r.prepare)).toFixed(3)} ms, JSON parse ${median(runs.map((r) => r.parse)).toFixed(3)} ms`,
    );
  }
}
