import { describe, expect, it } from 'vitest';
import { apply, cellOutcome, diffMatrices, reachabilityMatrix, type Action, type Matrix, type Topology } from '../../../../src/sim/network';
import { preset } from './fixtures';

function table(t: Topology, port: number | null, protocol = 'tcp'): Matrix {
  const r = reachabilityMatrix(t, { port, protocol });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function after(t: Topology, action: Action): Topology {
  const r = apply(t, action);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.state;
}

const pairs = (d: ReturnType<typeof diffMatrices>, direction: string) => d!.changes.filter((c) => c.direction === direction).map((c) => `${c.from}>${c.to}`);

describe('what an edit changed in the reachability table', () => {
  it('N49: moving web from NAT to host-only opens the host and closes the way out', () => {
    const t = preset('virtualbox-home-lab');
    const moved = after(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'host-only', network: 'vboxnet0' });
    const d = diffMatrices(table(t, 80), table(moved, 80));
    expect(pairs(d, 'opened')).toContain('laptop>web');
    expect(pairs(d, 'closed')).toContain('web>internet');
    expect(pairs(d, 'opened')).not.toContain('phone>web');
    expect(d!.opened).toBe(pairs(d, 'opened').length);
    expect(d!.closed).toBe(pairs(d, 'closed').length);
  });

  it('N49: every listed pair differs, every unlisted pair is the same, and the reverse edit swaps opened and closed', () => {
    const t = preset('virtualbox-home-lab');
    const moved = after(t, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'nat-network', network: 'NatNetwork' });
    const a = table(t, 22);
    const b = table(moved, 22);
    const d = diffMatrices(a, b)!;
    const listed = new Set(d.changes.map((c) => `${c.from}>${c.to}`));
    let differing = 0;
    b.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const was = cellOutcome(a.cells[i]![j]!);
        const now = cellOutcome(cell);
        if (was !== now) differing++;
        expect(listed.has(`${cell.from}>${cell.to}`)).toBe(was !== now);
      }),
    );
    expect(d.changes.length).toBe(differing);
    expect(differing).toBeGreaterThan(0);
    const back = diffMatrices(b, a)!;
    expect(back.opened).toBe(d.closed);
    expect(back.closed).toBe(d.opened);
    expect(diffMatrices(b, b)).toEqual({ changes: [], opened: 0, closed: 0 });
  });

  it('N49: a database moved off its loopback address opens web → db; the reverse edit closes it', () => {
    const c = preset('cloud-project');
    const before = table(c, 5432);
    const moved = after(c, { type: 'setServiceListen', node: 'db', service: 'postgres', listen: '0.0.0.0' });
    const d = diffMatrices(before, table(moved, 5432))!;
    expect(d.changes.find((x) => x.from === 'web' && x.to === 'db')).toMatchObject({ before: 'blocked', after: 'ok', direction: 'opened' });
    const back = after(moved, { type: 'setServiceListen', node: 'db', service: 'postgres', listen: '127.0.0.1' });
    expect(diffMatrices(table(moved, 5432), table(back, 5432))!.changes.find((x) => x.from === 'web' && x.to === 'db')).toMatchObject({ direction: 'closed' });
  });

  it('N49: tables for different ports are not compared', () => {
    const t = preset('virtualbox-home-lab');
    expect(diffMatrices(table(t, 80), table(t, 22))).toBeNull();
    expect(diffMatrices(table(t, null, 'icmp'), table(t, 80))).toBeNull();
  });
});
