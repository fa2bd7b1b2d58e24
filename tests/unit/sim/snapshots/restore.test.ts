import { describe, expect, it } from 'vitest';
import { fileContent, makeLab, nginxLab, refusedBy, snapId, step, stepEvents } from './helpers';
import { getSnapshot, type Action } from '../../../../src/sim/snapshots';

const upgrade: Action = { type: 'guest', vm: 'web', guest: { op: 'upgrade', packages: [] } };

describe('restore / revert / rollback', () => {
  it('S2: restoring gives back exactly the disk, settings and memory saved in the snapshot', () => {
    let lab = nginxLab('libvirt');
    const before = lab.vms['web']!;
    lab = step(lab, { type: 'take', vm: 'web', name: 'before-upgrade' });
    lab = step(lab, upgrade);
    lab = step(lab, { type: 'configure', vm: 'web', memoryMb: 4096, cpus: 4 });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'remove', path: '/var/www', recursive: true, force: false, noPreserveRoot: false } });
    expect(lab.vms['web']!.runtime!.services['nginx']!.status).toBe('failed');
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'before-upgrade' });
    const after = lab.vms['web']!;
    expect(after.disk.files).toEqual(before.disk.files);
    expect(after.settings).toEqual(before.settings);
    expect(after.runtime).toEqual(before.runtime);
    expect(after.runtime!.services['nginx']!.status).toBe('active');
  });

  it('V1: VirtualBox refuses to restore while the VM runs or is paused, and allows it when saved or off', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 's' });
    expect(refusedBy(lab, { type: 'restore', vm: 'web', snapshot: 's' })).toMatchObject({ code: 'RESTORE_WHILE_RUNNING', params: { power: 'running' } });
    const paused = step(lab, { type: 'power', vm: 'web', op: 'pause' });
    expect(refusedBy(paused, { type: 'restore', vm: 'web', snapshot: 's' }).params['power']).toBe('paused');
    const saved = step(lab, { type: 'power', vm: 'web', op: 'save' });
    expect(step(saved, { type: 'restore', vm: 'web', snapshot: 's' }).vms['web']!.current).toBe(snapId(lab, 'web', 's'));
    const off = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    step(off, { type: 'restore', vm: 'web', snapshot: 's' });
  });

  it('V3: after a VirtualBox restore the VM is Saved if the snapshot has memory, else powered off', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'online' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'offline' });
    const fromOnline = step(lab, { type: 'restore', vm: 'web', snapshot: 'online' }).vms['web']!;
    expect([fromOnline.power, fromOnline.runtime !== null]).toEqual(['saved', true]);
    const fromOffline = step(lab, { type: 'restore', vm: 'web', snapshot: 'offline' }).vms['web']!;
    expect([fromOffline.power, fromOffline.runtime]).toEqual(['poweroff', null]);
    const started = step(step(lab, { type: 'restore', vm: 'web', snapshot: 'online' }), { type: 'power', vm: 'web', op: 'start' }).vms['web']!;
    expect(started.runtime).toEqual(getSnapshot(lab.vms['web']!, snapId(lab, 'web', 'online'))!.memory);
  });

  it('L3: libvirt reverts in any state to the state at snapshot time; disk-only leaves it off; --running/--paused override', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'live' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'pause' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'paused' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'resume' });
    expect(step(lab, { type: 'restore', vm: 'web', snapshot: 'live' }).vms['web']!.power).toBe('running');
    expect(step(lab, { type: 'restore', vm: 'web', snapshot: 'paused' }).vms['web']!.power).toBe('paused');
    expect(step(lab, { type: 'restore', vm: 'web', snapshot: 'live', after: 'paused' }).vms['web']!.power).toBe('paused');
    // A disk-only snapshot (external, L8) holds no memory: reverting leaves the domain shut off.
    const disk = step(makeLab({ platform: 'libvirt' }), { type: 'take', vm: 'web', name: 'disk', memory: false });
    expect(step(disk, { type: 'restore', vm: 'web', snapshot: 'disk' }).vms['web']!.power).toBe('poweroff');
    expect(step(disk, { type: 'restore', vm: 'web', snapshot: 'disk', after: 'running' }).vms['web']!.power).toBe('running');
  });

  it('P2: Proxmox saves RAM only with vmstate; rollback starts from saved RAM, else stays stopped unless --start', () => {
    let lab = makeLab({ platform: 'proxmox', storage: 'qcow2' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'diskonly' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'withram', memory: true });
    const vm = lab.vms['web']!;
    expect(getSnapshot(vm, snapId(lab, 'web', 'diskonly'))!.memory).toBeNull();
    expect(getSnapshot(vm, snapId(lab, 'web', 'withram'))!.memory).not.toBeNull();
    expect(step(lab, { type: 'restore', vm: 'web', snapshot: 'withram' }).vms['web']!.power).toBe('running');
    expect(step(lab, { type: 'restore', vm: 'web', snapshot: 'diskonly' }).vms['web']!.power).toBe('poweroff');
    const started = step(lab, { type: 'restore', vm: 'web', snapshot: 'diskonly', after: 'running' }).vms['web']!;
    expect([started.power, started.runtime?.services['ssh']?.status]).toEqual(['running', 'active']);
  });

  it('P3: on ZFS only the most recent snapshot can be rolled back; qcow2, LVM-thin and Ceph roll back to any', () => {
    const build = (storage: 'zfs' | 'qcow2' | 'lvm-thin' | 'ceph') => {
      let lab = makeLab({ platform: 'proxmox', storage });
      lab = step(lab, { type: 'take', vm: 'web', name: 'older' });
      lab = step(lab, { type: 'take', vm: 'web', name: 'newer' });
      return lab;
    };
    const zfs = build('zfs');
    expect(refusedBy(zfs, { type: 'restore', vm: 'web', snapshot: 'older' })).toEqual({
      code: 'NOT_MOST_RECENT',
      params: { vm: 'web', snapshot: 'older', volume: 'local-zfs:vm-100-disk-0', newer: ['newer'] },
    });
    step(zfs, { type: 'restore', vm: 'web', snapshot: 'newer' });
    const trimmed = step(zfs, { type: 'deleteSnapshot', vm: 'web', snapshot: 'newer' });
    step(trimmed, { type: 'restore', vm: 'web', snapshot: 'older' });
    for (const storage of ['qcow2', 'lvm-thin', 'ceph'] as const) step(build(storage), { type: 'restore', vm: 'web', snapshot: 'older' });
  });

  it('P4: a Proxmox rollback of a running VM stops it first instead of refusing', () => {
    let lab = makeLab({ platform: 'proxmox', storage: 'lvm-thin' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'snap' });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/root/x', content: 'x' } });
    const { state, events } = stepEvents(lab, { type: 'restore', vm: 'web', snapshot: 'snap' });
    expect(events.map((e) => e.code)).toContain('VM_STOPPED_FOR_ROLLBACK');
    expect(fileContent(state, 'web', '/root/x')).toBeUndefined();
  });
});
