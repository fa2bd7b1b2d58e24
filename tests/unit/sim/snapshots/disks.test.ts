import { describe, expect, it } from 'vitest';
import { apply, checkLab, diskUsage, explainEvent, guestSummary, listSnapshots, type LabState } from '../../../../src/sim/snapshots';
import { at, fileContent, makeLab, NOW, refusedBy, sh, shAll, step, stepEvents } from './helpers';

/** A VirtualBox VM with a system disk and a 20 GB data disk at /srv/data in the given mode. */
function twoDisks(mode: 'normal' | 'writethrough' | 'immutable' | 'shareable' | 'multiattach', platform: 'virtualbox' | 'libvirt' | 'proxmox' = 'virtualbox'): LabState {
  return makeLab({
    platform,
    vms: [
      {
        name: 'web',
        power: 'running',
        disks: [{}, { mount: '/srv/data', size: '20G', mode, fixed: mode === 'shareable' }],
        files: [{ path: '/srv/data/orders.db', content: 'orders v1' }, { path: '/etc/motd', content: 'motd v1' }],
      },
    ],
  });
}

const write = (lab: LabState, path: string, content: string): LabState => step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path, content } });

describe('disks and VirtualBox disk modes', () => {
  it('D6: a path lives on the disk with the longest mount point; df shows one line per disk', () => {
    const lab = twoDisks('normal');
    const disks = guestSummary(lab, 'web', NOW)!.disks;
    expect(disks.map((d) => [d.target, d.device, d.mount, d.volume])).toEqual([
      ['SATA (0, 0)', '/dev/sda', '/', 'web.vdi'],
      ['SATA (1, 0)', '/dev/sdb', '/srv/data', 'web_1.vdi'],
    ]);
    const usage = diskUsage(lab, 'web')!;
    expect(usage.perDisk[1]!.logicalBytes).toBe('orders v1'.length);
    expect(usage.perDisk[0]!.logicalBytes + usage.perDisk[1]!.logicalBytes).toBe(usage.logicalBytes);
    const df = sh(lab, 'df -h').output;
    expect(df[1]).toMatch(/^\/dev\/sda1 +32G .* \/$/);
    expect(df[2]).toMatch(/^\/dev\/sdb1 +20G +9B +20G +1% \/srv\/data$/);
  });

  it('D6: libvirt names disks vda, vdb and Proxmox scsi0, scsi1; both snapshot every disk', () => {
    const virt = twoDisks('normal', 'libvirt');
    expect(sh(virt, 'virsh domblklist web').output.slice(2)).toEqual([' vda      /var/lib/libvirt/images/web.qcow2', ' vdb      /var/lib/libvirt/images/web-1.qcow2']);
    const pve = twoDisks('normal', 'proxmox');
    expect(sh(pve, 'qm snapshot 100 before').output).toEqual(["snapshotting 'drive-scsi0' (local-zfs:vm-100-disk-0)", "snapshotting 'drive-scsi1' (local-zfs:vm-100-disk-1)"]);
    expect(sh(pve, 'qm config 100').output.filter((l) => /^scsi\d/.test(l))).toEqual(['scsi0: local-zfs:vm-100-disk-0,size=32G', 'scsi1: local-zfs:vm-100-disk-1,size=20G']);
    let lab = step(pve, { type: 'take', vm: 'web', name: 'before' });
    lab = write(lab, '/srv/data/orders.db', 'orders v2');
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'before' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v1');
  });

  it('V10: a write-through disk is left out of snapshots: a restore keeps its data and reverts the rest', () => {
    let lab = step(twoDisks('writethrough'), { type: 'take', vm: 'web', name: 'before' });
    const taken = stepEvents(twoDisks('writethrough'), { type: 'take', vm: 'web', name: 'x' }).events;
    expect(taken.find((e) => e.code === 'DIRECT_DISKS_KEPT')?.params).toEqual({ disks: ['/srv/data'], modes: ['writethrough'], op: 'take' });
    expect(explainEvent(taken.find((e) => e.code === 'DIRECT_DISKS_KEPT')!)).toBe('The snapshot leaves out the write-through disk at /srv/data of web: snapshots never capture write-through or shareable disks.');
    lab = write(lab, '/srv/data/orders.db', 'orders v2');
    lab = write(lab, '/etc/motd', 'motd v2');
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    const restored = stepEvents(lab, { type: 'restore', vm: 'web', snapshot: 'before' });
    expect(fileContent(restored.state, 'web', '/etc/motd')).toBe('motd v1');
    expect(fileContent(restored.state, 'web', '/srv/data/orders.db')).toBe('orders v2');
    expect(restored.events.map((e) => e.code)).toContain('DIRECT_DISKS_KEPT');
    expect(checkLab(restored.state)).toEqual([]);
    // The same VM with a normal data disk loses the new orders.
    let normal = step(twoDisks('normal'), { type: 'take', vm: 'web', name: 'before' });
    normal = step(write(normal, '/srv/data/orders.db', 'orders v2'), { type: 'power', vm: 'web', op: 'poweroff' });
    expect(fileContent(step(normal, { type: 'restore', vm: 'web', snapshot: 'before' }), 'web', '/srv/data/orders.db')).toBe('orders v1');
  });

  it('V10: write-through data costs snapshots nothing and a delete never touches it; shareable behaves the same', () => {
    for (const mode of ['writethrough', 'shareable'] as const) {
      let lab = step(twoDisks(mode), { type: 'take', vm: 'web', name: 'a' });
      lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/srv/data/big.bin', content: 'x', size: 50 * 1024 ** 2 } });
      const usage = diskUsage(lab, 'web')!;
      expect([usage.currentLayerBytes, usage.perDisk[1]!.currentLayerBytes, usage.perDisk[1]!.snapshotBytes, usage.perDisk[1]!.inSnapshots]).toEqual([0, 0, 0, false]);
      expect(usage.perDisk[1]!.physicalBytes).toBe(50 * 1024 ** 2 + 'orders v1'.length);
      const deleted = step(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'a' });
      expect(fileContent(deleted, 'web', '/srv/data/big.bin')).toBe('x');
      expect(checkLab(deleted)).toEqual([]);
    }
  });

  it('V11: an immutable disk forgets its changes at every power-on from VirtualBox, not at a reboot inside', () => {
    let lab = write(twoDisks('immutable'), '/srv/data/orders.db', 'orders v2');
    lab = step(lab, { type: 'power', vm: 'web', op: 'reboot' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v2');
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v2');
    const started = stepEvents(lab, { type: 'power', vm: 'web', op: 'start' });
    expect(fileContent(started.state, 'web', '/srv/data/orders.db')).toBe('orders v1');
    expect(started.events[1]).toMatchObject({ code: 'IMMUTABLE_RESET', params: { disks: ['/srv/data'], paths: 1 } });
    // The base image was never written: no snapshot, yet the change sat in a differencing layer.
    expect(lab.vms['web']!.disk.base['/srv/data/orders.db']).toBe(twoDisks('immutable').vms['web']!.disk.base['/srv/data/orders.db']);
  });

  it('V11: with snapshots an immutable disk restores like a normal one, and resets to the current snapshot unless it is online', () => {
    let lab = step(twoDisks('immutable'), { type: 'power', vm: 'web', op: 'poweroff' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'start' });
    lab = write(lab, '/srv/data/orders.db', 'orders v2');
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'offline' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'start' });
    lab = write(lab, '/srv/data/orders.db', 'orders v3');
    lab = step(step(lab, { type: 'power', vm: 'web', op: 'poweroff' }), { type: 'power', vm: 'web', op: 'start' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v2');
    // An online snapshot (taken running, with memory) stops the resets.
    lab = step(lab, { type: 'take', vm: 'web', name: 'online' });
    lab = write(lab, '/srv/data/orders.db', 'orders v4');
    lab = step(step(lab, { type: 'power', vm: 'web', op: 'poweroff' }), { type: 'power', vm: 'web', op: 'start' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v4');
    expect(checkLab(lab)).toEqual([]);
  });

  it('V12: a multi-attach disk keeps its own differencing layer (never the base image) and is not reset', () => {
    let lab = write(twoDisks('multiattach'), '/srv/data/orders.db', 'orders v2');
    lab = step(step(lab, { type: 'power', vm: 'web', op: 'poweroff' }), { type: 'power', vm: 'web', op: 'start' });
    expect(fileContent(lab, 'web', '/srv/data/orders.db')).toBe('orders v2');
    expect(Object.keys(lab.vms['web']!.disk.delta)).toEqual(['/srv/data/orders.db']);
    lab = write(lab, '/etc/motd', 'motd v2');
    expect(Object.keys(lab.vms['web']!.disk.delta)).toEqual(['/srv/data/orders.db']);
  });

  it('V13: modifymedium --type follows Medium::setType: off, no snapshots for write-through, never immutable while attached', () => {
    let lab = twoDisks('normal');
    const running = sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type writethrough');
    expect([running.exitCode, running.refused?.code, running.output[0]]).toEqual([1, 'MEDIUM_LOCKED', "VBoxManage: error: Medium '/root/VirtualBox VMs/web/web_1.vdi' is locked for writing by another task"]);
    lab = sh(lab, 'VBoxManage controlvm web poweroff').state;
    expect(sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type immutable').output[0]).toBe(
      "VBoxManage: error: Cannot change the type of medium '/root/VirtualBox VMs/web/web_1.vdi' because it is attached to 1 virtual machines",
    );
    const withSnapshot = sh(lab, 'VBoxManage snapshot web take s1').state;
    const children = sh(withSnapshot, 'VBoxManage modifymedium disk web_1.vdi --type writethrough');
    expect([children.refused?.code, children.output[0]]).toEqual(['MEDIUM_HAS_CHILDREN', "VBoxManage: error: Cannot change type for medium '/root/VirtualBox VMs/web/web_1.vdi' since it has 1 child media"]);
    expect(sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type shareable').refused?.code).toBe('SHAREABLE_NEEDS_FIXED');
    expect(sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type readonly').refused?.code).toBe('MEDIUM_READONLY');
    expect(sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type sometimes').output).toEqual(["VBoxManage: error: Invalid medium type 'sometimes'"]);
    const ok = sh(lab, 'VBoxManage modifymedium disk web_1.vdi --type writethrough');
    expect([ok.exitCode, ok.output, ok.state.vms['web']!.disks[1]!.mode]).toEqual([0, [], 'writethrough']);
    expect(checkLab(ok.state)).toEqual([]);
    expect(sh(ok.state, 'VBoxManage showmediuminfo web_1.vdi').output).toContain('Type:           writethrough');
  });

  it('V13: storageattach --mtype changes the disk at that port; back to normal joins the base image', () => {
    let lab = sh(twoDisks('normal'), 'VBoxManage controlvm web poweroff').state;
    const attach = 'VBoxManage storageattach web --storagectl SATA --port 1 --device 0 --type hdd --medium web_1.vdi --mtype';
    lab = sh(lab, `${attach} writethrough`).state;
    expect(lab.vms['web']!.disks[1]!.mode).toBe('writethrough');
    lab = sh(lab, 'VBoxManage snapshot web take s1').state;
    lab = step(step(lab, { type: 'power', vm: 'web', op: 'start' }), { type: 'guest', vm: 'web', guest: { op: 'write', path: '/srv/data/orders.db', content: 'orders v2' } });
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    const back = sh(lab, `${attach} normal`);
    expect(back.exitCode).toBe(0);
    expect(checkLab(back.state)).toEqual([]);
    expect(fileContent(step(back.state, { type: 'restore', vm: 'web', snapshot: 's1' }), 'web', '/srv/data/orders.db')).toBe('orders v2');
    expect(sh(lab, 'VBoxManage storageattach web --storagectl SCSI --port 1 --medium web_1.vdi').output[0]).toBe("VBoxManage: error: Could not find a controller named 'SCSI'");
    // The preset's IDE controller holds its DVD drive: a disk image does not go in there.
    expect(sh(lab, 'VBoxManage storageattach web --storagectl IDE --port 1 --medium web_1.vdi').refused?.code).toBe('MEDIUM_WRONG_TYPE');
    expect(sh(lab, 'VBoxManage storageattach web --storagectl SATA --port 0 --medium web_1.vdi --mtype normal').exitCode).toBe(1);
    const saved = shAll(sh(lab, 'VBoxManage startvm web').state, ['VBoxManage controlvm web savestate']).state;
    expect(sh(saved, `${attach} writethrough`).output[0]).toBe('VBoxManage: error: The machine is not mutable (state is Saved)');
  });

  it('V13: disk modes are VirtualBox\'s; a linked clone\'s disks are differencing images', () => {
    const virt = twoDisks('normal', 'libvirt');
    expect(refusedBy(virt, { type: 'setDiskMode', vm: 'web', disk: 1, mode: 'writethrough' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
    let lab = step(twoDisks('normal'), { type: 'take', vm: 'web', name: 'base' });
    lab = step(lab, { type: 'clone', vm: 'web', name: 'web2', mode: 'linked', snapshot: 'base' });
    expect(refusedBy(lab, { type: 'setDiskMode', vm: 'web2', disk: 1, mode: 'writethrough' }).code).toBe('MEDIUM_DIFFERENCING');
    expect(refusedBy(lab, { type: 'setDiskMode', vm: 'web', disk: 5, mode: 'normal' }).code).toBe('UNKNOWN_DISK');
  });

  it('V10: clones copy a write-through disk\'s current data; list hdds shows every disk with its type', () => {
    let lab = step(twoDisks('writethrough'), { type: 'take', vm: 'web', name: 'base' });
    lab = step(lab, { type: 'clone', vm: 'web', name: 'web2', mode: 'linked', snapshot: 'base' });
    expect(fileContent(lab, 'web2', '/srv/data/orders.db')).toBe('orders v1');
    expect(lab.vms['web2']!.disk.direct['/srv/data/orders.db']).not.toBe(lab.vms['web']!.disk.direct['/srv/data/orders.db']);
    const hdds = sh(lab, 'VBoxManage list hdds').output;
    expect(hdds.filter((l) => l.startsWith('Type:'))).toEqual(['Type:           normal (base)', 'Type:           writethrough', 'Type:           normal (differencing)', 'Type:           writethrough (differencing)']);
    expect(checkLab(lab)).toEqual([]);
  });

  it('F1: scenario disks: the system disk first at /, distinct mounts, modes only on VirtualBox, shareable fixed', () => {
    const bad = (platform: 'virtualbox' | 'libvirt', disks: object[]): string => {
      try {
        makeLab({ platform, vms: [{ name: 'web', disks }] as never });
        return '';
      } catch (e) {
        return String(e);
      }
    };
    expect(bad('virtualbox', [{ mount: '/srv' }])).toMatch(/first disk is the system disk/);
    expect(bad('virtualbox', [{}, { size: '1G' }])).toMatch(/say where the guest mounts this disk/);
    expect(bad('virtualbox', [{}, { mount: '/srv' }, { mount: '/srv' }])).toMatch(/two disks are mounted at \/srv/);
    expect(bad('libvirt', [{}, { mount: '/srv', mode: 'writethrough' }])).toMatch(/only VirtualBox has disk modes/);
    expect(bad('virtualbox', [{}, { mount: '/srv', mode: 'shareable' }])).toMatch(/fixed-size/);
    expect(bad('virtualbox', [{}, { mount: 'srv' }])).toMatch(/absolute directory/);
  });

  it('E2: a lab with several disks and write-through data survives a JSON round trip and behaves the same', () => {
    const lab = step(twoDisks('writethrough'), { type: 'take', vm: 'web', name: 'a' });
    const copy = JSON.parse(JSON.stringify(lab)) as LabState;
    const action = { type: 'guest', vm: 'web', guest: { op: 'write', path: '/srv/data/x', content: 'y' } } as const;
    expect(apply(copy, action, at(1))).toEqual(apply(lab, action, at(1)));
    expect(listSnapshots(copy.vms['web']!)).toEqual(listSnapshots(lab.vms['web']!));
  });
});
