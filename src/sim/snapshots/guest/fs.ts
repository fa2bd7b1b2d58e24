import type { FileMap } from '../model/types';

/**
 * The guest file system seen as a flat map of absolute paths; directories exist implicitly
 * wherever a file lives below them (no empty directories).
 */

export const HOME = '/root';

/** Absolute, normalised path: `~/x`, `../etc//hosts/` and relative names resolve against /root. */
export function resolvePath(input: string, cwd = HOME): string {
  // Most paths (every path the engine itself writes) are already absolute and clean.
  if (input.startsWith('/') && !/\/\/|\/\.|\/$/.test(input)) return input;
  const raw = input === '~' ? HOME : input.startsWith('~/') ? `${HOME}/${input.slice(2)}` : input;
  const absolute = raw.startsWith('/') ? raw : `${cwd}/${raw}`;
  const parts: string[] = [];
  for (const part of absolute.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isFile(files: FileMap, path: string): boolean {
  return path in files;
}

export function isDirectory(files: FileMap, path: string): boolean {
  if (path === '/') return true;
  const prefix = `${path}/`;
  for (const p in files) if (p.startsWith(prefix)) return true;
  return false;
}

export function exists(files: FileMap, path: string): boolean {
  return isFile(files, path) || isDirectory(files, path);
}

/** Every file at or below `path`. */
export function pathsUnder(files: FileMap, path: string): string[] {
  if (path === '/') return Object.keys(files).sort();
  const prefix = `${path}/`;
  return Object.keys(files)
    .filter((p) => p === path || p.startsWith(prefix))
    .sort();
}

export interface DirEntry {
  name: string;
  directory: boolean;
}

/** The entries directly inside a directory, sorted like `ls`. */
export function listDirectory(files: FileMap, dir: string): DirEntry[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const entries = new Map<string, boolean>();
  for (const p in files) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) entries.set(rest, entries.get(rest) ?? false);
    else entries.set(rest.slice(0, slash), true);
  }
  return [...entries.entries()].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function parentDirectory(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
