import { readFileSync, readdirSync } from 'node:fs';
import { it } from 'vitest';
import { compileLab } from '../../../src/lab/compile';
const sources = {
  preset: (sim: string, name: string) => { try { return readFileSync(`content/scenarios/${sim}/${name}.yaml`, 'utf8'); } catch { return undefined; } },
  presetNames: (sim: string) => readdirSync(`content/scenarios/${sim}`).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)),
};
it('try', () => {
  for (const f of readdirSync('labs').filter((f) => f.endsWith('.yaml'))) {
    const r = compileLab(`labs/${f}`, readFileSync(`labs/${f}`, 'utf8'), sources);
    console.log(f, r.ok ? 'OK ' + r.value.hash.slice(0, 8) : JSON.stringify(r.issues, null, 1));
  }
});
