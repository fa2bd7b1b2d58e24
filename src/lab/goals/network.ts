/** Network goals, answered by the network engine's own queries (SPEC in src/lab/SPEC.md, G-N rules). */
import { formatIssue, type Issue } from '../../sim/core/issues';
import type { Flow } from '../../sim/network/entries';
import { describeVerdict } from '../../sim/network/explain';
import { firewallAllows, flowText } from '../../sim/network/filters';
import { canConnect, checkFlow } from '../../sim/network/reachability';
import { ruleAllows } from '../../sim/network/security-groups';
import type { Firewall, Service, Topology } from '../../sim/network/types';
import { evaluateCombined, type Evaluated } from './evaluate';
import type { Check, NetworkCheck } from './checks';

const yes = (detail: string): Evaluated => ({ met: true, detail });
const no = (detail: string): Evaluated => ({ met: false, detail });

function machine(t: Topology, id: string): { id: string; services: Service[]; firewall: Firewall } | undefined {
  return [...t.vms, ...t.hosts, ...t.devices].find((m) => m.id === id);
}

function unknown(what: string, id: string, known: string[]): Evaluated {
  return { error: `unknown ${what} "${id}" (known: ${known.map((k) => `"${k}"`).join(', ') || 'none'})` };
}

function leaf(c: NetworkCheck, t: Topology): Evaluated {
  switch (c.kind) {
    case 'reachable':
    case 'unreachable': {
      const r = canConnect(t, { from: c.from, to: c.to, port: c.port ?? null, protocol: c.protocol, address: c.address ?? null });
      if (!r.ok) return { error: r.issues.map((i) => formatIssue(i)).join('; ') };
      const reached = r.value.ok;
      return { met: c.kind === 'reachable' ? reached : !reached, detail: `${describeVerdict(r.value)}.` };
    }
    case 'nic-mode': {
      const vm = t.vms.find((v) => v.id === c.vm);
      if (!vm) return unknown('VM', c.vm, t.vms.map((v) => v.id));
      const nic = vm.nics[c.nic];
      if (!nic) return { error: `VM "${c.vm}" has no adapter ${c.nic + 1} (it has ${vm.nics.length})` };
      const modeOk = nic.mode === c.mode;
      const netOk = c.network === undefined || nic.network === c.network;
      const now = `adapter ${c.nic + 1} of ${c.vm} is ${nic.mode}${nic.network ? ` on "${nic.network}"` : ''}`;
      return modeOk && netOk ? yes(`Yes: ${now}.`) : no(`Not yet: ${now}.`);
    }
    case 'port-forward': {
      const vm = t.vms.find((v) => v.id === c.vm);
      if (!vm) return unknown('VM', c.vm, t.vms.map((v) => v.id));
      const nic = vm.nics[c.nic];
      if (!nic) return { error: `VM "${c.vm}" has no adapter ${c.nic + 1} (it has ${vm.nics.length})` };
      const match = nic.portForwards.find(
        (f) =>
          (c.hostPort === undefined || f.hostPort === c.hostPort) &&
          (c.guestPort === undefined || f.guestPort === c.guestPort) &&
          (c.hostIp === undefined || f.hostIp === c.hostIp) &&
          (c.protocol === undefined || f.protocol === c.protocol),
      );
      const rules = nic.portForwards.map((f) => `${f.protocol} ${f.hostIp || '*'}:${f.hostPort} → ${f.guestPort}`).join(', ');
      return match ? yes(`Rule "${match.name}" forwards host port ${match.hostPort} to guest port ${match.guestPort}.`) : no(`No matching port forward on ${c.vm} (rules now: ${rules || 'none'}).`);
    }
    case 'floating-ip': {
      const vm = t.vms.find((v) => v.id === c.vm);
      if (!vm) return unknown('VM', c.vm, t.vms.map((v) => v.id));
      const fips = vm.nics.flatMap((n) => (n.floatingIp === null ? [] : [n.floatingIp]));
      if (fips.length === 0) return no(`${c.vm} has no floating IP.`);
      if (c.address !== undefined && !fips.includes(c.address)) return no(`${c.vm} has floating IP ${fips.join(', ')}, not ${c.address}.`);
      return yes(`${c.vm} has floating IP ${c.address ?? fips[0]}.`);
    }
    case 'sg-allows': {
      const group = t.securityGroups.find((g) => g.id === c.group);
      if (!group) return unknown('security group', c.group, t.securityGroups.map((g) => g.id));
      const flow = goalFlow(c.protocol, c.port);
      if ('error' in flow) return flow;
      // Protocol and port as the engine matches them (N46); the remote must be exactly the one named.
      const rule = group.rules.find(
        (r) =>
          ruleAllows({ ...r, remoteCidr: '0.0.0.0/0', remoteGroup: null }, 'ingress', flow, { address: '0.0.0.0', port: null }) &&
          (c.fromCidr === undefined || r.remoteCidr === c.fromCidr) &&
          (c.fromGroup === undefined || r.remoteGroup === c.fromGroup),
      );
      const source = c.fromGroup ? `members of "${c.fromGroup}"` : c.fromCidr ? c.fromCidr : 'anywhere';
      const what = goalWhat(flow);
      return rule ? yes(`Group "${c.group}" allows ${what} from ${source}.`) : no(`Group "${c.group}" has no ingress rule for ${what} from ${source}.`);
    }
    case 'firewall-allows': {
      const m = machine(t, c.node);
      if (!m) return unknown('machine', c.node, [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id));
      const flow = goalFlow(c.protocol, c.port);
      if ('error' in flow) return flow;
      const what = goalWhat(flow);
      if (!m.firewall.enabled) return yes(`The firewall of ${c.node} is off, so it lets ${what} in.`);
      return firewallAllows(m.firewall, flow) ? yes(`The firewall of ${c.node} allows ${what}.`) : no(`The firewall of ${c.node} does not allow ${what}.`);
    }
    case 'service-listen': {
      const m = machine(t, c.node);
      if (!m) return unknown('machine', c.node, [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id));
      const s = m.services.find((x) => x.name === c.service);
      if (!s) return unknown(`service on ${c.node}`, c.service, m.services.map((x) => x.name));
      return s.listen === c.listen ? yes(`${c.service} on ${c.node} listens on ${s.listen}.`) : no(`${c.service} on ${c.node} listens on ${s.listen}.`);
    }
  }
}

/** The protocol and port a goal names, checked as the engine checks a query (a port for TCP/UDP only). */
function goalFlow(protocol: string | number, port: number | undefined): Flow | { error: string } {
  const issues: Issue[] = [];
  const flow = checkFlow(protocol, port ?? null, issues);
  return flow ?? { error: issues.map((i) => formatIssue(i)).join('; ') };
}

/** "tcp 80" as the goals always said it; "ICMP echo (ping)", "GRE" for the others. */
function goalWhat(flow: Flow): string {
  return flow.port === null ? flowText(flow) : `${flow.protocol} ${flow.port}`;
}

export const evaluateNetwork = (check: Check<NetworkCheck>, t: Topology): Evaluated => evaluateCombined(check, t, leaf);
