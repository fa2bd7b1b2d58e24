import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` installs exactly what package-lock.json lists and refuses a lock file that lacks a
 * package the current platform needs. The native parts of the build (the Astro compiler, esbuild,
 * Rolldown, Lightning CSS, Pagefind…) come as one optional package per platform, and npm records
 * only the platforms it was shown unless the lock is complete, so a lock made on Linux alone breaks
 * `npm ci` on a Mac or Windows laptop and in CI runners there. These checks read the lock file.
 *
 * `resolved` is not required: npm leaves it out under `omit-lockfile-registry-resolved` and then
 * fetches from the configured registry; `integrity` still pins every tarball.
 */
interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };
const packages = lock.packages;

/** Where npm installs `name` for the package at `from` (its own node_modules first, then up the tree). */
function entryFor(from: string, name: string): [string, LockEntry] | undefined {
  let base = from;
  for (;;) {
    const path = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[path]) return [path, packages[path]];
    if (!base) return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up >= 0 ? base.slice(0, up) : '';
  }
}

/** The machines people and CI build this site on: Linux, macOS and Windows, Intel and ARM. */
const PLATFORMS = [
  { os: 'linux', cpu: 'x64' },
  { os: 'linux', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'darwin', cpu: 'arm64' },
  { os: 'win32', cpu: 'x64' },
] as const;

/** Packages that ship their native code as per-platform optional packages. */
const NATIVE = ['@astrojs/compiler-binding', 'esbuild', 'rolldown', 'lightningcss', 'pagefind', 'satteri'];

/** The package installs on that platform (Linux: the usual glibc systems, not only Alpine's musl). */
const fits = (entry: LockEntry, p: (typeof PLATFORMS)[number]): boolean =>
  (entry.os === undefined || entry.os.includes(p.os)) &&
  (entry.cpu === undefined || entry.cpu.includes(p.cpu)) &&
  (entry.libc === undefined || entry.libc.includes('glibc'));

describe('package-lock.json works with npm ci on every platform', () => {
  it('is a lockfileVersion 3 lock with every package pinned by version and integrity', () => {
    expect(lock.lockfileVersion).toBe(3);
    const unpinned = Object.entries(packages).filter(([path, e]) => path !== '' && (!e.version || !e.integrity)).map(([path]) => path);
    expect(unpinned).toEqual([]);
  });

  it('every optional dependency of every package has its own entry (other platforms\' included)', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!entryFor(path, name)) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(NATIVE)('%s has a native package for Linux, macOS and Windows (x64 and ARM)', (name) => {
    const [path, parent] = entryFor('', name) ?? [];
    expect(parent, `${name} is not in the lock file`).toBeDefined();
    const natives = Object.keys(parent!.optionalDependencies ?? {}).map((dep) => entryFor(path!, dep)?.[1]);
    expect(natives.length).toBeGreaterThan(0);
    for (const platform of PLATFORMS) {
      const found = natives.some((e) => e !== undefined && e.optional === true && e.integrity !== undefined && fits(e, platform));
      expect(found, `${name}: no package for ${platform.os}-${platform.cpu}`).toBe(true);
    }
  });
});
