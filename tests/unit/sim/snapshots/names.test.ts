import { describe, expect, it } from 'vitest';
import { findSnapshot, snapshotsInOrder } from '../../../../src/sim/snapshots';
import { makeLab, NOW, refusedBy, step } from './helpers';

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
