/** Per-student variables (src/lab/SPEC.md, V rules). */
import { describe, expect, it } from 'vitest';
import { checkVariable, drawVariables, labSeed, substitute, substituteHtml, type VariableSpec } from '../../../src/lab/variables';
import { variableSchema } from '../../../src/lab/variable-schema';

const spec = (s: Record<string, unknown>): VariableSpec => variableSchema.parse(s);
const SEEDS = Array.from({ length: 200 }, (_, i) => labSeed('some-lab', `student-${i}`));

describe('labSeed', () => {
  it('V1: is 8 hex digits, the same for the same lab and student', () => {
    const s = labSeed('expose-web-nat', 's1234567');
    expect(s).toMatch(/^[0-9a-f]{8}$/);
    expect(labSeed('expose-web-nat', 's1234567')).toBe(s);
  });

  it('V1: trims and lower-cases the student id', () => {
    expect(labSeed('expose-web-nat', '  S1234567 \n')).toBe(labSeed('expose-web-nat', 's1234567'));
    expect(labSeed('expose-web-nat', 'Ada.Lovelace')).toBe(labSeed('expose-web-nat', 'ada.lovelace'));
  });

  it('V1: differs per lab and per student', () => {
    expect(labSeed('expose-web-nat', 's1')).not.toBe(labSeed('expose-web-nat', 's2'));
    expect(labSeed('expose-web-nat', 's1')).not.toBe(labSeed('size-compute-node', 's1'));
    // The separator keeps "ab" + "c" apart from "a" + "bc".
    expect(labSeed('ab', 'c')).not.toBe(labSeed('a', 'bc'));
    expect(new Set(SEEDS).size).toBe(SEEDS.length);
  });
});

describe('drawVariables', () => {
  const specs = {
    port: spec({ kind: 'int', min: 8080, max: 8099 }),
    zone: spec({ kind: 'pick', from: ['a', 'b', 3] }),
    ip: spec({ kind: 'address', cidr: '192.168.7.0/24', first: 10, last: 20 }),
    host: spec({ kind: 'name', prefix: 'web-', words: ['red', 'blue'] }),
    box: spec({ kind: 'name' }),
  };

  it('V2: is deterministic per seed and differs between seeds', () => {
    expect(drawVariables(specs, 'seed-1')).toEqual(drawVariables(specs, 'seed-1'));
    const all = new Set(SEEDS.map((s) => JSON.stringify(drawVariables(specs, s))));
    expect(all.size).toBeGreaterThan(50);
    expect(Object.keys(drawVariables(specs, 'seed-1'))).toEqual(['port', 'zone', 'ip', 'host', 'box']);
  });

  it('V3: int stays within min..max, on the step grid, and never takes an avoided value', () => {
    const s = { n: spec({ kind: 'int', min: 10, max: 30, step: 5, avoid: [15, 25] }) };
    const seen = new Set(SEEDS.map((seed) => drawVariables(s, seed)['n']));
    expect([...seen].sort()).toEqual([10, 20, 30]);
    for (const seed of SEEDS) {
      const v = drawVariables(specs, seed)['port'] as number;
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(8080);
      expect(v).toBeLessThanOrEqual(8099);
    }
  });

  it('V4: pick takes one of the listed values, keeping its type', () => {
    const seen = new Set(SEEDS.map((seed) => drawVariables(specs, seed)['zone']));
    expect(seen).toEqual(new Set(['a', 'b', 3]));
  });

  it('V5: address is in the block, with a host number from first to last', () => {
    for (const seed of SEEDS) {
      const ip = drawVariables(specs, seed)['ip'] as string;
      const m = /^192\.168\.7\.(\d+)$/.exec(ip);
      expect(m, ip).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(10);
      expect(Number(m![1])).toBeLessThanOrEqual(20);
    }
    // Host numbers carry into the next octet in a larger block.
    const wide = { ip: spec({ kind: 'address', cidr: '10.1.0.0/16', first: 300, last: 300 }) };
    expect(drawVariables(wide, 'x')['ip']).toBe('10.1.1.44');
  });

  it('V6: name is the prefix and a word, or a number from 1 to 99', () => {
    for (const seed of SEEDS) {
      const v = drawVariables(specs, seed);
      expect(['web-red', 'web-blue']).toContain(v['host']);
      const n = Number(v['box']);
      expect(Number.isInteger(n) && n >= 1 && n <= 99, String(v['box'])).toBe(true);
    }
  });
});

describe('checkVariable', () => {
  it('V7: accepts sound definitions', () => {
    expect(checkVariable(spec({ kind: 'int', min: 1, max: 1 }))).toBeNull();
    expect(checkVariable(spec({ kind: 'address', cidr: '10.0.0.0/24', first: 1, last: 254 }))).toBeNull();
    expect(checkVariable(spec({ kind: 'pick', from: [1] }))).toBeNull();
  });

  it('V7: names the problem of an empty range, an all-avoided range and a bad block', () => {
    expect(checkVariable(spec({ kind: 'int', min: 5, max: 4 }))).toBe('min (5) is above max (4)');
    expect(checkVariable(spec({ kind: 'int', min: 1, max: 3, avoid: [1, 2, 3] }))).toBe('every value in the range is avoided');
    expect(checkVariable(spec({ kind: 'int', min: 1, max: 9, step: 4, avoid: [1, 5, 9] }))).toBe('every value in the range is avoided');
    expect(checkVariable(spec({ kind: 'address', cidr: '10.0.0.0/31', first: 1, last: 1 }))).toBe('the block /31 is not between /8 and /30');
    expect(checkVariable(spec({ kind: 'address', cidr: '10.0.0.0/24', first: 20, last: 10 }))).toBe('first (20) is above last (10)');
    expect(checkVariable(spec({ kind: 'address', cidr: '10.0.0.0/24', first: 1, last: 255 }))).toBe('last (255) is outside 10.0.0.0/24 (host numbers 1 to 254)');
  });
});

describe('substitute', () => {
  const vars = { port: 8081, net: 'net-alpha', octet: 42 };

  it('V8: a whole placeholder keeps the value\'s type', () => {
    expect(substitute('{{port}}', vars)).toBe(8081);
    expect(substitute('{{ port }}', vars)).toBe(8081);
    expect(substitute({ rule: { hostPort: '{{port}}', list: ['{{octet}}', 1] } }, vars)).toEqual({ rule: { hostPort: 8081, list: [42, 1] } });
  });

  it('V8: inside longer text the value is written out', () => {
    expect(substitute('10.{{octet}}.0.10/24', vars)).toBe('10.42.0.10/24');
    expect(substitute('Use {{net}} on port {{port}}.', vars)).toBe('Use net-alpha on port 8081.');
  });

  it('V8: unknown names are left as they are; other values pass through', () => {
    expect(substitute('{{nope}}', vars)).toBe('{{nope}}');
    expect(substitute('a {{nope}} b {{port}}', vars)).toBe('a {{nope}} b 8081');
    expect(substitute({ n: 3, b: true, z: null }, vars)).toEqual({ n: 3, b: true, z: null });
  });

  it('V8: only the variables\' own keys count, never Object.prototype', () => {
    expect(substitute('{{constructor}}', vars)).toBe('{{constructor}}');
    expect(substitute('x {{toString}} {{__proto__}} {{hasOwnProperty}}', vars)).toBe('x {{toString}} {{__proto__}} {{hasOwnProperty}}');
    expect(substitute('{{constructor}}', { constructor: 'own' })).toBe('own');
    expect(substituteHtml('<p>{{valueOf}}</p>', vars)).toBe('<p>{{valueOf}}</p>');
  });

  it('V8: the input is not changed', () => {
    const input = { a: '{{port}}', b: ['{{net}}'] };
    const copy = structuredClone(input);
    substitute(input, vars);
    expect(input).toEqual(copy);
  });

  it('V9: substituteHtml escapes what it writes into HTML', () => {
    expect(substituteHtml('<code>{{x}}</code>', { x: '<script>alert("&")</script>' })).toBe('<code>&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;</code>');
    expect(substituteHtml('<p>port {{port}}, {{nope}}</p>', vars)).toBe('<p>port 8081, {{nope}}</p>');
  });
});
