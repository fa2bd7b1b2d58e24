import { closest } from '../../core/suggest';
import { writeCurrent, withVm, type FileWrite } from '../disk/current';
import { PACKAGE_NAMES, PACKAGES, compareVersions, type PackageSpec } from '../guest/catalog';
import { candidateVersion, installWrites, installedVersion, removalPaths } from '../guest/packages';
import { findService } from '../guest/services';
import type { LabState, SimEvent, Vm } from '../model/types';
import { startNow, setService } from './guest-service';
import { done, event, refuse, type Outcome } from './outcome';

function resolve(names: string[]): PackageSpec[] | Outcome {
  const specs: PackageSpec[] = [];
  for (const name of names) {
    const spec = PACKAGES[name];
    if (!spec) return refuse('PACKAGE_UNKNOWN', { package: name, suggestion: closest(name, PACKAGE_NAMES) ?? '' });
    specs.push(spec);
  }
  return specs;
}

/**
 * `apt install` and `apt upgrade` (SPEC G2): package files, status and (on first install)
 * the enablement link are written to the current layer; the service is then started, or
 * restarted after an upgrade, with whatever config is on the disk.
 */
export function installPackages(lab: LabState, vm: Vm, names: string[], onlyUpgrades: boolean): Outcome {
  let specs: PackageSpec[];
  if (onlyUpgrades && names.length === 0) {
    specs = Object.values(PACKAGES).filter((p) => installedVersion(lab.store, vm.disk.files, p.name) !== null);
  } else {
    const resolved = resolve(names);
    if (!Array.isArray(resolved)) return resolved;
    specs = resolved;
  }
  const writes: FileWrite[] = [];
  const events: SimEvent[] = [];
  const touched: Array<{ spec: PackageSpec; fresh: boolean }> = [];
  for (const spec of specs) {
    const installed = installedVersion(lab.store, vm.disk.files, spec.name);
    const candidate = candidateVersion(lab.repo, spec);
    if (installed === null && onlyUpgrades) continue;
    if (installed !== null && compareVersions(candidate, installed) <= 0) continue;
    writes.push(...installWrites(spec, candidate, vm.disk.files, installed === null));
    touched.push({ spec, fresh: installed === null });
    events.push(
      installed === null
        ? event('PACKAGE_INSTALLED', vm.name, { package: spec.name, version: candidate })
        : event('PACKAGE_UPGRADED', vm.name, { package: spec.name, from: installed, to: candidate }),
    );
  }
  if (touched.length === 0) return done(lab, []);
  let { lab: next, vm: cur } = writeCurrent(lab, vm, writes);
  for (const { spec, fresh } of touched) {
    const entry = spec.service ? findService(spec.service.name) : undefined;
    if (!entry) continue;
    const before = vm.runtime?.services[entry.spec.name]?.status;
    // Debian starts a new service at install and restarts a running one after an upgrade.
    if (!fresh && before !== 'active' && before !== 'failed') continue;
    const started = startNow(next, cur, entry);
    cur = started.vm;
    events.push(...started.events);
  }
  next = withVm(next, cur);
  return done(next, events);
}

/** `apt remove` keeps conffiles, `apt purge` deletes them too; a running service is stopped. */
export function removePackages(lab: LabState, vm: Vm, names: string[], purge: boolean): Outcome {
  const resolved = resolve(names);
  if (!Array.isArray(resolved)) return resolved;
  const removals: string[] = [];
  const events: SimEvent[] = [];
  let cur = vm;
  for (const spec of resolved) {
    const installed = installedVersion(lab.store, vm.disk.files, spec.name);
    if (installed === null) {
      if (purge) removals.push(...spec.conffiles.map((c) => c.path).filter((p) => p in vm.disk.files));
      continue;
    }
    removals.push(...removalPaths(spec, installed, vm.disk.files, purge));
    events.push(event('PACKAGE_REMOVED', vm.name, { package: spec.name, version: installed, purge }));
    const svc = spec.service?.name;
    if (svc && cur.runtime?.services[svc]) {
      if (cur.runtime.services[svc]!.status === 'active') events.push(event('SERVICE_STOPPED', vm.name, { service: svc }));
      cur = setService(cur, svc, null);
    }
  }
  if (removals.length === 0 && events.length === 0) return done(lab, []);
  const written = writeCurrent(lab, cur, [], removals);
  return done(written.lab, events);
}
