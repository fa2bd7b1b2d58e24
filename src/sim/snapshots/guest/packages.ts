import { blockContent } from '../disk/blocks';
import type { FileWrite } from '../disk/current';
import type { BlockStore, FileMap } from '../model/types';
import { PACKAGES, STATUS_DIR, WANTS_DIR, type PackageSpec } from './catalog';

/**
 * The package database lives on the disk, as on a real Debian system: one status file per
 * installed package. So a snapshot restore rolls packages back together with their files
 * (SPEC G2), and `rm -rf /var/lib/dpkg` really does make apt forget them.
 */

export const statusPath = (pkg: string): string => `${STATUS_DIR}/${pkg}`;

export function installedVersion(store: BlockStore, files: FileMap, pkg: string): string | null {
  const id = files[statusPath(pkg)];
  if (!id) return null;
  const match = /^Version: (.+)$/m.exec(blockContent(store, id));
  return match ? match[1]! : null;
}

/** name → version of every installed package the catalog knows. */
export function installedPackages(store: BlockStore, files: FileMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(PACKAGES).sort()) {
    const v = installedVersion(store, files, name);
    if (v !== null) out[name] = v;
  }
  return out;
}

export function statusFile(spec: PackageSpec, version: string): FileWrite {
  return {
    path: statusPath(spec.name),
    content: `Package: ${spec.name}\nStatus: install ok installed\nVersion: ${version}\nDescription: ${spec.summary}\n`,
  };
}

/** Files an install or upgrade writes: package files, missing conffiles, status, enablement. */
export function installWrites(spec: PackageSpec, version: string, files: FileMap, fresh: boolean): FileWrite[] {
  const writes: FileWrite[] = spec.files(version).map((f) => ({ path: f.path, content: f.content, size: f.size }));
  for (const c of spec.conffiles) {
    if (!(c.path in files)) writes.push({ path: c.path, content: c.content, size: c.size });
  }
  writes.push(statusFile(spec, version));
  // Debian enables a service when its package is first installed, not on upgrades.
  if (spec.service && fresh) {
    writes.push({ path: `${WANTS_DIR}/${spec.service.name}.service`, content: `/lib/systemd/system/${spec.service.name}.service` });
  }
  return writes;
}

/** Paths `apt remove` deletes (conffiles stay) or `apt purge` deletes (conffiles go too). */
export function removalPaths(spec: PackageSpec, version: string, files: FileMap, purge: boolean): string[] {
  const paths = spec.files(version).map((f) => f.path);
  paths.push(statusPath(spec.name));
  if (spec.service) paths.push(`${WANTS_DIR}/${spec.service.name}.service`);
  if (purge) paths.push(...spec.conffiles.map((c) => c.path));
  return paths.filter((p) => p in files);
}

/** The version `apt install` would pick: the repository's, else the newest the catalog knows. */
export function candidateVersion(repo: Record<string, string>, spec: PackageSpec): string {
  return repo[spec.name] ?? spec.versions[spec.versions.length - 1]!;
}
