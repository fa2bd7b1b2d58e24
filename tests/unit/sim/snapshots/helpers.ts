import { expect } from 'vitest';
import { apply, createLab, runCommand, snapshotScenarioSchema, type Action, type CommandResult, type LabState, type Refusal, type SimEvent, listSnapshots } from '../../../../src/sim/snapshots';
import { blockContent } from '../../../../src/sim/snapshots/disk/blocks';
import type { z } from 'zod';

/** A fixed "now" for every test: time only ever comes in as a parameter. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const HOUR = 3_600_000;
export const at = (minutes = 0): { now: number } => ({ now: NOW + minutes * 60_000 });

type ScenarioInput = z.input<typeof snapshotScenarioSchema>;

/** A lab from a scenario object (defaults filled in by the schema), failing the test on issues. */
export function makeLab(input: Partial<ScenarioInput> & Pick<ScenarioInput, 'platform'>, now = NOW): LabState {
  const scenario = snapshotScenarioSchema.parse({
    id: 'test-lab',
    title: 'Test lab',
    vms: [{ name: 'web', power: 'running', memoryMb: 1024, cpus: 1 }],
    ...input,
  });
  const result = createLab(scenario, { now });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.value;
}

/** Applies an action that must succeed. */
export function step(lab: LabState, action: Action, minutes = 0): LabState {
  const r = apply(lab, action, at(minutes));
  expect(r.refused, r.refused ? `refused: ${r.refused.code} ${JSON.stringify(r.refused.params)}` : '').toBeNull();
  return r.state;
}

export function stepEvents(lab: LabState, action: Action, minutes = 0): { state: LabState; events: SimEvent[] } {
  const r = apply(lab, action, at(minutes));
  expect(r.refused).toBeNull();
  return { state: r.state, events: r.events };
}

/** Applies an action that must be refused, and checks nothing changed (SPEC E1). */
export function refusedBy(lab: LabState, action: Action, minutes = 0): Refusal {
  const r = apply(lab, action, at(minutes));
  expect(r.refused, 'expected a refusal').not.toBeNull();
  expect(r.state).toBe(lab);
  expect(r.events).toEqual([]);
  return r.refused!;
}

export function sh(lab: LabState, line: string, minutes = 0): CommandResult {
  return runCommand(lab, line, at(minutes));
}

/** Runs several console lines in order, returning the last result and the final state. */
export function shAll(lab: LabState, lines: string[]): { state: LabState; last: CommandResult; all: CommandResult[] } {
  let state = lab;
  const all: CommandResult[] = [];
  for (const line of lines) {
    const r = runCommand(state, line, at());
    all.push(r);
    state = r.state;
  }
  return { state, last: all[all.length - 1]!, all };
}

export function fileContent(lab: LabState, vm: string, path: string): string | undefined {
  const id = lab.vms[vm]!.disk.files[path];
  return id === undefined ? undefined : blockContent(lab.store, id);
}

export function snapId(lab: LabState, vm: string, name: string): string {
  const s = listSnapshots(lab.vms[vm]!).find((x) => x.name === name);
  if (!s) throw new Error(`no snapshot ${name}`);
  return s.id;
}

export const NGINX_SSL_CONF = `user www-data;
events {
    worker_connections 768;
}
http {
    server {
        listen 443;
        server_name web.example.edu;
        ssl on;
        root /var/www/html;
    }
}
`;

/** A VM running nginx 1.24 with an `ssl on;` config and nginx 1.26 in the repository. */
export function nginxLab(platform: 'virtualbox' | 'libvirt' | 'proxmox' = 'virtualbox', storage?: 'zfs' | 'qcow2' | 'lvm-thin'): LabState {
  return makeLab({
    platform,
    ...(storage ? { storage } : {}),
    repo: { nginx: '1.26.0-1' },
    vms: [
      {
        name: 'web',
        power: 'running',
        memoryMb: 2048,
        cpus: 2,
        packages: { 'openssh-server': '1:9.2p1-2+deb12u3', cron: '3.0pl1-162', curl: '7.88.1-10+deb12u5', nginx: '1.24.0-2' },
        files: [{ path: '/etc/nginx/nginx.conf', content: NGINX_SSL_CONF }],
      },
    ],
  });
}
