import { describe, expect, it } from 'vitest';
import { getSnapshot, snapshotView } from '../../../../src/sim/snapshots';
import { makeLab, refusedBy, sh, snapId, step, stepEvents } from './helpers';

describe('platform rules', () => {
  it('V2: VBoxManage pauses a running VM while it takes a snapshot unless --live; the snapshot holds the memory either way', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const paused = stepEvents(lab, { type: 'take', vm: 'web', name: 'a1' });
    expect(paused.events.map((e) => e.code)).toEqual(['VM_PAUSED_FOR_SNAPSHOT', 'SNAPSHOT_TAKEN', 'VM_RESUMED_AFTER_SNAPSHOT']);
    const live = stepEvents(lab, { type: 'take', vm: 'web', name: 'a1', live: true, memory: false });
    expect(live.events.map((e) => e.code)).toEqual(['SNAPSHOT_TAKEN']);
    for (const r of [paused, live]) expect(getSnapshot(r.state.vms['web']!, snapId(r.state, 'web', 'a1'))!.memory).toEqual(lab.vms['web']!.runtime);
    const off = step(step(lab, { type: 'power', vm: 'web', op: 'poweroff' }), { type: 'take', vm: 'web', name: 'cold' });
    expect(getSnapshot(off.vms['web']!, snapId(off, 'web', 'cold'))!.memory).toBeNull();
  });

  it('V8: VBoxManage modifyvm only changes a VM that is powered off', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    expect(refusedBy(lab, { type: 'configure', vm: 'web', memoryMb: 2048 }).code).toBe('SETTINGS_LOCKED');
    expect(sh(lab, 'VBoxManage modifyvm web --memory 2048').output[0]).toBe("VBoxManage: error: The machine 'web' is already locked for a session (or being unlocked)");
    const off = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    expect(step(off, { type: 'configure', vm: 'web', memoryMb: 2048 }).vms['web']!.settings.memoryMb).toBe(2048);
  });

  it('L5: snapshot-current moves the current pointer without touching the data; the next snapshot hangs there', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'first' });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/root/x', content: 'x' } });
    lab = step(lab, { type: 'take', vm: 'web', name: 'second' });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/root/y', content: 'y' } });
    const moved = step(lab, { type: 'setCurrent', vm: 'web', snapshot: 'first' });
    const vm = moved.vms['web']!;
    expect(vm.disk.files).toEqual(lab.vms['web']!.disk.files);
    expect(vm.current).toBe(snapId(lab, 'web', 'first'));
    expect(Object.keys(vm.disk.delta).sort()).toEqual(['/root/x', '/root/y']);
    const third = step(moved, { type: 'take', vm: 'web', name: 'third' });
    const t = getSnapshot(third.vms['web']!, snapId(third, 'web', 'third'))!;
    expect(t.parent).toBe(snapId(lab, 'web', 'first'));
    expect(snapshotView(third.vms['web']!, t.id)).toEqual(lab.vms['web']!.disk.files);
    expect(refusedBy(makeLab({ platform: 'proxmox' }), { type: 'setCurrent', vm: 'web', snapshot: 'x' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
  });

  it('L6: a running domain\'s snapshot includes memory unless --disk-only; --halt stops the domain afterwards', () => {
    const lab = makeLab({ platform: 'libvirt' });
    const full = step(lab, { type: 'take', vm: 'web', name: 'full' });
    expect(getSnapshot(full.vms['web']!, snapId(full, 'web', 'full'))!.memory).not.toBeNull();
    const disk = step(lab, { type: 'take', vm: 'web', name: 'disk', memory: false });
    expect(getSnapshot(disk.vms['web']!, snapId(disk, 'web', 'disk'))!.memory).toBeNull();
    const halted = stepEvents(lab, { type: 'take', vm: 'web', name: 'halt', halt: true });
    expect(halted.events.map((e) => e.code)).toEqual(['SNAPSHOT_TAKEN', 'VM_HALTED_AFTER_SNAPSHOT', 'POWER_CHANGED']);
    expect(halted.state.vms['web']!.power).toBe('poweroff');
  });
});
