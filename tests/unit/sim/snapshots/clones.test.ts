import { describe, expect, it } from 'vitest';
import { diskUsage, labPhysicalBytes, snapshotView } from '../../../../src/sim/snapshots';
import { fileContent, makeLab, refusedBy, snapId, step } from './helpers';

const MB = 1024 * 1024;
const write = (vm: string, path: string, content: string, size?: number) =>
  ({ type: 'guest', vm, guest: { op: 'write', path, content, ...(size ? { size } : {}) } }) as const;

function withSnapshot() {
  let lab = makeLab({ platform: 'virtualbox' });
  lab = step(lab, write('web', '/srv/data', 'v1', 50 * MB));
  lab = step(lab, { type: 'take', vm: 'web', name: 'gold' });
  return lab;
}

describe('clones', () => {
  it('C1: a full clone is an independent copy: new blocks, and changes on either side stay there', () => {
    let lab = withSnapshot();
    const before = labPhysicalBytes(lab);
    lab = step(lab, { type: 'clone', vm: 'web', name: 'copy', mode: 'full' });
    const logical = diskUsage(lab, 'web')!.logicalBytes;
    expect(labPhysicalBytes(lab)).toBe(before + logical);
    const src = Object.values(lab.vms['web']!.disk.files);
    expect(Object.values(lab.vms['copy']!.disk.files).some((id) => src.includes(id))).toBe(false);
    lab = step(lab, { type: 'power', vm: 'copy', op: 'start' });
    lab = step(lab, write('copy', '/srv/data', 'changed in copy'));
    expect(fileContent(lab, 'web', '/srv/data')).toBe('v1');
    expect(lab.vms['copy']!.linkedFrom).toBeNull();
  });

  it('C2: a linked clone reads the source snapshot\'s blocks and owns only what it writes', () => {
    let lab = withSnapshot();
    const before = labPhysicalBytes(lab);
    lab = step(lab, { type: 'clone', vm: 'web', name: 'test', mode: 'linked', snapshot: 'gold' });
    const clone = lab.vms['test']!;
    expect(clone.disk.base).toEqual(snapshotView(lab.vms['web']!, snapId(lab, 'web', 'gold')));
    expect(labPhysicalBytes(lab)).toBe(before);
    let u = diskUsage(lab, 'test')!;
    expect([u.physicalBytes, u.sharedWithSourceBytes > 50 * MB]).toEqual([0, true]);
    lab = step(lab, { type: 'power', vm: 'test', op: 'start' });
    lab = step(lab, write('test', '/srv/data', 'clone v2', 5 * MB));
    u = diskUsage(lab, 'test')!;
    expect(u.physicalBytes).toBe(5 * MB);
    expect(fileContent(lab, 'web', '/srv/data')).toBe('v1');
  });

  it('C3: the snapshot a linked clone depends on cannot be deleted', () => {
    let lab = withSnapshot();
    lab = step(lab, { type: 'clone', vm: 'web', name: 'test', mode: 'linked', snapshot: 'gold' });
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'gold' })).toEqual({
      code: 'SNAPSHOT_HAS_LINKED_CLONES',
      params: { vm: 'web', snapshot: 'gold', clones: ['test'] },
    });
  });

  it('V9: VirtualBox makes linked clones only from a snapshot', () => {
    const lab = withSnapshot();
    expect(refusedBy(lab, { type: 'clone', vm: 'web', name: 'x', mode: 'linked' }).code).toBe('LINKED_CLONE_NEEDS_SNAPSHOT');
    expect(refusedBy(lab, { type: 'clone', vm: 'web', name: 'web', mode: 'full' }).code).toBe('VM_NAME_TAKEN');
  });

  it('L7: virt-clone copies a shut off or paused domain, never a running one, and makes no linked clones', () => {
    const lab = makeLab({ platform: 'libvirt' });
    expect(refusedBy(lab, { type: 'clone', vm: 'web', name: 'c', mode: 'full' }).code).toBe('CLONE_SOURCE_RUNNING');
    const paused = step(lab, { type: 'power', vm: 'web', op: 'pause' });
    step(paused, { type: 'clone', vm: 'web', name: 'c', mode: 'full' });
    expect(refusedBy(paused, { type: 'clone', vm: 'web', name: 'c', mode: 'linked' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
  });

  it('P5: Proxmox templates are read-only sources of linked clones; a full clone from a ZFS snapshot is refused', () => {
    let lab = makeLab({ platform: 'proxmox', storage: 'zfs', vms: [{ name: 'tpl', vmid: 9000 }] });
    expect(refusedBy(lab, { type: 'clone', vm: 'tpl', name: 'l1', mode: 'linked' }).code).toBe('LINKED_CLONE_NEEDS_TEMPLATE');
    const withSnap = step(lab, { type: 'take', vm: 'tpl', name: 'snap1' });
    expect(refusedBy(withSnap, { type: 'template', vm: 'tpl' }).code).toBe('TEMPLATE_HAS_SNAPSHOTS');
    expect(refusedBy(withSnap, { type: 'clone', vm: 'tpl', name: 'f1', mode: 'full', snapshot: 'snap1' }).code).toBe('FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED');
    lab = step(lab, { type: 'template', vm: 'tpl' });
    expect(lab.vms['tpl']!.disks[0]!.volume).toBe('local-zfs:base-9000-disk-0');
    expect(refusedBy(lab, { type: 'power', vm: 'tpl', op: 'start' })).toMatchObject({ code: 'IS_TEMPLATE', params: { op: 'start' } });
    expect(refusedBy(lab, { type: 'take', vm: 'tpl', name: 'later' })).toMatchObject({ code: 'IS_TEMPLATE', params: { op: 'snapshot' } });
    expect(refusedBy(lab, { type: 'template', vm: 'tpl' }).code).toBe('ALREADY_TEMPLATE');
    lab = step(lab, { type: 'clone', vm: 'tpl', name: 'l1', mode: 'linked', vmid: 101 });
    expect(lab.vms['l1']!.linkedFrom).toEqual({ vm: 'tpl', snapshot: null });
    expect(refusedBy(lab, { type: 'clone', vm: 'tpl', name: 'l2', mode: 'linked', vmid: 101 }).code).toBe('VMID_TAKEN');
  });
});
