import { cloneHardware, diskMedium } from '../../machine/preset';
import { hardwareOf } from '../../machine/registry';
import { ownValue } from '../../core/own';
import { addBlock, blockContent, blockSize } from '../disk/blocks';
import { withVm } from '../disk/current';
import { layeredFiles, systemVolume } from '../disk/layout';
import { snapshotView } from '../disk/view';
import type { CloneAction, TemplateAction } from '../model/actions';
import { uuidFor } from '../model/ids';
import { nameLimit, volumeName } from '../model/naming';
import type { FileMap, LabState, Vm } from '../model/types';
import { done, event, isRefusal, lookupSnapshot, lookupVm, refuse, type Outcome } from './outcome';
import { hasSnapshots } from '../model/snapshot-store';

/**
 * Clones (SPEC C1-C3). A full clone copies every block: an independent disk. A linked clone
 * gets a new layer on top of the source's snapshot (or template) and reads everything else
 * through it: nearly free, but it depends on the source staying intact.
 */
export function clone(lab: LabState, a: CloneAction): Outcome {
  const src = lookupVm(lab, a.vm);
  if (isRefusal(src)) return { ok: false, refusal: src };
  if (src.disk.lost) return refuse('BASE_DISK_LOST', { vm: src.name });
  const name = a.name.trim();
  if (name === '') return refuse('NAME_EMPTY', { vm: src.name });
  if (name.length > nameLimit(lab.platform)) return refuse('NAME_TOO_LONG', { vm: src.name, length: name.length, max: nameLimit(lab.platform), platform: lab.platform });
  if (ownValue(lab.vms, name)) return refuse('VM_NAME_TAKEN', { vm: src.name, name });
  const taken = new Set(Object.values(lab.vms).map((v) => v.vmid));
  if (a.vmid !== undefined && taken.has(a.vmid)) return refuse('VMID_TAKEN', { vm: src.name, vmid: a.vmid });
  let vmid = a.vmid ?? 100;
  while (taken.has(vmid)) vmid++;

  let snapName = '';
  let snapId: string | null = null;
  let view: FileMap = layeredFiles(src.disk);
  let settings = src.settings;
  let hw = src.hw;
  if (a.snapshot !== undefined) {
    const snap = lookupSnapshot(src, a.snapshot);
    if (isRefusal(snap)) return { ok: false, refusal: snap };
    snapName = snap.name;
    snapId = snap.id;
    view = snapshotView(src, snap.id);
    settings = snap.settings;
    hw = hardwareOf(lab, snap.hw, src.hw);
  }

  if (lab.platform === 'virtualbox' && a.mode === 'linked' && a.snapshot === undefined) {
    return refuse('LINKED_CLONE_NEEDS_SNAPSHOT', { vm: src.name });
  }
  if (lab.platform === 'libvirt') {
    if (a.mode === 'linked') return refuse('UNSUPPORTED_ON_PLATFORM', { vm: src.name, op: 'linked clone', platform: lab.platform });
    if (a.snapshot !== undefined) return refuse('UNSUPPORTED_ON_PLATFORM', { vm: src.name, op: 'clone from snapshot', platform: lab.platform });
    if (src.power === 'running') return refuse('CLONE_SOURCE_RUNNING', { vm: src.name });
  }
  if (lab.platform === 'proxmox') {
    if (a.mode === 'linked' && !src.template) return refuse('LINKED_CLONE_NEEDS_TEMPLATE', { vm: src.name, volume: systemVolume(src) });
    if (a.mode === 'full' && a.snapshot !== undefined && lab.storage === 'zfs') {
      return refuse('FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED', { vm: src.name, snapshot: snapName, storage: lab.storage });
    }
  }

  let store = lab.store;
  const copy = (map: FileMap): FileMap => {
    const out: FileMap = {};
    for (const [path, id] of Object.entries(map)) {
      const copied = addBlock(store, blockContent(store, id), blockSize(store, id));
      store = copied.store;
      out[path] = copied.id;
    }
    return out;
  };
  const base: FileMap = a.mode === 'full' ? copy(view) : view;
  // Disks that snapshots leave out have no snapshot to share: every clone gets their current data.
  const direct = copy(src.disk.direct);
  const bytes = [...Object.values(view), ...Object.values(src.disk.direct)].reduce((n, id) => n + blockSize(lab.store, id), 0);
  const uuid = uuidFor(lab.seed, lab.seq);
  const disks = src.disks.map((d, i) => {
    const volume = volumeName(lab, name, vmid, false, i);
    return { ...d, uuid: uuidFor(lab.seed, `${lab.seq}/disk${i}`), volume, chain: [volume], overlays: [] };
  });
  const vm: Vm = {
    name,
    uuid,
    vmid,
    settings,
    hw: cloneHardware(lab.platform, hw, src.disks, disks, uuid),
    power: 'poweroff',
    runtime: null,
    disk: { base, files: { ...base, ...direct }, delta: {}, direct, lost: false },
    disks,
    snapshots: [],
    current: null,
    template: false,
    linkedFrom: a.mode === 'linked' ? { vm: src.name, snapshot: snapId } : null,
  };
  const next = withVm({ ...lab, store, seq: lab.seq + 1, media: [...lab.media, ...disks.map((d) => diskMedium(lab.platform, d))] }, vm);
  return done(next, [
    event('VM_CLONED', src.name, { clone: name, mode: a.mode, snapshot: snapName, vmid, bytes: a.mode === 'full' ? bytes : 0, sharedBytes: a.mode === 'linked' ? bytes : 0 }),
  ]);
}

/** `qm template`: a read-only base for linked clones (Proxmox only, SPEC P5). */
export function makeTemplate(lab: LabState, a: TemplateAction): Outcome {
  const vm = lookupVm(lab, a.vm);
  if (isRefusal(vm)) return { ok: false, refusal: vm };
  if (lab.platform !== 'proxmox') return refuse('UNSUPPORTED_ON_PLATFORM', { vm: vm.name, op: 'template', platform: lab.platform });
  if (hasSnapshots(vm)) return refuse('TEMPLATE_HAS_SNAPSHOTS', { vm: vm.name });
  if (vm.template) return refuse('ALREADY_TEMPLATE', { vm: vm.name });
  if (vm.power !== 'poweroff') return refuse('TEMPLATE_RUNNING', { vm: vm.name });
  const disks = vm.disks.map((d, i) => {
    const volume = volumeName(lab, vm.name, vm.vmid, true, i);
    return { ...d, volume, chain: [volume], overlays: [] };
  });
  const next: Vm = { ...vm, template: true, disks };
  return done(withVm(lab, next), [event('TEMPLATE_CREATED', vm.name, { volume: systemVolume(next) })]);
}
