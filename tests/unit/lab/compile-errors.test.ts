import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLab } from '../../../src/lab/compile';
import { labSources } from '../../../src/lab/grade/load-labs';
import { formatIssue } from '../../../src/sim/core/issues';

/** What an instructor sees for a mistake in a lab file: the file, the field, and how to fix it. */
const sources = { ...labSources('.'), lessons: ['virtual-networking', 'anatomy-of-a-vm'] };
const original = readFileSync('labs/expose-web-nat.yaml', 'utf8');
const errorsFor = (edit: (text: string) => string, file = 'labs/expose-web-nat.yaml'): string[] => {
  const r = compileLab(file, edit(original), sources);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i, file));
};

describe('lab file mistakes fail the build with the file, the field and a fix', () => {
  const cases: [string, (t: string) => string, string][] = [
    ['a misspelt preset', (t) => t.replace('preset: virtualbox-home-lab', 'preset: virtualbox-home-lob'), 'labs/expose-web-nat.yaml › start.preset: no network preset "virtualbox-home-lob" in content/scenarios/network/. Did you mean "virtualbox-home-lab"?'],
    ['an unknown goal kind', (t) => t.replace('kind: port-forward', 'kind: port-forwrd'), 'labs/expose-web-nat.yaml › goals[0].check.kind: unknown check kind "port-forwrd" for a network lab. Did you mean "port-forward"?'],
    ['a wrong field inside a known kind', (t) => t.replace('check: { kind: reachable, from: laptop, to: web, port: 80 }', 'check: { kind: reachable, from: laptop, to: web, port: eighty }'), 'labs/expose-web-nat.yaml › goals[1].check.port: expected number, got "eighty"'],
    ['an undefined variable', (t) => t.replace('through host port **{{hostPort}}**', 'through host port **{{hostport}}**'), 'labs/expose-web-nat.yaml › variables: {{hostport}} is used but not defined. Did you mean {{hostPort}}?'],
    ['an unknown lesson', (t) => t.replace('lesson: virtual-networking', 'lesson: virtual-network'), 'labs/expose-web-nat.yaml › lesson: no lesson "virtual-network". Did you mean "virtual-networking"?'],
    ['an unknown VM in a goal', (t) => t.replace('check: { kind: reachable, from: laptop, to: web, port: 80 }', 'check: { kind: reachable, from: laptop, to: wbe, port: 80 }'), 'labs/expose-web-nat.yaml › goals:'],
    ['a solution the engine refuses', (t) => t.replace('rule: { name: web, protocol: tcp, hostPort: "{{hostPort}}", guestPort: 80 }', 'rule: { name: web, protocol: tcp, hostPort: 99999, guestPort: 80 }'), 'labs/expose-web-nat.yaml › solution[0]: the engine refuses this step'],
    ['two goals with one id', (t) => t.replace('- id: laptop-reaches-web', '- id: forward-exists'), 'labs/expose-web-nat.yaml › goals[1].id: two goals have the id "forward-exists". Goal ids must be unique within a lab'],
    ['an empty int range', (t) => t.replace('min: 8080, max: 8099', 'min: 8099, max: 8080'), 'labs/expose-web-nat.yaml › variables.hostPort: min (8099) is above max (8080)'],
  ];
  for (const [what, edit, message] of cases) {
    it(`${what}`, () => {
      const errors = errorsFor(edit);
      expect(errors.length, 'expected the lab to be refused').toBeGreaterThan(0);
      expect(errors.some((e) => e.startsWith(message)), errors.join('\n')).toBe(true);
    });
  }

  it('a file whose id is not its name', () => {
    expect(errorsFor((t) => t, 'labs/expose-web.yaml')[0]).toBe('labs/expose-web.yaml › id: the id "expose-web-nat" differs from the file name "expose-web". Rename the file to labs/expose-web-nat.yaml or set id: expose-web');
  });

  it('the unchanged file builds', () => {
    expect(errorsFor((t) => t)).toEqual([]);
  });
});
