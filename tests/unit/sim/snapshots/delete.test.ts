import { describe, expect, it } from 'vitest';
import { childrenOf, snapshotView, getSnapshot, listSnapshots } from '../../../../src/sim/snapshots';
import { makeLab, refusedBy, snapId, step, stepEvents } from './helpers';

const write = (path: string, content: string) => ({ type: 'guest', vm: 'web', guest: { op: 'write', path, content } }) as const;

/** base → mid → top, with a file changed at every step. */
function chain(platform: 'virtualbox' | 'libvirt' | 'proxmox') {
  let lab = makeLab({ platform, ...(platform === 'proxmox' ? { storage: 'qcow2' as const } : {}) });
  lab = step(lab, { type: 'take', vm: 'web', name: 'base' });
  lab = step(lab, write('/root/f', 'one'));
  lab = step(lab, { type: 'take', vm: 'web', name: 'mid' });
  lab = step(lab, write('/root/f', 'two'));
  lab = step(lab, { type: 'take', vm: 'web', name: 'top' });
  lab = step(lab, write('/root/f', 'three'));
  return lab;
}

describe('delete', () => {
  it('S4: deleting never changes the current data, and the remaining snapshots keep their views', () => {
    for (const platform of ['virtualbox', 'libvirt', 'proxmox'] as const) {
      const lab = chain(platform);
      const views = Object.fromEntries(listSnapshots(lab.vms['web']!).map((s) => s.id).map((id) => [id, snapshotView(lab.vms['web']!, id)]));
      for (const name of ['base', 'mid', 'top']) {
        const after = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: name });
        const vm = after.vms['web']!;
        expect(vm.disk.files, `${platform} ${name}`).toEqual(lab.vms['web']!.disk.files);
        expect([vm.power, vm.runtime, vm.settings]).toEqual([lab.vms['web']!.power, lab.vms['web']!.runtime, lab.vms['web']!.settings]);
        for (const id of listSnapshots(vm).map((s) => s.id)) expect(snapshotView(vm, id)).toEqual(views[id]);
      }
    }
  });

  it('S4: children are re-parented to the deleted snapshot\'s parent', () => {
    const lab = chain('libvirt');
    const { state, events } = stepEvents(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'mid' });
    expect(getSnapshot(state.vms['web']!, snapId(lab, 'web', 'top'))!.parent).toBe(snapId(lab, 'web', 'base'));
    expect(events.find((e) => e.code === 'CHILDREN_REPARENTED')!.params).toEqual({ children: ['top'], parent: 'base' });
  });

  it('V4: VirtualBox refuses a snapshot with two children, and the current snapshot when it has a child', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'root' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'left' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'root' });
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'root' })).toEqual({
      code: 'CURRENT_SNAPSHOT_HAS_CHILD',
      params: { vm: 'web', snapshot: 'root' },
    });
    lab = step(lab, { type: 'take', vm: 'web', name: 'right' });
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'root' })).toEqual({
      code: 'SNAPSHOT_HAS_CHILDREN',
      params: { vm: 'web', snapshot: 'root', count: 2 },
    });
    lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'left' });
    lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'root' });
    expect(listSnapshots(lab.vms['web']!).map((s) => [s.name, s.parent])).toEqual([['right', null]]);
  });

  it('V5: VirtualBox deletes snapshots of a running VM (online merge)', () => {
    const lab = chain('virtualbox');
    expect(lab.vms['web']!.power).toBe('running');
    expect(step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'mid' }).vms['web']!.power).toBe('running');
  });

  it('L4: libvirt --children deletes the subtree, --children-only keeps the snapshot itself', () => {
    let lab = chain('libvirt');
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'base' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'side' });
    const withChildren = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'mid', scope: 'withChildren' });
    expect(listSnapshots(withChildren.vms['web']!).map((s) => s.name).sort()).toEqual(['base', 'side']);
    const childrenOnly = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'base', scope: 'childrenOnly' });
    const vm = childrenOnly.vms['web']!;
    expect(listSnapshots(vm).map((s) => s.name)).toEqual(['base']);
    expect(vm.current).toBe(snapId(lab, 'web', 'base'));
    expect(vm.disk.files).toEqual(lab.vms['web']!.disk.files);
  });

  it('L4: only libvirt knows --children; other platforms refuse the scope', () => {
    const lab = chain('proxmox');
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'mid', scope: 'withChildren' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
  });

  it('P4: Proxmox delete re-parents children and moves the current pointer like unlink_parent', () => {
    let lab = chain('proxmox');
    lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'top' });
    expect(lab.vms['web']!.current).toBe(snapId(lab, 'web', 'mid'));
    lab = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'base' });
    const vm = lab.vms['web']!;
    expect(childrenOf(vm, null).map((s) => s.name)).toEqual(['mid']);
  });
});
