import { describe, expect, it } from 'vitest';
import { labPhysicalBytes, snapshotTree, vmWarnings } from '../../../../src/sim/snapshots';
import { HOUR, makeLab, NOW, refusedBy, snapId, step, stepEvents } from './helpers';

const codes = (lab: ReturnType<typeof makeLab>, now = NOW, vm = 'web') => vmWarnings(lab, vm, now).map((w) => w.code);

describe('warnings', () => {
  it('W1: a chain longer than the policy allows is flagged, with its length', () => {
    let lab = makeLab({ platform: 'virtualbox', policy: { maxChain: 2 } });
    lab = step(lab, { type: 'take', vm: 'web', name: 'a1' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'a2' });
    expect(codes(lab)).not.toContain('LONG_CHAIN');
    lab = step(lab, { type: 'take', vm: 'web', name: 'a3' });
    expect(vmWarnings(lab, 'web', NOW).find((w) => w.code === 'LONG_CHAIN')!.params).toEqual({ vm: 'web', length: 3, max: 2 });
    expect(snapshotTree(lab, 'web', NOW)!.chainLength).toBe(3);
  });

  it('W2: a snapshot older than maxAgeHours is stale, measured from the time passed in (not the clock)', () => {
    const lab = step(makeLab({ platform: 'libvirt' }), { type: 'take', vm: 'web', name: 'old' });
    expect(codes(lab, NOW + 72 * HOUR)).toEqual([]);
    const later = vmWarnings(lab, 'web', NOW + 100 * HOUR);
    expect(later.find((w) => w.code === 'STALE_SNAPSHOT')!.params).toMatchObject({ name: 'old', ageHours: 100, max: 72 });
    const node = snapshotTree(lab, 'web', NOW + 100 * HOUR)!.roots[0]!;
    expect(node.warnings.map((w) => w.code)).toEqual(['STALE_SNAPSHOT']);
  });

  it('W3: keeping stale snapshots is using them as backups, which they are not', () => {
    const lab = step(makeLab({ platform: 'proxmox' }), { type: 'take', vm: 'web', name: 'keepsake' });
    expect(codes(lab, NOW + 30 * 24 * HOUR)).toEqual(['STALE_SNAPSHOT', 'NOT_A_BACKUP']);
  });

  it('W4: a changed config not yet reloaded, pending settings, a failed service and linked clones are flagged', () => {
    let lab = makeLab({
      platform: 'libvirt',
      vms: [{ name: 'web', power: 'running', packages: { nginx: '1.24.0-2' } }],
    });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/etc/nginx/nginx.conf', content: 'broken' } });
    lab = step(lab, { type: 'configure', vm: 'web', cpus: 2 });
    expect(codes(lab)).toEqual(['PENDING_SETTINGS', 'CONFIG_CHANGED_NOT_RELOADED']);
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'service', service: 'nginx', command: 'restart' } });
    expect(codes(lab)).toEqual(['PENDING_SETTINGS', 'SERVICE_FAILED']);
    let vb = step(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 'gold' });
    vb = step(vb, { type: 'clone', vm: 'web', name: 'kid', mode: 'linked', snapshot: 'gold' });
    expect(vmWarnings(vb, 'web', NOW).find((w) => w.code === 'LINKED_CLONE_DEPENDS')!.params).toEqual({ vm: 'web', snapshot: snapId(vb, 'web', 'gold'), name: 'gold', clones: ['kid'] });
    expect(snapshotTree(vb, 'web', NOW)!.roots[0]!.warnings.map((w) => w.code)).toEqual(['LINKED_CLONE_DEPENDS']);
  });
});

describe('snapshots are not backups', () => {
  it('B1: losing the base disk makes every snapshot and every linked clone unusable; a full clone survives', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'gold' });
    lab = step(lab, { type: 'clone', vm: 'web', name: 'linked', mode: 'linked', snapshot: 'gold' });
    lab = step(lab, { type: 'clone', vm: 'web', name: 'full', mode: 'full' });
    const bytes = labPhysicalBytes(lab);
    const { state, events } = stepEvents(lab, { type: 'loseBaseDisk', vm: 'web' });
    expect(events[0]).toEqual({ code: 'BASE_DISK_LOST', vm: 'web', params: { snapshots: 1, clones: ['linked'] } });
    expect([state.vms['web']!.power, state.vms['web']!.disk.lost, state.vms['linked']!.disk.lost, state.vms['full']!.disk.lost]).toEqual(['poweroff', true, true, false]);
    expect(refusedBy(state, { type: 'restore', vm: 'web', snapshot: 'gold' }).code).toBe('BASE_DISK_LOST');
    expect(refusedBy(state, { type: 'power', vm: 'linked', op: 'start' }).code).toBe('BASE_DISK_LOST');
    expect(refusedBy(state, { type: 'take', vm: 'web', name: 'too-late' }).code).toBe('BASE_DISK_LOST');
    step(state, { type: 'power', vm: 'full', op: 'start' });
    expect(labPhysicalBytes(state)).toBe(bytes);
  });
});
