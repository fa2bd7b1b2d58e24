import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../src/sim/core';
import { labFromText, runCommand, type LabState } from '../../../../src/sim/snapshots';

const NOW = Date.UTC(2026, 10, 19, 18, 0, 0);
const load = (name: string): LabState => {
  const r = labFromText(readFileSync(`content/scenarios/snapshots/${name}.yaml`, 'utf8'), { now: NOW });
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, name)).join('\n'));
  return r.value;
};
/** Runs lines in order; every one must succeed. */
function script(lab: LabState, lines: string[]): LabState {
  let state = lab;
  lines.forEach((line, i) => {
    const r = runCommand(state, line, { now: NOW + (i + 1) * 60_000 });
    expect(r.exitCode, `${line}\n${r.output.join('\n')}`).toBe(0);
    state = r.state;
  });
  return state;
}

describe('builder presets', () => {
  it('each starts as a bare host of its platform', () => {
    for (const [name, platform] of [['builder-virtualbox', 'virtualbox'], ['builder-libvirt', 'libvirt'], ['builder-proxmox', 'proxmox']] as const) {
      const lab = load(name);
      expect(lab.platform).toBe(platform);
      expect(Object.keys(lab.vms)).toEqual([]);
    }
  });

  it('host.files adds files to the host: virsh define reads /root/web.xml', () => {
    const lab = load('builder-libvirt');
    expect(lab.host.files.map((f) => f.path)).toContain('/root/web.xml');
    // The platform's own files stay.
    expect(lab.host.files.map((f) => f.path)).toContain('/var/lib/libvirt/images/debian-12.8.0-amd64-netinst.iso');
    const built = script(lab, ['qemu-img create -f qcow2 /var/lib/libvirt/images/web01.qcow2 20G', 'virsh define /root/web.xml']);
    expect(built.vms['web01']?.settings).toEqual({ memoryMb: 2048, cpus: 2 });
    expect(built.vms['web01']?.hw.maxCpus).toBe(4);
  });

  it('host.files: a path of the defaults is replaced, a relative path is refused with the fix', () => {
    const text = 'id: demo\ntitle: Demo\nplatform: libvirt\nvms: []\nhost:\n  files:\n    - path: /var/lib/libvirt/images/debian-12.8.0-amd64-netinst.iso\n      content: other\n';
    const r = labFromText(text, { now: NOW });
    expect(r.ok && r.value.host.files.filter((f) => f.path.endsWith('netinst.iso')).map((f) => f.content)).toEqual(['other']);
    const bad = labFromText('id: demo\ntitle: Demo\nplatform: libvirt\nvms: []\nhost:\n  files:\n    - path: web.xml\n      content: x\n', { now: NOW });
    expect(bad.ok ? [] : bad.issues.map((i) => formatIssue(i, 'x.yaml'))).toEqual([
      'x.yaml › host.files[0].path: expected an absolute path such as "/root/web.xml" or a Proxmox volume such as "local:iso/debian.iso"',
    ]);
  });

  it('qm create --scsi0 STORAGE:SIZE allocates and attaches a volume (the SCSI controller fits the bus)', () => {
    const built = script(load('builder-proxmox'), [
      'qm create 100 --name web01 --memory 2048 --cores 2 --ostype l26 --scsi0 local-lvm:32 --ide2 local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom --net0 virtio,bridge=vmbr0 --boot "order=scsi0;ide2" --agent 1',
    ]);
    const vm = built.vms['web01']!;
    expect(vm.hw.attachments.map((a) => [a.controller, a.port, a.type])).toEqual([
      ['scsi', 0, 'hdd'],
      ['ide', 1, 'dvddrive'],
    ]);
    expect(built.media.find((m) => m.location === 'local-lvm:vm-100-disk-0')?.capacityMb).toBe(32 * 1024);
  });
});

describe('builder session', () => {
  it('a replay of the saved lines gives back the same state, transcript and history', async () => {
    const { freshBuilder, replay, runLine } = await import('../../../../src/widgets/builder/session');
    const lines = ['VBoxManage createvm --name web01 --register', '', 'VBoxManage modifyvm web01 --memory 2048', 'VBoxManage modifyvm web01 --memory 2048', 'clear', 'VBoxManage showvminfo web01', 'nonsense'];
    let s = freshBuilder(load('builder-virtualbox'), NOW);
    for (const line of lines) s = runLine(s, line).session;
    expect(s.log).toEqual(lines.filter((l) => l !== ''));
    expect(s.commands).toEqual(['VBoxManage createvm --name web01 --register', 'VBoxManage modifyvm web01 --memory 2048', 'clear', 'VBoxManage showvminfo web01', 'nonsense']);
    // "clear" emptied the transcript: only the last two commands show.
    expect(s.transcript.filter((l) => l.kind === 'input').map((l) => l.text)).toEqual(['VBoxManage showvminfo web01', 'nonsense']);
    expect(s.transcript.some((l) => l.kind === 'out' && /2048/.test(l.text))).toBe(true);
    const again = replay(load('builder-virtualbox'), NOW, s.log);
    expect(JSON.stringify(again)).toBe(JSON.stringify(s));
  });
});
