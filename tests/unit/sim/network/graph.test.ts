import { describe, expect, it } from 'vitest';
import { apply, highlightFor, toGraph, type Graph, type Topology } from '../../../../src/sim/network';
import { can, preset, presetNames } from './fixtures';

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

function expectConsistent(g: Graph) {
  const nodes = byId(g.nodes);
  expect(nodes.size).toBe(g.nodes.length);
  expect(byId(g.edges).size).toBe(g.edges.length);
  for (const e of g.edges) {
    expect(nodes.has(e.source), `${e.id} source ${e.source}`).toBe(true);
    expect(nodes.has(e.target), `${e.id} target ${e.target}`).toBe(true);
  }
}

function ids(t: Topology): string[] {
  return [...t.vms, ...t.hosts, ...t.devices].map((x) => x.id).concat('internet');
}

describe('graph data', () => {
  it('N40: the same state gives the same graph; ids are unique and every edge joins two nodes', () => {
    for (const name of presetNames()) {
      const t = preset(name);
      const g = toGraph(t);
      expect(toGraph(structuredClone(t))).toEqual(g);
      expectConsistent(g);
    }
  });

  it('N40: NAT adapters are drawn to their host, internal networks apart from it, unplugged adapters only as data', () => {
    const g = toGraph(preset('virtualbox-home-lab'));
    const edges = byId(g.edges);
    expect(edges.get('nic:web:0')).toMatchObject({ source: 'web', target: 'laptop', mode: 'nat', label: 'NAT · 10.0.2.15' });
    expect(edges.get('nic:media:0')).toMatchObject({ target: 'home-lan', mode: 'bridged' });
    expect(edges.get('nic:db:0')).toMatchObject({ target: 'intnet:laptop:intnet', mode: 'internal' });
    expect(g.edges.some((e) => (e.source === 'laptop' || e.target === 'laptop') && e.target.startsWith('intnet:'))).toBe(false);
    expect(edges.has('nic:spare:0')).toBe(false);
    expect(byId(g.nodes).get('spare')).toMatchObject({ kind: 'vm', parent: 'laptop', adapters: [{ slot: 0, mode: 'not-attached', network: null, address: null, floatingIp: null, cidr: null, gateway: null, dns: null }] });
    expect(byId(g.nodes).get('web')!.adapters).toEqual([{ slot: 0, mode: 'nat', network: null, address: '10.0.2.15', floatingIp: null, cidr: '10.0.2.0/24', gateway: '10.0.2.2', dns: '10.0.2.3' }]);
    expect(byId(g.nodes).get('node1')!.adapters[0]).toMatchObject({ address: '10.0.2.4', cidr: '10.0.2.0/24', gateway: '10.0.2.1' });
    expect(byId(g.nodes).get('dev')!.adapters.map((a) => [a.address, a.cidr, a.gateway])).toEqual([
      ['192.168.56.101', '192.168.56.0/24', null],
      ['10.10.0.10', '10.10.0.0/24', null],
    ]);
    expect(byId(g.nodes).get('hostonly:laptop:vboxnet0')).toMatchObject({ kind: 'host-only-network', sublabel: '192.168.56.0/24', parent: 'laptop' });
  });

  it('N40: an edit changes only the elements it touches', () => {
    const t = preset('virtualbox-home-lab');
    const r = apply(t, { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 8080, guestPort: 80 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a, b] = [toGraph(t), toGraph(r.value.state)];
    const changedNodes = b.nodes.filter((n) => JSON.stringify(n) !== JSON.stringify(byId(a.nodes).get(n.id))).map((n) => n.id);
    const changedEdges = b.edges.filter((e) => JSON.stringify(e) !== JSON.stringify(byId(a.edges).get(e.id))).map((e) => e.id);
    expect(changedNodes).toEqual([]);
    expect(changedEdges).toEqual(['nic:web:0']);
    expect(byId(b.edges).get('nic:web:0')!.label).toBe('NAT · 10.0.2.15 · tcp *:8080→80');
    expect(byId(b.edges).get('nic:web:0')!.caption).toBe('NAT · tcp *:8080→80');
  });

  it('N40: captions leave out what the nodes already show (addresses) and keep modes, forwards and translations', () => {
    const home = byId(toGraph(preset('virtualbox-home-lab')).edges);
    expect(home.get('nic:media:0')).toMatchObject({ label: 'Bridged Adapter · 192.168.1.50', caption: 'Bridged Adapter' });
    expect(home.get('link:phone')).toMatchObject({ label: '192.168.1.30', caption: '' });
    expect(home.get('hostonly-link:laptop:vboxnet0')).toMatchObject({ label: '192.168.56.1', caption: '' });
    expect(home.get('uplink:home-lan')!.caption).toBe('NAT router 192.168.1.1 → 203.0.113.10');
    const cloud = byId(toGraph(preset('cloud-project')).edges);
    expect(cloud.get('rgw:router1')!.caption).toBe('SNAT 172.24.4.10');
    expect(cloud.get('nic:web:0')!.caption).toBe('Project network port');
  });

  it('N40: every path hop and every blocking element points at something in the graph', () => {
    for (const name of presetNames()) {
      const t = preset(name);
      const g = toGraph(t);
      const nodes = byId(g.nodes);
      const edges = byId(g.edges);
      for (const from of ids(t)) {
        for (const to of ids(t)) {
          for (const port of [22, 80]) {
            const h = highlightFor(can(t, from, to, port));
            for (const n of h.nodes) expect(nodes.has(n), `${from}→${to}:${port} node ${n}`).toBe(true);
            for (const e of h.edges) expect(edges.has(e), `${from}→${to}:${port} edge ${e}`).toBe(true);
            if (h.blockedNode !== null) expect(nodes.has(h.blockedNode), `blocked node ${h.blockedNode}`).toBe(true);
            if (h.blockedEdge !== null) expect(edges.has(h.blockedEdge), `blocked edge ${h.blockedEdge}`).toBe(true);
          }
        }
      }
    }
  });

  it('N40: the highlight of a forwarded connection follows the hops in order', () => {
    const t = preset('virtualbox-home-lab');
    const r = apply(t, { type: 'addPortForward', vm: 'web', nic: 0, rule: { hostPort: 8080, guestPort: 80 } });
    if (!r.ok) throw new Error('forward');
    expect(highlightFor(can(r.value.state, 'phone', 'web', 80))).toEqual({
      nodes: ['phone', 'home-lan', 'laptop', 'web'],
      edges: ['link:phone', 'link:laptop', 'nic:web:0'],
      blockedNode: null,
      blockedEdge: null,
    });
    expect(highlightFor(can(t, 'phone', 'web', 80))).toEqual({ nodes: [], edges: [], blockedNode: 'web', blockedEdge: 'nic:web:0' });
  });
});
