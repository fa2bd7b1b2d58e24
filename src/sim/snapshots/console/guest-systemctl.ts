import { blockContent } from '../disk/blocks';
import { upstreamVersion } from '../guest/catalog';
import { checkNginxConfig, formatNginxDiagnostic } from '../guest/nginx-config';
import { installedVersion } from '../guest/packages';
import { findService, isEnabled } from '../guest/services';
import type { ServiceCommand, StepContext } from '../model/actions';
import type { LabState, Params, Vm } from '../model/types';
import { hint, perform, printed, type Handled } from './session';

/** `systemctl`, `nginx -t` and `curl localhost`, answering like Debian 12 (SPEC K5, G3-G4). */

const COMMANDS: ServiceCommand[] = ['start', 'stop', 'restart', 'reload', 'enable', 'disable'];

const jobFailed = (svc: string): string[] => [
  `Job for ${svc}.service failed because the control process exited with error code.`,
  `See "systemctl status ${svc}.service" and "journalctl -xeu ${svc}.service" for details.`,
];

export function systemctl(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const [cmd, unitArg] = args.filter((a) => !a.startsWith('-'));
  if (cmd === 'reboot' || cmd === 'poweroff') {
    return perform(lab, { type: 'power', vm: vm.name, op: cmd === 'reboot' ? 'reboot' : 'shutdown' }, ctx, {
      ok: () => [`Connection to ${vm.name} closed by remote host.`],
      refused: () => [],
    });
  }
  if (cmd === undefined) return printed(lab, ['UNIT                 LOAD   ACTIVE SUB     DESCRIPTION', hint('try "systemctl status nginx"')]);
  if (unitArg === undefined) return printed(lab, [`Too few arguments.`], 1);
  const unit = unitArg.replace(/\.service$/, '');
  const entry = findService(unit);
  const installed = entry !== undefined && installedVersion(lab.store, vm.disk.files, entry.pkg.name) !== null;
  if (cmd === 'status' || cmd === 'is-active' || cmd === 'is-enabled') {
    if (!installed) return printed(lab, [`Unit ${unit}.service could not be found.`], 4);
    return printed(lab, ...statusOf(vm, entry.spec.name, cmd));
  }
  if (!COMMANDS.includes(cmd as ServiceCommand)) {
    return printed(lab, [`Unknown command verb '${cmd}'.`, hint(`systemctl knows: ${[...COMMANDS, 'status', 'is-active'].join(', ')}`)], 1);
  }
  const command = cmd as ServiceCommand;
  return perform(lab, { type: 'guest', vm: vm.name, guest: { op: 'service', service: unit, command } }, ctx, {
    ok: (events) => {
      const failed = events.find((e) => e.code === 'SERVICE_FAILED' || e.code === 'SERVICE_RELOAD_FAILED');
      if (failed) return jobFailed(String(failed.params['service']));
      const enabled = events.find((e) => e.code === 'SERVICE_ENABLED');
      if (enabled) return [`Created symlink ${String(enabled.params['link'])} → /lib/systemd/system/${String(enabled.params['service'])}.service.`];
      const disabled = events.find((e) => e.code === 'SERVICE_DISABLED');
      if (disabled) return [`Removed "${String(disabled.params['link'])}".`];
      return [];
    },
    refused: (r) =>
      r.code === 'SERVICE_NOT_ACTIVE'
        ? [`${String(r.params['service'])}.service is not active, cannot reload.`]
        : [`Failed to ${command} ${unit}.service: Unit ${unit}.service not found.`],
  });
}

/** A failed step still counts as a failed command: `&&` chains stop there. */
export function serviceFailureExit(h: Handled): Handled {
  return h.events.some((e) => e.code === 'SERVICE_FAILED' || e.code === 'SERVICE_RELOAD_FAILED') ? { ...h, exitCode: 1 } : h;
}

function statusOf(vm: Vm, name: string, cmd: string): [string[], number] {
  const entry = findService(name)!;
  const rt = vm.runtime?.services[name];
  const status = rt?.status ?? 'inactive';
  const enabled = isEnabled(vm.disk.files, name);
  if (cmd === 'is-active') return [[status], status === 'active' ? 0 : 3];
  if (cmd === 'is-enabled') return [[enabled ? 'enabled' : 'disabled'], enabled ? 0 : 1];
  const dot = status === 'active' ? '●' : status === 'failed' ? '×' : '○';
  const active = status === 'active' ? 'active (running)' : status === 'failed' ? 'failed (Result: exit-code)' : 'inactive (dead)';
  const lines = [
    `${dot} ${name}.service - ${entry.spec.description}`,
    `     Loaded: loaded (/lib/systemd/system/${name}.service; ${enabled ? 'enabled' : 'disabled'}; preset: enabled)`,
    `     Active: ${active}`,
  ];
  const f = rt?.failure;
  if (f && f.code === 'CONFIG_INVALID') {
    lines.push('', `${vm.name} ${name}[812]: ${formatNginxDiagnostic('emerg', { message: String(f.params['message']), line: lineOf(f.params) }, String(f.params['file']))}`);
    lines.push(`${vm.name} systemd[1]: Failed to start ${name}.service - ${entry.spec.description}.`);
  } else if (f) {
    lines.push('', `${vm.name} systemd[1]: Failed to start ${name}.service - ${entry.spec.description}.`);
  }
  if (status === 'active' && entry.spec.config && rt?.config !== (vm.disk.files[entry.spec.config] ?? null)) {
    lines.push(hint(`${entry.spec.config} changed since ${name} started; it still runs the old config until restarted or reloaded`));
  }
  return [lines, status === 'active' ? 0 : 3];
}

const lineOf = (p: Params): number | null => (typeof p['line'] === 'number' && p['line'] > 0 ? p['line'] : null);

export function nginxCommand(lab: LabState, vm: Vm, args: string[]): Handled {
  const version = installedVersion(lab.store, vm.disk.files, 'nginx');
  if (version === null || !('/usr/sbin/nginx' in vm.disk.files)) return printed(lab, ['bash: nginx: command not found', hint('apt install nginx')], 127);
  if (args.includes('-v') || args.includes('-V')) return printed(lab, [`nginx version: nginx/${upstreamVersion(version)}`]);
  if (!args.includes('-t')) return printed(lab, [hint('this lab runs nginx through systemd; try "nginx -t" to test the config')], 1);
  const file = '/etc/nginx/nginx.conf';
  const id = vm.disk.files[file];
  if (id === undefined) {
    return printed(lab, [`nginx: [emerg] open() "${file}" failed (2: No such file or directory)`, `nginx: configuration file ${file} test failed`], 1);
  }
  const check = checkNginxConfig(blockContent(lab.store, id), upstreamVersion(version));
  const warnings = check.warnings.map((w) => formatNginxDiagnostic('warn', w, file));
  if (check.emerg) return printed(lab, [...warnings, formatNginxDiagnostic('emerg', check.emerg, file), `nginx: configuration file ${file} test failed`], 1);
  return printed(lab, [...warnings, `nginx: the configuration file ${file} syntax is ok`, `nginx: configuration file ${file} test is successful`]);
}

export function curl(lab: LabState, vm: Vm, args: string[]): Handled {
  if (!('/usr/bin/curl' in vm.disk.files)) return printed(lab, ['bash: curl: command not found', hint('apt install curl')], 127);
  const url = args.find((a) => !a.startsWith('-')) ?? '';
  const m = /^(?:https?:\/\/)?(localhost|127\.0\.0\.1)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return printed(lab, [`curl: (6) Could not resolve host: ${url.replace(/^https?:\/\//, '').split('/')[0]}`, hint('this lab can only reach the VM itself: curl http://localhost/')], 6);
  const port = m[2] ?? '80';
  const nginx = vm.runtime?.services['nginx'];
  if (port !== '80' || nginx?.status !== 'active') {
    return printed(lab, [`curl: (7) Failed to connect to localhost port ${port} after 0 ms: Couldn't connect to server`], 7);
  }
  const page = m[3] && m[3] !== '/' ? `/var/www/html${m[3]}` : ['/var/www/html/index.html', '/var/www/html/index.nginx-debian.html'].find((p) => p in vm.disk.files);
  const id = page ? vm.disk.files[page] : undefined;
  if (args.includes('-I')) return printed(lab, [id ? 'HTTP/1.1 200 OK' : 'HTTP/1.1 404 Not Found', 'Server: nginx', '']);
  if (!id) return printed(lab, ['<html>', '<head><title>404 Not Found</title></head>', '<body><center><h1>404 Not Found</h1></center></body>', '</html>']);
  return printed(lab, blockContent(lab.store, id).replace(/\n$/, '').split('\n'));
}
