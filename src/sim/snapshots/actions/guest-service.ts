import { withVm, writeCurrent } from '../disk/current';
import { WANTS_DIR } from '../guest/catalog';
import { installedVersion } from '../guest/packages';
import { findService, startService, type ServiceEntry } from '../guest/services';
import type { ServiceCommand } from '../model/actions';
import type { LabState, Runtime, ServiceRuntime, SimEvent, Vm } from '../model/types';
import { done, event, refuse, type Outcome } from './outcome';

export function setService(vm: Vm, name: string, svc: ServiceRuntime | null): Vm {
  const runtime = vm.runtime as Runtime;
  const services = { ...runtime.services };
  if (svc === null) delete services[name];
  else services[name] = svc;
  return { ...vm, runtime: { ...runtime, services } };
}

/** systemd starts the daemon from what is on the disk now (SPEC G3). */
export function startNow(lab: LabState, vm: Vm, entry: ServiceEntry): { vm: Vm; events: SimEvent[] } {
  const svc = startService(lab.store, vm.disk.files, entry);
  const name = entry.spec.name;
  const events =
    svc.status === 'active'
      ? [event('SERVICE_STARTED', vm.name, { service: name })]
      : [event('SERVICE_FAILED', vm.name, { service: name, reason: svc.failure!.code, ...svc.failure!.params })];
  return { vm: setService(vm, name, svc), events };
}

/** `systemctl start|stop|restart|reload|enable|disable` (SPEC G4). */
export function serviceCommand(lab: LabState, vm: Vm, service: string, command: ServiceCommand): Outcome {
  const entry = findService(service);
  if (!entry || installedVersion(lab.store, vm.disk.files, entry.pkg.name) === null) {
    return refuse('SERVICE_UNKNOWN', { vm: vm.name, service: service.replace(/\.service$/, ''), command });
  }
  const name = entry.spec.name;
  const current = vm.runtime?.services[name];
  const link = `${WANTS_DIR}/${name}.service`;
  switch (command) {
    case 'start': {
      if (current?.status === 'active') return done(lab, []);
      const started = startNow(lab, vm, entry);
      return done(withVm(lab, started.vm), started.events);
    }
    case 'restart': {
      const started = startNow(lab, vm, entry);
      return done(withVm(lab, started.vm), started.events);
    }
    case 'stop': {
      if (current?.status !== 'active') return done(withVm(lab, setService(vm, name, { status: 'inactive', failure: null, config: null })), []);
      return done(withVm(lab, setService(vm, name, { status: 'inactive', failure: null, config: null })), [
        event('SERVICE_STOPPED', vm.name, { service: name }),
      ]);
    }
    case 'reload': {
      if (current?.status !== 'active') return refuse('SERVICE_NOT_ACTIVE', { vm: vm.name, service: name });
      const attempt = startService(lab.store, vm.disk.files, entry);
      // A failed reload leaves the old master process running with the old config.
      if (attempt.status !== 'active') {
        return done(lab, [event('SERVICE_RELOAD_FAILED', vm.name, { service: name, reason: attempt.failure!.code, ...attempt.failure!.params })]);
      }
      return done(withVm(lab, setService(vm, name, attempt)), [event('SERVICE_RELOADED', vm.name, { service: name })]);
    }
    case 'enable': {
      if (link in vm.disk.files) return done(lab, []);
      const written = writeCurrent(lab, vm, [{ path: link, content: `/lib/systemd/system/${name}.service` }]);
      return done(written.lab, [event('SERVICE_ENABLED', vm.name, { service: name, link })]);
    }
    case 'disable': {
      if (!(link in vm.disk.files)) return done(lab, []);
      const written = writeCurrent(lab, vm, [], [link]);
      return done(written.lab, [event('SERVICE_DISABLED', vm.name, { service: name, link })]);
    }
  }
}
