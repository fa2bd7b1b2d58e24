import { describe, expect, it } from 'vitest';
import { findNonJson, roundTrip } from '../../../../src/sim/core';
import { apply, explainEvent, explainRefusal, explainServiceFailure, explainWarning, LOG_LIMIT, type Refusal, type RefusalCode, type SimEvent, listSnapshots } from '../../../../src/sim/snapshots';
import { at, makeLab, nginxLab, step } from './helpers';

describe('engine', () => {
  it('E1: a refused action returns the very same state and a reason as data', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const r = apply(lab, { type: 'restore', vm: 'web', snapshot: 'nope' }, at());
    expect(r.state).toBe(lab);
    expect(r.events).toEqual([]);
    expect(r.refused).toEqual({ code: 'NO_SNAPSHOTS', params: { vm: 'web' } });
    const typo = apply(lab, { type: 'take', vm: 'wbe', name: 'x' }, at());
    expect(typo.refused).toEqual({ code: 'UNKNOWN_VM', params: { vm: 'wbe', suggestion: 'web', known: '(known: "web")' } });
  });

  it('E2: every state is plain JSON, survives a round trip and behaves the same after it', () => {
    let lab = nginxLab('proxmox', 'qcow2');
    lab = step(lab, { type: 'take', vm: 'web', name: 'one', memory: true });
    lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'upgrade', packages: [] } });
    expect(findNonJson(lab)).toBeNull();
    const copy = roundTrip(lab);
    expect(copy).toEqual(lab);
    const action = { type: 'restore', vm: 'web', snapshot: 'one' } as const;
    expect(apply(copy, action, at(5))).toEqual(apply(lab, action, at(5)));
  });

  it('E3: steps are deterministic: same state, action and time give the same result and the same UUIDs', () => {
    const a = step(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 's' });
    const b = step(makeLab({ platform: 'virtualbox' }), { type: 'take', vm: 'web', name: 's' });
    expect(a).toEqual(b);
    const other = step(makeLab({ platform: 'virtualbox', seed: 'another seed' }), { type: 'take', vm: 'web', name: 's' });
    expect(listSnapshots(other.vms['web']!)[0]!.uuid).not.toBe(listSnapshots(a.vms['web']!)[0]!.uuid);
  });

  it('E4: every successful step adds one log entry with its events; the log keeps the newest LOG_LIMIT', () => {
    let lab = makeLab({ platform: 'libvirt' });
    const r = apply(lab, { type: 'take', vm: 'web', name: 'x1' }, at(1));
    expect(r.state.log.at(-1)).toEqual({ seq: 1, at: at(1).now, action: { code: 'take', params: { vm: 'web', name: 'x1' } }, events: r.events });
    for (let i = 0; i < LOG_LIMIT + 5; i++) lab = step(lab, { type: 'guest', vm: 'web', guest: { op: 'write', path: '/root/n', content: String(i) } });
    expect(lab.log).toHaveLength(LOG_LIMIT);
    expect(lab.log.at(-1)!.seq).toBe(LOG_LIMIT + 5);
  });

  it('E5: every reason, event and warning renders to text without "undefined" or "NaN"', () => {
    const refusals: RefusalCode[] = [
      'UNKNOWN_VM', 'UNKNOWN_SNAPSHOT', 'NO_SNAPSHOTS', 'NAME_EMPTY', 'NAME_TAKEN', 'NAME_RESERVED', 'NAME_INVALID',
      'UNIQUE_NAME_EXHAUSTED', 'VM_NAME_TAKEN', 'VMID_TAKEN', 'RESTORE_WHILE_RUNNING', 'SNAPSHOT_HAS_CHILDREN',
      'CURRENT_SNAPSHOT_HAS_CHILD', 'SNAPSHOT_HAS_LINKED_CLONES', 'NOT_MOST_RECENT', 'IS_TEMPLATE', 'TEMPLATE_HAS_SNAPSHOTS',
      'TEMPLATE_RUNNING', 'ALREADY_TEMPLATE', 'BASE_DISK_LOST', 'ALREADY_RUNNING', 'NOT_RUNNING', 'NOT_PAUSED', 'NOT_SAVED',
      'VM_PAUSED', 'SETTINGS_LOCKED', 'INVALID_SETTING', 'NOTHING_TO_CHANGE', 'LINKED_CLONE_NEEDS_SNAPSHOT',
      'LINKED_CLONE_NEEDS_TEMPLATE', 'FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED', 'CLONE_SOURCE_RUNNING',
      'UNSUPPORTED_ON_PLATFORM', 'GUEST_NOT_RUNNING', 'GUEST_PANICKED', 'FILE_NOT_FOUND', 'IS_A_DIRECTORY',
      'PRESERVE_ROOT', 'PACKAGE_UNKNOWN', 'SERVICE_UNKNOWN', 'SERVICE_NOT_ACTIVE',
    ];
    const texts: string[] = [];
    // With no parameters at all (the worst case) and with realistic ones.
    for (const code of refusals) {
      texts.push(explainRefusal({ code, params: {} } as Refusal));
      texts.push(explainRefusal({ code, params: { vm: 'web', snapshot: 's', name: 'n', power: 'running', count: 2, newer: ['a', 'b'], clones: ['c'] } }));
    }
    const events: SimEvent['code'][] = [
      'SNAPSHOT_TAKEN', 'VM_PAUSED_FOR_SNAPSHOT', 'VM_RESUMED_AFTER_SNAPSHOT', 'VM_HALTED_AFTER_SNAPSHOT', 'SNAPSHOT_RESTORED',
      'CURRENT_STATE_DISCARDED', 'VM_STOPPED_FOR_ROLLBACK', 'SNAPSHOT_DELETED', 'SNAPSHOT_MERGED', 'CHILDREN_REPARENTED',
      'CURRENT_SNAPSHOT_CHANGED', 'SNAPSHOT_EDITED', 'VM_CLONED', 'TEMPLATE_CREATED', 'POWER_CHANGED', 'VM_BOOTED', 'KERNEL_PANIC',
      'SETTINGS_CHANGED', 'SETTINGS_PENDING', 'FILE_WRITTEN', 'PATHS_REMOVED', 'PACKAGE_INSTALLED', 'PACKAGE_REMOVED',
      'PACKAGE_UPGRADED', 'SERVICE_STARTED', 'SERVICE_FAILED', 'SERVICE_STOPPED', 'SERVICE_RELOADED', 'SERVICE_RELOAD_FAILED',
      'SERVICE_ENABLED', 'SERVICE_DISABLED', 'BASE_DISK_LOST', 'CONSOLE_FOCUSED',
    ];
    for (const code of events) texts.push(explainEvent({ code, vm: 'web', params: {} }));
    for (const code of ['LONG_CHAIN', 'STALE_SNAPSHOT', 'NOT_A_BACKUP', 'LINKED_CLONE_DEPENDS', 'CONFIG_CHANGED_NOT_RELOADED', 'PENDING_SETTINGS', 'SERVICE_FAILED'] as const) {
      texts.push(explainWarning({ code, params: {} }));
    }
    for (const code of ['CONFIG_INVALID', 'BINARY_MISSING', 'NOT_INSTALLED', 'NO_INIT', 'SOMETHING_NEW']) texts.push(explainServiceFailure({ code, params: {} }));
    for (const t of texts) {
      expect(t).not.toMatch(/undefined|NaN|\[object/);
      expect(t.length).toBeGreaterThan(5);
    }
  });
});
