import type { Reason } from '../model/types';
import { num, quote, str } from './format';

/** Why a service failed to start, in words (the params come from the daemon's own check). */
export function explainServiceFailure(r: Reason): string {
  const p = r.params;
  const service = quote(str(p, 'service'));
  switch (r.code) {
    case 'CONFIG_INVALID': {
      const line = num(p, 'line');
      const where = line > 0 ? `${str(p, 'file')} line ${line}` : str(p, 'file');
      return `${service} refused its config (${where}): ${str(p, 'message')}.`;
    }
    case 'BINARY_MISSING':
      return `${service} cannot start: its program ${str(p, 'path')} has been deleted.`;
    case 'NOT_INSTALLED':
      return `${service} cannot start: the package ${quote(str(p, 'package'))} is not installed.`;
    case 'NO_BOOTABLE_MEDIUM':
      return 'No bootable medium found: the VM has no disk with a system and no installer disc in a boot device.';
    case 'INSTALLER':
      return `The installer (${str(p, 'system')}) is running from ${str(p, 'iso')}; there is no installed system yet.`;
    case 'NO_INIT':
      return `The kernel found no init program (${str(p, 'path')}), so the system cannot boot.`;
    default:
      return `${service} failed (${r.code}).`;
  }
}
