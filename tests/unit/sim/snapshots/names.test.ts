import { describe, expect, it } from 'vitest';
import { findSnapshot, snapshotsInOrder, type LabState } from '../../../../src/sim/snapshots';
import { makeLab, NOW, refusedBy, sh, shAll, step } from './helpers';

describe('snapshot names', () => {
  it('V6: VirtualBox allows duplicate names; a name finds the first match depth-first, a UUID finds exactly one', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'daily' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'daily' });
    const [first, second] = snapshotsInOrder(lab.vms['web']!);
    expect([first!.name, second!.name]).toEqual(['daily', 'daily']);
    expect(findSnapshot(lab.vms['web']!, 'daily')!.id).toBe(first!.id);
    expect(findSnapshot(lab.vms['web']!, second!.uuid)!.id).toBe(second!.id);
    expect(first!.uuid).not.toBe(second!.uuid);
  });

  it('V7: --uniquename Number appends 2, 3, …; Force always appends; Timestamp appends the ISO time', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    const take = (name: string, uniqueName: object) => {
      lab = step(lab, { type: 'take', vm: 'web', name, uniqueName });
      return snapshotsInOrder(lab.vms['web']!).at(-1)!.name;
    };
    expect(take('nightly', { number: true })).toBe('nightly');
    expect(take('nightly', { number: true })).toBe('nightly2');
    expect(take('nightly', { number: true, space: true })).toBe('nightly 2');
    expect(take('weekly', { number: true, force: true })).toBe('weekly1');
    expect(take('nightly', { timestamp: true })).toBe(`nightly${new Date(NOW).toISOString().slice(0, 19)}Z`);
    expect(take('nightly', { space: true })).toBe('nightly');
  });

  it('L1: libvirt snapshot names are unique', () => {
    const lab = step(makeLab({ platform: 'libvirt' }), { type: 'take', vm: 'web', name: 'clean' });
    expect(refusedBy(lab, { type: 'take', vm: 'web', name: 'clean' })).toEqual({ code: 'NAME_TAKEN', params: { vm: 'web', name: 'clean' } });
  });

  it('L2: without a name, libvirt names the snapshot after its creation time in seconds', () => {
    const lab = step(makeLab({ platform: 'libvirt' }), { type: 'take', vm: 'web' });
    expect(snapshotsInOrder(lab.vms['web']!)[0]!.name).toBe(String(NOW / 1000));
  });

  it('P1: Proxmox names are unique, "current" is reserved and the format is [a-z][a-z0-9_-]+', () => {
    const lab = step(makeLab({ platform: 'proxmox' }), { type: 'take', vm: 'web', name: 'pre-upgrade' });
    expect(refusedBy(lab, { type: 'take', vm: 'web', name: 'pre-upgrade' }).code).toBe('NAME_TAKEN');
    expect(refusedBy(lab, { type: 'take', vm: 'web', name: 'current' }).code).toBe('NAME_RESERVED');
    for (const bad of ['1st', 'x', 'has space', 'dot.ted']) expect(refusedBy(lab, { type: 'take', vm: 'web', name: bad }).code).toBe('NAME_INVALID');
    expect(refusedBy(lab, { type: 'take', vm: 'web', name: '' }).code).toBe('NAME_EMPTY');
    step(lab, { type: 'take', vm: 'web', name: 'Before_Upgrade-2' });
  });
});

describe('T3: a typed snapshot name is never shadowed by an internal id', () => {
  // One VM: its snapshots get ids s2, s3, … in order. Name the second snapshot "s2" so a lookup
  // that tried ids first would hit the first snapshot ("first", whose id is s2) instead.
  const names = (lab: LabState): string[] => snapshotsInOrder(lab.vms['web']!).map((s) => s.name);
  const cases = [
    { platform: 'virtualbox' as const, storage: undefined, take: (n: string) => `VBoxManage snapshot web take ${n}`, del: 'VBoxManage snapshot web delete s2', restore: 'VBoxManage snapshot web restore s2' },
    { platform: 'libvirt' as const, storage: undefined, take: (n: string) => `virsh snapshot-create-as web ${n}`, del: 'virsh snapshot-delete web s2', restore: 'virsh snapshot-revert web s2' },
    { platform: 'proxmox' as const, storage: 'qcow2' as const, take: (n: string) => `qm snapshot 100 ${n}`, del: 'qm delsnapshot 100 s2', restore: 'qm rollback 100 s2' },
  ];
  for (const c of cases) {
    it(`T3: ${c.platform} deletes the snapshot named s2, not the one whose id is s2`, () => {
      const lab = shAll(makeLab({ platform: c.platform, ...(c.storage ? { storage: c.storage } : {}), vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }] }), [c.take('first'), c.take('s2'), c.take('third')]).state;
      expect(snapshotsInOrder(lab.vms['web']!)[0]!.id).toBe('s2');
      expect(names(lab)).toEqual(['first', 's2', 'third']);
      const r = sh(lab, c.del);
      expect(r.exitCode, r.output.join('\n')).toBe(0);
      expect(names(r.state)).toEqual(['first', 'third']);
    });

    it(`T3: ${c.platform} restores the snapshot named s2`, () => {
      const lab = shAll(makeLab({ platform: c.platform, ...(c.storage ? { storage: c.storage } : {}), vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }] }), [c.take('first'), c.take('s2'), c.take('third')]).state;
      const r = sh(lab, c.restore);
      expect(r.exitCode, r.output.join('\n')).toBe(0);
      const current = r.state.vms['web']!.current;
      expect(snapshotsInOrder(r.state.vms['web']!).find((s) => s.id === current)!.name).toBe('s2');
    });
  }

  it('T3: virsh and qm do not accept an internal id or a UUID for a name', () => {
    const lab = shAll(makeLab({ platform: 'libvirt', vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }] }), ['virsh snapshot-create-as web first']).state;
    const r = sh(lab, 'virsh snapshot-revert web s2');
    expect(r.exitCode).not.toBe(0);
    expect(r.state).toBe(lab);
  });

  it('T3: a scenario file history restores by name even when the name looks like an id', () => {
    const lab = makeLab({
      platform: 'virtualbox',
      vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }],
      history: [
        { ago: '3h', do: { type: 'take', vm: 'web', name: 'first' } },
        { ago: '2h', do: { type: 'take', vm: 'web', name: 's2' } },
        { ago: '1h', do: { type: 'deleteSnapshot', vm: 'web', snapshot: 's2' } },
      ],
    });
    expect(names(lab)).toEqual(['first']);
  });

  it('T3: findSnapshot never matches an internal id', () => {
    const lab = step(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 'only' });
    const snap = snapshotsInOrder(lab.vms['web']!)[0]!;
    expect(findSnapshot(lab.vms['web']!, snap.id)).toBeUndefined();
    expect(findSnapshot(lab.vms['web']!, snap.uuid)).toBe(snap);
  });
});
