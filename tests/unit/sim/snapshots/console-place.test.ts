import { describe, expect, it } from 'vitest';
import { HOST_PROMPT, misplaced, placeAfter, promptAt, type Place } from '../../../../src/sim/snapshots';
import type { LabState } from '../../../../src/sim/snapshots';
import { makeLab, sh } from './helpers';

/** Types lines the way the sandbox does: refused where they do not belong, else run, then the place moves. */
function session(lab: LabState) {
  let state = lab;
  let place: Place = 'host';
  const out: string[] = [];
  return {
    type(line: string) {
      const wrong = misplaced(state, place, line);
      if (wrong) {
        out.push(...wrong);
        return { ran: false, lines: wrong };
      }
      const r = sh(state, line);
      const moved = placeAfter(state, r.state, place, line);
      state = r.state;
      place = moved.place;
      out.push(...r.output, ...moved.output);
      return { ran: true, lines: [...r.output, ...moved.output] };
    },
    get place() {
      return place;
    },
    get prompt() {
      return promptAt(state, place);
    },
    get state() {
      return state;
    },
  };
}

describe('console: host and guest (K7)', () => {
  it('K7: the console opens on the host even when the VM runs; ssh logs in, exit comes back', () => {
    const s = session(makeLab({ platform: 'virtualbox' }));
    expect(s.prompt).toBe(HOST_PROMPT);
    expect(s.type('VBoxManage snapshot web take before').ran).toBe(true);
    expect(s.type('ssh web').ran).toBe(true);
    expect(s.place).toBe('guest');
    expect(s.prompt).toBe('root@web:~# ');
    expect(s.type('exit').lines).toEqual(['logout', 'Connection to web closed.']);
    expect(s.prompt).toBe(HOST_PROMPT);
  });

  it('K7: VBoxManage at the guest root prompt is refused with what to type, and nothing runs', () => {
    const s = session(makeLab({ platform: 'virtualbox' }));
    s.type('ssh web');
    const before = s.state;
    const r = s.type('VBoxManage snapshot web take inside');
    expect(r.ran).toBe(false);
    expect(r.lines[0]).toBe('bash: VBoxManage: command not found');
    expect(r.lines[1]).toContain('runs on the host, not inside web. Type "exit"');
    expect(s.state).toBe(before);
    // Also inside a chain, and through sudo.
    expect(s.type('echo hi && sudo virsh list').ran).toBe(false);
    expect(s.type('qm list').ran).toBe(false);
  });

  it('K7: a guest command on the host says to log in first; the same command inside the guest runs', () => {
    const s = session(makeLab({ platform: 'virtualbox' }));
    const r = s.type('systemctl status nginx');
    expect(r.ran).toBe(false);
    expect(r.lines).toEqual(['hint: systemctl is a command for inside the guest, and this is the host (student@host:~$). Log in to web first with: ssh web']);
    s.type('ssh web');
    expect(s.type('hostname').ran).toBe(true);
  });

  it('K7: powering the guest off from inside, or ssh to a VM that is off, leaves the console on the host', () => {
    const s = session(makeLab({ platform: 'virtualbox' }));
    s.type('ssh web');
    const r = s.type('poweroff');
    expect(r.lines.at(-1)).toBe('Connection to web closed by remote host.');
    expect(s.place).toBe('host');
    expect(s.type('ssh web').ran).toBe(true);
    expect(s.place).toBe('host');
    expect(s.prompt).toBe(HOST_PROMPT);
  });

  it('K7: shell words and the simulator command run anywhere', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    for (const place of ['host', 'guest'] as const) {
      for (const line of ['help', 'clear', 'sim', 'ssh web', 'exit', '']) expect(misplaced(lab, place, line), `${place}: ${line}`).toBeNull();
    }
  });
});
