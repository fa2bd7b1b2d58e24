import { describe, expect, it } from 'vitest';
import { apply, explainRefusal, findSnapshot, nameLimit, type Action } from '../../../../src/sim/snapshots';
import { at, makeLab, sh } from './helpers';

/**
 * SPEC E6/E7: whatever the engine and the console are handed, they answer. These are the cases the
 * reliability probe and the any-input fuzzer (fuzz-any-input.test.ts) found, pinned one by one.
 */
const PLATFORMS = ['virtualbox', 'libvirt', 'proxmox'] as const;
const PROTO_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const START = { virtualbox: 'VBoxManage startvm', libvirt: 'virsh start', proxmox: 'qm start' } as const;
const lab = (platform: (typeof PLATFORMS)[number]) => makeLab({ platform, vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }] });

describe('E6: VM names that are Object.prototype keys are ordinary names', () => {
  for (const platform of PLATFORMS) {
    it.each(PROTO_NAMES)(`${platform}: "%s" is not a VM, in the engine and the console`, (name) => {
      const start = lab(platform);
      for (const action of [
        { type: 'take', vm: name, name: 'a' },
        { type: 'power', vm: name, op: 'start' },
        { type: 'deleteSnapshot', vm: name, snapshot: 'a' },
        { type: 'loseBaseDisk', vm: name },
        { type: 'setDiskMode', vm: name, disk: 0, mode: 'normal' },
        { type: 'clone', vm: name, name: 'c', mode: 'full' },
      ] as Action[]) {
        const r = apply(start, action, at());
        expect(r.refused?.code).toBe('UNKNOWN_VM');
        expect(r.state).toBe(start);
      }
      const typed = sh(start, `${START[platform]} ${name}`);
      expect(typed.exitCode).not.toBe(0);
      expect(typed.output.join('\n')).toContain(name);
      expect(typed.state).toBe(start);
    });
  }

  it('a clone may be called "toString" and is then found like any VM', () => {
    const start = lab('virtualbox');
    const cloned = sh(start, 'VBoxManage clonevm web --name toString --register');
    expect(cloned.exitCode).toBe(0);
    const started = sh(cloned.state, 'VBoxManage startvm toString');
    expect(started.output).toContain('VM "toString" has been successfully started.');
    expect(Object.hasOwn(started.state.vms, 'toString')).toBe(true);
    expect(JSON.parse(JSON.stringify(started.state))).toEqual(started.state);
  });
});

describe('E6: actions of the wrong shape are refused with the field, never stored', () => {
  const cases: [string, unknown, string][] = [
    ['not a mapping', null, 'That is not a valid action: expected an action (a mapping with a "type"), got null.'],
    ['a misspelt type', { type: 'tak', vm: 'web' }, 'That is not a valid action: type: unknown action "tak". Did you mean "take"? The actions are take, restore, deleteSnapshot, editSnapshot, setCurrent, clone, template, power, configure, guest, loseBaseDisk, setDiskMode, focus, createVm, registerVm, unregisterVm, modifyVm, setNic, portForward, createMedium, storageCtl, storageAttach, installOs.'],
    ['a type that is a prototype key', { type: 'toString', vm: 'web' }, 'That is not a valid action: type: unknown action "toString". The actions are take, restore, deleteSnapshot, editSnapshot, setCurrent, clone, template, power, configure, guest, loseBaseDisk, setDiskMode, focus, createVm, registerVm, unregisterVm, modifyVm, setNic, portForward, createMedium, storageCtl, storageAttach, installOs.'],
    ['a number for a VM name', { type: 'take', vm: 7, name: 'a' }, 'That is not a valid "take" action: vm: expected text, got 7.'],
    ['restore after: "x"', { type: 'restore', vm: 'web', snapshot: 'a', after: 'x' }, 'That is not a valid "restore" action: after: expected one of "running", "paused", got "x".'],
    ['vmid NaN', { type: 'clone', vm: 'web', name: 'c', mode: 'full', vmid: NaN }, 'That is not a valid "clone" action: vmid: expected a whole number from 1 to 999999999, got a value that is not a number.'],
    ['memory null', { type: 'take', vm: 'web', name: 'a', memory: null }, 'That is not a valid "take" action: memory: expected true or false, got null.'],
    ['a guest op without its path', { type: 'guest', vm: 'web', guest: { op: 'write', content: 'x' } }, 'That is not a valid "guest" action: guest.path: expected text, got nothing.'],
    ['a disk index below 0', { type: 'take', vm: 'web', disks: [{ disk: -1 }] }, 'That is not a valid "take" action: disks[0].disk: expected a whole number of at least 0, got -1.'],
  ];
  it.each(cases)('%s', (_, action, text) => {
    const start = lab('libvirt');
    const r = apply(start, action as Action, at());
    expect(r.state).toBe(start);
    expect(r.refused?.code).toBe('INVALID_ACTION');
    expect(explainRefusal(r.refused!)).toBe(text);
  });

  it('a restore with after: "x" used to store power "NaN" and make a later "qm list" throw', () => {
    let state = lab('proxmox');
    state = sh(state, 'qm snapshot 100 before').state;
    const r = apply(state, { type: 'restore', vm: 'web', snapshot: 'before', after: 'x' } as unknown as Action, at());
    expect(r.refused?.code).toBe('INVALID_ACTION');
    expect(sh(r.state, 'qm list').output.join('\n')).toMatch(/100 web +stopped/);
  });
});

describe('E7: snapshot and clone names are bounded', () => {
  it('Proxmox takes 40 characters (pve-snapshot-name) and answers like qm beyond', () => {
    const start = lab('proxmox');
    expect(nameLimit('proxmox')).toBe(40);
    expect(sh(start, `qm snapshot 100 s${'n'.repeat(39)}`).exitCode).toBe(0);
    const long = sh(start, `qm snapshot 100 s${'n'.repeat(40)}`);
    expect(long.output).toEqual(['400 Parameter verification failed.', 'snapname: value may only be 40 characters long']);
    expect(long.refused?.code).toBe('NAME_TOO_LONG');
  });

  it.each(PLATFORMS)('%s: a 100,000-character name is refused by the engine and the console, and nothing is stored', (platform) => {
    const start = lab(platform);
    const name = 'n'.repeat(100_000);
    const r = apply(start, { type: 'take', vm: 'web', name }, at());
    expect(r.refused?.code).toBe('NAME_TOO_LONG');
    expect(explainRefusal(r.refused!)).toContain(`A name of 100000 characters is too long`);
    const typed = sh(start, platform === 'proxmox' ? `qm snapshot 100 ${name}` : platform === 'libvirt' ? `virsh snapshot-create-as web ${name}` : `VBoxManage snapshot web take ${name}`);
    expect(typed.refused?.code).toBe('NAME_TOO_LONG');
    expect(typed.state).toBe(start);
    expect(typed.output.join('\n').length).toBeLessThan(200);
    expect(apply(start, { type: 'clone', vm: 'web', name, mode: 'full' }, at()).refused?.code).toBe('NAME_TOO_LONG');
  });

  it('VirtualBox: a rename to an over-long name is refused; at the limit it is kept', () => {
    let state = sh(lab('virtualbox'), 'VBoxManage snapshot web take a').state;
    expect(apply(state, { type: 'editSnapshot', vm: 'web', snapshot: 'a', name: 'x'.repeat(256) }, at()).refused?.code).toBe('NAME_TOO_LONG');
    state = apply(state, { type: 'editSnapshot', vm: 'web', snapshot: 'a', name: 'x'.repeat(255) }, at()).state;
    expect(findSnapshot(state.vms['web']!, 'x'.repeat(255))).toBeDefined();
  });
});
