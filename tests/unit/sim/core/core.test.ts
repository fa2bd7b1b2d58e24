import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closest,
  createRng,
  findNonJson,
  formatIssue,
  nextId,
  parseScenario,
  slugify,
} from '../../../../src/sim/core';

describe('core', () => {
  it('C1: formats an issue with source, path and hint', () => {
    expect(
      formatIssue(
        { path: ['nodes', 2, 'nics', 0, 'network'], message: 'unknown network "dmz"', hint: 'Did you mean "dmz-net"?' },
        'labs/expose-web.yaml',
      ),
    ).toBe('labs/expose-web.yaml › nodes[2].nics[0].network: unknown network "dmz". Did you mean "dmz-net"?');
    expect(formatIssue({ path: [], message: 'empty file' })).toBe('empty file');
  });

  it('C2: the same seed gives the same sequence; different seeds differ', () => {
    const a = createRng('quiz/1');
    const b = createRng('quiz/1');
    const c = createRng('quiz/2');
    const seqA = Array.from({ length: 20 }, () => a.int(0, 1000));
    expect(Array.from({ length: 20 }, () => b.int(0, 1000))).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.int(0, 1000))).not.toEqual(seqA);
  });

  it('C2: int stays within bounds and shuffle is a permutation', () => {
    const r = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 5);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(5);
    }
    const items = [1, 2, 3, 4, 5, 6];
    expect(r.shuffle(items).sort()).toEqual(items);
  });

  it('C3: suggests the closest known name, and nothing for unrelated input', () => {
    expect(closest('dmz', ['dmz-net', 'lan'])).toBe('dmz-net');
    expect(closest('snapshot-tkae', ['snapshot-take', 'snapshot-restore'])).toBe('snapshot-take');
    expect(closest('zzzzzzzz', ['lan', 'wan'])).toBeUndefined();
  });

  it('C4: ids are slugs and never collide', () => {
    expect(slugify('Web Server #2')).toBe('web-server-2');
    expect(nextId('vm', ['vm-1', 'vm-2'])).toBe('vm-3');
  });

  it('C5: findNonJson finds what would not survive a JSON round trip', () => {
    expect(findNonJson({ a: [1, 'x', null, { b: true }] })).toBeNull();
    expect(findNonJson({ a: new Map() })).toBe('$.a is a Map');
    expect(findNonJson({ a: [1, Number.NaN] })).toBe('$.a[1] is NaN');
    expect(findNonJson({ f: () => 1 })).toBe('$.f is a function');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(findNonJson(cyc)).toBe('$.self is a cycle');
  });

  it('C6: scenario parsing reports YAML syntax errors with line and column', () => {
    const r = parseScenario('a: [1, 2\nb: 3', z.object({ a: z.array(z.number()) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^line \d+, column \d+: /);
  });

  it('C6: scenario parsing reports schema errors with the field path and what was expected', () => {
    const schema = z.strictObject({ hosts: z.array(z.strictObject({ ram: z.number().positive() })) });
    const r = parseScenario('hosts:\n  - ram: eight\n  - ram: -1\n  - ram: 4\n    cpu: 2\n', schema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => formatIssue(i, 'labs/x.yaml'))).toEqual([
        'labs/x.yaml › hosts[0].ram: expected number, got "eight"',
        'labs/x.yaml › hosts[1].ram: must be greater than 0, got -1',
        'labs/x.yaml › hosts[2]: unknown field "cpu"',
      ]);
    }
  });
});
