import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../src/schemas/story';
import { formatIssue } from '../../../src/sim/core';

/** Guided exercises for the snapshot sandbox: content/stories/*.yaml, checked by src/schemas/story.ts. */
const presets = readdirSync('content/scenarios/snapshots').map((f) => f.replace(/\.yaml$/, ''));
const stories = readdirSync('content/stories').filter((f) => f.endsWith('.yaml'));

function messages(text: string): string[] {
  const r = parseStory(text, presets);
  return r.ok ? [] : r.issues.map((i) => formatIssue(i, 'content/stories/x.yaml'));
}

const valid = `title: T
presets: [nginx-upgrade-virtualbox]
steps:
  - text: Take a snapshot.
    command: VBoxManage snapshot web01 take s1
    done: [{ snapshots: 1 }]
`;
/** The valid story with its one check replaced. */
const withCheck = (check: string) => valid.replace('{ snapshots: 1 }', check);

describe('guided exercises (content/stories)', () => {
  it('every story in the course is valid', () => {
    expect(stories.length).toBeGreaterThan(0);
    for (const file of stories) {
      const r = parseStory(readFileSync(`content/stories/${file}`, 'utf8'), presets);
      expect(r.ok ? [] : r.issues.map((i) => formatIssue(i, file))).toEqual([]);
    }
  });

  it('a valid story comes through as written, with nothing added', () => {
    const r = parseStory(valid, presets);
    expect(r).toEqual({
      ok: true,
      value: { title: 'T', presets: ['nginx-upgrade-virtualbox'], steps: [{ text: 'Take a snapshot.', command: 'VBoxManage snapshot web01 take s1', done: [{ snapshots: 1 }] }] },
    });
  });

  it('a misspelt check, field or code names the closest one', () => {
    expect(messages(withCheck('{ refuse: NOT_PAUSED }'))).toEqual(['content/stories/x.yaml › steps[0].done[0]: unknown check "refuse". Did you mean "refused"?']);
    expect(messages(withCheck('{ refused: NOT_PAUSD }'))).toEqual(['content/stories/x.yaml › steps[0].done[0].refused: unknown refusal code "NOT_PAUSD". Did you mean "NOT_PAUSED"?']);
    expect(messages(withCheck('{ event: SNAPSHOT_RESTORE }'))).toEqual(['content/stories/x.yaml › steps[0].done[0].event: unknown event code "SNAPSHOT_RESTORE". Did you mean "SNAPSHOT_RESTORED"?']);
    expect(messages(valid.replace('    command:', '    comand:'))).toEqual(['content/stories/x.yaml › steps[0]: unknown field "comand"']);
  });

  it('a check with a wrong value or two kinds in one item says what to write', () => {
    expect(messages(withCheck('{ power: off }'))).toEqual(['content/stories/x.yaml › steps[0].done[0].power: expected one of "running", "paused", "saved", "poweroff"']);
    expect(messages(withCheck('{ service: nginx }'))).toEqual(['content/stories/x.yaml › steps[0].done[0].status: expected one of "active", "failed", "inactive"']);
    expect(messages(withCheck('{ power: running, snapshots: 1 }'))).toEqual([
      'content/stories/x.yaml › steps[0].done[0]: one check per item, found "snapshots" and "power": give each its own item in done',
    ]);
    expect(messages(withCheck('{ service: nginx, status: active, power: running }'))).toEqual([
      'content/stories/x.yaml › steps[0].done[0]: one check per item, found "service" and "power": give each its own item in done',
    ]);
  });

  it('presets must exist, and a step\'s lab must be one of the story\'s presets', () => {
    expect(messages(valid.replace('[nginx-upgrade-virtualbox]', '[nginx-upgrade-virtualbx]'))).toEqual([
      'content/stories/x.yaml › presets[0]: no snapshot preset "nginx-upgrade-virtualbx" in content/scenarios/snapshots/. Did you mean "nginx-upgrade-virtualbox"?',
    ]);
    expect(messages(`${valid}    lab: proxmox-zfs\n`)).toEqual([
      'content/stories/x.yaml › steps[0].lab: "proxmox-zfs" is not one of this story\'s presets. Add it to presets (known: "nginx-upgrade-virtualbox")',
    ]);
    expect(messages(withCheck('{ lab: nginx-upgrade-virtualbx }'))).toEqual([
      'content/stories/x.yaml › steps[0].done[0].lab: "nginx-upgrade-virtualbx" is not one of this story\'s presets. Did you mean "nginx-upgrade-virtualbox"?',
    ]);
  });

  it('the last step cannot be optional (an optional step is skipped by doing the next one)', () => {
    expect(messages(`${valid}    optional: true\n`)).toEqual([
      'content/stories/x.yaml › steps[0].optional: the last step cannot be optional. An optional step is skipped when the student does the step after it',
    ]);
  });

  it('the README lists exactly the stories there are', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Guided exercises'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| story |')));
    const listed = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(stories.map((f) => f.replace(/\.yaml$/, '')).sort());
  });
});
