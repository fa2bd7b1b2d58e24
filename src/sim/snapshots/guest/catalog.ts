/**
 * The guest's software: a small Debian 12 system and the packages its apt repository knows.
 * Sizes are simulated but of realistic magnitude, so copy-on-write accounting shows that a
 * package upgrade costs megabytes while the base disk holds far more.
 */

export interface FileSpec {
  path: string;
  size?: number;
  content: string;
}

export interface ServiceSpec {
  /** systemd unit name without `.service`. */
  name: string;
  description: string;
  /** The config file the daemon reads at start, checked by `checker`. */
  config?: string;
  checker?: 'nginx';
}

export interface PackageSpec {
  name: string;
  summary: string;
  versions: string[];
  /** Files replaced on every install or upgrade (binaries, unit files). */
  files: (version: string) => FileSpec[];
  /** Debian conffiles: written only when missing, kept by `remove`, deleted by `purge`. */
  conffiles: FileSpec[];
  service?: ServiceSpec;
  /** Download and installed sizes shown by apt, in kB. */
  downloadKb: number;
  installedKb: number;
}

export const STATUS_DIR = '/var/lib/dpkg/status.d';
export const WANTS_DIR = '/etc/systemd/system/multi-user.target.wants';
export const INIT_PATH = '/sbin/init';

const binary = (name: string, version: string): string => `\u007fELF ${name} ${version} (x86-64 executable)`;

const unitFile = (svc: ServiceSpec, exec: string): FileSpec => ({
  path: `/lib/systemd/system/${svc.name}.service`,
  content: `[Unit]\nDescription=${svc.description}\n\n[Service]\nExecStart=${exec}\n\n[Install]\nWantedBy=multi-user.target\n`,
});

export const DEFAULT_NGINX_CONF = `user www-data;
worker_processes auto;
pid /run/nginx.pid;

events {
    worker_connections 768;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    access_log /var/log/nginx/access.log;
    error_log /var/log/nginx/error.log;

    server {
        listen 80 default_server;
        server_name _;
        root /var/www/html;
        index index.html index.nginx-debian.html;

        location / {
            try_files $uri $uri/ =404;
        }
    }
}
`;

const NGINX_SERVICE: ServiceSpec = {
  name: 'nginx',
  description: 'A high performance web server and a reverse proxy server',
  config: '/etc/nginx/nginx.conf',
  checker: 'nginx',
};
const SSH_SERVICE: ServiceSpec = { name: 'ssh', description: 'OpenBSD Secure Shell server' };
const CRON_SERVICE: ServiceSpec = { name: 'cron', description: 'Regular background program processing daemon' };
const VBOXADD_SERVICE: ServiceSpec = { name: 'vboxadd-service', description: 'VirtualBox Guest Additions services' };
const QGA_SERVICE: ServiceSpec = { name: 'qemu-guest-agent', description: 'QEMU Guest Agent' };

export const PACKAGES: Record<string, PackageSpec> = {
  nginx: {
    name: 'nginx',
    summary: 'small, powerful, scalable web/proxy server',
    versions: ['1.22.1-9', '1.24.0-2', '1.26.0-1'],
    files: (v) => [
      { path: '/usr/sbin/nginx', size: 1_254_400, content: binary('nginx', v) },
      unitFile(NGINX_SERVICE, '/usr/sbin/nginx -g "daemon on; master_process on;"'),
      { path: '/usr/share/doc/nginx/changelog.Debian.gz', size: 18_432, content: `nginx (${v}) changelog` },
    ],
    conffiles: [
      { path: '/etc/nginx/nginx.conf', content: DEFAULT_NGINX_CONF },
      { path: '/etc/nginx/mime.types', size: 5_349, content: 'types {\n    text/html html htm shtml;\n    text/css css;\n}\n' },
      {
        path: '/var/www/html/index.nginx-debian.html',
        content: '<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1></body>\n</html>\n',
      },
    ],
    service: NGINX_SERVICE,
    downloadKb: 640,
    installedKb: 1_688,
  },
  'openssh-server': {
    name: 'openssh-server',
    summary: 'secure shell (SSH) server, for secure access from remote machines',
    versions: ['1:9.2p1-2+deb12u3'],
    files: (v) => [
      { path: '/usr/sbin/sshd', size: 950_784, content: binary('sshd', v) },
      unitFile(SSH_SERVICE, '/usr/sbin/sshd -D'),
    ],
    conffiles: [{ path: '/etc/ssh/sshd_config', content: 'Include /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n' }],
    service: SSH_SERVICE,
    downloadKb: 469,
    installedKb: 1_990,
  },
  cron: {
    name: 'cron',
    summary: 'process scheduling daemon',
    versions: ['3.0pl1-162'],
    files: (v) => [{ path: '/usr/sbin/cron', size: 59_968, content: binary('cron', v) }, unitFile(CRON_SERVICE, '/usr/sbin/cron -f')],
    conffiles: [{ path: '/etc/crontab', content: 'SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n' }],
    service: CRON_SERVICE,
    downloadKb: 95,
    installedKb: 272,
  },
  curl: {
    name: 'curl',
    summary: 'command line tool for transferring data with URL syntax',
    versions: ['7.88.1-10+deb12u5'],
    files: (v) => [{ path: '/usr/bin/curl', size: 280_368, content: binary('curl', v) }],
    conffiles: [],
    downloadKb: 315,
    installedKb: 500,
  },
  htop: {
    name: 'htop',
    summary: 'interactive processes viewer',
    versions: ['3.2.2-2'],
    files: (v) => [{ path: '/usr/bin/htop', size: 334_912, content: binary('htop', v) }],
    conffiles: [],
    downloadKb: 152,
    installedKb: 387,
  },
  git: {
    name: 'git',
    summary: 'fast, scalable, distributed revision control system',
    versions: ['1:2.39.2-1.1', '1:2.39.5-0+deb12u1'],
    files: (v) => [
      { path: '/usr/bin/git', size: 3_962_336, content: binary('git', v) },
      { path: '/usr/lib/git-core/git-remote-http', size: 1_708_512, content: binary('git-remote-http', v) },
      { path: '/usr/share/git-core/templates/description', content: "Unnamed repository; edit this file 'description' to name the repository.\n" },
    ],
    conffiles: [],
    downloadKb: 7_264,
    installedKb: 36_627,
  },
  // Guest agents (SPEC M19): they report the guest's addresses to the host tools.
  'virtualbox-guest-utils': {
    name: 'virtualbox-guest-utils',
    summary: 'x86 virtualization solution - non-X11 guest utilities',
    versions: ['7.0.20-dfsg-1'],
    files: (v) => [{ path: '/usr/sbin/VBoxService', size: 1_630_208, content: binary('VBoxService', v) }, unitFile(VBOXADD_SERVICE, '/usr/sbin/VBoxService -f')],
    conffiles: [],
    service: VBOXADD_SERVICE,
    downloadKb: 1_105,
    installedKb: 3_890,
  },
  'qemu-guest-agent': {
    name: 'qemu-guest-agent',
    summary: 'Guest-side qemu-system agent',
    versions: ['1:7.2+dfsg-7+deb12u7'],
    files: (v) => [{ path: '/usr/sbin/qemu-ga', size: 1_302_104, content: binary('qemu-ga', v) }, unitFile(QGA_SERVICE, '/usr/sbin/qemu-ga')],
    conffiles: [],
    service: QGA_SERVICE,
    downloadKb: 271,
    installedKb: 1_020,
  },
};

export const PACKAGE_NAMES = Object.keys(PACKAGES);

/** The base disk of a freshly installed Debian 12 server (before any package on top). */
export function baseSystemFiles(hostname: string): FileSpec[] {
  return [
    { path: '/etc/hostname', content: `${hostname}\n` },
    {
      path: '/etc/os-release',
      content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    },
    { path: '/etc/fstab', content: 'UUID=2f6a1c1e-0b7e-4d6c-9a53-7c1f0e2f9a10 / ext4 errors=remount-ro 0 1\n' },
    { path: '/root/.bashrc', content: "export PS1='\\u@\\h:\\w\\$ '\n" },
    { path: INIT_PATH, size: 96_008, content: binary('systemd', '252.22-1~deb12u1') },
    { path: '/usr/bin/bash', size: 1_265_648, content: binary('bash', '5.2.15-2+b7') },
    { path: '/usr/bin/apt', size: 18_824, content: binary('apt', '2.6.1') },
    { path: '/usr/lib/x86_64-linux-gnu/libc.so.6', size: 1_922_136, content: binary('libc', '2.36-9+deb12u7') },
    { path: '/usr/lib/locale/C.utf8/LC_CTYPE', size: 346_132, content: 'locale data' },
    { path: '/boot/vmlinuz-6.1.0-21-amd64', size: 8_197_056, content: binary('linux', '6.1.90-1') },
    { path: '/boot/initrd.img-6.1.0-21-amd64', size: 31_457_280, content: 'initramfs image' },
    { path: '/usr/lib/modules/6.1.0-21-amd64/modules.img', size: 412_090_368, content: 'kernel modules' },
    { path: '/usr/share/base-system.img', size: 734_003_200, content: 'the rest of the installed system' },
  ];
}

/** Version strings compare by their numeric parts ("1.26.0-1" > "1.24.0-2"; epochs first). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] =>
    v
      .replace(/^\d+:/, '')
      .split(/[^0-9]+/)
      .filter((p) => p !== '')
      .map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  const epoch = (v: string): number => (/^\d+:/.test(v) ? Number(v.split(':')[0]) : 0);
  if (epoch(a) !== epoch(b)) return epoch(a) - epoch(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** "1:2.39.2-1.1" → "2.39.2": the upstream part a daemon reports. */
export function upstreamVersion(version: string): string {
  return version.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
}
