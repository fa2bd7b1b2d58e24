import { describe, expect, it } from 'vitest';
import { makeLab } from '../../sim/snapshots/helpers';
import { freshBuilder, replay, runLine } from '../../../../src/widgets/builder/session';
import { promptAt } from '../../../../src/sim/snapshots/console/place';

const NOW = Date.UTC(2025, 0, 15, 12);

describe('builder terminal: host or guest (SPEC K7)', () => {
  it('K7: opens on the host even when a VM runs; ssh logs in, exit comes back; tools are refused in the wrong place and do not run', () => {
    const lab = makeLab({ platform: 'virtualbox', console: 'web', vms: [{ name: 'web', power: 'running', nics: [{ attachment: 'bridged' }] }] });
    let s = freshBuilder(lab, NOW);
    expect(promptAt(s.state, s.place)).toBe('student@host:~$ ');
    const guestOnHost = runLine(s, 'apt install -y nginx');
    expect(guestOnHost.refusedHere?.[0]).toContain('ssh web');
    expect(guestOnHost.session.state).toBe(s.state);
    s = runLine(s, 'ssh root@192.168.1.100').session;
    expect([s.place, promptAt(s.state, s.place)]).toEqual(['guest', 'root@web:~# ']);
    const toolInGuest = runLine(s, 'VBoxManage list vms');
    expect(toolInGuest.refusedHere?.[1]).toContain('Type "exit"');
    s = runLine(s, 'exit').session;
    expect(s.place).toBe('host');
    expect(s.transcript.map((l) => l.text)).toContain('Connection to web closed.');
    const again = replay(lab, NOW, ['apt install -y nginx', 'ssh root@192.168.1.100', 'VBoxManage list vms', 'exit']);
    // The replay shows the two refused lines as well: 'apt' (input + hint) and 'VBoxManage' (input + 2 lines).
    expect([again.place, again.transcript.length]).toEqual(['host', s.transcript.length + 5]);
  });
});

describe('builder terminal: a failed ssh stays on the host (SPEC K7)', () => {
  it('K7: ssh to an address the host cannot reach leaves the shell on the host, so host tools still run', () => {
    const lab = makeLab({ platform: 'virtualbox', console: 'web', vms: [{ name: 'web', power: 'running', nics: [{ attachment: 'nat' }] }] });
    const s = runLine(freshBuilder(lab, NOW), 'ssh student@10.0.2.15').session;
    expect(s.place).toBe('host');
    const next = runLine(s, 'VBoxManage controlvm web natpf1 "ssh,tcp,,2222,10.0.2.15,22"');
    expect([next.refusedHere, next.result?.exitCode]).toEqual([undefined, 0]);
  });
});
