import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNonJson, formatIssue, roundTrip } from '../../../../src/sim/core';
import { checkLab, labFromText, parseSnapshotScenario, runCommand, snapshotTree, listSnapshots } from '../../../../src/sim/snapshots';
import { NOW } from './helpers';
import { advance, START } from '../../../../src/widgets/snapshots/progress';
import { parseStory } from '../../../../src/schemas/story';
import type { Story } from '../../../../src/widgets/snapshots/stories';

/** The course's guided exercises, as the build loads them (content/stories/*.yaml). */
const STORIES: Record<string, Story> = Object.fromEntries(
  readdirSync('content/stories')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const presets = readdirSync('content/scenarios/snapshots').map((p) => p.replace(/\.yaml$/, ''));
      const r = parseStory(readFileSync(`content/stories/${f}`, 'utf8'), presets);
      if (!r.ok) throw new Error(`${f}: ${r.issues.map((i) => i.message).join('; ')}`);
      return [f.slice(0, -'.yaml'.length), r.value];
    }),
);

const DIR = 'content/scenarios/snapshots';
const presets = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

const issues = (text: string): string[] => {
  const r = labFromText(text, { now: NOW });
  return r.ok ? [] : r.issues.map((i) => formatIssue(i, 'x.yaml'));
};

describe('scenario files', () => {
  it('F1: errors name the field and suggest the fix', () => {
    const base = 'id: demo\ntitle: Demo\nplatform: virtualbox\n';
    expect(issues(`${base}vms:\n  - name: web\n    packages: { ngnix: 1.24.0-2 }\n`)).toEqual(['x.yaml › vms[0].packages.ngnix: unknown package "ngnix". Did you mean "nginx"?']);
    expect(issues(`${base}vms:\n  - name: web\n    packages: { nginx: "9.9" }\n`)).toEqual([
      'x.yaml › vms[0].packages.nginx: unknown version "9.9" of nginx (known: "1.22.1-9", "1.24.0-2", "1.26.0-1")',
    ]);
    expect(issues(`${base}storage: zfs\nvms:\n  - name: web\n`)).toEqual(['x.yaml › storage: virtualbox does not use "zfs" storage (known: "vdi")']);
    expect(issues(`${base}vms:\n  - name: web\n    memoryMb: lots\n`)).toEqual(['x.yaml › vms[0].memoryMb: expected number, got "lots"']);
    expect(issues(`${base}console: wbe\nvms:\n  - name: web\n`)).toEqual(['x.yaml › console: unknown VM "wbe". Did you mean "web"?']);
    expect(issues(`${base}vms:\n  - name: web\n    cpu: 2\n`)).toEqual(['x.yaml › vms[0]: unknown field "cpu"']);
  });

  it('F1: history steps run through the engine; a refused step is reported at its path with the reason', () => {
    const text = [
      'id: demo',
      'title: Demo',
      'platform: virtualbox',
      'vms:',
      '  - name: web',
      '    power: running',
      'history:',
      '  - ago: 2d',
      '    do: { type: take, vm: web, name: one }',
      '  - ago: 1d',
      '    do: { type: restore, vm: web, snapshot: one }',
    ].join('\n');
    expect(issues(text)).toEqual([expect.stringMatching(/^x\.yaml › history\[1\]\.do: VirtualBox will not restore a snapshot while "web" is running/)]);
    expect(issues(text.replace('ago: 1d', 'ago: 3d'))).toEqual(['x.yaml › history[1].ago: steps must be in time order: "3d" ago is before the step above it']);
  });

  it('F1: history times are relative to the moment the lab opens', () => {
    const r = labFromText('id: demo\ntitle: Demo\nplatform: libvirt\nvms:\n  - name: web\nhistory:\n  - ago: 5h\n    do: { type: take, vm: web, name: old }\n', { now: NOW });
    expect(r.ok && listSnapshots(r.value.vms['web']!)[0]!.createdAt).toBe(NOW - 5 * 3_600_000);
  });

  it('F2: every preset loads, passes the invariants, is plain JSON and has a working console', () => {
    expect(presets.length).toBeGreaterThanOrEqual(3);
    for (const file of presets) {
      const text = readFileSync(join(DIR, file), 'utf8');
      const parsed = parseSnapshotScenario(text);
      if (!parsed.ok) throw new Error(parsed.issues.map((i) => formatIssue(i, file)).join('\n'));
      expect(`${parsed.value.id}.yaml`).toBe(file);
      const lab = labFromText(text, { now: NOW });
      if (!lab.ok) throw new Error(lab.issues.map((i) => formatIssue(i, file)).join('\n'));
      expect(checkLab(lab.value), file).toEqual([]);
      expect(findNonJson(lab.value), file).toBeNull();
      expect(roundTrip(lab.value)).toEqual(lab.value);
      for (const vm of Object.keys(lab.value.vms)) expect(snapshotTree(lab.value, vm, NOW), file).not.toBeNull();
      expect(runCommand(lab.value, 'help', { now: NOW }).output.length, file).toBeGreaterThan(5);
    }
  });

  it('F2: the required stories exist: nginx upgrade on VirtualBox, libvirt, and Proxmox on ZFS', () => {
    const platforms = presets.map((f) => {
      const p = parseSnapshotScenario(readFileSync(join(DIR, f), 'utf8'));
      return p.ok ? `${p.value.platform}/${p.value.storage ?? ''}` : '';
    });
    expect(platforms).toEqual(expect.arrayContaining(['virtualbox/', 'libvirt/', 'proxmox/zfs']));
    const story = labFromText(readFileSync(join(DIR, 'nginx-upgrade-virtualbox.yaml'), 'utf8'), { now: NOW });
    if (!story.ok) throw new Error('story');
    let lab = story.value;
    const run = (line: string) => {
      const r = runCommand(lab, line, { now: NOW });
      lab = r.state;
      return r;
    };
    run('VBoxManage snapshot web01 take before-upgrade');
    expect(run('apt upgrade -y').exitCode).toBe(100);
    expect(run('curl localhost').exitCode).toBe(7);
    expect(run('VBoxManage snapshot web01 restore before-upgrade').refused?.code).toBe('RESTORE_WHILE_RUNNING');
    run('VBoxManage controlvm web01 poweroff');
    run('VBoxManage snapshot web01 restore before-upgrade');
    run('VBoxManage startvm web01 --type headless');
    expect(run('curl localhost').output[0]).toBe('<h1>Virtualization course: web server</h1>');
  });

  it('F2: the lesson\'s Proxmox-on-ZFS and libvirt walkthroughs work on their presets', () => {
    const load = (file: string) => {
      const r = labFromText(readFileSync(join(DIR, file), 'utf8'), { now: NOW });
      if (!r.ok) throw new Error(file);
      return r.value;
    };
    let zfs = load('proxmox-zfs.yaml');
    const refused = runCommand(zfs, 'qm rollback 101 s1-base', { now: NOW });
    expect(refused.output).toEqual(["can't rollback, 's1-base' is not most recent snapshot on 'local-zfs:vm-101-disk-0'"]);
    zfs = runCommand(zfs, 'qm delsnapshot 101 s2-app', { now: NOW }).state;
    expect(runCommand(zfs, 'qm rollback 101 s1-base', { now: NOW }).refused).toBeNull();
    const libvirt = load('libvirt-branches.yaml');
    const reverted = runCommand(libvirt, 'virsh snapshot-revert lab1 base', { now: NOW });
    expect([reverted.exitCode, listSnapshots(reverted.state.vms['lab1']!).length]).toEqual([0, listSnapshots(libvirt.vms['lab1']!).length]);
  });
});

describe('sandbox stories', () => {
  it('F2: every story can be finished with its own commands, in order, from its first preset', () => {
    for (const [name, story] of Object.entries(STORIES)) {
      const labs = new Map(story.presets.map((p) => {
        const r = labFromText(readFileSync(join(DIR, `${p}.yaml`), 'utf8'), { now: NOW });
        if (!r.ok) throw new Error(`${name}: ${p}`);
        return [p, r.value] as const;
      }));
      let preset = story.presets[0]!;
      let progress = START;
      let now = NOW;
      for (const step of story.steps) {
        now += 60_000;
        if (step.lab !== undefined && step.lab !== preset) {
          preset = step.lab;
          progress = advance(story, progress, { preset, state: labs.get(preset)!, now, events: null, refused: null });
        }
        if (step.command === undefined) continue;
        const r = runCommand(labs.get(preset)!, step.command, { now });
        labs.set(preset, r.state);
        progress = advance(story, progress, { preset, state: r.state, now, events: r.events, refused: r.refused });
      }
      expect([name, progress.done]).toEqual([name, story.steps.length]);
    }
  });

  it('V10: the data-disk story ends with the new order kept and nginx back at 1.24', () => {
    const r = labFromText(readFileSync(join(DIR, 'virtualbox-data-disk.yaml'), 'utf8'), { now: NOW });
    if (!r.ok) throw new Error('preset');
    let lab = r.value;
    for (const step of STORIES['data-disk']!.steps) lab = runCommand(lab, step.command!, { now: NOW }).state;
    expect(runCommand(lab, 'cat /srv/data/orders.csv', { now: NOW }).output).toEqual(['order,item', '1001,textbook', '1002,laptop']);
    expect(runCommand(lab, 'dpkg -l nginx', { now: NOW }).output.join('\n')).toMatch(/1\.24\.0-2/);
  });
});
