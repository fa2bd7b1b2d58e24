import { expect } from 'vitest';
import { runCommand, type CommandResult, type LabState } from '../../../../src/sim/snapshots';
import { checkLab } from '../../../../src/sim/snapshots/model/invariants';
import { makeLab } from '../snapshots/helpers';

export const NOW = Date.UTC(2025, 0, 15, 12);

export function bare(platform: LabState['platform']): LabState {
  return makeLab({ platform, vms: [] });
}

/** Runs lines in order; every one must succeed (exit 0) unless it is prefixed with "!". */
export function script(lab: LabState, lines: string[]): { state: LabState; results: CommandResult[] } {
  let state = lab;
  const results: CommandResult[] = [];
  for (const raw of lines) {
    const expectFail = raw.startsWith('!');
    const line = expectFail ? raw.slice(1) : raw;
    const r = runCommand(state, line, { now: NOW });
    expect(r.exitCode === 0, `${line}\n${r.output.join('\n')}`).toBe(!expectFail);
    results.push(r);
    state = r.state;
    expect(checkLab(state), line).toEqual([]);
  }
  return { state, results };
}

export function out(lab: LabState, line: string): { text: string; code: number; state: LabState; refused: string | null } {
  const r = runCommand(lab, line, { now: NOW });
  return { text: r.output.join('\n'), code: r.exitCode, state: r.state, refused: r.refused?.code ?? null };
}

export const ISO = '/root/iso/debian-12.8.0-amd64-netinst.iso';

/** The scripting exercise, ready to start. */
export const VBOX_SCRIPT = [
  'VBoxManage createmedium disk --filename /root/web.vdi --size 20480',
  'VBoxManage createvm --name web --ostype Debian_64 --register',
  'VBoxManage modifyvm web --memory 2048 --cpus 2 --boot1 dvd --boot2 disk --boot3 none --boot4 none --ioapic on',
  'VBoxManage storagectl web --name IDE --add ide --controller PIIX4',
  'VBoxManage storagectl web --name SATA --add sata --controller IntelAhci --portcount 1',
  'VBoxManage storageattach web --storagectl SATA --port 0 --device 0 --type hdd --medium /root/web.vdi',
  `VBoxManage storageattach web --storagectl IDE --port 1 --device 0 --type dvddrive --medium ${ISO}`,
];
