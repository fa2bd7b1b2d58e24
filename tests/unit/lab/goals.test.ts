/**
 * Goal checks (src/lab/SPEC.md, G-N, G-S, G-P, G-C): every kind of every simulator, met and not
 * met, on states built by the lab adapters from presets or inline scenarios and changed by the
 * engines' own actions.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../../src/lab/sims/read';
import { combinable, isCheckError, networkCheckSchema, sizingCheckSchema, snapshotCheckSchema, builderCheckSchema, type Evaluated } from '../../../src/lab/goals/checks';
import { ADAPTERS } from '../../../src/lab/sims';
import type { SimStep } from '../../../src/lab/steps';
import type { Simulator } from '../../../src/lab/steps';
import { STEP_MS } from '../../../src/widgets/snapshots/clock';

const SCHEMAS = { network: combinable(networkCheckSchema), sizing: combinable(sizingCheckSchema), snapshots: combinable(snapshotCheckSchema), builder: combinable(builderCheckSchema) };

interface World {
  sim: Simulator;
  state: unknown;
  clock: number;
}

function preset(sim: Simulator, name: string): unknown {
  return parse(readFileSync(`content/scenarios/${sim}/${name}.yaml`, 'utf8'));
}

function build(sim: Simulator, scenario: unknown, setup: unknown[] = []): World {
  const adapter = ADAPTERS[sim];
  const input = readScenario(sim, scenario);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = adapter.start(input.value, setup);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { sim, state: r.value, clock: adapter.startClock };
}

/** Applies engine actions (network, sizing) or console lines (snapshots); every one must be accepted. */
function act(w: World, ...steps: (Record<string, unknown> | string)[]): World {
  const adapter = ADAPTERS[w.sim];
  let { state, clock } = w;
  for (const s of steps) {
    let step: SimStep;
    if (typeof s === 'string') step = { kind: 'command', line: s, at: clock + STEP_MS };
    else if (w.sim === 'snapshots') step = { kind: 'snapshot', action: s as never, at: clock + STEP_MS };
    else step = { kind: w.sim, action: s as never } as SimStep;
    const r = adapter.step(state, step)!;
    expect(r.accepted, `refused: ${JSON.stringify(s)}`).toBe(true);
    state = r.state;
    if (r.clock !== null) clock = r.clock;
  }
  return { ...w, state, clock };
}

/** Validates the check as a lab file would (defaults filled in) and asks it. */
function ask(w: World, check: Record<string, unknown>): Evaluated {
  const parsed = SCHEMAS[w.sim].parse(check);
  return ADAPTERS[w.sim].evaluate(parsed, w.state, w.clock);
}
function met(w: World, check: Record<string, unknown>): boolean {
  const a = ask(w, check);
  if (isCheckError(a)) throw new Error(a.error);
  expect(a.detail).not.toMatch(/undefined|NaN/);
  return a.met;
}
function detail(w: World, check: Record<string, unknown>): string {
  const a = ask(w, check);
  if (isCheckError(a)) throw new Error(a.error);
  return a.detail;
}
function error(w: World, check: Record<string, unknown>): string {
  const a = ask(w, check);
  if (!isCheckError(a)) throw new Error(`expected an error, got ${JSON.stringify(a)}`);
  return a.error;
}

describe('network goals', () => {
  const home = build('network', preset('network', 'virtualbox-home-lab'));
  const cloud = build('network', preset('network', 'cloud-project'));

  it('G-N1: reachable is met when the engine connects, with its verdict as the detail', () => {
    expect(met(cloud, { kind: 'reachable', from: 'web', to: 'db', port: 5432 })).toBe(false);
    expect(detail(cloud, { kind: 'reachable', from: 'web', to: 'db', port: 5432 })).toMatch(/listens on 127\.0\.0\.1/);
    const fixed = act(cloud, { type: 'setServiceListen', node: 'db', service: 'postgres', listen: '0.0.0.0' });
    expect(met(fixed, { kind: 'reachable', from: 'web', to: 'db', port: 5432 })).toBe(true);
    expect(detail(fixed, { kind: 'reachable', from: 'web', to: 'db', port: 5432 })).toMatch(/connects/);
    expect(met(home, { kind: 'reachable', from: 'media', to: 'internet', port: 443 })).toBe(true);
  });

  it('G-N1: an unknown machine is an error', () => {
    expect(error(home, { kind: 'reachable', from: 'phon', to: 'web', port: 80 })).toMatch(/phon/);
  });

  it('G-N1: a question may be a ping or another protocol, and may name the destination address', () => {
    expect(met(home, { kind: 'reachable', from: 'laptop', to: 'media', protocol: 'icmp' })).toBe(true);
    expect(detail(home, { kind: 'reachable', from: 'laptop', to: 'media', protocol: 'icmp' })).toBe('laptop → media ping (ICMP echo): gets a reply.');
    expect(met(home, { kind: 'reachable', from: 'phone', to: 'web', protocol: 'icmp' })).toBe(false);
    expect(met(home, { kind: 'reachable', from: 'web', to: 'internet', protocol: 'gre' })).toBe(false);
    expect(met(home, { kind: 'reachable', from: 'media', to: 'internet', protocol: 47 })).toBe(true);
    // VirtualBox 7: the NAT guest's 10.0.2.2 no longer reaches the laptop's loopback database.
    expect(met(home, { kind: 'unreachable', from: 'web', to: 'laptop', port: 5432, address: '10.0.2.2' })).toBe(true);
    const on = act(home, { type: 'setNatLocalhostReachable', vm: 'web', nic: 0, reachable: true });
    expect(met(on, { kind: 'reachable', from: 'web', to: 'laptop', port: 5432, address: '10.0.2.2' })).toBe(true);
    expect(met(on, { kind: 'reachable', from: 'web', to: 'laptop', port: 5432, address: '192.168.1.10' })).toBe(false);
    // A port on a ping, or none on TCP, is the lab file's mistake.
    expect(error(home, { kind: 'reachable', from: 'phone', to: 'media', protocol: 'icmp', port: 7 })).toMatch(/protocol icmp has no ports/);
    expect(error(home, { kind: 'reachable', from: 'phone', to: 'media' })).toMatch(/expected a port/);
    expect(error(home, { kind: 'reachable', from: 'phone', to: 'media', port: 80, address: 'media' })).toMatch(/bad IPv4 address "media"/);
  });

  it('G-N2: unreachable is the opposite of reachable', () => {
    expect(met(home, { kind: 'unreachable', from: 'phone', to: 'web', port: 80 })).toBe(true);
    const published = act(home, { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'web', hostPort: 8080, guestPort: 80 } });
    expect(met(published, { kind: 'unreachable', from: 'phone', to: 'web', port: 80 })).toBe(false);
    expect(met(published, { kind: 'unreachable', from: 'phone', to: 'web', port: 22 })).toBe(true);
  });

  it('G-N3: nic-mode checks the mode of one adapter and, when given, its network', () => {
    expect(met(home, { kind: 'nic-mode', vm: 'web', mode: 'nat' })).toBe(true);
    expect(met(home, { kind: 'nic-mode', vm: 'web', nic: 0, mode: 'bridged' })).toBe(false);
    expect(met(home, { kind: 'nic-mode', vm: 'dev', nic: 1, mode: 'internal', network: 'intnet' })).toBe(true);
    expect(met(home, { kind: 'nic-mode', vm: 'dev', nic: 1, mode: 'internal', network: 'other' })).toBe(false);
    const moved = act(home, { type: 'setNicMode', vm: 'web', nic: 0, mode: 'bridged' });
    expect(met(moved, { kind: 'nic-mode', vm: 'web', nic: 0, mode: 'bridged' })).toBe(true);
    expect(error(home, { kind: 'nic-mode', vm: 'web', nic: 3, mode: 'nat' })).toMatch(/no adapter 4/);
    expect(error(home, { kind: 'nic-mode', vm: 'wbe', mode: 'nat' })).toMatch(/unknown VM "wbe"/);
  });

  it('G-N4: port-forward matches every field given', () => {
    expect(met(home, { kind: 'port-forward', vm: 'web' })).toBe(false);
    const w = act(home, { type: 'addPortForward', vm: 'web', nic: 0, rule: { name: 'web', hostIp: '127.0.0.1', hostPort: 8080, guestPort: 80 } });
    expect(met(w, { kind: 'port-forward', vm: 'web', hostPort: 8080, guestPort: 80 })).toBe(true);
    expect(met(w, { kind: 'port-forward', vm: 'web', hostPort: 8080, guestPort: 80, hostIp: '127.0.0.1', protocol: 'tcp' })).toBe(true);
    expect(met(w, { kind: 'port-forward', vm: 'web', hostPort: 8081 })).toBe(false);
    expect(met(w, { kind: 'port-forward', vm: 'web', hostIp: '' })).toBe(false);
    expect(met(w, { kind: 'port-forward', vm: 'web', protocol: 'udp' })).toBe(false);
    expect(detail(w, { kind: 'port-forward', vm: 'web', hostPort: 8081 })).toMatch(/rules now: tcp 127\.0\.0\.1:8080 → 80/);
  });

  it('G-N5: floating-ip is met by any floating IP, or by the one given', () => {
    expect(met(cloud, { kind: 'floating-ip', vm: 'web' })).toBe(false);
    const w = act(cloud, { type: 'attachFloatingIp', vm: 'web', nic: 0, address: '172.24.4.150' });
    expect(met(w, { kind: 'floating-ip', vm: 'web' })).toBe(true);
    expect(met(w, { kind: 'floating-ip', vm: 'web', address: '172.24.4.150' })).toBe(true);
    expect(met(w, { kind: 'floating-ip', vm: 'web', address: '172.24.4.151' })).toBe(false);
    expect(detail(w, { kind: 'floating-ip', vm: 'web', address: '172.24.4.151' })).toMatch(/172\.24\.4\.150, not 172\.24\.4\.151/);
    expect(met(w, { kind: 'floating-ip', vm: 'db' })).toBe(false);
  });

  it('G-N6: sg-allows looks for an ingress rule covering the port from exactly that remote', () => {
    expect(met(cloud, { kind: 'sg-allows', group: 'db', port: 5432, fromGroup: 'web' })).toBe(true);
    expect(met(cloud, { kind: 'sg-allows', group: 'db', port: 5432, fromCidr: '0.0.0.0/0' })).toBe(false);
    expect(met(cloud, { kind: 'sg-allows', group: 'web', port: 22 })).toBe(true);
    expect(met(cloud, { kind: 'sg-allows', group: 'web', port: 80 })).toBe(false);
    expect(met(cloud, { kind: 'sg-allows', group: 'web', port: 22, protocol: 'udp' })).toBe(false);
    const w = act(cloud, { type: 'addSecurityGroupRule', group: 'web', rule: { direction: 'ingress', protocol: 'tcp', ports: '8000:8100', remote: '192.0.2.7' } });
    expect(met(w, { kind: 'sg-allows', group: 'web', port: 8080, fromCidr: '192.0.2.7/32' })).toBe(true);
    expect(met(w, { kind: 'sg-allows', group: 'web', port: 8101, fromCidr: '192.0.2.7/32' })).toBe(false);
    // The "default" group allows any protocol on every port from its own members.
    expect(met(cloud, { kind: 'sg-allows', group: 'default', port: 9999, protocol: 'udp', fromGroup: 'default' })).toBe(true);
    expect(error(cloud, { kind: 'sg-allows', group: 'dbs', port: 5432 })).toMatch(/unknown security group "dbs"/);
    // Protocols without ports: a ping needs an ICMP rule (or "any").
    expect(met(cloud, { kind: 'sg-allows', group: 'web', protocol: 'icmp' })).toBe(false);
    const pingable = act(cloud, { type: 'addSecurityGroupRule', group: 'web', rule: { protocol: 'icmp', icmpType: 8 } });
    expect(met(pingable, { kind: 'sg-allows', group: 'web', protocol: 'icmp', fromCidr: '0.0.0.0/0' })).toBe(true);
    expect(detail(pingable, { kind: 'sg-allows', group: 'web', protocol: 'icmp' })).toBe('Group "web" allows ICMP echo (ping) from anywhere.');
    expect(met(cloud, { kind: 'sg-allows', group: 'default', protocol: 'gre', fromGroup: 'default' })).toBe(true);
  });

  it('G-N7: firewall-allows is met when the firewall is off or allows the port', () => {
    expect(met(home, { kind: 'firewall-allows', node: 'web', port: 80 })).toBe(true);
    expect(met(home, { kind: 'firewall-allows', node: 'web', port: 443 })).toBe(false);
    expect(met(home, { kind: 'firewall-allows', node: 'web', port: 80, protocol: 'udp' })).toBe(false);
    expect(met(home, { kind: 'firewall-allows', node: 'nas', port: 12345 })).toBe(true);
    const w = act(home, { type: 'allowFirewallPort', node: 'web', port: 443, protocol: 'tcp' });
    expect(met(w, { kind: 'firewall-allows', node: 'web', port: 443 })).toBe(true);
    expect(error(home, { kind: 'firewall-allows', node: 'nope', port: 1 })).toMatch(/unknown machine "nope"/);
    expect(met(home, { kind: 'firewall-allows', node: 'web', protocol: 'icmp' })).toBe(false);
    const pingable = act(home, { type: 'allowFirewallPort', node: 'web', protocol: 'icmp' });
    expect(detail(pingable, { kind: 'firewall-allows', node: 'web', protocol: 'icmp' })).toBe('The firewall of web allows ICMP echo (ping).');
  });

  it('G-N8: service-listen compares the exact listen address', () => {
    expect(met(home, { kind: 'service-listen', node: 'dev', service: 'node-app', listen: '127.0.0.1' })).toBe(true);
    expect(met(home, { kind: 'service-listen', node: 'dev', service: 'node-app', listen: '0.0.0.0' })).toBe(false);
    const w = act(home, { type: 'setServiceListen', node: 'dev', service: 'node-app', listen: '0.0.0.0' });
    expect(met(w, { kind: 'service-listen', node: 'dev', service: 'node-app', listen: '0.0.0.0' })).toBe(true);
    expect(error(home, { kind: 'service-listen', node: 'dev', service: 'node', listen: '0.0.0.0' })).toMatch(/unknown service on dev "node"/);
  });
});

describe('sizing goals', () => {
  const empty = build('sizing', preset('sizing', 'cloud-compute-node-nova'));
  const nearReserve = build('sizing', preset('sizing', 'lab-server-near-ram-reserve'));
  const allCores = build('sizing', preset('sizing', 'database-8-vcpus-on-8-cores'));

  it('G-S1: all-placed needs at least one VM and every VM placed', () => {
    expect(met(empty, { kind: 'all-placed' })).toBe(false);
    expect(detail(empty, { kind: 'all-placed' })).toMatch(/no VMs/);
    expect(met(nearReserve, { kind: 'all-placed' })).toBe(true);
    const full = act(nearReserve, { type: 'addVm', flavor: 'g4.r4c2', name: 'extra' });
    expect(met(full, { kind: 'all-placed' })).toBe(false);
    expect(detail(full, { kind: 'all-placed' })).toMatch(/"extra" does not fit/);
  });

  it('G-S2: placed asks about one VM by name; a missing name is not met', () => {
    const w = act(nearReserve, { type: 'addVm', flavor: 'g4.r4c2', name: 'extra' });
    expect(met(w, { kind: 'placed', vm: 'web01' })).toBe(true);
    expect(met(w, { kind: 'placed', vm: 'extra' })).toBe(false);
    expect(met(w, { kind: 'placed', vm: 'ghost' })).toBe(false);
    expect(detail(w, { kind: 'placed', vm: 'ghost' })).toMatch(/no VM named "ghost"/);
  });

  it('G-S3: vm-count counts every configured VM, placed or not', () => {
    expect(met(nearReserve, { kind: 'vm-count', min: 4, max: 4 })).toBe(true);
    expect(met(nearReserve, { kind: 'vm-count', min: 5 })).toBe(false);
    expect(met(nearReserve, { kind: 'vm-count', max: 3 })).toBe(false);
    const w = act(nearReserve, { type: 'addVm', flavor: 'g4.r64c16', name: 'huge' });
    expect(met(w, { kind: 'vm-count', min: 5 })).toBe(true);
  });

  it('G-S4: policy names the preset the ratios match', () => {
    expect(met(empty, { kind: 'policy', preset: 'nova-2023.1' })).toBe(true);
    expect(met(empty, { kind: 'policy', preset: 'course' })).toBe(false);
    const course = act(empty, { type: 'setPolicy', preset: 'course' });
    expect(met(course, { kind: 'policy', preset: 'course' })).toBe(true);
    const custom = act(empty, { type: 'setRatios', changes: { cpu: 2 } });
    expect(met(custom, { kind: 'policy', preset: 'nova-custom' })).toBe(true);
    expect(met(custom, { kind: 'policy', preset: 'nova-2023.1' })).toBe(false);
  });

  it('G-S5: no-warning looks at warnings only, of one code when given', () => {
    expect(met(empty, { kind: 'no-warning' })).toBe(true);
    // A VM with every core is a note (sizing S18), so it is no warning.
    expect(met(allCores, { kind: 'no-warning' })).toBe(true);
    expect(met(allCores, { kind: 'no-warning', code: 'vm-uses-all-cores' })).toBe(true);
    const wider = act(allCores, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 12 } });
    expect(met(wider, { kind: 'no-warning' })).toBe(false);
    expect(met(wider, { kind: 'no-warning', code: 'vm-vcpus-exceed-cores' })).toBe(false);
    expect(detail(wider, { kind: 'no-warning', code: 'vm-vcpus-exceed-cores' })).toMatch(/has 12 vCPUs but the host has only 8 physical cores/);
    expect(met(wider, { kind: 'no-warning', code: 'ram-overcommit' })).toBe(true);
  });

  it('G-S8: no-finding sees notes too', () => {
    expect(met(allCores, { kind: 'no-finding', code: 'vm-uses-all-cores' })).toBe(false);
    expect(detail(allCores, { kind: 'no-finding', code: 'vm-uses-all-cores' })).toMatch(/one for every physical core/);
    const narrower = act(allCores, { type: 'updateVm', id: 'vm-1', changes: { vcpus: 4 } });
    expect(met(narrower, { kind: 'no-finding', code: 'vm-uses-all-cores' })).toBe(true);
    expect(detail(narrower, { kind: 'no-finding', code: 'vm-uses-all-cores' })).toBe('No "vm-uses-all-cores" warning or note.');
  });

  it('G-S6: ratio-at-most compares allocated ÷ (total − reserved)', () => {
    // 8 vCPUs on 16 logical CPUs under Nova: 0.5.
    const w = act(empty, { type: 'addVm', flavor: 'g4.r8c4' }, { type: 'addVm', flavor: 'g4.r8c4' });
    expect(met(w, { kind: 'ratio-at-most', resource: 'VCPU', value: 0.5 })).toBe(true);
    expect(met(w, { kind: 'ratio-at-most', resource: 'VCPU', value: 0.49 })).toBe(false);
    expect(detail(w, { kind: 'ratio-at-most', resource: 'VCPU', value: 0.49 })).toMatch(/0\.5:1/);
    expect(met(w, { kind: 'ratio-at-most', resource: 'MEMORY_MB', value: 1 })).toBe(true);
  });

  it('G-S7: headroom counts how many more of a flavor fit', () => {
    // The preset's own comment: 3 m1.large fit under Nova 2023.1.
    expect(met(empty, { kind: 'headroom', flavor: 'm1.large', min: 3, max: 3 })).toBe(true);
    expect(met(empty, { kind: 'headroom', flavor: 'm1.large', max: 0 })).toBe(false);
    expect(detail(empty, { kind: 'headroom', flavor: 'm1.large', max: 0 })).toMatch(/^3 m1\.large VMs fit; RAM runs out first/);
    const full = act(empty, ...[1, 2, 3].map((n) => ({ type: 'addVm', flavor: 'm1.large', name: `big${n}` })));
    expect(met(full, { kind: 'headroom', flavor: 'm1.large', max: 0 })).toBe(true);
    expect(detail(full, { kind: 'headroom', flavor: 'M1.LARGE', max: 0 })).toMatch(/^No more m1\.large VMs fit/);
    expect(met(full, { kind: 'headroom', flavor: 'm1.tiny', min: 1 })).toBe(true);
    expect(error(empty, { kind: 'headroom', flavor: 'm1.huge' })).toMatch(/unknown flavor "m1\.huge"/);
  });
});

describe('snapshot goals', () => {
  const zfs = build('snapshots', preset('snapshots', 'proxmox-zfs'));
  const nginx = build('snapshots', preset('snapshots', 'nginx-upgrade-virtualbox'));
  const branches = build('snapshots', preset('snapshots', 'libvirt-branches'));
  const templates = build('snapshots', preset('snapshots', 'proxmox-template-clones'));

  it('G-P1: snapshot-exists, on the console VM unless a VM is named', () => {
    expect(met(zfs, { kind: 'snapshot-exists', name: 's1-base' })).toBe(true);
    expect(met(zfs, { kind: 'snapshot-exists', vm: 'app01', name: 's3' })).toBe(false);
    const w = act(nginx, 'VBoxManage snapshot web01 take before');
    expect(met(nginx, { kind: 'snapshot-exists', name: 'before' })).toBe(false);
    expect(met(w, { kind: 'snapshot-exists', name: 'before' })).toBe(true);
  });

  it('G-P2: current-snapshot names the snapshot the current state hangs under', () => {
    expect(met(zfs, { kind: 'current-snapshot', name: 's2-app' })).toBe(true);
    expect(met(zfs, { kind: 'current-snapshot', name: 's1-base' })).toBe(false);
    expect(met(nginx, { kind: 'current-snapshot', name: 'anything' })).toBe(false);
    expect(detail(nginx, { kind: 'current-snapshot', name: 'anything' })).toMatch(/no current snapshot/);
    const back = act(zfs, 'qm delsnapshot 101 s2-app');
    expect(met(back, { kind: 'current-snapshot', name: 's1-base' })).toBe(true);
  });

  it('G-P3: parent-of names the parent snapshot, null for a root', () => {
    expect(met(zfs, { kind: 'parent-of', snapshot: 's2-app', parent: 's1-base' })).toBe(true);
    expect(met(zfs, { kind: 'parent-of', snapshot: 's1-base', parent: null })).toBe(true);
    expect(met(zfs, { kind: 'parent-of', snapshot: 's2-app', parent: null })).toBe(false);
    expect(met(zfs, { kind: 'parent-of', snapshot: 'nope', parent: 's1-base' })).toBe(false);
  });

  it('G-P4: children counts a snapshot\'s child snapshots', () => {
    expect(met(branches, { kind: 'children', snapshot: 'base', min: 2 })).toBe(true);
    expect(met(branches, { kind: 'children', snapshot: 'base', max: 1 })).toBe(false);
    expect(detail(branches, { kind: 'children', snapshot: 'base', max: 1 })).toMatch(/2 child snapshots \("with-nginx", "with-git"\)|2 child snapshots \("with-git", "with-nginx"\)/);
    expect(met(branches, { kind: 'children', snapshot: 'nginx-site', max: 0 })).toBe(true);
  });

  it('G-P5: snapshot-count counts the VM\'s snapshots', () => {
    expect(met(zfs, { kind: 'snapshot-count', min: 2, max: 2 })).toBe(true);
    expect(met(zfs, { kind: 'snapshot-count', max: 1 })).toBe(false);
    expect(met(nginx, { kind: 'snapshot-count', max: 0 })).toBe(true);
  });

  it('G-P6: service is the status the guest reports; inactive when the VM is off', () => {
    expect(met(nginx, { kind: 'service', service: 'nginx', status: 'active' })).toBe(true);
    const broken = act(nginx, 'apt upgrade -y');
    expect(met(broken, { kind: 'service', service: 'nginx', status: 'active' })).toBe(false);
    expect(met(broken, { kind: 'service', service: 'nginx', status: 'failed' })).toBe(true);
    const off = act(nginx, 'VBoxManage controlvm web01 poweroff');
    expect(met(off, { kind: 'service', service: 'nginx', status: 'inactive' })).toBe(true);
    // A saved VM keeps its memory state, and with it the service's status.
    const saved = act(nginx, 'VBoxManage controlvm web01 savestate');
    expect(met(saved, { kind: 'service', service: 'nginx', status: 'active' })).toBe(true);
    expect(met(nginx, { kind: 'service', service: 'git', status: 'inactive' })).toBe(true);
  });

  it('G-P7: file checks the current disk: exists, contains, equals', () => {
    const path = '/var/www/html/index.html';
    expect(met(nginx, { kind: 'file', path })).toBe(true);
    expect(met(nginx, { kind: 'file', path, contains: 'web server' })).toBe(true);
    expect(met(nginx, { kind: 'file', path, equals: '<h1>Virtualization course: web server</h1>\n' })).toBe(true);
    expect(met(nginx, { kind: 'file', path, equals: '<h1>other</h1>\n' })).toBe(false);
    expect(met(nginx, { kind: 'file', path, exists: false })).toBe(false);
    expect(met(nginx, { kind: 'file', path: '/nope', exists: false })).toBe(true);
    expect(met(nginx, { kind: 'file', path: '/nope' })).toBe(false);
    const w = act(nginx, 'rm /var/www/html/index.html');
    expect(met(w, { kind: 'file', path, exists: false })).toBe(true);
  });

  it('G-P8: package checks installed and version, in the current state or in a snapshot', () => {
    expect(met(nginx, { kind: 'package', package: 'nginx' })).toBe(true);
    expect(met(nginx, { kind: 'package', package: 'nginx', version: '1.24.0-2' })).toBe(true);
    expect(met(nginx, { kind: 'package', package: 'nginx', version: '1.26.0-1' })).toBe(false);
    expect(met(nginx, { kind: 'package', package: 'nginx', installed: false })).toBe(false);
    expect(met(nginx, { kind: 'package', package: 'git', installed: false })).toBe(true);
    expect(met(nginx, { kind: 'package', package: 'git' })).toBe(false);
    // app01's current state has nginx, but s1-base was taken before it was installed.
    expect(met(zfs, { kind: 'package', package: 'nginx' })).toBe(true);
    expect(met(zfs, { kind: 'package', package: 'nginx', snapshot: 's1-base', installed: false })).toBe(true);
    expect(met(zfs, { kind: 'package', package: 'nginx', snapshot: 's2-app', version: '1.26.0-1' })).toBe(true);
    expect(detail(zfs, { kind: 'package', package: 'nginx', snapshot: 's2-app' })).toMatch(/in snapshot "s2-app" of app01/);
    expect(met(zfs, { kind: 'package', package: 'nginx', snapshot: 's9' })).toBe(false);
  });

  it('G-P9: power is the VM\'s power state', () => {
    expect(met(nginx, { kind: 'power', state: 'running' })).toBe(true);
    const saved = act(nginx, 'VBoxManage controlvm web01 savestate');
    expect(met(saved, { kind: 'power', state: 'saved' })).toBe(true);
    expect(met(saved, { kind: 'power', state: 'running' })).toBe(false);
  });

  it('G-P10: clone checks a VM that may not exist yet: mode, source VM and snapshot', () => {
    expect(met(templates, { kind: 'clone', name: 'web2', of: 'debian-template', mode: 'linked' })).toBe(true);
    expect(met(templates, { kind: 'clone', name: 'web2', mode: 'full' })).toBe(false);
    expect(met(templates, { kind: 'clone', name: 'web2', of: 'web1' })).toBe(false);
    expect(met(templates, { kind: 'clone', name: 'web2', snapshot: 'monday' })).toBe(false);
    expect(met(templates, { kind: 'clone', name: 'web1', mode: 'linked' })).toBe(false);
    expect(met(nginx, { kind: 'clone', name: 'web02' })).toBe(false);
    expect(detail(nginx, { kind: 'clone', name: 'web02' })).toMatch(/no VM named "web02" yet/);
    const w = act(nginx, 'VBoxManage snapshot web01 take s1', 'VBoxManage clonevm web01 --snapshot s1 --options link --name web02 --register');
    expect(met(w, { kind: 'clone', name: 'web02', of: 'web01', mode: 'linked', snapshot: 's1' })).toBe(true);
    expect(met(w, { kind: 'clone', name: 'web02', snapshot: 's2' })).toBe(false);
    const full = act(nginx, 'VBoxManage clonevm web01 --name web03 --register');
    expect(met(full, { kind: 'clone', name: 'web03', mode: 'full' })).toBe(true);
    expect(met(full, { kind: 'clone', name: 'web03', mode: 'linked' })).toBe(false);
  });

  it('G-P11: disk-usage-at-most compares the bytes the VM holds on the host', () => {
    // web01 holds a 120 MB upload database.
    expect(met(nginx, { kind: 'disk-usage-at-most', bytes: 10 * 1024 ** 3 })).toBe(true);
    expect(met(nginx, { kind: 'disk-usage-at-most', bytes: 100 * 1024 ** 2 })).toBe(false);
    expect(detail(nginx, { kind: 'disk-usage-at-most', bytes: 100 * 1024 ** 2 })).toMatch(/takes .* on the host/);
  });

  it('G-P13: snapshot-location tells a libvirt internal snapshot from an external one', () => {
    const debian = act(build('snapshots', preset('snapshots', 'libvirt-external-debian12')), 'virsh snapshot-create-as db1 installed');
    expect(met(debian, { kind: 'snapshot-location', snapshot: 'installed', location: 'internal' })).toBe(true);
    expect(met(debian, { kind: 'snapshot-location', snapshot: 'installed', location: 'external' })).toBe(false);
    expect(met(debian, { kind: 'snapshot-location', snapshot: 'pre', location: 'external' })).toBe(false);
    const w = act(debian, 'virsh snapshot-create-as db1 pre --disk-only');
    expect(met(w, { kind: 'snapshot-location', snapshot: 'pre', location: 'external' })).toBe(true);
    expect(detail(w, { kind: 'snapshot-location', snapshot: 'pre', location: 'external' })).toBe(
      '"pre" is an external snapshot (overlay /var/lib/libvirt/images/db1.pre, /var/lib/libvirt/images/db1-1.pre).',
    );
    expect(error(nginx, { kind: 'snapshot-location', snapshot: 'x', location: 'external' })).toMatch(/libvirt's; this lab runs virtualbox/);
  });

  it('G-P14: disk-mode checks the VirtualBox mode of the disk at a mount point', () => {
    const shop = build('snapshots', preset('snapshots', 'virtualbox-data-disk'));
    expect(met(shop, { kind: 'disk-mode', mount: '/srv/data', mode: 'writethrough' })).toBe(true);
    expect(met(shop, { kind: 'disk-mode', mount: '/', mode: 'writethrough' })).toBe(false);
    const w = act(shop, 'VBoxManage controlvm shop01 poweroff', 'VBoxManage modifymedium disk shop01-data.vdi --type normal');
    expect(met(w, { kind: 'disk-mode', mount: '/srv/data', mode: 'normal' })).toBe(true);
    expect(detail(w, { kind: 'disk-mode', mount: '/srv/data', mode: 'normal' })).toBe('The disk at /srv/data of shop01 (shop01-data.vdi) is normal.');
    expect(error(shop, { kind: 'disk-mode', mount: '/data', mode: 'normal' })).toMatch(/no disk mounted at \/data \(its disks: \/, \/srv\/data\)/);
  });

  it('G-P12: every check but clone naming an unknown VM is an error', () => {
    expect(error(nginx, { kind: 'snapshot-exists', vm: 'web1', name: 'x' })).toMatch(/unknown VM "web1"/);
    expect(error(nginx, { kind: 'package', vm: 'web1', package: 'nginx' })).toMatch(/unknown VM/);
    expect(error(nginx, { kind: 'power', vm: 'web1', state: 'running' })).toMatch(/unknown VM/);
  });
});

describe('combinators', () => {
  const home = build('network', preset('network', 'virtualbox-home-lab'));
  const nginx = build('snapshots', preset('snapshots', 'nginx-upgrade-virtualbox'));
  const yes = { kind: 'reachable', from: 'phone', to: 'media', port: 8096 };
  const no = { kind: 'reachable', from: 'phone', to: 'web', port: 80 };
  const typo = { kind: 'reachable', from: 'phone', to: 'wbe', port: 80 };

  it('G-C1: all is met when every part is; the first unmet part explains, later parts are not asked', () => {
    expect(met(home, { kind: 'all', of: [yes, yes] })).toBe(true);
    expect(met(home, { kind: 'all', of: [yes, no] })).toBe(false);
    expect(detail(home, { kind: 'all', of: [yes, no] })).toBe(detail(home, no));
    expect(detail(home, { kind: 'all', of: [{ ...yes, to: 'nas', port: 445 }, yes] })).toBe(detail(home, yes));
    // Parts after an unmet one may name what does not exist yet (a clone)...
    expect(met(nginx, { kind: 'all', of: [{ kind: 'clone', name: 'web02' }, { kind: 'package', vm: 'web02', package: 'nginx' }] })).toBe(false);
    // ...but a part that is asked and names something unknown is an error.
    expect(error(home, { kind: 'all', of: [yes, typo] })).toMatch(/wbe/);
  });

  it('G-C2: any is met when some part is; every part is asked', () => {
    expect(met(home, { kind: 'any', of: [no, yes] })).toBe(true);
    expect(detail(home, { kind: 'any', of: [no, yes] })).toBe(detail(home, yes));
    expect(met(home, { kind: 'any', of: [no, no] })).toBe(false);
    expect(detail(home, { kind: 'any', of: [no, { ...no, port: 22 }] })).toBe(detail(home, no));
    expect(error(home, { kind: 'any', of: [yes, typo] })).toMatch(/wbe/);
  });

  it('G-C3: not flips the answer and keeps the detail', () => {
    expect(met(home, { kind: 'not', check: no })).toBe(true);
    expect(met(home, { kind: 'not', check: yes })).toBe(false);
    expect(detail(home, { kind: 'not', check: yes })).toBe(detail(home, yes));
    expect(met(nginx, { kind: 'not', check: { kind: 'snapshot-exists', name: 'x' } })).toBe(true);
  });

  it('G-C4: combinations nest, and an error inside is the answer of the whole', () => {
    expect(met(home, { kind: 'all', of: [yes, { kind: 'any', of: [no, { kind: 'not', check: no }] }] })).toBe(true);
    expect(met(home, { kind: 'not', check: { kind: 'all', of: [yes, no] } })).toBe(true);
    expect(error(home, { kind: 'not', check: { kind: 'any', of: [typo] } })).toMatch(/wbe/);
    expect(error(nginx, { kind: 'all', of: [{ kind: 'power', vm: 'ghost', state: 'running' }] })).toMatch(/unknown VM "ghost"/);
  });
});
