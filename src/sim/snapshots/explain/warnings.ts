import type { Warning, WarningCode } from '../model/reasons';
import type { Params } from '../model/types';
import { explainServiceFailure } from './services';
import { list, num, plural, quote, quotedList, str } from './format';

const TEXT: Record<WarningCode, (p: Params) => string> = {
  LONG_CHAIN: (p) =>
    `${quote(str(p, 'vm'))} runs on a chain of ${num(p, 'length')} snapshots (advice: at most ${num(p, 'max')}). Every read may have to look through each differencing layer, so long chains slow the disk down. Delete snapshots you no longer need.`,
  STALE_SNAPSHOT: (p) =>
    `Snapshot ${quote(str(p, 'name'))} is ${ageText(num(p, 'ageHours'))} old (advice: keep snapshots at most ${num(p, 'max')} hours). It keeps every block the VM has changed since, and it grows more stale every day.`,
  NOT_A_BACKUP: (p) =>
    `${quote(str(p, 'vm'))} keeps old snapshots as if they were backups. They are not: ${
      num(p, 'snapshots') === 1 ? 'its snapshot lives' : `all ${num(p, 'snapshots')} snapshots live`
    } on the same storage as the base disk and die with it. Make real backups and delete the old snapshots.`,
  LINKED_CLONE_DEPENDS: (p) =>
    `${quotedList(list(p, 'clones'))} ${list(p, 'clones').length === 1 ? 'is a linked clone' : 'are linked clones'} of ${quote(str(p, 'vm'))}${
      str(p, 'name') ? ` through snapshot ${quote(str(p, 'name'))}` : ''
    }: ${list(p, 'clones').length === 1 ? 'it' : 'they'} cannot outlive the source's disk.`,
  CONFIG_CHANGED_NOT_RELOADED: (p) =>
    `${str(p, 'file')} changed on disk, but ${str(p, 'service')} is still running the old config. Check it with "nginx -t" before a restart or reload: a bad config only shows when the service restarts.`,
  PENDING_SETTINGS: (p) =>
    `${quote(str(p, 'vm'))} is configured for ${num(p, 'memoryMb')} MB and ${plural(num(p, 'cpus'), 'CPU')}, but the running guest still has what it booted with.`,
  SERVICE_FAILED: (p) => `${str(p, 'service')} is down in ${quote(str(p, 'vm'))}. ${explainServiceFailure({ code: str(p, 'reason'), params: p })}`,
};

function ageText(hours: number): string {
  return hours >= 48 ? plural(Math.floor(hours / 24), 'day') : plural(hours, 'hour');
}

export function explainWarning(w: Warning): string {
  return TEXT[w.code](w.params);
}
