import { describe, expect, it } from 'vitest';
import { checkLab, getSnapshot, guestSummary, imageBytes, listSnapshots, type LabState } from '../../../../src/sim/snapshots';
import { fileContent, makeLab, NOW, refusedBy, sh, shAll, snapId, step, stepEvents } from './helpers';

const IMG = '/var/lib/libvirt/images';

function libvirt(version?: string, power: 'running' | 'poweroff' = 'running', disks?: object[]): LabState {
  return makeLab({ platform: 'libvirt', ...(version ? { libvirtVersion: version } : {}), vms: [{ name: 'web', power, ...(disks ? { disks } : {}) }] as never });
}

const write = (lab: LabState, path: string, content: string, size?: number): LabState =>
  step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path, content, ...(size ? { size } : {}) } });

const chain = (lab: LabState, disk = 0): string[] => lab.vms['web']!.disks[disk]!.chain;

describe('libvirt internal and external snapshots', () => {
  it('L8: --disk-only makes an external snapshot; without it a running domain gets an internal one; snapshot-info says which', () => {
    const { state, all } = shAll(libvirt(), ['virsh snapshot-create-as web full', 'virsh snapshot-create-as web pre-upgrade --disk-only', 'virsh snapshot-info web full', 'virsh snapshot-info web pre-upgrade']);
    expect(all[2]!.output[4]).toBe('Location:       internal');
    expect(all[3]!.output[3]).toBe('State:          disk-snapshot');
    expect(all[3]!.output[4]).toBe('Location:       external');
    expect(listSnapshots(state.vms['web']!).map((s) => s.location)).toEqual(['internal', 'external']);
    expect(sh(state, 'virsh snapshot-list web --external --name').output).toEqual(['pre-upgrade']);
    expect(sh(state, 'virsh snapshot-list web --internal --name').output).toEqual(['full']);
    // A shut off domain: no flags means internal; --disk-only means external, state shutoff.
    const off = shAll(libvirt(undefined, 'poweroff'), ['virsh snapshot-create-as web a', 'virsh snapshot-create-as web b --disk-only']).state;
    expect(listSnapshots(off.vms['web']!).map((s) => [s.location, s.memory])).toEqual([['internal', null], ['external', null]]);
    expect(sh(off, 'virsh snapshot-info web b').output[3]).toBe('State:          shutoff');
  });

  it('L8: one snapshot never mixes internal and external parts; --memspec needs a running domain without --disk-only', () => {
    const lab = libvirt(undefined, 'running', [{}, { mount: '/srv/data', size: '10G' }]);
    const mixed = sh(lab, 'virsh snapshot-create-as web x --diskspec vda,snapshot=external');
    expect([mixed.exitCode, mixed.refused?.code, mixed.output]).toEqual([1, 'SNAPSHOT_LOCATION_MIXED', ['error: unsupported configuration: mixing internal and external targets for a snapshot is not yet supported']]);
    expect(sh(lab, 'virsh snapshot-create-as web x --disk-only --diskspec vdb,snapshot=internal').output).toEqual([
      'error: unsupported configuration: active qemu domains require external disk snapshots; disk vdb requested internal',
    ]);
    expect(sh(lab, 'virsh snapshot-create-as web x --disk-only --memspec /var/lib/libvirt/qemu/web.mem').refused?.code).toBe('MEMORY_NEEDS_RUNNING');
    expect(sh(lab, 'virsh snapshot-create-as web x --diskspec vdz,snapshot=external').output).toEqual(["error: unsupported configuration: no disk named 'vdz'"]);
    const full = sh(lab, 'virsh snapshot-create-as web cp --memspec file=/var/lib/libvirt/qemu/web.mem,snapshot=external');
    const snap = listSnapshots(full.state.vms['web']!)[0]!;
    expect([snap.location, snap.memory !== null, snap.memoryFile]).toEqual(['external', true, '/var/lib/libvirt/qemu/web.mem']);
    expect(sh(full.state, 'virsh snapshot-dumpxml web cp').output).toContain("  <memory snapshot='external' file='/var/lib/libvirt/qemu/web.mem'/>");
    // A shut off domain may take an external snapshot of a disk spec without --disk-only.
    const off = sh(libvirt(undefined, 'poweroff'), 'virsh snapshot-create-as web y --diskspec vda,snapshot=external,file=/srv/y.qcow2');
    expect([off.exitCode, chain(off.state)]).toEqual([0, ['/srv/y.qcow2', `${IMG}/web.qcow2`]]);
  });

  it('L8: the overlay is named after the image and the snapshot unless --diskspec gives a file; an existing file is refused', () => {
    let lab = sh(libvirt(), 'virsh snapshot-create-as web pre-upgrade --disk-only').state;
    expect(chain(lab)).toEqual([`${IMG}/web.pre-upgrade`, `${IMG}/web.qcow2`]);
    lab = sh(lab, 'virsh snapshot-create-as web second --disk-only').state;
    expect(chain(lab)).toEqual([`${IMG}/web.second`, `${IMG}/web.pre-upgrade`, `${IMG}/web.qcow2`]);
    const clash = sh(lab, `virsh snapshot-create-as web third --disk-only --diskspec vda,file=${IMG}/web.pre-upgrade`);
    expect(clash.output).toEqual([`error: unsupported configuration: external snapshot file for disk vda already exists and is not a block device: ${IMG}/web.pre-upgrade`]);
    expect(sh(lab, 'virsh snapshot-dumpxml web second').output).toContain(`      <source file='${IMG}/web.second'/>`);
  });

  it('L9: the frozen image keeps the snapshot; writes go to the overlay, which grows with them; domblklist shows it', () => {
    let lab = write(libvirt(), '/srv/a', 'before');
    const taken = stepEvents(lab, { type: 'take', vm: 'web', name: 'ext', memory: false });
    expect(taken.events.find((e) => e.code === 'OVERLAY_CREATED')!.params).toMatchObject({ files: [`${IMG}/web.ext`], backing: [`${IMG}/web.qcow2`] });
    lab = write(taken.state, '/srv/a', 'after', 3 * 1024 ** 2);
    expect(sh(lab, 'virsh domblklist web').output[2]).toBe(` vda      ${IMG}/web.ext`);
    const disk = guestSummary(lab, 'web', NOW)!.disks[0]!;
    expect([disk.chain, disk.activeBytes]).toEqual([[`${IMG}/web.ext`, `${IMG}/web.qcow2`], 3 * 1024 ** 2]);
    expect(sh(lab, 'virsh domblkinfo web vda').output[1]).toBe(`Allocation:     ${3 * 1024 ** 2}`);
    // The base image still holds the state at the snapshot.
    expect(imageBytes(lab, lab.vms['web']!, 0, `${IMG}/web.qcow2`)).toBe(imageBytes(taken.state, taken.state.vms['web']!, 0, `${IMG}/web.qcow2`));
    expect(checkLab(lab)).toEqual([]);
  });

  it('L10: before libvirt 9.9.0 reverting to an external snapshot is refused; from 9.9.0 it gets a fresh overlay', () => {
    const setup = (version: string): LabState => write(sh(libvirt(version), 'virsh snapshot-create-as web ext --disk-only').state, '/srv/a', 'later');
    const old = sh(setup('9.8.0'), 'virsh snapshot-revert web ext');
    expect([old.exitCode, old.refused?.code, old.output]).toEqual([1, 'REVERT_EXTERNAL_UNSUPPORTED', ['error: Failed to revert snapshot ext', 'error: unsupported configuration: revert to external snapshot not supported yet']]);
    const lab = setup('9.9.0');
    const r = stepEvents(lab, { type: 'restore', vm: 'web', snapshot: 'ext' }, 5);
    const seconds = String(Math.floor((NOW + 5 * 60_000) / 1000));
    expect(chain(r.state)).toEqual([`${IMG}/web.${seconds}`, `${IMG}/web.qcow2`]);
    expect(r.events.find((e) => e.code === 'OVERLAY_DISCARDED')!.params).toEqual({ files: [`${IMG}/web.ext`] });
    expect(fileContent(r.state, 'web', '/srv/a')).toBeUndefined();
    expect(getSnapshot(r.state.vms['web']!, snapId(r.state, 'web', 'ext'))!.overlays).toEqual([`${IMG}/web.${seconds}`]);
    expect(checkLab(r.state)).toEqual([]);
  });

  it('L10: reverting to an internal snapshot returns each disk to its chain then; not inside an image an external snapshot froze', () => {
    let lab = sh(libvirt(), 'virsh snapshot-create-as web ext --disk-only').state;
    lab = sh(lab, 'virsh snapshot-create-as web inner').state;
    lab = write(lab, '/srv/a', 'x');
    lab = sh(lab, 'virsh snapshot-create-as web ext2 --disk-only').state;
    const back = sh(lab, 'virsh snapshot-revert web inner');
    expect(back.refused).toMatchObject({ code: 'INTERNAL_UNDER_EXTERNAL', params: { external: 'ext2', file: `${IMG}/web.ext` } });
    // ext2 is current and its parent internal, so it cannot be merged; once it is a leaf off the
    // active chain, deleting it only removes its files.
    expect(sh(lab, 'virsh snapshot-delete web ext2').refused?.params['why']).toBe('internal-parent');
    lab = sh(lab, 'virsh snapshot-revert web ext', 1).state;
    lab = sh(lab, 'virsh snapshot-delete web ext2', 2).state;
    const ok = sh(lab, 'virsh snapshot-revert web inner', 3);
    expect([ok.exitCode, chain(ok.state)]).toEqual([0, [`${IMG}/web.ext`, `${IMG}/web.qcow2`]]);
    expect(checkLab(ok.state)).toEqual([]);
  });

  it('L11: before libvirt 9.0.0 external snapshots cannot be deleted; --children counts them', () => {
    let lab = sh(libvirt('8.0.0'), 'virsh snapshot-create-as web a --disk-only').state;
    lab = sh(lab, 'virsh snapshot-create-as web b --disk-only').state;
    expect(sh(lab, 'virsh snapshot-delete web b').output).toEqual(['error: Failed to delete snapshot b', 'error: unsupported configuration: deletion of 1 external disk snapshots not supported yet']);
    expect(sh(lab, 'virsh snapshot-delete web a --children').refused).toMatchObject({ code: 'DELETE_EXTERNAL_UNSUPPORTED', params: { count: 2 } });
    // Internal snapshots are deleted on any release.
    const internal = shAll(libvirt('8.0.0'), ['virsh snapshot-create-as web i', 'virsh snapshot-delete web i']);
    expect(internal.last.exitCode).toBe(0);
  });

  it('L11: from 9.0.0 libvirt merges an external snapshot (block commit) within the limits of qemuSnapshotDeleteValidate', () => {
    let lab = write(sh(libvirt('9.0.0'), 'virsh snapshot-create-as web a --disk-only').state, '/srv/a', 'one');
    lab = write(sh(lab, 'virsh snapshot-create-as web b --disk-only').state, '/srv/a', 'two');
    expect(chain(lab)).toEqual([`${IMG}/web.b`, `${IMG}/web.a`, `${IMG}/web.qcow2`]);
    expect(sh(lab, 'virsh snapshot-delete web a --children').output[1]).toBe('error: unsupported configuration: deletion of external children disk snapshots not supported');
    const merged = stepEvents(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'a' });
    expect(chain(merged.state)).toEqual([`${IMG}/web.b`, `${IMG}/web.qcow2`]);
    expect(merged.events.find((e) => e.code === 'OVERLAY_MERGED')!.params).toEqual({ files: [`${IMG}/web.a`], into: [`${IMG}/web.qcow2`] });
    expect(getSnapshot(merged.state.vms['web']!, snapId(merged.state, 'web', 'b'))!.images).toEqual([`${IMG}/web.qcow2`]);
    expect(merged.state.vms['web']!.disks[0]!.overlays).toEqual([{ file: `${IMG}/web.b`, backing: `${IMG}/web.qcow2` }]);
    expect(fileContent(merged.state, 'web', '/srv/a')).toBe('two');
    const leaf = step(merged.state, { type: 'deleteSnapshot', vm: 'web', snapshot: 'b' });
    expect(chain(leaf)).toEqual([`${IMG}/web.qcow2`]);
    expect(checkLab(leaf)).toEqual([]);
  });

  it('L11: the current external snapshot with children, one off the active chain, one with two children, one over an internal parent', () => {
    // Reverts one minute apart: each names its new overlay after the time in seconds.
    let lab = sh(libvirt(), 'virsh snapshot-create-as web root --disk-only').state;
    lab = sh(lab, 'virsh snapshot-create-as web left --disk-only').state;
    lab = sh(lab, 'virsh snapshot-revert web root', 1).state;
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'root' }).params['why']).toBe('active-not-leaf');
    lab = sh(lab, 'virsh snapshot-create-as web right --disk-only').state;
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'root' }).params['why']).toBe('multiple-children');
    lab = sh(lab, 'virsh snapshot-create-as web deeper --disk-only').state;
    lab = sh(lab, 'virsh snapshot-revert web left', 2).state;
    expect(sh(lab, 'virsh snapshot-delete web right').output[1]).toBe('error: unsupported configuration: deletion of non-leaf external snapshot that is not in active chain is not supported');
    expect(refusedBy(lab, { type: 'deleteSnapshot', vm: 'web', snapshot: 'left', scope: 'withChildren' }).params['why']).toBe('with-children');
    let mixed = sh(libvirt(), 'virsh snapshot-create-as web inside').state;
    mixed = sh(mixed, 'virsh snapshot-create-as web outside --disk-only').state;
    expect(sh(mixed, 'virsh snapshot-delete web outside').output[1]).toBe('error: Operation not supported: deleting external snapshot that has internal snapshot as parent not supported');
  });

  it('L12: an internal snapshot of a running domain is deleted only while its image is still the one written to', () => {
    let lab = sh(libvirt(), 'virsh snapshot-create-as web inside').state;
    lab = sh(lab, 'virsh snapshot-create-as web outside --disk-only').state;
    expect(sh(lab, 'virsh snapshot-delete web inside').output[1]).toBe(
      "error: Operation not supported: disk image 'vda' for internal snapshot 'inside' is not the same as disk image currently used by VM",
    );
    const off = sh(lab, 'virsh destroy web').state;
    expect(sh(off, 'virsh snapshot-delete web inside').exitCode).toBe(0);
  });

  it('L8: VirtualBox and Proxmox have no snapshot locations or disk specs', () => {
    expect(refusedBy(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 'x', location: 'external' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
    expect(refusedBy(makeLab({ platform: 'proxmox' }), { type: 'take', vm: 'web', name: 'xx', memoryFile: '/tmp/m' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
    expect(listSnapshots(step(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 'x' }).vms['web']!)[0]!.location).toBeUndefined();
  });

  it('L13: libvirtVersion belongs to libvirt labs, names a release and defaults to 10.0.0', () => {
    expect(() => makeLab({ platform: 'virtualbox', libvirtVersion: '9.9.0' })).toThrow(/only libvirt labs name a libvirt release/);
    expect(() => makeLab({ platform: 'libvirt', libvirtVersion: 'latest' })).toThrow(/expected a release/);
    expect(libvirt().libvirtVersion).toBe('10.0.0');
  });
});
