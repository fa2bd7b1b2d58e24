import { describe, expect, it } from 'vitest';
import { guestSummary, type Action, type GuestOp } from '../../../../src/sim/snapshots';
import { fileContent, makeLab, nginxLab, NOW, refusedBy, step, stepEvents } from './helpers';

const guest = (g: GuestOp, vm = 'web'): Action => ({ type: 'guest', vm, guest: g });
const nginxStatus = (lab: ReturnType<typeof makeLab>) => lab.vms['web']!.runtime?.services['nginx']?.status;

describe('guest', () => {
  it('G1: guest commands need a running, booted VM', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const write = guest({ op: 'write', path: '/root/a', content: 'a' });
    for (const op of ['pause', 'save', 'poweroff'] as const) {
      const stopped = step(lab, { type: 'power', vm: 'web', op });
      expect(refusedBy(stopped, write)).toEqual({ code: 'GUEST_NOT_RUNNING', params: { vm: 'web', power: stopped.vms['web']!.power } });
    }
    step(lab, write);
  });

  it('G1: power transitions follow the tools (resume needs paused, discardState needs saved, only VirtualBox saves)', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    expect(refusedBy(lab, { type: 'power', vm: 'web', op: 'start' }).code).toBe('ALREADY_RUNNING');
    expect(refusedBy(lab, { type: 'power', vm: 'web', op: 'resume' }).code).toBe('NOT_PAUSED');
    expect(refusedBy(lab, { type: 'power', vm: 'web', op: 'discardState' }).code).toBe('NOT_SAVED');
    const saved = step(lab, { type: 'power', vm: 'web', op: 'save' });
    expect(step(saved, { type: 'power', vm: 'web', op: 'start' }).vms['web']!.runtime).toEqual(lab.vms['web']!.runtime);
    expect(step(saved, { type: 'power', vm: 'web', op: 'discardState' }).vms['web']!.runtime).toBeNull();
    const libvirt = makeLab({ platform: 'libvirt' });
    expect(refusedBy(libvirt, { type: 'power', vm: 'web', op: 'save' }).code).toBe('UNSUPPORTED_ON_PLATFORM');
  });

  it('G2: packages live on the disk, so a restore rolls them back with their files', () => {
    let lab = nginxLab('virtualbox');
    lab = step(lab, { type: 'take', vm: 'web', name: 'before' });
    lab = step(lab, guest({ op: 'install', packages: ['git'] }));
    lab = step(lab, guest({ op: 'upgrade', packages: [] }));
    const pkgs = (l: typeof lab) => Object.fromEntries(guestSummary(l, 'web', NOW)!.packages.map((p) => [p.name, p.version]));
    expect(pkgs(lab)).toMatchObject({ nginx: '1.26.0-1', git: '1:2.39.5-0+deb12u1' });
    lab = step(lab, { type: 'power', vm: 'web', op: 'poweroff' });
    lab = step(lab, { type: 'restore', vm: 'web', snapshot: 'before' });
    expect(pkgs(lab)).toEqual({ cron: '3.0pl1-162', curl: '7.88.1-10+deb12u5', nginx: '1.24.0-2', 'openssh-server': '1:9.2p1-2+deb12u3' });
  });

  it('G2: apt remove keeps conffiles, purge deletes them; an unknown package is refused with a suggestion', () => {
    let lab = nginxLab('libvirt');
    const removed = step(lab, guest({ op: 'uninstall', packages: ['nginx'], purge: false }));
    expect([fileContent(removed, 'web', '/usr/sbin/nginx'), fileContent(removed, 'web', '/etc/nginx/nginx.conf') !== undefined]).toEqual([undefined, true]);
    expect(removed.vms['web']!.runtime!.services['nginx']).toBeUndefined();
    lab = step(lab, guest({ op: 'uninstall', packages: ['nginx'], purge: true }));
    expect(fileContent(lab, 'web', '/etc/nginx/nginx.conf')).toBeUndefined();
    expect(refusedBy(lab, guest({ op: 'install', packages: ['ngnix'] }))).toEqual({ code: 'PACKAGE_UNKNOWN', params: { package: 'ngnix', suggestion: 'nginx' } });
  });

  it('G3: the upgrade that drops "ssl" support breaks nginx on restart; boot starts enabled services from the disk', () => {
    let lab = nginxLab('virtualbox');
    expect(nginxStatus(lab)).toBe('active');
    const { state, events } = stepEvents(lab, guest({ op: 'upgrade', packages: [] }));
    expect(events.map((e) => e.code)).toEqual(['PACKAGE_UPGRADED', 'SERVICE_FAILED']);
    expect(events[1]!.params).toMatchObject({ service: 'nginx', reason: 'CONFIG_INVALID', message: 'unknown directive "ssl"', line: 9 });
    lab = step(state, guest({ op: 'replace', path: '/etc/nginx/nginx.conf', search: '^\\s*ssl on;$', replacement: '', all: false }));
    lab = step(lab, { type: 'power', vm: 'web', op: 'reboot' });
    expect(nginxStatus(lab)).toBe('active');
    lab = step(lab, guest({ op: 'service', service: 'nginx', command: 'disable' }));
    lab = step(lab, { type: 'power', vm: 'web', op: 'reset' });
    expect(nginxStatus(lab)).toBe('inactive');
  });

  it('G3: deleting /sbin/init makes the next boot a kernel panic', () => {
    let lab = makeLab({ platform: 'libvirt' });
    lab = step(lab, guest({ op: 'remove', path: '/sbin', recursive: true, force: false, noPreserveRoot: false }));
    const { state, events } = stepEvents(lab, { type: 'power', vm: 'web', op: 'reboot' });
    expect(events.map((e) => e.code)).toContain('KERNEL_PANIC');
    expect(refusedBy(state, guest({ op: 'write', path: '/x', content: '' })).code).toBe('GUEST_PANICKED');
  });

  it('G4: a running nginx keeps its loaded config; a bad reload keeps it running, a restart brings it down', () => {
    let lab = nginxLab('libvirt');
    lab = step(lab, guest({ op: 'replace', path: '/etc/nginx/nginx.conf', search: 'listen 443;', replacement: 'listen 443', all: false }));
    expect(nginxStatus(lab)).toBe('active');
    const reload = stepEvents(lab, guest({ op: 'service', service: 'nginx', command: 'reload' }));
    expect(reload.events.map((e) => e.code)).toEqual(['SERVICE_RELOAD_FAILED']);
    expect(nginxStatus(reload.state)).toBe('active');
    lab = step(lab, guest({ op: 'service', service: 'nginx', command: 'restart' }));
    expect(lab.vms['web']!.runtime!.services['nginx']).toMatchObject({ status: 'failed', failure: { params: { message: 'invalid parameter "server_name"' } } });
    expect(refusedBy(lab, guest({ op: 'service', service: 'nginx', command: 'reload' })).code).toBe('SERVICE_NOT_ACTIVE');
    expect(refusedBy(lab, guest({ op: 'service', service: 'postgresql', command: 'start' })).code).toBe('SERVICE_UNKNOWN');
  });

  it('G5: settings changed while running apply at the next boot; VirtualBox only changes a powered-off VM', () => {
    let lab = makeLab({ platform: 'proxmox' });
    lab = step(lab, { type: 'configure', vm: 'web', memoryMb: 4096 });
    expect([lab.vms['web']!.settings.memoryMb, lab.vms['web']!.runtime!.booted.memoryMb]).toEqual([4096, 1024]);
    lab = step(lab, { type: 'power', vm: 'web', op: 'reboot' });
    expect(lab.vms['web']!.runtime!.booted.memoryMb).toBe(4096);
    const vbox = makeLab({ platform: 'virtualbox' });
    expect(refusedBy(vbox, { type: 'configure', vm: 'web', cpus: 2 })).toEqual({ code: 'SETTINGS_LOCKED', params: { vm: 'web', power: 'running' } });
    expect(refusedBy(vbox, { type: 'configure', vm: 'web', cpus: 0 }).code).toBe('INVALID_SETTING');
    step(step(vbox, { type: 'power', vm: 'web', op: 'poweroff' }), { type: 'configure', vm: 'web', cpus: 2 });
  });

  it('G6: rm refuses "/" recursively unless --no-preserve-root, and needs -r for directories', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const rm = (path: string, recursive: boolean, noPreserveRoot = false) => guest({ op: 'remove', path, recursive, force: false, noPreserveRoot });
    expect(refusedBy(lab, rm('/', true)).code).toBe('PRESERVE_ROOT');
    expect(refusedBy(lab, rm('/etc', false)).code).toBe('IS_A_DIRECTORY');
    expect(refusedBy(lab, rm('/nope', false)).code).toBe('FILE_NOT_FOUND');
    const wiped = step(lab, rm('/', true, true));
    expect(Object.keys(wiped.vms['web']!.disk.files)).toEqual([]);
  });
});
