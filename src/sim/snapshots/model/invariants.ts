import { ownValue } from '../../core/own';
import { getBlock } from '../disk/blocks';
import { isDirectPath, layeredFiles } from '../disk/layout';
import { applyDelta, currentParentView, sameView } from '../disk/view';
import type { LabState } from './types';
import { chainFrom } from '../actions/libvirt-chains';
import { getSnapshot, hasSnapshots, listSnapshots } from './snapshot-store';

/**
 * Everything that must hold after any sequence of steps (checked by the fuzz tests, SPEC T1-T4):
 * the snapshot graph is a tree, the current pointer is valid, the materialised current state
 * equals its parent view plus its layer, every referenced block exists, and RAM exists exactly
 * when the VM is not powered off.
 */
export function checkLab(lab: LabState): string[] {
  const problems: string[] = [];
  for (const vm of Object.values(lab.vms)) {
    const at = (msg: string): void => {
      problems.push(`${vm.name}: ${msg}`);
    };
    for (const s of listSnapshots(vm)) {
      if (s.parent !== null && !getSnapshot(vm, s.parent)) at(`snapshot ${s.id} has a missing parent ${s.parent}`);
      const seen = new Set<string>();
      let cur: string | null = s.id;
      while (cur !== null && getSnapshot(vm, cur)) {
        if (seen.has(cur)) {
          at(`snapshot ${s.id} is in a cycle`);
          break;
        }
        seen.add(cur);
        cur = getSnapshot(vm, cur)!.parent;
      }
    }
    if (vm.current !== null && !getSnapshot(vm, vm.current)) at(`current snapshot ${vm.current} does not exist`);
    if (vm.current === null && hasSnapshots(vm) && lab.platform === 'virtualbox') {
      at('VirtualBox always has a current snapshot once there are snapshots');
    }
    if (!sameView(applyDelta(currentParentView(vm), vm.disk.delta), layeredFiles(vm.disk))) at('current files differ from parent view + layer');
    for (const path in vm.disk.direct) {
      if (vm.disk.files[path] !== vm.disk.direct[path]) at(`direct file ${path} is not in the current files`);
      if (!isDirectPath(vm.disks, path)) at(`direct file ${path} is on a disk that snapshots capture`);
    }
    for (const path in vm.disk.files) if (!(path in vm.disk.direct) && isDirectPath(vm.disks, path)) at(`${path} is on a write-through disk but in a layer`);
    if (vm.disks.length > 0 && vm.disks[0]!.mount !== '/') at('the first disk must be the system disk, mounted at /');
    for (const [i, d] of vm.disks.entries()) {
      if (d.chain.length === 0 || d.chain[d.chain.length - 1] !== d.volume) at(`disk ${i}'s backing chain does not end at its image`);
      if (d.chain.join('|') !== chainFrom(d, d.chain[0]!).join('|')) at(`disk ${i}'s chain ${d.chain.join(' → ')} does not follow its overlays' backing files`);
      const files = new Set([d.volume, ...d.overlays.map((o) => o.file)]);
      if (files.size !== d.overlays.length + 1) at(`disk ${i} lists an overlay twice`);
      for (const o of d.overlays) if (!files.has(o.backing)) at(`overlay ${o.file} of disk ${i} is written on a missing file ${o.backing}`);
      for (const s of listSnapshots(vm)) {
        const image = s.images?.[i];
        if (image !== undefined && !files.has(image)) at(`snapshot ${s.id} keeps its state in a missing file ${image}`);
      }
      if (lab.platform !== 'virtualbox' && d.mode !== 'normal') at(`disk ${i} has mode ${d.mode} outside VirtualBox`);
    }
    for (const s of listSnapshots(vm)) {
      if ((s.location === undefined) !== (lab.platform !== 'libvirt')) at(`snapshot ${s.id} has location ${String(s.location)} on ${lab.platform}`);
      if (s.images && s.images.length !== vm.disks.length) at(`snapshot ${s.id} records ${s.images.length} images for ${vm.disks.length} disks`);
    }
    const maps = [vm.disk.base, vm.disk.files, vm.disk.delta, vm.disk.direct, ...listSnapshots(vm).map((s) => s.delta)];
    for (const map of maps) {
      for (const id of Object.values(map)) if (id !== null && !getBlock(lab.store, id)) at(`block ${id} is referenced but missing`);
    }
    if ((vm.runtime === null) !== (vm.power === 'poweroff')) at(`power ${vm.power} with ${vm.runtime === null ? 'no' : 'a'} runtime`);
    if (vm.linkedFrom && !ownValue(lab.vms, vm.linkedFrom.vm)) at(`linked source ${vm.linkedFrom.vm} is missing`);
    const source = vm.linkedFrom ? ownValue(lab.vms, vm.linkedFrom.vm) : undefined;
    if (vm.linkedFrom?.snapshot && source && !getSnapshot(source, vm.linkedFrom.snapshot)) {
      at(`linked source snapshot ${vm.linkedFrom.snapshot} is missing`);
    }
  }
  if (Object.keys(lab.vms).length > 0 && !ownValue(lab.vms, lab.console.vm)) problems.push(`console points at missing VM ${lab.console.vm}`);
  if (Object.keys(lab.vms).length === 0 && lab.console.vm !== '') problems.push(`console points at ${lab.console.vm} in a lab without VMs`);
  for (const vm of Object.values(lab.vms)) {
    for (const a of vm.hw.attachments) {
      if (!vm.hw.controllers.some((c) => c.name === a.controller)) problems.push(`${vm.name}: attachment on missing controller ${a.controller}`);
      if (a.medium !== null && !lab.media.some((m) => m.uuid === a.medium)) problems.push(`${vm.name}: attachment of unregistered medium ${a.medium}`);
    }
    const slots = vm.hw.nics.map((n) => n.slot);
    if (new Set(slots).size !== slots.length || slots.some((s) => s < 1 || s > 8)) problems.push(`${vm.name}: NIC slots ${slots.join(',')}`);
    for (const s of listSnapshots(vm)) if (!Object.hasOwn(lab.hardware, s.hw)) problems.push(`${vm.name}: snapshot ${s.name} has no hardware entry`);
  }
  return problems;
}
