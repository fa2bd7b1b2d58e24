import { describe, expect, it } from 'vitest';
import { diskUsage, snapshotView, getSnapshot } from '../../../../src/sim/snapshots';
import type { LabState } from '../../../../src/sim/snapshots';
import { makeLab, snapId, step, stepEvents } from './helpers';

const MB = 1024 * 1024;
const write = (path: string, size: number) => ({ type: 'guest', vm: 'web', guest: { op: 'write', path, content: `${size} bytes`, size } }) as const;

describe('copy-on-write accounting', () => {
  it('D1: a new snapshot costs nothing; its unique bytes grow only as the current state overwrites shared blocks', () => {
    let lab = makeLab({ platform: 'proxmox', storage: 'zfs' });
    lab = step(lab, write('/srv/db', 100 * MB));
    const before = diskUsage(lab, 'web')!.physicalBytes;
    lab = step(lab, { type: 'take', vm: 'web', name: 'snap1' });
    const id = snapId(lab, 'web', 'snap1');
    let u = diskUsage(lab, 'web')!;
    expect([u.physicalBytes, u.perSnapshot[id]!.uniqueBytes, u.currentLayerBytes]).toEqual([before, 0, 0]);
    lab = step(lab, write('/srv/new', 10 * MB));
    u = diskUsage(lab, 'web')!;
    expect([u.perSnapshot[id]!.uniqueBytes, u.currentLayerBytes]).toEqual([0, 10 * MB]);
    lab = step(lab, write('/srv/db', 120 * MB));
    u = diskUsage(lab, 'web')!;
    expect(u.perSnapshot[id]!.uniqueBytes).toBe(100 * MB);
    expect(u.physicalBytes).toBe(before + 130 * MB);
    expect(u.snapshotBytes).toBe(100 * MB);
  });

  it('D2: a snapshot\'s view is the base disk with every layer on its path applied in order', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'a' });
    lab = step(lab, write('/x', 1));
    lab = step(lab, { type: 'take', vm: 'web', name: 'b' });
    lab = step(lab, write('/y', 2));
    lab = step(lab, { type: 'take', vm: 'web', name: 'c' });
    const vm = lab.vms['web']!;
    const c = getSnapshot(vm, snapId(lab, 'web', 'c'))!;
    const b = getSnapshot(vm, snapId(lab, 'web', 'b'))!;
    expect(Object.keys(b.delta)).toEqual(['/x']);
    expect(Object.keys(c.delta)).toEqual(['/y']);
    expect(snapshotView(vm, c.id)).toEqual({ ...vm.disk.base, ...b.delta, ...c.delta });
  });

  it('D3: with no snapshots the disk is one image: writes go to the base, and deleting the last snapshot merges back', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, write('/srv/a', MB));
    expect(lab.vms['web']!.disk.delta).toEqual({});
    expect(lab.vms['web']!.disk.base).toBe(lab.vms['web']!.disk.files);
    lab = step(lab, { type: 'take', vm: 'web', name: 's' });
    lab = step(lab, write('/srv/a', 2 * MB));
    expect(Object.keys(lab.vms['web']!.disk.delta)).toEqual(['/srv/a']);
    lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 's' });
    const u = diskUsage(lab, 'web')!;
    expect(lab.vms['web']!.disk.delta).toEqual({});
    expect(u.physicalBytes).toBe(u.logicalBytes);
  });

  it('D4: deleting a snapshot frees exactly its unique bytes', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, write('/srv/a', 5 * MB));
    lab = step(lab, { type: 'take', vm: 'web', name: 'one' });
    lab = step(lab, write('/srv/a', 6 * MB));
    lab = step(lab, write('/srv/b', 7 * MB));
    lab = step(lab, { type: 'take', vm: 'web', name: 'two' });
    lab = step(lab, write('/srv/b', 8 * MB));
    for (const name of ['one', 'two']) {
      const unique = diskUsage(lab, 'web')!.perSnapshot[snapId(lab, 'web', name)]!.uniqueBytes;
      const { state, events } = stepEvents(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: name });
      const freed = diskUsage(lab, 'web')!.physicalBytes - diskUsage(state, 'web')!.physicalBytes;
      expect([freed, events.find((e) => e.code === 'SNAPSHOT_DELETED')!.params['freedBytes']]).toEqual([unique, unique]);
      expect(unique).toBeGreaterThan(0);
    }
  });

  it('D5: memory grows with what changed, not with the number of snapshots', () => {
    // The same 50 snapshots on a small disk and on one with 300 more files: each snapshot adds
    // only its own metadata (name, uuid, saved RAM, the key of its hardware, SPEC M5), the same
    // on both, and far less than one copy of the file map's ids.
    const perSnapshot = (extraFiles: number): { bytes: number; fileMap: number } => {
      let lab = makeLab({ platform: 'virtualbox', policy: { maxChain: 200 } });
      for (let i = 0; i < extraFiles; i++) lab = step(lab, write(`/srv/data/file-${i}`, 1000));
      lab = step(lab, { type: 'take', vm: 'web', name: 'first' });
      const blocks = lab.store.count;
      // The display log is bounded (LOG_LIMIT) and left out: it is not snapshot data.
      const size = (l: LabState): number => JSON.stringify({ ...l, log: [] }).length;
      const json = size(lab);
      for (let i = 0; i < 50; i++) lab = step(lab, { type: 'take', vm: 'web', name: `s${i}` });
      expect(lab.store.count).toBe(blocks);
      expect(Object.keys(lab.hardware)).toHaveLength(1);
      return { bytes: (size(lab) - json) / 50, fileMap: JSON.stringify(lab.vms['web']!.disk.files).length };
    };
    const small = perSnapshot(0);
    const large = perSnapshot(300);
    expect(large.fileMap).toBeGreaterThan(10 * small.fileMap);
    expect(Math.abs(large.bytes - small.bytes)).toBeLessThan(16);
    expect(large.bytes).toBeLessThan(large.fileMap / 10);
    expect(small.bytes).toBeLessThan(1024);
  });
});
