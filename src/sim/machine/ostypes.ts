/**
 * Guest OS types as `VBoxManage list ostypes` prints them (a subset of VirtualBox 7's table),
 * with the Proxmox `ostype` and libvirt osinfo id that describe the same guest (SPEC M3).
 */
export interface OsType {
  id: string;
  description: string;
  familyId: string;
  familyDescription: string;
  is64Bit: boolean;
  /** Proxmox `ostype` (`l26` Linux 2.6+, `win11`, `other`). */
  proxmox: string;
  /** libvirt/virt-install osinfo short id. */
  osinfo: string;
}

const linux = (id: string, description: string, osinfo: string): OsType => ({
  id,
  description,
  familyId: 'Linux',
  familyDescription: 'Linux',
  is64Bit: id.endsWith('_64'),
  proxmox: 'l26',
  osinfo,
});

export const OS_TYPES: readonly OsType[] = [
  { id: 'Other', description: 'Other/Unknown', familyId: 'Other', familyDescription: 'Other', is64Bit: false, proxmox: 'other', osinfo: 'unknown' },
  { id: 'Other_64', description: 'Other/Unknown (64-bit)', familyId: 'Other', familyDescription: 'Other', is64Bit: true, proxmox: 'other', osinfo: 'unknown' },
  { id: 'Windows11_64', description: 'Windows 11 (64-bit)', familyId: 'Windows', familyDescription: 'Microsoft Windows', is64Bit: true, proxmox: 'win11', osinfo: 'win11' },
  { id: 'Windows2022_64', description: 'Windows Server 2022 (64-bit)', familyId: 'Windows', familyDescription: 'Microsoft Windows', is64Bit: true, proxmox: 'win11', osinfo: 'win2k22' },
  linux('Linux_64', 'Other Linux (64-bit)', 'linux2022'),
  linux('Debian_64', 'Debian (64-bit)', 'debian12'),
  linux('Debian12_64', 'Debian 12 Bookworm (64-bit)', 'debian12'),
  linux('Ubuntu_64', 'Ubuntu (64-bit)', 'ubuntu24.04'),
  linux('Ubuntu24_LTS_64', 'Ubuntu 24.04 LTS (Noble Numbat) (64-bit)', 'ubuntu24.04'),
  linux('RedHat_64', 'Red Hat (64-bit)', 'rhel9.0'),
  linux('Fedora_64', 'Fedora (64-bit)', 'fedora40'),
  linux('ArchLinux_64', 'Arch Linux (64-bit)', 'archlinux'),
];

/** Own-key safe lookup by id (user text never indexes an object). */
export function osType(id: string): OsType | undefined {
  return OS_TYPES.find((t) => t.id === id);
}

/** Proxmox `ostype` values (qm(1) `--ostype`). */
export const PROXMOX_OSTYPES = ['other', 'wxp', 'w2k', 'w2k3', 'w2k8', 'wvista', 'win7', 'win8', 'win10', 'win11', 'l24', 'l26', 'solaris'] as const;
