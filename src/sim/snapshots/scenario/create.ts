import { fail, ok, type Issue, type Result } from '../../core/issues';
import { apply } from '../apply';
import { addBlock, emptyStore } from '../disk/blocks';
import type { FileWrite } from '../disk/current';
import { explainRefusal } from '../explain';
import { PACKAGES, baseSystemFiles } from '../guest/catalog';
import { installWrites } from '../guest/packages';
import { boot } from '../guest/services';
import type { Action, GuestOp, StepContext } from '../model/actions';
import { uuidFor } from '../model/ids';
import { volumeName } from '../model/naming';
import type { AttachedDisk, BlockStore, FileMap, LabState, StorageKind, Vm } from '../model/types';
import { isDirectPath } from '../disk/layout';
import { defaultHost, macFor, nic } from '../../machine/defaults';
import type { Hardware } from '../../machine/types';
import { diskMedium, presetHardware } from '../../machine/preset';
import type { ScenarioVm, SnapshotScenario } from './schema';
import { parseDuration, parseSize } from './units';

/** The libvirt of Ubuntu 24.04 LTS and Debian 13: deletes and reverts external snapshots. */
export const DEFAULT_LIBVIRT = '10.0.0';
const DEFAULT_DISK: ScenarioDisk = { size: '32G', mode: 'normal', fixed: false };

const DEFAULT_STORAGE: Record<LabState['platform'], StorageKind> = { virtualbox: 'vdi', libvirt: 'qcow2', proxmox: 'zfs' };
const DEFAULT_STORAGE_ID: Record<StorageKind, string> = {
  vdi: 'default',
  qcow2: 'local',
  zfs: 'local-zfs',
  'lvm-thin': 'local-lvm',
  ceph: 'ceph-pool',
};

/**
 * Builds the lab: each VM gets a Debian base disk plus its packages and files, then the
 * history steps run through `apply` at their times, so a preset can only contain things the
 * engine allows; a refused step is reported with its path.
 */
export function createLab(sc: SnapshotScenario, ctx: StepContext): Result<LabState> {
  const storage = sc.storage ?? DEFAULT_STORAGE[sc.platform];
  const storageId = sc.storageId ?? DEFAULT_STORAGE_ID[storage];
  const startedAt = ctx.now - (sc.history.length > 0 ? parseDuration(sc.history[0]!.ago) : 0);
  const seed = sc.seed ?? sc.id;
  let store = emptyStore();
  let vms: Record<string, Vm> = {};
  const issues: Issue[] = [];
  sc.vms.forEach((spec, i) => {
    if (spec.template && spec.power === 'running') issues.push({ path: ['vms', i, 'power'], message: 'a template cannot be running' });
    const built = buildVm({ platform: sc.platform, storage, storageId }, spec, 100 + i, seed, i, store, startedAt);
    store = built.store;
    vms = { ...vms, [spec.name]: built.vm };
  });
  if (issues.length > 0) return fail(...issues);

  let lab: LabState = {
    version: 1,
    id: sc.id,
    title: sc.title,
    seed,
    platform: sc.platform,
    storage,
    storageId,
    vms,
    store: { ...store, live: store.count },
    repo: sc.repo,
    policy: { maxChain: sc.policy.maxChain ?? 3, maxAgeHours: sc.policy.maxAgeHours ?? 72 },
    libvirtVersion: sc.libvirtVersion ?? DEFAULT_LIBVIRT,
    console: { vm: sc.console ?? sc.vms[0]?.name ?? '' },
    host: scenarioHost(sc),
    media: Object.values(vms).flatMap((vm) => vm.disks.map((d) => diskMedium(sc.platform, d))),
    unregistered: [],
    hardware: {},
    seq: sc.vms.length + 1,
    log: [],
  };
  for (const [i, step] of sc.history.entries()) {
    const result = apply(lab, toAction(step.do), { now: ctx.now - parseDuration(step.ago) });
    if (result.refused) return fail({ path: ['history', i, 'do'], message: explainRefusal(result.refused) });
    lab = result.state;
  }
  return ok(lab);
}

function buildVm(
  lab: Pick<LabState, 'platform' | 'storage' | 'storageId'>,
  spec: ScenarioVm,
  defaultVmid: number,
  seed: string,
  index: number,
  store: BlockStore,
  now: number,
): { vm: Vm; store: BlockStore } {
  const writes: FileWrite[] = baseSystemFiles(spec.name).map((f) => ({ path: f.path, content: f.content, size: f.size }));
  const paths = (): FileMap => Object.fromEntries(writes.map((w) => [w.path, 'pending']));
  for (const [name, version] of Object.entries(spec.packages)) writes.push(...installWrites(PACKAGES[name]!, version, paths(), true));
  for (const f of spec.files) writes.push({ path: f.path, content: f.content, size: f.size === undefined ? undefined : parseSize(f.size) });
  const settings = { memoryMb: spec.memoryMb, cpus: spec.cpus };
  const vmid = spec.vmid ?? defaultVmid;
  const disks: AttachedDisk[] = (spec.disks ?? [DEFAULT_DISK]).map((d, i) => {
    const volume = d.file === undefined ? volumeName(lab, spec.name, vmid, spec.template, i) : imagePath(lab, d.file);
    return { mount: d.mount ?? '/', capacity: parseSize(d.size), mode: d.mode, fixed: d.fixed, uuid: uuidFor(seed, `${index + 1}/disk${i}`), volume, chain: [volume], overlays: [] };
  });
  // Installed data goes to the disk it lives on: into the base image, or beside the layers for a
  // disk snapshots leave out (SPEC V10).
  const files: FileMap = {};
  const direct: FileMap = {};
  for (const w of writes) {
    const added = addBlock(store, w.content, w.size);
    store = added.store;
    files[w.path] = added.id;
    if (isDirectPath(disks, w.path)) direct[w.path] = added.id;
  }
  const base: FileMap = Object.keys(direct).length === 0 ? files : Object.fromEntries(Object.entries(files).filter(([p]) => !(p in direct)));
  const running = spec.power === 'running';
  const uuid = uuidFor(seed, index + 1);
  const vm: Vm = {
    name: spec.name,
    uuid,
    vmid,
    settings,
    hw: scenarioHardware(lab.platform, uuid, disks, spec),
    power: running ? 'running' : 'poweroff',
    runtime: running ? boot(store, files, settings, now) : null,
    disk: { base, files, delta: {}, direct, lost: false },
    disks,
    snapshots: [],
    current: null,
    template: spec.template,
    linkedFrom: null,
  };
  return { vm, store };
}

/** A scenario's file name as the tool would show it: libvirt images live in its pool directory. */
function imagePath(lab: Pick<LabState, 'platform' | 'storageId'>, file: string): string {
  if (file.startsWith('/') || lab.platform === 'virtualbox') return file;
  return lab.platform === 'libvirt' ? `/var/lib/libvirt/images/${file}` : file.includes(':') ? file : `${lab.storageId}:${file}`;
}

type ScenarioDisk = NonNullable<ScenarioVm['disks']>[number];
type ScenarioAction = SnapshotScenario['history'][number]['do'];

/** Scenario steps are engine actions; only sizes written as text need converting. */
function toAction(a: ScenarioAction): Action {
  if (a.type !== 'guest') return a;
  const g = a.guest;
  if (g.op !== 'write') return { ...a, guest: g };
  const { size, ...rest } = g;
  const guest: GuestOp = size === undefined ? rest : { ...rest, size: parseSize(size) };
  return { ...a, guest };
}

/** The preset hardware with the scenario's OS type, NICs and agent option (SPEC M4). */
function scenarioHardware(platform: LabState['platform'], uuid: string, disks: AttachedDisk[], spec: ScenarioVm): Hardware {
  const hw = presetHardware(platform, uuid, disks, spec.ostype);
  const nics =
    spec.nics === undefined
      ? hw.nics
      : spec.nics.map((n, i) =>
          ({
            ...nic(i + 1, n.attachment, n.network ?? defaultNetwork(platform, n.attachment), platform === 'virtualbox' ? '82540EM' : 'virtio', macFor(platform, uuid, i + 1)),
            forwards: n.forwards.map((f) => ({ name: f.name, protocol: f.protocol, hostIp: '', hostPort: f.hostPort, guestIp: '', guestPort: f.guestPort })),
          }),
        );
  return { ...hw, nics, agent: spec.agent };
}

function defaultNetwork(platform: LabState['platform'], attachment: string): string | null {
  if (attachment === 'bridged') return platform === 'virtualbox' ? 'enp3s0' : platform === 'libvirt' ? 'br0' : 'vmbr0';
  if (attachment === 'hostonly') return 'vboxnet0';
  if (attachment === 'natnetwork') return platform === 'virtualbox' ? 'NatNetwork' : 'default';
  if (attachment === 'intnet') return 'intnet';
  return null;
}

/** The default host of the platform with what the scenario says about its LAN and files. */
function scenarioHost(sc: SnapshotScenario): LabState['host'] {
  const base = defaultHost(sc.platform);
  if (!sc.host) return base;
  const paths = new Set(sc.host.files.map((f) => f.path));
  return {
    ...base,
    ...(sc.host.name ? { name: sc.host.name } : {}),
    ...(sc.host.lan ? { lan: sc.host.lan } : {}),
    files: [...base.files.filter((f) => !paths.has(f.path)), ...sc.host.files],
  };
}
