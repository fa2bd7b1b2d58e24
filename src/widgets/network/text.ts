import { protocolLabel, type Graph, type Issue, type MatrixDiff } from './engine';

/** "TCP port 80", "ping (ICMP echo)", "GRE": the flow a question or the table is about. */
export function flowTitle(q: { protocol: string; port: number | null }): string {
  if (q.protocol === 'icmp') return 'ping (ICMP echo)';
  return q.port === null ? protocolLabel(q.protocol) : `${protocolLabel(q.protocol)} port ${q.port}`;
}

/** An engine issue as one sentence for the message next to a field. */
export function issueText(issue: Issue): string {
  const message = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  return issue.hint ? `${message}. ${issue.hint}.` : `${message}.`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A port typed as text. Fields are plain text on purpose: a number input would silently empty
 * itself on "eighty", and the student should see what was wrong with what they typed.
 */
export function parsePort(text: string, what = 'port'): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Type a ${what} number, for example 80.` };
  if (!/^\d{1,6}$/.test(trimmed)) return { ok: false, message: `Expected a ${what} number (digits only), got "${trimmed}".` };
  const value = Number(trimmed);
  if (value < 1 || value > 65535) return { ok: false, message: `Expected a ${what} number from 1 to 65535, got ${value}.` };
  return { ok: true, value };
}

/** Machines a question can name (VMs, hosts, devices, the internet), in the engine's order, with a readable option text. */
export function endpointOptions(graph: Graph, ids: readonly string[]): { id: string; text: string }[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return ids.map((id) => {
    const node = byId.get(id);
    return { id, text: node && node.label !== id ? `${id} — ${node.label}` : id };
  });
}

/**
 * Display names for graph ids in sentences: machines keep their ids (the engine's sentences use
 * them), networks use the name the student typed or sees in VirtualBox (vboxnet0, intnet).
 */
export function displayNames(graph: Graph): Record<string, string> {
  const names: Record<string, string> = {};
  for (const n of graph.nodes) {
    if (n.kind === 'host-only-network' || n.kind === 'nat-network' || n.kind === 'internal-network' || n.kind === 'cloud-network' || n.kind === 'lan') {
      names[n.id] = n.label;
    }
  }
  return names;
}

/**
 * A security group rule as one line: "ingress tcp port 80 from 0.0.0.0/0", "ingress icmp type 8
 * (ping) from …", "ingress gre from …". ICMP rules keep their type and code where Neutron does,
 * in the port fields.
 */
export function ruleText(rule: { direction: string; protocol: string; portMin: number | null; portMax: number | null; remoteCidr: string | null; remoteGroup: string | null }): string {
  const remote = rule.remoteGroup !== null ? `members of group ${rule.remoteGroup}` : (rule.remoteCidr ?? 'anywhere');
  const way = rule.direction === 'egress' ? 'to' : 'from';
  let what: string;
  if (rule.protocol === 'any') what = 'any protocol';
  else if (rule.protocol === 'icmp') {
    what = rule.portMin === null ? 'icmp, every type' : `icmp type ${rule.portMin}${rule.portMax === null ? '' : ` code ${rule.portMax}`}${rule.portMin === 8 ? ' (ping)' : ''}`;
  } else if (rule.protocol === 'tcp' || rule.protocol === 'udp') {
    what = `${rule.protocol} ${rule.portMin === null ? 'all ports' : rule.portMin === rule.portMax ? `port ${rule.portMin}` : `ports ${rule.portMin}–${rule.portMax}`}`;
  } else what = protocolLabel(rule.protocol);
  return `${rule.direction} ${what} ${way} ${remote}`;
}

/** A port forward as one line: "tcp 127.0.0.1:8080 → guest port 80", "tcp port 8080 on every host address → guest port 80". */
export function forwardText(f: { protocol: string; hostIp: string; hostPort: number; guestIp: string; guestPort: number }): string {
  const host = f.hostIp ? `${f.hostIp}:${f.hostPort}` : `port ${f.hostPort} on every host address`;
  const guest = f.guestIp ? `${f.guestIp}:${f.guestPort}` : `guest port ${f.guestPort}`;
  return `${f.protocol} ${host} → ${guest}`;
}

/** "2 pairs opened, 1 closed, 1 fails differently", or "no pair changed". */
export function changeSummary(d: MatrixDiff): string {
  const other = d.changes.length - d.opened - d.closed;
  if (d.changes.length === 0) return 'no pair changed';
  const parts = [`${d.opened} pair${d.opened === 1 ? '' : 's'} opened`, `${d.closed} closed`];
  if (other > 0) parts.push(`${other} ${other === 1 ? 'fails' : 'fail'} differently`);
  return parts.join(', ');
}
