import { blockContent } from '../disk/blocks';
import type { BlockStore, FileMap, Reason, Runtime, ServiceRuntime, Settings } from '../model/types';
import { INIT_PATH, PACKAGES, WANTS_DIR, upstreamVersion, type PackageSpec, type ServiceSpec } from './catalog';
import { checkNginxConfig } from './nginx-config';
import { installedVersion } from './packages';

/**
 * Services start from what is on the disk at that moment: installed package, binary present,
 * config accepted by the daemon (SPEC G3). A running daemon keeps the config it loaded until
 * it is restarted or reloaded, exactly like nginx (SPEC G4).
 */

export interface ServiceEntry {
  spec: ServiceSpec;
  pkg: PackageSpec;
}

export function serviceEntries(): ServiceEntry[] {
  return Object.values(PACKAGES)
    .filter((p): p is PackageSpec & { service: ServiceSpec } => p.service !== undefined)
    .map((p) => ({ spec: p.service, pkg: p }));
}

export function findService(name: string): ServiceEntry | undefined {
  const bare = name.replace(/\.service$/, '');
  return serviceEntries().find((e) => e.spec.name === bare || (bare === 'sshd' && e.spec.name === 'ssh'));
}

export const isEnabled = (files: FileMap, service: string): boolean => `${WANTS_DIR}/${service}.service` in files;

/** What happens when systemd starts the service now. */
export function startService(store: BlockStore, files: FileMap, entry: ServiceEntry): ServiceRuntime {
  const version = installedVersion(store, files, entry.pkg.name);
  const failed = (failure: Reason): ServiceRuntime => ({ status: 'failed', failure, config: null });
  if (version === null) return failed({ code: 'NOT_INSTALLED', params: { service: entry.spec.name, package: entry.pkg.name } });
  const binary = entry.pkg.files(version)[0]!.path;
  if (!(binary in files)) return failed({ code: 'BINARY_MISSING', params: { service: entry.spec.name, path: binary } });
  const configPath = entry.spec.config;
  const configId = configPath ? (files[configPath] ?? null) : null;
  if (configPath && entry.spec.checker === 'nginx') {
    if (configId === null) {
      return failed({
        code: 'CONFIG_INVALID',
        params: { service: entry.spec.name, file: configPath, line: 0, message: `open() "${configPath}" failed (2: No such file or directory)`, version },
      });
    }
    const check = checkNginxConfig(blockContent(store, configId), upstreamVersion(version));
    if (check.emerg) {
      return failed({
        code: 'CONFIG_INVALID',
        params: { service: entry.spec.name, file: configPath, line: check.emerg.line ?? 0, message: check.emerg.message, version },
      });
    }
  }
  return { status: 'active', failure: null, config: configId };
}

/** Boots the guest: init must exist, then every enabled service of an installed package starts. */
export function boot(store: BlockStore, files: FileMap, settings: Settings, now: number): Runtime {
  if (!(INIT_PATH in files)) {
    return { booted: settings, services: {}, panic: { code: 'NO_INIT', params: { path: INIT_PATH } }, bootedAt: now };
  }
  const services: Record<string, ServiceRuntime> = {};
  for (const entry of serviceEntries()) {
    if (installedVersion(store, files, entry.pkg.name) === null) continue;
    services[entry.spec.name] = isEnabled(files, entry.spec.name)
      ? startService(store, files, entry)
      : { status: 'inactive', failure: null, config: null };
  }
  return { booted: settings, services, panic: null, bootedAt: now };
}
