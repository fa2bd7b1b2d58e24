import { closest } from '../core/suggest';
import { edgeIds } from './graph-ids';
import { ANY_ADDRESS, isLoopback } from './ip';
import { indexTopology } from './topology-index';
import type { Topology } from './types';
import type { ElementRef, Params } from './verdict';

export type WarningCode =
  | 'INTERNAL_NETWORK_ALONE'
  | 'NIC_WITHOUT_ADDRESS'
  | 'PORT_FORWARD_PRIVILEGED'
  | 'PORT_FORWARD_INACTIVE'
  | 'PORT_FORWARD_NO_GUEST'
  | 'SERVICE_ADDRESS_MISSING'
  | 'SERVICE_LOOPBACK_ONLY'
  | 'SECURITY_GROUP_NO_EGRESS'
  | 'HOST_LOOPBACK_SERVICE_HIDDEN';

/** Something legal but probably not what was meant; `info` for things worth knowing. */
export interface Warning {
  code: WarningCode;
  severity: 'warning' | 'info';
  element: ElementRef;
  params: Params;
}

/** Configuration smells a view can list next to the graph (a lab may also forbid some). */
export function lint(t: Topology): Warning[] {
  const ix = indexTopology(t);
  const out: Warning[] = [];

  // Internal networks are created by naming them, so a typo silently makes a new, empty network.
  const internalUse = new Map<string, { vm: string; path: (string | number)[]; host: string; network: string }[]>();
  for (const info of ix.endpoints.values()) {
    for (const { nic, segment, ref, slot } of info.nics) {
      if (segment === null) continue;
      if (nic.mode === 'internal') {
        const list = internalUse.get(segment) ?? [];
        list.push({ vm: info.id, path: ref.path, host: info.host?.id ?? '', network: nic.network ?? '' });
        internalUse.set(segment, list);
      }
      if (nic.address === null) {
        out.push({ code: 'NIC_WITHOUT_ADDRESS', severity: 'warning', element: ref, params: { vm: info.id, adapter: slot + 1, mode: nic.mode } });
      }
      if (nic.mode !== 'nat' && nic.portForwards.length > 0) {
        out.push({ code: 'PORT_FORWARD_INACTIVE', severity: 'info', element: ref, params: { vm: info.id, adapter: slot + 1, mode: nic.mode } });
      }
      if (nic.mode === 'nat' && !nic.localhostReachable && info.host) {
        // VirtualBox 7's default: the guest's 10.0.2.2 no longer reaches what listens on the host's loopback.
        for (const svc of info.host.services.filter((x) => isLoopback(x.listen))) {
          out.push({
            code: 'HOST_LOOPBACK_SERVICE_HIDDEN',
            severity: 'info',
            element: { ...ref, path: [...ref.path, 'localhostReachable'] },
            params: { service: svc.name, host: info.host.id, vm: info.id, adapter: slot + 1 },
          });
        }
      }
      if (nic.mode === 'cloud') {
        const hasEgress = nic.securityGroups.some((g) => ix.groups.get(g)?.group.rules.some((r) => r.direction === 'egress'));
        if (!hasEgress) {
          out.push({ code: 'SECURITY_GROUP_NO_EGRESS', severity: 'warning', element: { ...ref, kind: 'security-group', path: [...ref.path, 'securityGroups'] }, params: { vm: info.id, groups: nic.securityGroups.join(', ') || '(none)' } });
        }
      }
    }
  }
  for (const [segment, users] of internalUse) {
    if (users.length !== 1) continue;
    const only = users[0]!;
    const others = [...internalUse.entries()].filter(([s, u]) => s !== segment && u[0]!.host === only.host).map(([, u]) => u[0]!.network);
    const guess = closest(only.network, others);
    out.push({
      code: 'INTERNAL_NETWORK_ALONE',
      severity: 'warning',
      element: { kind: 'internal-network', owner: only.vm, node: segment, edge: edgeIds.nic(only.vm, Number(only.path[3])), path: [...only.path, 'network'] },
      params: { network: only.network, host: only.host, vm: only.vm, suggestion: guess ? ` of "${guess}"` : '' },
    });
  }

  for (const forwards of ix.forwardsByHost.values()) {
    for (const f of forwards) {
      if (f.rule.hostPort < 1024) out.push({ code: 'PORT_FORWARD_PRIVILEGED', severity: 'warning', element: f.ref, params: { rule: f.rule.name, hostPort: f.rule.hostPort } });
      if (f.target === null) out.push({ code: 'PORT_FORWARD_NO_GUEST', severity: 'warning', element: f.ref, params: { rule: f.rule.name, guestIp: f.rule.guestIp } });
    }
  }

  for (const info of ix.endpoints.values()) {
    if (info.kind === 'internet') continue;
    const own = new Set(info.ifaces.map((i) => i.address));
    info.services.forEach((svc, k) => {
      const element: ElementRef = { kind: 'service', owner: info.id, node: info.id, edge: null, path: [...info.path, 'services', k] };
      const params = { service: svc.name, node: info.id, listen: svc.listen };
      if (isLoopback(svc.listen)) out.push({ code: 'SERVICE_LOOPBACK_ONLY', severity: 'info', element, params });
      else if (svc.listen !== ANY_ADDRESS && !own.has(svc.listen)) out.push({ code: 'SERVICE_ADDRESS_MISSING', severity: 'warning', element, params });
    });
  }
  return out;
}
