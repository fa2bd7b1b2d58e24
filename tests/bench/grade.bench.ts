import { gradeAll } from '../../src/lab/grade/grade-all';
import { canvasCsv, gradebookCsv } from '../../src/lab/grade/gradebook';
import { catalogOf } from '../../src/lab/grade/load-labs';
import { summaryMarkdown } from '../../src/lab/grade/summary';
import type { HandIn } from '../../src/lab/grade/types';
import type { SimStep } from '../../src/lab/steps';
import { compileLabFile, genuineReport, variantFor, type Entry } from '../unit/lab/reports';
import { measure, section } from './harness';

// 1,000 hand-ins for the NAT lab: the worked solution under 1,000 student ids, most after a few
// detours (a refused step, hints, a wrong forward and "start again"), 2 % with an edited claim.
// Students who share a port and did exactly the solution are not flagged as identical (SPEC R8).
const lab = compileLabFile('labs/expose-web-nat.yaml');
const catalog = catalogOf([lab]);
const refused = (port: number) => ({ kind: 'network', action: { type: 'addPortForward', vm: 'nope', nic: 0, rule: { hostPort: port, guestPort: 80 } } }) as SimStep;
const loopback = (port: number) => ({ kind: 'network', action: { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'web', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port, guestPort: 80 } } }) as SimStep;

const handIns: HandIn[] = [];
for (let i = 0; i < 1000; i++) {
  const id = `s${String(100000 + i)}`;
  const noise: Entry[] = [];
  if (i % 3 === 0) noise.push(refused(1024 + i));
  if (i % 4 === 0) noise.push({ hint: 'forward-exists' });
  if (i % 5 === 0) noise.push(loopback(variantFor(lab, id).vars.hostPort as number), { hint: 'phone-reaches-web' }, { reset: true });
  const report = genuineReport(lab, { id, name: `Student ${i}` }, { noise });
  if (i % 50 === 0) report.claimed.earned = report.claimed.possible;
  handIns.push({ file: `hand-ins/${id}.json`, text: JSON.stringify(report) });
}
const steps = handIns.reduce((n, h) => n + (JSON.parse(h.text) as { log: unknown[] }).log.length, 0);

section(`grading: ${handIns.length} reports, ${steps} log entries`);
const results = gradeAll(handIns, catalog);
const flagged = results.reports.filter((r) => r.flags.length > 0).length;
measure('gradeAll(1,000 reports)', () => gradeAll(handIns, catalog), { rounds: 5, targetMs: 5000, note: `parse, validate, build variant, replay, score, identical logs; ${flagged} flagged` });
measure('gradebook.csv + gradebook-canvas.csv + report.md', () => [gradebookCsv(results), canvasCsv(results), summaryMarkdown(results)], { rounds: 5, targetMs: 500 });
const byCode = new Map<string, number>();
for (const r of results.reports) for (const f of r.flags) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
console.log('  flags:', Object.fromEntries(byCode));
