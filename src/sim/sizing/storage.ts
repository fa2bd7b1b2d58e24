import type { Host, HostStorage } from './types';

const GIB = 1024;

/** Proxmox VE 8.1+ installers set zfs_arc_max to 10 % of RAM, at most 16 GiB (and ZFS keeps at least 64 MiB). */
export const PVE81_ARC_SHARE = 0.1;
export const PVE81_ARC_CAP_MB = 16 * GIB;
export const ZFS_ARC_MIN_MB = 64;
/** Without that line ZFS lets its ARC grow to half of the RAM, as the Proxmox guide states. */
export const ZFS_DEFAULT_ARC_SHARE = 0.5;
/** Ceph's osd_memory_target default; the Proxmox guide recommends 8 GiB per OSD for good performance. */
export const CEPH_OSD_MEMORY_MB = 4 * GIB;

/** MB the host's storage may keep in RAM, whole MB (rounded down, as the installer writes bytes). */
export function storageMemoryMb(host: Pick<Host, 'ramMb' | 'storage'>): number {
  const s: HostStorage = host.storage;
  switch (s.kind) {
    case 'none':
      return 0;
    case 'zfs-pve81':
      return Math.max(ZFS_ARC_MIN_MB, Math.min(PVE81_ARC_CAP_MB, Math.floor(host.ramMb * PVE81_ARC_SHARE)));
    case 'zfs-default':
      return Math.floor(host.ramMb * ZFS_DEFAULT_ARC_SHARE);
    case 'zfs-custom':
      return s.arcMaxMb;
    case 'ceph':
      return s.osds * s.osdMemoryMb;
  }
}

export const NO_STORAGE: HostStorage = { kind: 'none' };
