/**
 * The sizing engine's data. Everything here is plain JSON (DESIGN rule 2). Units are in the field
 * names because they differ on purpose: RAM and swap in MB (Nova's MEMORY_MB and flavor.swap),
 * disks in GB (Nova's DISK_GB and flavor.root_gb / ephemeral_gb).
 */

/**
 * Placement's standard resource classes, in the order every view lists them. PCPU is a dedicated
 * (pinned) host CPU: only a Nova node with `cpu_dedicated_set` has any.
 */
export type Resource = 'VCPU' | 'PCPU' | 'MEMORY_MB' | 'DISK_GB';
export const RESOURCES: readonly Resource[] = ['VCPU', 'PCPU', 'MEMORY_MB', 'DISK_GB'];

export type CpuVendor = 'intel' | 'amd';
export const CPU_VENDORS: readonly CpuVendor[] = ['intel', 'amd'];

/**
 * What the host's storage keeps in RAM, apart from the course's host reserve. ZFS caches in its
 * ARC (Proxmox VE 8.1+ installers cap it at 10 % of RAM, at most 16 GiB; OpenZFS otherwise takes
 * up to 50 %); each Ceph OSD daemon aims at `osd_memory_target` (4 GiB by default).
 */
export type HostStorage =
  | { kind: 'none' }
  | { kind: 'zfs-pve81' }
  | { kind: 'zfs-default' }
  | { kind: 'zfs-custom'; arcMaxMb: number }
  | { kind: 'ceph'; osds: number; osdMemoryMb: number };
export type StorageKind = HostStorage['kind'];
export const STORAGE_KINDS: readonly StorageKind[] = ['none', 'zfs-pve81', 'zfs-default', 'zfs-custom', 'ceph'];

export interface Host {
  name: string;
  sockets: number;
  coresPerSocket: number;
  /** 2 with Hyper-Threading/SMT on. Threads are logical CPUs, not extra cores. */
  threadsPerCore: number;
  ramMb: number;
  diskGb: number;
  cpuVendor: CpuVendor;
  /** The QEMU name of the host's CPU generation (`Skylake-Server`, `EPYC-Milan`), or null when not given. */
  cpuModel: string | null;
  storage: HostStorage;
  /** Proxmox's node option `ballooning-target`: ballooning VMs grow only while host RAM use is below it. */
  balloonTargetPercent: number;
}

/** Another node of the cluster the VMs may live-migrate to; only its CPU matters here. */
export interface ClusterPeer {
  name: string;
  /** QEMU CPU model name, as for the host. */
  cpuModel: string;
}

/**
 * How the guest CPU is presented (libvirt cpu mode / Proxmox "CPU type"): passthrough and
 * host-model expose the host's features; the named generic models trade features for portability.
 */
export type CpuType = 'host-passthrough' | 'host-model' | 'kvm64' | 'x86-64-v2' | 'x86-64-v2-AES' | 'x86-64-v3' | 'x86-64-v4';
// New types go at the end: links store the index.
export const CPU_TYPES: readonly CpuType[] = ['host-passthrough', 'host-model', 'kvm64', 'x86-64-v2', 'x86-64-v2-AES', 'x86-64-v3', 'x86-64-v4'];

/** Nova's `hw:cpu_policy`: dedicated vCPUs are pinned and consume PCPU instead of VCPU. */
export type CpuPolicy = 'shared' | 'dedicated';
export const CPU_POLICIES: readonly CpuPolicy[] = ['shared', 'dedicated'];

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
  /** Under Nova, dedicated vCPUs ask for PCPU instead of VCPU. */
  cpuPolicy: CpuPolicy;
}

/** Options that do not change the allocation but matter for speed and portability. */
export interface VmOptions {
  cpuType: CpuType;
  diskFormat: DiskFormat;
  provisioning: Provisioning;
  nic: NicModel;
  balloon: boolean;
}

/** What a VM is beyond its flavor sizes: the CPU topology a guest sees, ballooning, how much of its disks is written. */
export interface VmDetails {
  /** Proxmox `sockets`; cores per socket = vcpus ÷ sockets, so vcpus = sockets × cores as in qm. */
  sockets: number;
  /** Proxmox `balloon`: the memory always guaranteed; null = fixed memory (minimum = memory). */
  balloonMinMb: number | null;
  /** Data the guest has written to its local disks; a thin disk takes this much on the host. */
  diskWrittenGb: number;
  /** Snapshots kept inside the image (qcow2, vmdk, vhdx). */
  snapshots: number;
  /** Host space the snapshots hold: old copies of clusters the guest rewrote after a snapshot. */
  snapshotGb: number;
}

export interface Vm extends VmSpec, VmOptions, VmDetails {
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

/** Nova releases that changed how allocation ratios start: before Stein, Stein to Zed, 2023.1 on. */
export type NovaRelease = 'rocky' | 'stein' | 'zed' | '2023.1' | '2025.1';
export const NOVA_RELEASES: readonly NovaRelease[] = ['rocky', 'stein', 'zed', '2023.1', '2025.1'];

/** A ratio option as written in nova.conf: null when the line is absent. */
export type WrittenRatios = Record<keyof Ratios, number | null>;

/**
 * Where a node's ratios came from: the release its compute node record was created under, the
 * release it runs now, and `*_allocation_ratio` / `initial_*_allocation_ratio` as written in
 * nova.conf. The policy's ratios are resolved from it (nova-history.ts).
 */
export interface NovaOrigin {
  registered: NovaRelease;
  running: NovaRelease;
  configured: WrittenRatios;
  initial: WrittenRatios;
}

/** `[compute] cpu_dedicated_set` and `cpu_shared_set` as counts of host logical CPUs. */
export interface CpuSets {
  dedicated: number;
  /** null: cpu_shared_set not written (with a dedicated set, the node then reports no VCPU). */
  shared: number | null;
}

/** A project's quota (Nova `[quota]` instances, cores, ram); -1 = unlimited. */
export interface Quota {
  instances: number;
  cores: number;
  ramMb: number;
}

export interface NovaPolicy {
  kind: 'nova';
  ratios: Ratios;
  reserved: Reserve;
  /** Set when the ratios were resolved from the node's history, so the reason can be shown. */
  origin?: NovaOrigin;
  cpuSets?: CpuSets;
  quota?: Quota;
}

/**
 * `course`: the module's strict rules (no RAM overcommit, a RAM reserve, no VM wider than the
 * physical cores). `nova`: OpenStack Placement's arithmetic with allocation ratios.
 */
export type Policy = { kind: 'course'; reserved: Reserve } | NovaPolicy;

export type PolicyPreset = 'course' | 'nova-2023.1' | 'nova-pre-2023.1';
export const POLICY_PRESETS: readonly PolicyPreset[] = ['course', 'nova-2023.1', 'nova-pre-2023.1'];

/** The calculator's whole state: one host, its VMs in creation order, the policy, and the cluster's other nodes. */
export interface SizingState {
  host: Host;
  vms: Vm[];
  policy: Policy;
  /** Other nodes the VMs may live-migrate to; empty for a single host. */
  cluster: ClusterPeer[];
}

/** Per-resource amounts, e.g. what one VM asks for. */
export type Amounts = Record<Resource, number>;
