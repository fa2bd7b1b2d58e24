import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import { apply, createState, decodeState, encodeState, type SizingState } from '../../../../src/sim/sizing';
import { decodeBase64Url, encodeBase64Url, checksum } from '../../../../src/sim/sizing/base64url';

function sample(): SizingState {
  let s = createState('nova-pre-2023.1');
  for (const a of [
    { type: 'addVm', flavor: 'm1.large', name: 'web01' },
    { type: 'addCustomVm', size: { vcpus: 8, ramMb: 12288, rootDiskGb: 100, swapMb: 1536, bootFromVolume: true }, name: 'db ünïcødé ✓', options: { cpuType: 'host-passthrough', diskFormat: 'raw', provisioning: 'thick', nic: 'e1000e', balloon: false } },
    { type: 'setRatios', changes: { cpu: 2.5 } },
    { type: 'setReserve', changes: { ramMb: 1024, cpus: 1 } },
  ] as const) {
    const r = apply(s, a);
    expect(r.issues).toEqual([]);
    s = r.state;
  }
  return s;
}

const messages = (link: string): string[] => {
  const r = decodeState(link);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i));
};

/** Re-pack a hand-edited payload with a matching check code, to reach the validation behind it. */
function forge(json: string): string {
  return `1.${encodeBase64Url(new TextEncoder().encode(json))}.${checksum(json)}`;
}

describe('links', () => {
  it('S32: a state survives encode → decode exactly, and the link is URL-safe', () => {
    const s = sample();
    const link = encodeState(s);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+\.[0-9a-z]+$/);
    expect(decodeState(link)).toEqual({ ok: true, value: s });
    expect(encodeURIComponent(link)).toBe(link);
  });

  it('S32: a flavor VM is stored by name, so links stay short', () => {
    let s = createState('course');
    for (let i = 0; i < 20; i++) s = apply(s, { type: 'addVm', flavor: 'g4.r8c4' }).state;
    expect(encodeState(s).length).toBeLessThan(700);
  });

  it('S32: a cut-off link is refused, never thrown', () => {
    const link = encodeState(sample());
    expect(messages(link.slice(0, 40))[0]).toContain('the link is incomplete');
    expect(messages(link.slice(0, link.lastIndexOf('.') + 2))[0]).toContain('check code does not match');
    const [v, body, sum] = link.split('.');
    expect(messages(`${v}.${body!.slice(0, -3)}.${sum}`)[0]).toMatch(/check code does not match|not readable|cannot be part/);
  });

  it('S32: an edited link is refused by its check code', () => {
    const link = encodeState(sample());
    const [v, body, sum] = link.split('.');
    const flipped = body!.slice(0, 10) + (body![10] === 'A' ? 'B' : 'A') + body!.slice(11);
    expect(messages(`${v}.${flipped}.${sum}`)).toEqual(['the link is damaged: its check code does not match (it was cut off or edited). Ask for a fresh link, or copy the whole address again']);
  });

  it('S32: empty text, a foreign version and stray characters are refused', () => {
    expect(messages('')).toEqual(['the link holds no configuration']);
    expect(messages('2.abc.def')[0]).toContain('format "2" is not one this site reads');
    expect(messages('1.ab$c.x')[0]).toContain('characters that cannot be part of a configuration');
  });

  it('S32: a forged link with valid check code still goes through every rule', () => {
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[[1,"a",0,0,-4,4096,20,0,0]]]'))).toEqual(['vms[0].vcpus: must be at least 1 vCPU, got -4']);
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,40000,0,0],[]]'))[0]).toContain('policy.reserved.ramMb: the host reserve');
    expect(messages(forge('[["h",1,8,2,32768,1000,9],[0,2048,0,0],[]]'))[0]).toContain('host.cpuVendor: expected one of "intel", "amd", got 9');
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[[1,"a","m1.hug",0]]]'))[0]).toContain('vms[0].flavor: unknown flavor "m1.hug"');
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[[1,"a",0,0,2,4096,20,0,0],[1,"b",0,0,2,4096,20,0,0]]]'))).toEqual(['vms[1].id: duplicate VM id "vm-1"']);
    expect(messages(forge('{"not":"a state"}'))[0]).toContain('does not hold a sizing configuration');
    expect(messages(forge('[1,2,3]'))[0]).toContain('host');
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[[1,0,"m1.tiny",99999]]]'))[0]).toContain('vms[0]: the link does not hold');
  });

  it('S32: base64url round-trips every byte length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
    expect(decodeBase64Url('A')).toBeNull();
  });

  it('S32: a configuration that uses none of the newer settings gives the same link as before them', () => {
    // Written by the version of this site that had only hosts, VMs and ratios.
    const old = forge('[["lab-host",1,8,2,32768,500,0],[0,2048,0,0],[[1,"web01","g4.r8c4",460]]]');
    const decoded = decodeState(old);
    if (!decoded.ok) throw new Error(decoded.issues.map((i) => formatIssue(i)).join('\n'));
    expect(decoded.value.vms[0]).toMatchObject({ name: 'web01', cpuType: 'x86-64-v2-AES', sockets: 1, balloonMinMb: null, cpuPolicy: 'shared' });
    expect(decoded.value.host).toMatchObject({ cpuModel: null, storage: { kind: 'none' }, balloonTargetPercent: 80 });
    expect(encodeState(decoded.value)).toBe(old);
  });

  it('S32: the newer settings survive a round trip and are checked like typed input', () => {
    let s = createState('nova-2023.1');
    for (const a of [
      { type: 'setHost', changes: { cpuModel: 'Haswell', storage: { kind: 'ceph', osds: 2, osdMemoryMb: 4096 }, balloonTargetPercent: 70 } },
      { type: 'setCpuSets', cpuSets: { dedicated: 4, shared: null } },
      { type: 'setQuota', quota: { instances: 5, cores: -1, ramMb: 20480 } },
      { type: 'setNovaOrigin', origin: { registered: 'rocky', running: '2023.1', configured: { cpu: null, ram: 1.2, disk: null }, initial: { cpu: null, ram: null, disk: null } } },
      { type: 'addPeer', name: 'pve2', cpuModel: 'Broadwell' },
      { type: 'addVm', flavor: 'g4.r8c4', name: 'rt', options: { cpuPolicy: 'dedicated', sockets: 2 } },
      { type: 'addCustomVm', name: 'db', size: { vcpus: 2, ramMb: 4096, rootDiskGb: 50 } },
      { type: 'updateVm', id: 'vm-2', changes: { balloonMinMb: 2048, diskWrittenGb: 20, snapshots: 2, snapshotGb: 30 } },
    ] as const) {
      const r = apply(s, a as never);
      expect(r.issues).toEqual([]);
      s = r.state;
    }
    expect(decodeState(encodeState(s))).toEqual({ ok: true, value: s });
    expect(messages(forge('[["h",1,8,2,32768,1000,0,{"m":"EPYC"}],[0,2048,0,0],[]]'))[0]).toContain("host.cpuModel: EPYC is an AMD CPU, but the host's vendor is Intel");
    expect(messages(forge('[["h",1,8,2,32768,1000,0,{"z":1}],[0,2048,0,0],[]]'))[0]).toContain('host: the link does not hold');
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[[1,"a","m1.small",0,{"w":99}]]]'))[0]).toContain('vms[0].diskWrittenGb: the guest cannot have written 99 GB to 20 GB');
    expect(messages(forge('[["h",1,8,2,32768,1000,0],[0,2048,0,0],[],[["h","Haswell"]]]'))[0]).toContain('cluster[0].name: the name "h" is already taken by the host');
  });
});
