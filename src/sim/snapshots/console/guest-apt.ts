import { closest } from '../../core/suggest';
import { PACKAGE_NAMES, PACKAGES, compareVersions } from '../guest/catalog';
import { candidateVersion, installedPackages, installedVersion } from '../guest/packages';
import type { StepContext } from '../model/actions';
import type { LabState, SimEvent, Vm } from '../model/types';
import { hint, perform, printed, type Handled } from './session';

/** `apt` / `apt-get` / `dpkg -l` with Debian's output (SPEC K5). */

const HEADER = ['Reading package lists... Done', 'Building dependency tree... Done', 'Reading state information... Done'];
const MIRROR = 'http://deb.debian.org/debian bookworm/main amd64';

function upgradable(lab: LabState, vm: Vm): string[] {
  const installed = installedPackages(lab.store, vm.disk.files);
  return Object.entries(installed)
    .filter(([name, v]) => compareVersions(candidateVersion(lab.repo, PACKAGES[name]!), v) > 0)
    .map(([name]) => name);
}

/** Lines dpkg and invoke-rc.d print when a package's service fails to (re)start. */
export function failedServiceLines(events: SimEvent[], fresh: boolean): string[] {
  const failed = events.filter((e) => e.code === 'SERVICE_FAILED').map((e) => String(e.params['service']));
  if (failed.length === 0) return [];
  const lines: string[] = [];
  for (const svc of failed) {
    lines.push(
      `Job for ${svc}.service failed because the control process exited with error code.`,
      `See "systemctl status ${svc}.service" and "journalctl -xeu ${svc}.service" for details.`,
      `invoke-rc.d: initscript ${svc}, action "${fresh ? 'start' : 'restart'}" failed.`,
      `dpkg: error processing package ${svc} (--configure):`,
      ` installed ${svc} package post-installation script subprocess returned error exit status 1`,
    );
  }
  lines.push('Errors were encountered while processing:', ...failed.map((s) => ` ${s}`), 'E: Sub-process /usr/bin/dpkg returned an error code (1)');
  return lines;
}

export function apt(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const words = args.filter((a) => !/^-(y|-yes|q|-assume-yes)$/.test(a));
  const sub = words[0];
  const names = words.slice(1);
  const known = ['update', 'install', 'remove', 'purge', 'upgrade', 'full-upgrade', 'dist-upgrade', 'list', 'show'];
  if (!sub || !known.includes(sub)) {
    const near = sub ? closest(sub, known) : undefined;
    return printed(lab, [sub ? `E: Invalid operation ${sub}` : 'apt 2.6.1 (amd64)', ...(near ? [hint(`did you mean "apt ${near}"?`)] : [])], sub ? 100 : 0);
  }
  switch (sub) {
    case 'update': {
      const up = upgradable(lab, vm).length;
      return printed(lab, [
        'Hit:1 http://deb.debian.org/debian bookworm InRelease',
        'Hit:2 http://security.debian.org/debian-security bookworm-security InRelease',
        ...HEADER,
        up === 0 ? 'All packages are up to date.' : `${up} package${up === 1 ? '' : 's'} can be upgraded. Run 'apt list --upgradable' to see ${up === 1 ? 'it' : 'them'}.`,
      ]);
    }
    case 'list':
      return list(lab, vm, names);
    case 'show': {
      const spec = PACKAGES[names[0] ?? ''];
      if (!spec) return printed(lab, ['N: Unable to locate package ' + (names[0] ?? ''), 'E: No packages found'], 100);
      return printed(lab, [`Package: ${spec.name}`, `Version: ${candidateVersion(lab.repo, spec)}`, `Installed-Size: ${spec.installedKb} kB`, `Description: ${spec.summary}`]);
    }
    case 'install':
    case 'upgrade':
    case 'full-upgrade':
    case 'dist-upgrade':
      return install(lab, vm, names, sub !== 'install', ctx);
    default:
      return remove(lab, vm, names, sub === 'purge', ctx);
  }
}

function unknownPackage(lab: LabState, name: string): Handled {
  const near = closest(name, PACKAGE_NAMES);
  return printed(lab, [...HEADER, `E: Unable to locate package ${name}`, ...(near ? [hint(`did you mean "${near}"?`)] : [])], 100);
}

function install(lab: LabState, vm: Vm, names: string[], upgradeOnly: boolean, ctx: StepContext): Handled {
  if (!upgradeOnly && names.length === 0) return printed(lab, [...HEADER, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.']);
  const unknown = names.find((n) => !PACKAGES[n]);
  if (unknown !== undefined) return unknownPackage(lab, unknown);
  const targets = upgradeOnly && names.length === 0 ? upgradable(lab, vm) : names;
  const fresh = targets.filter((n) => installedVersion(lab.store, vm.disk.files, n) === null && !upgradeOnly);
  const upgrades = targets.filter((n) => {
    const v = installedVersion(lab.store, vm.disk.files, n);
    return v !== null && compareVersions(candidateVersion(lab.repo, PACKAGES[n]!), v) > 0;
  });
  const newest = targets.filter((n) => !fresh.includes(n) && !upgrades.includes(n) && installedVersion(lab.store, vm.disk.files, n) !== null);
  const notUpgraded = upgradable(lab, vm).filter((n) => !upgrades.includes(n)).length;
  const head = [...HEADER, ...(upgradeOnly ? ['Calculating upgrade... Done'] : [])];
  const already = newest.map((n) => `${n} is already the newest version (${installedVersion(lab.store, vm.disk.files, n)}).`);
  const summary = `${upgrades.length} upgraded, ${fresh.length} newly installed, 0 to remove and ${notUpgraded} not upgraded.`;
  if (fresh.length === 0 && upgrades.length === 0) return printed(lab, [...head, ...already, summary]);
  const all = [...fresh, ...upgrades];
  const kb = (f: (n: string) => number): string => all.reduce((s, n) => s + f(n), 0).toLocaleString('en-US');
  return perform(
    lab,
    { type: 'guest', vm: vm.name, guest: upgradeOnly ? { op: 'upgrade', packages: targets } : { op: 'install', packages: targets } },
    ctx,
    {
      ok: (events) => [
        ...head,
        ...already,
        ...(fresh.length > 0 ? ['The following NEW packages will be installed:', `  ${fresh.join(' ')}`] : []),
        ...(upgrades.length > 0 ? ['The following packages will be upgraded:', `  ${upgrades.join(' ')}`] : []),
        summary,
        `Need to get ${kb((n) => PACKAGES[n]!.downloadKb)} kB of archives.`,
        `After this operation, ${kb((n) => (fresh.includes(n) ? PACKAGES[n]!.installedKb : 0))} kB of additional disk space will be used.`,
        ...all.map((n, i) => `Get:${i + 1} ${MIRROR} ${n} amd64 ${candidateVersion(lab.repo, PACKAGES[n]!)} [${PACKAGES[n]!.downloadKb} kB]`),
        ...all.flatMap((n) => {
          const v = candidateVersion(lab.repo, PACKAGES[n]!);
          const old = installedVersion(lab.store, vm.disk.files, n);
          return [old ? `Unpacking ${n} (${v}) over (${old}) ...` : `Unpacking ${n} (${v}) ...`, `Setting up ${n} (${v}) ...`];
        }),
        ...failedServiceLines(events, fresh.length > 0),
      ],
      refused: (r) => [...HEADER, `E: ${r.code}`],
    },
    100,
  );
}

function remove(lab: LabState, vm: Vm, names: string[], purge: boolean, ctx: StepContext): Handled {
  const unknown = names.find((n) => !PACKAGES[n]);
  if (unknown !== undefined) return unknownPackage(lab, unknown);
  const installed = names.filter((n) => installedVersion(lab.store, vm.disk.files, n) !== null);
  const missing = names.filter((n) => !installed.includes(n)).map((n) => `Package '${n}' is not installed, so not removed`);
  const summary = `0 upgraded, 0 newly installed, ${installed.length} to remove and ${upgradable(lab, vm).length} not upgraded.`;
  if (installed.length === 0 && !purge) return printed(lab, [...HEADER, ...missing, summary]);
  return perform(lab, { type: 'guest', vm: vm.name, guest: { op: 'uninstall', packages: names, purge } }, ctx, {
    ok: () => [
      ...HEADER,
      ...missing,
      ...(installed.length > 0 ? ['The following packages will be REMOVED:', `  ${installed.map((n) => (purge ? `${n}*` : n)).join(' ')}`] : []),
      summary,
      ...installed.flatMap((n) => {
        const v = installedVersion(lab.store, vm.disk.files, n);
        return [`Removing ${n} (${v}) ...`, ...(purge ? [`Purging configuration files for ${n} (${v}) ...`] : [])];
      }),
    ],
    refused: (r) => [`E: ${r.code}`],
  });
}

function list(lab: LabState, vm: Vm, args: string[]): Handled {
  const installed = installedPackages(lab.store, vm.disk.files);
  const onlyUpgradable = args.includes('--upgradable');
  const lines = ['Listing... Done'];
  for (const [name, version] of Object.entries(installed)) {
    const candidate = candidateVersion(lab.repo, PACKAGES[name]!);
    const up = compareVersions(candidate, version) > 0;
    if (onlyUpgradable && !up) continue;
    lines.push(
      onlyUpgradable
        ? `${name}/stable ${candidate} amd64 [upgradable from: ${version}]`
        : `${name}/stable,now ${version} amd64 [installed${up ? `,upgradable to: ${candidate}` : ''}]`,
    );
  }
  return printed(lab, lines);
}

export function dpkg(lab: LabState, vm: Vm, args: string[]): Handled {
  if (args[0] !== '-l') return printed(lab, ["dpkg: error: need an action option", hint('try "dpkg -l"')], 2);
  const installed = installedPackages(lab.store, vm.disk.files);
  const wanted = args.slice(1);
  const rows = Object.entries(installed).filter(([n]) => wanted.length === 0 || wanted.includes(n));
  if (rows.length === 0 && wanted.length > 0) return printed(lab, [`dpkg-query: no packages found matching ${wanted[0]}`], 1);
  return printed(lab, [
    'Desired=Unknown/Install/Remove/Purge/Hold',
    '| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend',
    '||/ Name            Version              Architecture Description',
    '+++-===============-====================-============-=================================',
    ...rows.map(([n, v]) => `ii  ${n.padEnd(15)} ${v.padEnd(20)} amd64        ${PACKAGES[n]!.summary}`),
  ]);
}
