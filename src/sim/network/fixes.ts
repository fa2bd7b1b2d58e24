import { ok, type Result } from '../core/issues';
import type { Action } from './actions';
import { apply } from './apply';
import { hostAddress, isUsableHost } from './ip';
import { suggestedHostPort } from './ports';
import { checkQuery, evaluate } from './reachability';
import { nicSegment } from './segments';
import { indexTopology, type EndpointInfo, type TopologyIndex } from './topology-index';
import type { NicMode, Topology } from './types';
import type { Query, QueryInput, Verdict } from './verdict';
import { ICMP_ECHO_REQUEST } from './security-groups';
import { vantagesOf } from './vantages';

export interface Fix {
  action: Action;
  /** The verdict once this action alone is applied. */
  after: Verdict;
}

export interface FixReport {
  before: Verdict;
  /** Single changes that make the connection work, the most targeted first. */
  fixes: Fix[];
  /** Single changes that get the connection further without completing it: a first step. */
  partial: Fix[];
}

/**
 * Which single changes would make a blocked connection work? Candidate edits are generated from
 * the query and the configuration around both ends, each one is applied and the query re-run,
 * so every fix offered is verified by the same engine that found the block.
 */
export function whatWouldFix(t: Topology, input: QueryInput): Result<FixReport> {
  const checked = checkQuery(t, input);
  if (!checked.ok) return checked;
  const q = checked.value;
  const ix = indexTopology(t);
  const before = evaluate(ix, q);
  if (before.ok) return ok({ before, fixes: [], partial: [] });
  const fixes: Fix[] = [];
  const partial: Fix[] = [];
  const seen = new Set<string>();
  for (const { action } of candidates(ix, q).sort((a, b) => a.cost - b.cost)) {
    const key = JSON.stringify(action);
    if (seen.has(key)) continue;
    seen.add(key);
    const applied = apply(t, action);
    if (!applied.ok) continue;
    const after = evaluate(indexTopology(applied.value.state), q);
    if (after.ok) fixes.push({ action, after });
    else if (after.blocked!.stage > before.blocked!.stage) partial.push({ action, after });
  }
  return ok({ before, fixes, partial });
}

/**
 * A short sequence of changes that makes the connection work, found greedily: a complete fix
 * when one exists, otherwise the first change that gets further, then again from there.
 */
export function planFix(t: Topology, q: QueryInput, maxSteps = 4): Result<{ ok: boolean; steps: Fix[] }> {
  const steps: Fix[] = [];
  let state = t;
  for (let i = 0; i < maxSteps; i++) {
    const report = whatWouldFix(state, q);
    if (!report.ok) return report;
    if (report.value.before.ok) return ok({ ok: true, steps });
    const next = report.value.fixes[0] ?? report.value.partial[0];
    if (!next) return ok({ ok: false, steps });
    steps.push(next);
    const applied = apply(state, next.action);
    if (!applied.ok) return ok({ ok: false, steps });
    state = applied.value.state;
    if (next.after.ok) return ok({ ok: true, steps });
  }
  return ok({ ok: false, steps });
}

type Candidate = { action: Action; cost: number };

/** Cheap, targeted edits first (a rule, a forward); re-plumbing a network adapter last. */
function candidates(ix: TopologyIndex, q: Query): Candidate[] {
  const t = ix.t;
  const out: Candidate[] = [];
  const push = (action: Action, cost: number) => out.push({ action, cost });
  const source = ix.endpoints.get(q.from)!;
  const target = ix.endpoints.get(q.to)!;

  const flow = { protocol: q.protocol, port: q.port };
  /** A security group rule for this flow: a port range for TCP/UDP, the echo request type for a ping. */
  const ruleFor = (port: number | null) =>
    q.protocol === 'icmp' ? { protocol: q.protocol, icmpType: ICMP_ECHO_REQUEST } : port === null ? { protocol: q.protocol } : { protocol: q.protocol, ports: port };

  // The machines that should accept the connection: the target, or the guests behind its forwards.
  const servers: { endpoint: EndpointInfo; port: number | null }[] = [{ endpoint: target, port: q.port }];
  const forwards = [...ix.forwardsByHost.values()].flat().filter(
    (f) => f.rule.protocol === q.protocol && ((f.target?.vm === target.id && f.rule.guestPort === q.port) || (f.host === target.id && f.rule.hostPort === q.port)),
  );
  for (const f of forwards) {
    if (f.target && f.target.vm !== target.id) servers.push({ endpoint: ix.endpoints.get(f.target.vm)!, port: f.rule.guestPort });
    const host = ix.endpoints.get(f.host)!;
    if (host.firewall.enabled) push({ type: 'allowFirewallPort', node: host.id, port: f.rule.hostPort, protocol: q.protocol }, 1);
    if (f.via === 'nat' && f.rule.hostIp !== '') push({ type: 'updatePortForward', vm: f.ref.owner, nic: Number(f.ref.path[3]), name: f.rule.name, changes: { hostIp: '' } }, 1);
  }

  // A NAT guest whose engine drops 10.0.2.2: turning "localhost reachable" on (VirtualBox 7, N10).
  for (const { slot, nic } of source.nics) {
    if (nic.mode === 'nat' && !nic.localhostReachable && source.host) push({ type: 'setNatLocalhostReachable', vm: source.id, nic: slot, reachable: true }, 1);
  }

  for (const { endpoint, port } of servers) {
    if (endpoint.kind === 'internet') continue;
    const service = port === null ? undefined : endpoint.services.find((s) => s.port === port && s.protocol === q.protocol);
    if (service && service.listen !== '0.0.0.0') push({ type: 'setServiceListen', node: endpoint.id, service: service.name, listen: '0.0.0.0' }, 1);
    if (endpoint.firewall.enabled) push({ type: 'allowFirewallPort', node: endpoint.id, ...(port === null ? {} : { port }), protocol: q.protocol }, 1);
    for (const iface of endpoint.ifaces) {
      if (iface.nic?.mode !== 'cloud') continue;
      // "internet" stands for anyone out there, so its rule opens the port to 0.0.0.0/0; a known
      // machine gets the narrowest rule first (its address as the port sees it, or its group).
      const remotes = source.kind === 'internet' ? [] : [...new Set(vantagesOf(ix, source, flow).filter((v) => v.at !== 'self' && v.at !== 'host-local').map((v) => `${v.src}/32`))];
      const sourceGroups = new Set(source.ifaces.flatMap((i) => (i.nic?.mode === 'cloud' ? i.nic.securityGroups : [])));
      // A project's shared "default" group last: a rule for one service belongs in that service's group.
      const groups = [...iface.nic.securityGroups].sort((a, b) => Number(a === 'default') - Number(b === 'default'));
      for (const group of groups) {
        for (const remote of remotes) push({ type: 'addSecurityGroupRule', group, rule: { direction: 'ingress', ...ruleFor(port), remote } }, 2);
        for (const remoteGroup of sourceGroups) push({ type: 'addSecurityGroupRule', group, rule: { direction: 'ingress', ...ruleFor(port), remoteGroup } }, 2);
        push({ type: 'addSecurityGroupRule', group, rule: { direction: 'ingress', ...ruleFor(port), remote: '0.0.0.0/0' } }, source.kind === 'internet' ? 2 : 3);
      }
      if (iface.nic.floatingIp === null) push({ type: 'attachFloatingIp', vm: endpoint.id, nic: iface.slot! }, 2);
    }
  }

  for (const iface of source.ifaces) {
    if (iface.nic?.mode !== 'cloud') continue;
    for (const group of iface.nic.securityGroups) push({ type: 'addSecurityGroupRule', group, rule: { direction: 'egress', ...ruleFor(q.port), remote: '0.0.0.0/0' } }, 2);
    if (iface.nic.floatingIp === null) push({ type: 'attachFloatingIp', vm: source.id, nic: iface.slot! }, 3);
  }

  // Port forwards carry TCP and UDP only.
  if (target.kind === 'vm' && target.host && q.port !== null && (q.protocol === 'tcp' || q.protocol === 'udp')) {
    const protocol = q.protocol;
    const takenPorts = new Set([...(ix.forwardsByHost.get(target.host.id) ?? [])].map((f) => f.rule.hostPort));
    const hostPort = suggestedHostPort(q.port, takenPorts);
    for (const { slot, nic } of target.nics) {
      if (nic.mode === 'nat') push({ type: 'addPortForward', vm: target.id, nic: slot, rule: { protocol, hostPort, guestPort: q.port } }, 2);
      if (nic.mode === 'nat-network' && nic.address !== null) {
        push({ type: 'addNatNetworkPortForward', host: target.host.id, network: nic.network!, rule: { protocol, hostPort, guestIp: nic.address, guestPort: q.port } }, 2);
      }
    }
  }

  for (const [endpoint, other] of [[target, source], [source, target]] as const) {
    if (endpoint.kind !== 'vm') continue;
    for (const action of modeChanges(t, endpoint, other)) push(action, 5);
  }
  return out;
}

/** Re-attach one adapter of a VM to each other network it could use. */
function modeChanges(t: Topology, vm: EndpointInfo, other: EndpointInfo): Action[] {
  const out: Action[] = [];
  const host = vm.host;
  for (const { slot, nic } of vm.nics) {
    const option = (mode: NicMode, network?: string, address?: string) => {
      if (mode === nic.mode && (network ?? null) === nic.network) return;
      out.push({ type: 'setNicMode', vm: vm.id, nic: slot, mode, ...(network === undefined ? {} : { network }), ...(address === undefined ? {} : { address }) });
    };
    if (host === null) {
      for (const net of t.networks) option('cloud', net.id);
    } else {
      option('bridged');
      option('nat');
      for (const net of host.hostOnlyNetworks) option('host-only', net.name);
      for (const net of host.natNetworks) option('nat-network', net.name);
      // Join an internal network the other end is on, with a free address in its subnet.
      for (const o of other.nics) {
        if (o.nic.mode !== 'internal' || other.host?.id !== host.id || o.nic.subnet === null) continue;
        const address = freeInternalAddress(t, host.id, o.nic.network!, o.nic.subnet);
        if (address) option('internal', o.nic.network!, `${address}/${o.nic.subnet.split('/')[1]}`);
      }
    }
  }
  return out;
}

function freeInternalAddress(t: Topology, hostId: string, network: string, subnet: string): string | null {
  const segment = `intnet:${hostId}:${network}`;
  const used = new Set<string>();
  for (const vm of t.vms) {
    vm.nics.forEach((n, i) => {
      if (n.address !== null && nicSegment(vm, n, i, null) === segment) used.add(n.address);
    });
  }
  for (let n = 100; n < 255; n++) {
    const candidate = hostAddress(subnet, n);
    if (!used.has(candidate) && isUsableHost(subnet, candidate)) return candidate;
  }
  return null;
}
