import { describe, expect, it } from 'vitest';
import { checkLab, childrenOf, flattenTree, snapshotTree, snapshotView, getSnapshot } from '../../../../src/sim/snapshots';
import { fileContent, makeLab, snapId, step, stepEvents, NOW } from './helpers';

const write = (vm: string, path: string, content: string) => ({ type: 'guest', vm, guest: { op: 'write', path, content } }) as const;

describe('snapshot tree', () => {
  it('T1: parent pointers form a tree; the current pointer names an existing snapshot', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'a' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'b' });
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'a' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'c' });
    const vm = lab.vms['web']!;
    expect(childrenOf(vm, snapId(lab, 'web', 'a')).map((s) => s.name)).toEqual(['b', 'c']);
    expect(vm.current).toBe(snapId(lab, 'web', 'c'));
    expect(checkLab(lab)).toEqual([]);
  });

  it('T2: the tree view shows exactly one "you are here" node, under the current snapshot', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    expect(snapshotTree(lab, 'web', NOW)!.roots.map((n) => n.kind)).toEqual(['current']);
    lab = step(lab, { type: 'take', vm: 'web', name: 'base' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'next' });
    const view = snapshotTree(lab, 'web', NOW)!;
    const flat = flattenTree(view);
    expect(flat.filter((f) => f.node.youAreHere)).toHaveLength(1);
    expect(flat.map((f) => `${f.depth}:${f.node.name}`)).toEqual(['0:base', '1:next', '2:Current State']);
    expect(flat.find((f) => f.node.isCurrentSnapshot)!.node.name).toBe('next');
    expect(view.chainLength).toBe(2);
  });

  it('S1: take makes a child of the current snapshot, makes it current and keeps the VM running', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'one' });
    const { state, events } = stepEvents(lab, { type: 'take', vm: 'web', name: 'two' });
    const vm = state.vms['web']!;
    const two = getSnapshot(vm, vm.current!)!;
    expect(two.name).toBe('two');
    expect(two.parent).toBe(snapId(state, 'web', 'one'));
    expect(vm.power).toBe('running');
    expect(events.map((e) => e.code)).toEqual(['VM_PAUSED_FOR_SNAPSHOT', 'SNAPSHOT_TAKEN', 'VM_RESUMED_AFTER_SNAPSHOT']);
  });

  it('S3: after a restore the next snapshot starts a new branch', () => {
    let lab = makeLab({ platform: 'proxmox', storage: 'qcow2' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'root' });
    lab = step(lab, write('web', '/root/a.txt', 'a'));
    lab = step(lab, { type: 'take', vm: 'web', name: 'left' });
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'root' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'start' });
    lab = step(lab, write('web', '/root/b.txt', 'b'));
    lab = step(lab, { type: 'take', vm: 'web', name: 'right' });
    const vm = lab.vms['web']!;
    expect(childrenOf(vm, snapId(lab, 'web', 'root')).map((s) => s.name)).toEqual(['left', 'right']);
    expect(fileContent(lab, 'web', '/root/a.txt')).toBeUndefined();
    expect(snapshotView(vm, snapId(lab, 'web', 'left'))['/root/a.txt']).toBeDefined();
    expect(snapshotView(vm, snapId(lab, 'web', 'right'))['/root/a.txt']).toBeUndefined();
  });

  it('S5: deleting the current snapshot makes its parent current (libvirt, Proxmox, VirtualBox)', () => {
    for (const platform of ['libvirt', 'proxmox', 'virtualbox'] as const) {
      let lab = makeLab({ platform });
      lab = step(lab, { type: 'take', vm: 'web', name: 'p1' });
      lab = step(lab, { type: 'take', vm: 'web', name: 'p2' });
      lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'p2' });
      expect(lab.vms['web']!.current, platform).toBe(snapId(lab, 'web', 'p1'));
      lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'p1' });
      expect(lab.vms['web']!.current, platform).toBeNull();
    }
  });
});
