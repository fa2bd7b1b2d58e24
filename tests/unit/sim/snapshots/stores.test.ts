import { describe, expect, it } from 'vitest';
import { addBlock, blockContent, emptyStore, getBlock, sweep } from '../../../../src/sim/snapshots/disk/blocks';
import { getSnapshot, hasSnapshots, listSnapshots, putSnapshots, removeSnapshots, snapshotChildren, snapshotCount } from '../../../../src/sim/snapshots/model/snapshot-store';
import type { Snapshot, Vm } from '../../../../src/sim/snapshots/model/types';
import { makeLab, step } from './helpers';

/** The two bucketed stores behind snapshots and file blocks: lookups, order, removal, JSON. */

const snap = (seq: number, parent: string | null = null, name = `n${seq}`): Snapshot => {
  const lab = step(makeLab({ platform: 'libvirt' }), { type: 'take', vm: 'web', name: 'x' });
  const template = listSnapshots(lab.vms['web']!)[0]!;
  return { ...template, id: `s${seq}`, seq, name, parent };
};

describe('snapshot store', () => {
  const vm: Vm = makeLab({ platform: 'libvirt' }).vms['web']!;

  it('finds snapshots by id across buckets and lists them in creation order', () => {
    const ids = [3, 31, 32, 33, 200, 1000];
    const filled = putSnapshots(vm, [...ids].reverse().map((n) => snap(n, n === 3 ? null : 's3')));
    expect(listSnapshots(filled).map((s) => s.id)).toEqual(ids.map((n) => `s${n}`));
    expect(snapshotCount(filled)).toBe(ids.length);
    expect(getSnapshot(filled, 's200')?.seq).toBe(200);
    expect(snapshotChildren(filled, 's3').map((s) => s.id)).toEqual(['s31', 's32', 's33', 's200', 's1000']);
    expect(hasSnapshots(filled)).toBe(true);
    // The state stays plain JSON and reads the same after a round trip.
    const back = JSON.parse(JSON.stringify(filled)) as Vm;
    expect(listSnapshots(back)).toEqual(listSnapshots(filled));
  });

  it('answers "no such snapshot" for names, UUIDs and malformed ids instead of throwing', () => {
    const filled = putSnapshots(vm, [snap(1), snap(40)]);
    for (const id of ['n1', 's', 's-1', 's1.5', 'S1', '9f1c2a3b-0000-4000-8000-000000000000', 's999999', '', 'constructor', '__proto__']) {
      expect(getSnapshot(filled, id), id).toBeUndefined();
    }
    expect(() => putSnapshots(vm, [{ ...snap(1), id: 'bad' }])).toThrow(/s<number>/);
  });

  it('removing snapshots never changes the store it came from and drops emptied buckets', () => {
    const filled = putSnapshots(vm, [snap(1), snap(40), snap(41)]);
    const frozen = JSON.stringify(filled.snapshots);
    const fewer = removeSnapshots(filled, ['s40', 's41', 'missing']);
    expect(JSON.stringify(filled.snapshots)).toBe(frozen);
    expect(listSnapshots(fewer).map((s) => s.id)).toEqual(['s1']);
    expect(fewer.snapshots).toHaveLength(1);
    const none = removeSnapshots(fewer, ['s1']);
    expect(hasSnapshots(none)).toBe(false);
    expect(none.snapshots).toEqual([]);
  });
});

describe('block store', () => {
  it('adds blocks without touching the previous store, and finds each by id', () => {
    let store = emptyStore();
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const before = JSON.stringify(store);
      const added = addBlock(store, `content ${i}`);
      expect(JSON.stringify(store)).toBe(before);
      store = added.store;
      ids.push(added.id);
    }
    expect(new Set(ids).size).toBe(150);
    expect(ids.map((id) => blockContent(store, id))).toEqual(ids.map((_, i) => `content ${i}`));
    expect(store.count).toBe(150);
    for (const id of ['x1', 'b0', 'b', 'b-3', 'b2.5', 'b999', '']) expect(getBlock(store, id), id).toBeUndefined();
  });

  it('a sweep keeps exactly the blocks some disk still reaches', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    const before = lab.store.count;
    for (let i = 0; i < 100; i++) lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/srv/a', content: `v${i}` } });
    expect(lab.store.count).toBe(before + 100);
    const swept = sweep(lab);
    // Only the last write to /srv/a is still shown (no snapshots hold older ones).
    expect(swept.store.count).toBe(before + 1);
    expect(blockContent(swept.store, swept.vms['web']!.disk.files['/srv/a']!)).toBe('v99');
    for (const id of Object.values(swept.vms['web']!.disk.files)) expect(getBlock(swept.store, id), id).toBeDefined();
  });
});
