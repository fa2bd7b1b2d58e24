import { describe, expect, it } from 'vitest';
import { prompt } from '../../../../src/sim/snapshots';
import { fileContent, makeLab, nginxLab, sh, shAll } from './helpers';

describe('console: guest shell', () => {
  it('K5: the upgrade story, told by apt, systemctl, nginx -t and curl', () => {
    const lab = nginxLab('virtualbox');
    const { state, all } = shAll(lab, ['curl localhost', 'apt upgrade -y', 'systemctl status nginx', 'nginx -t', 'curl http://localhost/']);
    expect(all[0]!.output[0]).toBe('<!DOCTYPE html>');
    expect(all[1]!.output).toContain('Unpacking nginx (1.26.0-1) over (1.24.0-2) ...');
    expect(all[1]!.output).toContain('E: Sub-process /usr/bin/dpkg returned an error code (1)');
    expect(all[1]!.exitCode).toBe(100);
    expect(all[2]!.output.slice(0, 3)).toEqual([
      '× nginx.service - A high performance web server and a reverse proxy server',
      '     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; preset: enabled)',
      '     Active: failed (Result: exit-code)',
    ]);
    expect(all[3]!.output).toEqual(['nginx: [emerg] unknown directive "ssl" in /etc/nginx/nginx.conf:9', 'nginx: configuration file /etc/nginx/nginx.conf test failed']);
    expect(all[4]!.output).toEqual(["curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server"]);
    expect(state.vms['web']!.runtime!.services['nginx']!.status).toBe('failed');
  });

  it('K5: fixing the config with sed and restarting brings nginx back', () => {
    const lab = shAll(nginxLab('libvirt'), ['apt upgrade -y']).state;
    const { state, all } = shAll(lab, ["sed -i 's/ssl on;//' /etc/nginx/nginx.conf", "sed -i 's/listen 443;/listen 443 ssl;/' /etc/nginx/nginx.conf", 'nginx -t', 'systemctl restart nginx', 'systemctl is-active nginx']);
    expect(all[2]!.output.at(-1)).toBe('nginx: configuration file /etc/nginx/nginx.conf test is successful');
    expect(all[3]!.output).toEqual([]);
    expect(all[4]!.output).toEqual(['active']);
    expect(fileContent(state, 'web', '/etc/nginx/nginx.conf')).toContain('listen 443 ssl;');
  });

  it('K5: files: echo with redirection, cat, ls, rm, touch and fallocate', () => {
    const { state, all } = shAll(makeLab({ platform: 'virtualbox' }), [
      'echo hello > /root/a.txt',
      'echo again >> /root/a.txt',
      'cat /root/a.txt',
      'touch /root/b.txt',
      'ls /root',
      'fallocate -l 20M /root/big.bin',
      'ls -l /root/big.bin',
      'rm /root',
      'rm -r /root',
      'ls /root',
    ]);
    expect(all[2]!.output).toEqual(['hello', 'again']);
    expect(all[4]!.output).toEqual(['.bashrc  a.txt  b.txt']);
    expect(all[6]!.output).toEqual([`-rw-r--r-- 1 root root   20971520 /root/big.bin`]);
    expect(all[7]!.output).toEqual(["rm: cannot remove '/root': Is a directory"]);
    expect(all[9]!.output).toEqual([]);
    expect(Object.keys(state.vms['web']!.disk.files).some((p) => p.startsWith('/root/'))).toBe(false);
  });

  it('K5: apt install, list and remove; systemctl enable and disable', () => {
    const { all } = shAll(makeLab({ platform: 'libvirt' }), ['apt install -y htop', 'apt install -y htop', 'apt list --installed', 'apt install ngnix', 'apt remove htop', 'systemctl disable cron', 'systemctl enable cron']);
    expect(all[0]!.output).toContain('Setting up htop (3.2.2-2) ...');
    expect(all[1]!.output).toContain('htop is already the newest version (3.2.2-2).');
    expect(all[2]!.output).toContain('htop/stable,now 3.2.2-2 amd64 [installed]');
    expect(all[3]!.output.slice(-2)).toEqual(['E: Unable to locate package ngnix', 'hint: did you mean "nginx"?']);
    expect(all[4]!.output).toContain('Removing htop (3.2.2-2) ...');
    expect(all[5]!.output).toEqual(['Removed "/etc/systemd/system/multi-user.target.wants/cron.service".']);
    expect(all[6]!.output).toEqual(['Created symlink /etc/systemd/system/multi-user.target.wants/cron.service → /lib/systemd/system/cron.service.']);
  });

  it('K5: guest commands need the guest running; ssh switches VMs; the prompt follows', () => {
    const lab = makeLab({
      platform: 'virtualbox',
      vms: [
        { name: 'web', power: 'running' },
        { name: 'db', power: 'poweroff' },
      ],
    });
    expect(prompt(lab)).toBe('root@web:~# ');
    const moved = sh(lab, 'ssh root@db');
    expect(moved.output).toEqual(['ssh: connect to host db port 22: Connection refused', 'hint: db is powered off; start it with: VBoxManage startvm db --type headless']);
    expect(prompt(moved.state)).toBe('student@host:~$ ');
    const cat = sh(moved.state, 'cat /etc/hostname');
    expect([cat.refused?.code, cat.exitCode]).toEqual(['GUEST_NOT_RUNNING', 255]);
    const started = shAll(moved.state, ['VBoxManage startvm db', 'cat /etc/hostname', 'hostname', 'nproc', 'free -m']);
    expect(started.all[1]!.output).toEqual(['db']);
    expect(started.all[3]!.output).toEqual(['1']);
    expect(started.all[4]!.output[1]).toMatch(/^Mem: +1024 /);
  });

  it('K5: "rm -rf /" is refused, "--no-preserve-root" goes through and the next boot panics', () => {
    const { state, all } = shAll(makeLab({ platform: 'libvirt' }), ['rm -rf /', 'rm -rf --no-preserve-root /', 'ls /', 'reboot', 'ls /']);
    expect(all[0]!.output).toEqual(["rm: it is dangerous to operate recursively on '/'", 'rm: use --no-preserve-root to override this failsafe']);
    expect(all[2]!.output).toEqual([]);
    expect(all[4]!.output[0]).toBe('Kernel panic - not syncing: No working init found.  Try passing init= option to kernel.');
    expect(state.vms['web']!.runtime!.panic!.code).toBe('NO_INIT');
  });

  it('K5: sim disk-failure is the one simulator-only command, and says so', () => {
    const r = sh(makeLab({ platform: 'virtualbox' }), 'sim disk-failure web');
    expect(r.output[0]).toBe("[sim] the disk holding web's base image failed.");
    expect(r.events[0]!.code).toBe('BASE_DISK_LOST');
    expect(sh(r.state, 'sim').output[0]).toBe('sim: simulator commands (not part of any real tool):');
  });
});
