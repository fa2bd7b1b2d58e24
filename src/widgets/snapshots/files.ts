import { listFiles, readFile, type LabState } from './engine';

/**
 * The files the sandbox shows: where a student's work and a server's data live, not the whole
 * Debian install. Everything the current state changed since the snapshot is shown as well.
 */
const WATCHED = ['/etc/nginx', '/var/www', '/var/lib/course', '/srv', '/root', '/home'];
/** Bigger files are data (a database, an image): the viewer shows their size only. */
const VIEWABLE_BYTES = 16 * 1024;

export interface ShownFile {
  path: string;
  bytes: number;
  /** Text for the viewer, null for big data files. */
  content: string | null;
  changed: boolean;
  /** Deleted since the current snapshot. */
  deleted: boolean;
}

function walk(lab: LabState, vm: string, dir: string, out: string[]): void {
  for (const entry of listFiles(lab, vm, dir) ?? []) {
    const path = `${dir}/${entry.name}`;
    if (entry.directory) walk(lab, vm, path, out);
    else out.push(path);
  }
}

export function shownFiles(lab: LabState, vm: string, changedPaths: string[]): ShownFile[] {
  const paths: string[] = [];
  for (const dir of WATCHED) walk(lab, vm, dir, paths);
  const changed = new Set(changedPaths);
  for (const p of changedPaths) if (!paths.includes(p)) paths.push(p);
  return paths.sort().map((path): ShownFile => {
    const file = readFile(lab, vm, path);
    // A changed path that no longer exists was deleted since the snapshot.
    if (!file) return { path, bytes: 0, content: null, changed: true, deleted: true };
    return { path, bytes: file.bytes, content: file.bytes <= VIEWABLE_BYTES ? file.content : null, changed: changed.has(path), deleted: false };
  });
}
