/**
 * What each simulator widget needs besides its state when it runs inside a lab: the network lab's
 * opening question, focused machine and one-click ports (as the lesson component computes them).
 */
import type { Query } from '../../sim/network/verdict';
import type { Topology } from '../../sim/network/types';
import type { LabFile } from '../../lab/schema';
import { substitute, type Variables } from '../../lab/variables';

export function networkOpening(t: Topology, start: LabFile['start'], vars: Variables): { question: Query; focus: string; ports: { port: number; note: string }[] } {
  const machines = [...t.vms, ...t.hosts, ...t.devices];
  const services = machines.flatMap((m) => m.services.map((s) => ({ port: s.port, name: s.name })));
  const q = start.question ? substitute(start.question, vars) : undefined;
  const port = q ? Number(q.port) : (services.find((s) => s.port === 80)?.port ?? services[0]?.port ?? 22);
  const question: Query = {
    from: q?.from ?? t.hosts[0]?.id ?? 'internet',
    to: q?.to ?? t.vms[0]?.id ?? 'internet',
    port,
    protocol: q?.protocol ?? 'tcp',
  };
  const focus = start.focus ? substitute(start.focus, vars) : (machines.some((m) => m.id === question.to) ? question.to : (t.vms[0]?.id ?? ''));
  const ports = [...new Set([...services.map((s) => s.port), port])]
    .sort((a, b) => a - b)
    .map((p) => ({ port: p, note: [...new Set(services.filter((s) => s.port === p).map((s) => s.name))].join(', ') }));
  return { question, focus, ports };
}
