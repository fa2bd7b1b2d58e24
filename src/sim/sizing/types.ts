/**
 * The sizing engine's data. Everything here is plain JSON (DESIGN rule 2). Units are in the field
 * names because they differ on purpose: RAM and swap in MB (Nova's MEMORY_MB and flavor.swap),
 * disks in GB (Nova's DISK_GB and flavor.root_gb / ephemeral_gb).
 */

/** Placement's standard resource classes, in the order every view lists them. */
export type Resource = 'VCPU' | 'MEMORY_MB' | 'DISK_GB';
export const RESOURCES: readonly Resource[] = ['VCPU', 'MEMORY_MB', 'DISK_GB'];

export type CpuVendor = 'intel' | 'amd';
export const CPU_VENDORS: readonly CpuVendor[] = ['intel', 'amd'];

export interface Host {
  name: string;
  sockets: number;
  coresPerSocket: number;
  /** 2 with Hyper-Threading/SMT on. Threads are logical CPUs, not extra cores. */
  threadsPerCore: number;
  ramMb: number;
  diskGb: number;
  cpuVendor: CpuVendor;
}

/**
 * How the guest CPU is presented (libvirt cpu mode / Proxmox "CPU type"): passthrough and
 * host-model expose the host's features; the named generic models trade features for portability.
 */
export type CpuType = 'host-passthrough' | 'host-model' | 'kvm64' | 'x86-64-v2' | 'x86-64-v2-AES' | 'x86-64-v3';
export const CPU_TYPES: readonly CpuType[] = ['host-passthrough', 'host-model', 'kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3'];

/** Image format and provisioning are independent: a raw file can be sparse, a qcow2 preallocated. */
export type DiskFormat = 'raw' | 'qcow2' | 'vmdk' | 'vhdx';
export const DISK_FORMATS: readonly DiskFormat[] = ['raw', 'qcow2', 'vmdk', 'vhdx'];

/** thin: space is taken as the guest writes; thick: the whole virtual size is taken at creation. */
export type Provisioning = 'thin' | 'thick';
export const PROVISIONINGS: readonly Provisioning[] = ['thin', 'thick'];

export type NicModel = 'virtio' | 'e1000' | 'e1000e';
export const NIC_MODELS: readonly NicModel[] = ['virtio', 'e1000', 'e1000e'];

/** The sizes that decide whether a VM fits. */
export interface VmSpec {
  vcpus: number;
  ramMb: number;
  rootDiskGb: number;
  ephemeralGb: number;
  swapMb: number;
  /** The root disk is a network volume, so it takes no local disk (Nova: DISK_GB excludes root_gb). */
  bootFromVolume: boolean;
  provisioning: Provisioning;
}

/** Options that do not change the allocation but matter for speed and portability. */
export interface VmOptions {
  cpuType: CpuType;
  diskFormat: DiskFormat;
  provisioning: Provisioning;
  nic: NicModel;
  balloon: boolean;
}

export interface Vm extends VmSpec, VmOptions {
  /** `vm-N`, unique within a state; used by actions and verdicts. */
  id: string;
  /** What the student typed; always shown as text. */
  name: string;
  /** The catalogue flavor this VM still matches exactly, or null for a custom size. */
  flavor: string | null;
}

export interface Flavor {
  name: string;
  vcpus: number;
  ramMb: number;
  rootDiskGb: number;
  ephemeralGb: number;
  swapMb: number;
  /** `course`: the g<gen>.r<RAM>c<vCPUs> names; `openstack`: Nova's classic m1.* set. */
  family: 'course' | 'openstack';
}

export interface Ratios {
  cpu: number;
  ram: number;
  disk: number;
}

/** What the host keeps for itself (Nova: reserved_host_memory_mb, reserved_host_cpus, reserved_host_disk_mb). */
export interface Reserve {
  ramMb: number;
  cpus: number;
  diskGb: number;
}

/**
 * `course`: the module's strict rules (no RAM overcommit, a RAM reserve, no VM wider than the
 * physical cores). `nova`: OpenStack Placement's arithmetic with allocation ratios.
 */
export type Policy = { kind: 'course'; reserved: Reserve } | { kind: 'nova'; ratios: Ratios; reserved: Reserve };

export type PolicyPreset = 'course' | 'nova-2023.1' | 'nova-pre-2023.1';
export const POLICY_PRESETS: readonly PolicyPreset[] = ['course', 'nova-2023.1', 'nova-pre-2023.1'];

/** The calculator's whole state: one host, its VMs in creation order, and the policy. */
export interface SizingState {
  host: Host;
  vms: Vm[];
  policy: Policy;
}

/** Per-resource amounts, e.g. what one VM asks for. */
export type Amounts = Record<Resource, number>;
