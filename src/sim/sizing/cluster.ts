import { CPU_MODELS, findCpuModel, isGenericCpu, levelIndex, lowestCommonLevel, type CpuModel, type GenericCpu } from './cpu-models';
import type { CpuType, SizingState } from './types';

/**
 * Live migration across a cluster needs the destination to offer every CPU feature the guest saw
 * at boot ([pve] CPU type, [nova-cpu], libvirt domain XML):
 * - host-passthrough (Proxmox `host`) shows the exact host CPU: only identical CPUs (model and
 *   microcode) are safe destinations; never the other vendor.
 * - libvirt's host-model copies the host's features into a named model when the VM starts: hosts
 *   at least as capable, of the same vendor, can take it.
 * - a generic type runs on every node whose CPU supports that level; the lowest level every node
 *   supports is the portable choice (Proxmox: "choose the lowest compatible virtual QEMU CPU type").
 */
export interface ClusterNode {
  name: string;
  model: CpuModel | null;
  vendor: 'intel' | 'amd';
}

export function clusterNodes(state: SizingState): ClusterNode[] {
  const host = { name: state.host.name, model: findCpuModel(state.host.cpuModel), vendor: state.host.cpuVendor };
  const peers = state.cluster.map((p) => {
    const model = findCpuModel(p.cpuModel);
    return { name: p.name, model, vendor: model?.vendor ?? state.host.cpuVendor };
  });
  return [host, ...peers];
}

/** The generic type to recommend: the newest one every known node runs (kvm64 when nothing is known). */
export function recommendedGeneric(nodes: readonly ClusterNode[]): GenericCpu {
  const known = nodes.map((n) => n.model).filter((m): m is CpuModel => m !== null);
  return known.length === 0 ? 'kvm64' : lowestCommonLevel(known);
}

/** The peers a VM with this CPU type cannot live-migrate to from the host (by name). */
export function blockingPeers(cpuType: CpuType, nodes: readonly ClusterNode[]): string[] {
  const [host, ...peers] = nodes;
  if (!host) return [];
  if (cpuType === 'host-passthrough') {
    // Unknown models cannot be shown to be identical, so they count as different.
    return peers.filter((p) => p.vendor !== host.vendor || !host.model || !p.model || p.model.id !== host.model.id).map((p) => p.name);
  }
  if (cpuType === 'host-model') {
    return peers
      .filter((p) => p.vendor !== host.vendor || !host.model || !p.model || generation(p.model) < generation(host.model))
      .map((p) => p.name);
  }
  if (isGenericCpu(cpuType)) {
    // Every node, the host included: a level a node's CPU lacks cannot start there at all.
    return nodes.filter((n) => n.model !== null && levelIndex(n.model.level) < levelIndex(cpuType)).map((n) => n.name);
  }
  return [];
}

/** Position in the vendor's history (the catalogue lists each vendor oldest first): later generations have the earlier ones' features. */
const generation = (model: CpuModel): number => CPU_MODELS.indexOf(model);
