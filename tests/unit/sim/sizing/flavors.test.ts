import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import { apply, createState, FLAVOR_CATALOGUE, HOST_PRESETS, logicalCpus, matchingHostPreset, parseFlavorName, physicalCores, POLICY_PRESETS, resolveFlavor } from '../../../../src/sim/sizing';
import { host } from './fixtures';

function issueText(result: { ok: boolean; issues?: { path: (string | number)[]; message: string; hint?: string }[] }): string {
  expect(result.ok).toBe(false);
  return (result.issues ?? []).map((i) => formatIssue(i)).join('\n');
}

describe('hosts', () => {
  it('S1: physical cores are sockets × cores; logical CPUs also count threads', () => {
    const h = host({ sockets: 2, coresPerSocket: 12, threadsPerCore: 2 });
    expect(physicalCores(h)).toBe(24);
    expect(logicalCpus(h)).toBe(48);
    expect(logicalCpus(host({ sockets: 1, coresPerSocket: 8, threadsPerCore: 1 }))).toBe(8);
  });

  it('S35: every host preset is accepted under every policy preset, and is found again by its sizes', () => {
    expect(HOST_PRESETS[0]!.host).toMatchObject({ sockets: 1, coresPerSocket: 8, threadsPerCore: 2, ramMb: 32768, diskGb: 1000 });
    expect(new Set(HOST_PRESETS.map((p) => p.id)).size).toBe(HOST_PRESETS.length);
    for (const policy of POLICY_PRESETS) {
      for (const p of HOST_PRESETS) {
        const tiny = apply(createState(policy), { type: 'setHost', changes: { sockets: 1, coresPerSocket: 2, threadsPerCore: 1, ramMb: 4096, diskGb: 50 } }).state;
        const result = apply(tiny, { type: 'setHost', changes: p.host });
        expect(result.issues, `${p.id} under ${policy}`).toEqual([]);
        expect(result.state.host).toEqual(p.host);
        expect(matchingHostPreset({ ...result.state.host, name: 'renamed' })?.id).toBe(p.id);
      }
    }
    expect(matchingHostPreset(host({ ramMb: 12345 }))).toBeNull();
  });
});

describe('flavor names', () => {
  it('S2: g4.r8c4 is 4 vCPUs and 8 GB of RAM with no local disk', () => {
    const f = parseFlavorName('g4.r8c4');
    expect(f).toEqual({ ok: true, value: { name: 'g4.r8c4', vcpus: 4, ramMb: 8192, rootDiskGb: 0, ephemeralGb: 0, swapMb: 0, family: 'course' } });
  });

  it('S2: case and surrounding spaces do not matter', () => {
    const f = parseFlavorName('  G5.R16C2 ');
    expect(f.ok && f.value).toMatchObject({ name: 'g5.r16c2', vcpus: 2, ramMb: 16384 });
  });

  it('S2: a malformed name shows the expected form', () => {
    expect(issueText(parseFlavorName('g4.r8'))).toBe('"g4.r8" is not a flavor name: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4');
    expect(issueText(parseFlavorName('g4-r8c4'))).toContain('is not a flavor name');
    expect(issueText(parseFlavorName(''))).toBe('the flavor name is empty: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4');
  });

  it('S2: swapped parts get a hint with the corrected name', () => {
    expect(issueText(parseFlavorName('g4.c4r8'))).toBe(
      '"g4.c4r8" is not a flavor name: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4. RAM comes before vCPUs: g4.r8c4',
    );
  });

  it('S2: zero and oversized parts are named', () => {
    expect(issueText(parseFlavorName('g4.r0c4'))).toBe('"g4.r0c4" asks for 0 GB of RAM: a flavor needs at least 1 GB');
    expect(issueText(parseFlavorName('g4.r8c0'))).toBe('"g4.r8c0" asks for 0 vCPUs: a flavor needs at least 1 vCPU');
    expect(issueText(parseFlavorName('g0.r8c4'))).toContain('generation 0');
    expect(issueText(parseFlavorName('g4.r99999c4'))).toBe('"g4.r99999c4" asks for 99999 GB of RAM: at most 8192 GB is allowed');
    expect(issueText(parseFlavorName('g4.r8c5000'))).toBe('"g4.r8c5000" asks for 5000 vCPUs: at most 1024 are allowed');
  });
});

describe('catalogue', () => {
  it("S3: Nova's classic m1 flavors have their real sizes", () => {
    const byName = Object.fromEntries(FLAVOR_CATALOGUE.map((f) => [f.name, [f.vcpus, f.ramMb, f.rootDiskGb, f.ephemeralGb, f.swapMb]]));
    expect(byName['m1.tiny']).toEqual([1, 512, 1, 0, 0]);
    expect(byName['m1.small']).toEqual([1, 2048, 20, 0, 0]);
    expect(byName['m1.medium']).toEqual([2, 4096, 40, 0, 0]);
    expect(byName['m1.large']).toEqual([4, 8192, 80, 0, 0]);
    expect(byName['m1.xlarge']).toEqual([8, 16384, 160, 0, 0]);
  });

  it('S3: every course entry agrees with its own name, and names are unique', () => {
    const names = FLAVOR_CATALOGUE.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of FLAVOR_CATALOGUE.filter((x) => x.family === 'course')) {
      const parsed = parseFlavorName(f.name);
      expect(parsed.ok && parsed.value).toEqual(f);
    }
    expect(names).toContain('g4.r8c4');
  });

  it('S4: names resolve from the catalogue in any case, or as a course name', () => {
    const m1 = resolveFlavor('M1.Large');
    expect(m1.ok && m1.value.name).toBe('m1.large');
    const odd = resolveFlavor('g3.r12c3');
    expect(odd.ok && odd.value).toMatchObject({ vcpus: 3, ramMb: 12288 });
  });

  it('S4: an unknown name suggests the closest catalogue name', () => {
    expect(issueText(resolveFlavor('m1.smal', ['flavor']))).toBe('flavor: unknown flavor "m1.smal". Did you mean "m1.small"?');
    expect(issueText(resolveFlavor('huge'))).toContain('unknown flavor "huge". Use a catalogue name (known: "g4.r2c1"');
    expect(issueText(resolveFlavor('g4.r8'))).toContain('is not a flavor name');
  });
});
