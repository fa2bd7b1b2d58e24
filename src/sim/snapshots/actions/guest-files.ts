import { blockContent, textSize } from '../disk/blocks';
import { writeCurrent } from '../disk/current';
import { exists, isDirectory, isFile, pathsUnder, resolvePath } from '../guest/fs';
import type { GuestOp } from '../model/actions';
import type { LabState, Vm } from '../model/types';
import { done, event, refuse, type Outcome } from './outcome';

type WriteOp = Extract<GuestOp, { op: 'write' }>;
type ReplaceOp = Extract<GuestOp, { op: 'replace' }>;
type RemoveOp = Extract<GuestOp, { op: 'remove' }>;

export function writeFile(lab: LabState, vm: Vm, op: WriteOp): Outcome {
  const path = resolvePath(op.path);
  if (isDirectory(vm.disk.files, path)) return refuse('IS_A_DIRECTORY', { vm: vm.name, path });
  const before = op.append && isFile(vm.disk.files, path) ? blockContent(lab.store, vm.disk.files[path]!) : '';
  const content = before + op.content;
  const written = writeCurrent(lab, vm, [{ path, content, size: op.size }]);
  const bytes = op.size ?? textSize(content);
  return done(written.lab, [event('FILE_WRITTEN', vm.name, { path, bytes })]);
}

/** Like `sed -i 's/…/…/[g]'`: per line, first match or all; no match leaves the file alone. */
export function replaceInFile(lab: LabState, vm: Vm, op: ReplaceOp): Outcome {
  const path = resolvePath(op.path);
  if (!isFile(vm.disk.files, path)) {
    return refuse(isDirectory(vm.disk.files, path) ? 'IS_A_DIRECTORY' : 'FILE_NOT_FOUND', { vm: vm.name, path });
  }
  const old = blockContent(lab.store, vm.disk.files[path]!);
  const pattern = toRegExp(op.search, op.all);
  const content = old
    .split('\n')
    .map((line) => line.replace(pattern, op.replacement))
    .join('\n');
  if (content === old) return done(lab, []);
  const written = writeCurrent(lab, vm, [{ path, content }]);
  return done(written.lab, [event('FILE_WRITTEN', vm.name, { path, bytes: textSize(content) })]);
}

function toRegExp(search: string, all: boolean): RegExp {
  const flags = all ? 'g' : '';
  try {
    return new RegExp(search, flags);
  } catch {
    return new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

/** `rm [-r] [-f] [--no-preserve-root]`, including GNU rm's refusal to touch `/` (SPEC G6). */
export function removePath(lab: LabState, vm: Vm, op: RemoveOp): Outcome {
  const path = resolvePath(op.path);
  if (path === '/' && op.recursive && !op.noPreserveRoot) return refuse('PRESERVE_ROOT', { vm: vm.name, path });
  if (!exists(vm.disk.files, path)) return op.force ? done(lab, []) : refuse('FILE_NOT_FOUND', { vm: vm.name, path });
  if (!isFile(vm.disk.files, path) && !op.recursive) return refuse('IS_A_DIRECTORY', { vm: vm.name, path });
  const paths = pathsUnder(vm.disk.files, path);
  const written = writeCurrent(lab, vm, [], paths);
  return done(written.lab, [event('PATHS_REMOVED', vm.name, { path, count: paths.length })]);
}
