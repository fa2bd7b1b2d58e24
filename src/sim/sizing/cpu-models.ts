import type { CpuType, CpuVendor } from './types';

/**
 * Host CPU generations by their QEMU model names (the names Proxmox lists and libvirt uses in
 * `<cpu mode='custom'><model>…</model>`), with the newest generic x86-64 level each one runs.
 * The levels follow the Proxmox VE admin guide's compatibility list for its generic types:
 * x86-64-v2 needs Intel Nehalem / AMD Opteron_G3, x86-64-v2-AES Westmere / Opteron_G4,
 * x86-64-v3 Haswell / EPYC, x86-64-v4 Skylake(-Server) / EPYC Genoa; kvm64 runs on any x86-64 CPU.
 */
export type GenericCpu = 'kvm64' | 'x86-64-v2' | 'x86-64-v2-AES' | 'x86-64-v3' | 'x86-64-v4';
/** Oldest first: a CPU that runs one level runs every level before it. */
export const GENERIC_LEVELS: readonly GenericCpu[] = ['kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'];

export interface CpuModel {
  /** QEMU's name, e.g. `Cascadelake-Server`. */
  id: string;
  vendor: CpuVendor;
  /** Newest generic type this CPU can run. */
  level: GenericCpu;
  /** Short description for a select: "Intel Xeon, 2019". */
  label: string;
}

const intel = (id: string, level: GenericCpu, label: string): CpuModel => ({ id, vendor: 'intel', level, label });
const amd = (id: string, level: GenericCpu, label: string): CpuModel => ({ id, vendor: 'amd', level, label });

/** Oldest first within each vendor. */
export const CPU_MODELS: readonly CpuModel[] = [
  intel('Nehalem', 'x86-64-v2', 'Intel Core i7 / Xeon 5500, 2008'),
  intel('Westmere', 'x86-64-v2-AES', 'Intel Xeon 5600, 2010'),
  intel('SandyBridge', 'x86-64-v2-AES', 'Intel Xeon E5, 2012'),
  intel('IvyBridge', 'x86-64-v2-AES', 'Intel Xeon E5 v2, 2013'),
  intel('Haswell', 'x86-64-v3', 'Intel Xeon E5 v3, 2014'),
  intel('Broadwell', 'x86-64-v3', 'Intel Xeon E5 v4, 2016'),
  intel('Skylake-Server', 'x86-64-v4', 'Intel Xeon Scalable, 2017'),
  intel('Cascadelake-Server', 'x86-64-v4', 'Intel Xeon Scalable 2nd gen, 2019'),
  intel('Icelake-Server', 'x86-64-v4', 'Intel Xeon Scalable 3rd gen, 2021'),
  intel('SapphireRapids', 'x86-64-v4', 'Intel Xeon Scalable 4th gen, 2023'),
  amd('Opteron_G3', 'x86-64-v2', 'AMD Opteron 2300/8300, 2007'),
  amd('Opteron_G4', 'x86-64-v2-AES', 'AMD Opteron 6200, 2011'),
  amd('Opteron_G5', 'x86-64-v2-AES', 'AMD Opteron 6300, 2012'),
  amd('EPYC', 'x86-64-v3', 'AMD EPYC 7001, 2017'),
  amd('EPYC-Rome', 'x86-64-v3', 'AMD EPYC 7002, 2019'),
  amd('EPYC-Milan', 'x86-64-v3', 'AMD EPYC 7003, 2021'),
  amd('EPYC-Genoa', 'x86-64-v4', 'AMD EPYC 9004, 2022'),
];

export const findCpuModel = (id: string | null): CpuModel | null => (id === null ? null : (CPU_MODELS.find((m) => m.id === id) ?? null));

export const isGenericCpu = (t: CpuType): t is GenericCpu => (GENERIC_LEVELS as readonly string[]).includes(t);

export const levelIndex = (level: GenericCpu): number => GENERIC_LEVELS.indexOf(level);

/** The newest generic type every one of these CPUs runs: the portable choice for the whole set. */
export function lowestCommonLevel(models: readonly CpuModel[]): GenericCpu {
  let lowest = GENERIC_LEVELS.length - 1;
  for (const m of models) lowest = Math.min(lowest, levelIndex(m.level));
  return GENERIC_LEVELS[lowest]!;
}

/**
 * The same CPU choice in each tool's words. Proxmox's `host` is QEMU's `-cpu host`, which libvirt
 * calls host-passthrough; libvirt's host-model has no Proxmox equivalent; QEMU's named models are
 * libvirt's custom mode. Proxmox's x86-64-v* types are Proxmox's own definitions (qemu64 plus the
 * level's flags), which libvirt expresses as a custom model with required features.
 */
export const CPU_TYPE_NAMES: Record<CpuType, { proxmox: string; libvirt: string }> = {
  'host-passthrough': { proxmox: 'host', libvirt: "<cpu mode='host-passthrough'/>" },
  'host-model': { proxmox: '(none: Proxmox has no host-model)', libvirt: "<cpu mode='host-model'/>" },
  kvm64: { proxmox: 'kvm64 (the qm backend default)', libvirt: "<cpu mode='custom'><model>kvm64</model></cpu>" },
  'x86-64-v2': { proxmox: 'x86-64-v2', libvirt: "<cpu mode='custom'> with a v2-level model such as Nehalem" },
  'x86-64-v2-AES': { proxmox: 'x86-64-v2-AES (the web UI default for new VMs)', libvirt: "<cpu mode='custom'> with a model such as Westmere" },
  'x86-64-v3': { proxmox: 'x86-64-v3', libvirt: "<cpu mode='custom'> with a model such as Haswell" },
  'x86-64-v4': { proxmox: 'x86-64-v4', libvirt: "<cpu mode='custom'> with a model such as Skylake-Server" },
};
