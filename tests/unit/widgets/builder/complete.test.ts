import { describe, expect, it } from 'vitest';
import { loadPreset, NOW, runLines } from './presets';
import { runCommand, type LabState } from '../../../../src/sim/snapshots';
import { complete, QM_COMMANDS, VBOX_SUBCOMMANDS, VIRSH_COMMANDS } from '../../../../src/widgets/builder/complete';

const load = loadPreset;
const run = (lab: LabState, ...lines: string[]): LabState => runLines(lab, lines);

const vbox = load('builder-virtualbox');
const withVm = run(vbox, 'VBoxManage createvm --name web01 --ostype Debian_64 --register', 'VBoxManage storagectl web01 --name SATA --add sata');

describe('tab completion', () => {
  it('completes the tool of the platform, then its subcommands', () => {
    expect(complete(vbox, 'VBox')).toEqual({ line: 'VBoxManage ', candidates: ['VBoxManage'] });
    expect(complete(vbox, 'VBoxManage cr')).toEqual({ line: 'VBoxManage create', candidates: ['createmedium', 'createvm'] });
    expect(complete(vbox, 'VBoxManage createv').line).toBe('VBoxManage createvm ');
    // Another platform's tool is not offered.
    expect(complete(vbox, 'vir').candidates).toEqual([]);
    expect(complete(load('builder-libvirt'), 'vir')).toEqual({ line: 'vir', candidates: ['virsh', 'virt-clone'] });
    expect(complete(load('builder-libvirt'), 'virs').line).toBe('virsh ');
  });

  it('completes VM names, option names and option values', () => {
    expect(complete(withVm, 'VBoxManage modifyvm w').line).toBe('VBoxManage modifyvm web01 ');
    expect(complete(withVm, 'VBoxManage modifyvm web01 --mem').line).toBe('VBoxManage modifyvm web01 --memory ');
    expect(complete(withVm, 'VBoxManage modifyvm web01 --boot1 d')).toEqual({ line: 'VBoxManage modifyvm web01 --boot1 d', candidates: ['disk', 'dvd'] });
    expect(complete(withVm, 'VBoxManage modifyvm web01 --boot1 dv').line).toBe('VBoxManage modifyvm web01 --boot1 dvd ');
    expect(complete(withVm, 'VBoxManage createvm --ostype Debian1').line).toBe('VBoxManage createvm --ostype Debian12_64 ');
    expect(complete(withVm, 'VBoxManage storageattach web01 --storagectl S').line).toBe('VBoxManage storageattach web01 --storagectl SATA ');
    expect(complete(withVm, 'VBoxManage startvm web01 --type=h').line).toBe('VBoxManage startvm web01 --type=headless ');
  });

  it('quotes a completed path with a space, and keeps the text after the cursor', () => {
    const withDisk = run(vbox, 'VBoxManage createmedium disk --filename "/root/VirtualBox VMs/web01/web01.vdi" --size 20480');
    expect(complete(withDisk, 'VBoxManage storageattach web01 --medium /root/Vir').line).toBe('VBoxManage storageattach web01 --medium "/root/VirtualBox VMs/web01/web01.vdi" ');
    expect(complete(withVm, 'VBoxManage showvm web01', 'VBoxManage showvm'.length).line).toBe('VBoxManage showvminfo web01');
  });

  it('offers nothing where nothing is known, and never changes the line then', () => {
    expect(complete(withVm, 'VBoxManage modifyvm web01 --memory 20')).toEqual({ line: 'VBoxManage modifyvm web01 --memory 20', candidates: [] });
    expect(complete(withVm, 'nonsense wor')).toEqual({ line: 'nonsense wor', candidates: [] });
    expect(complete(withVm, '')).toMatchObject({ line: '', candidates: expect.arrayContaining(['VBoxManage', 'help']) });
  });

  it('virsh: domain names, files to define, networks; qm: VMIDs and Proxmox options', () => {
    const kvm = run(load('builder-libvirt'), 'qemu-img create -f qcow2 /var/lib/libvirt/images/web01.qcow2 20G', 'virsh define /root/web.xml');
    expect(complete(kvm, 'virsh def').line).toBe('virsh define ');
    expect(complete(kvm, 'virsh define /r').line).toBe('virsh define /root/web.xml ');
    expect(complete(kvm, 'virsh setvcpus w').line).toBe('virsh setvcpus web01 ');
    expect(complete(kvm, 'virsh setvcpus web01 2 --c').candidates).toEqual(['--config', '--current']);
    expect(complete(kvm, 'virsh domifaddr web01 --source a').candidates).toEqual(['agent', 'arp']);
    expect(complete(kvm, 'virsh net-dhcp-leases d').line).toBe('virsh net-dhcp-leases default ');
    const pve = run(load('builder-proxmox'), 'qm create 100 --name web01');
    expect(complete(pve, 'qm create ').line).toBe('qm create 101 ');
    expect(complete(pve, 'qm set 1').line).toBe('qm set 100 ');
    expect(complete(pve, 'qm set 100 --ag').line).toBe('qm set 100 --agent ');
    expect(complete(pve, 'qm set 100 --ostype l2').candidates).toEqual(['l24', 'l26']);
    expect(complete(pve, 'qm guest 100 cmd 100').candidates).toEqual([]);
    expect(complete(pve, 'qm guest 100 c').line).toBe('qm guest 100 cmd ');
  });

  it('every subcommand it offers is one the console knows', () => {
    const unknown = (lab: LabState, line: string): boolean => runCommand(lab, line, { now: NOW }).output.some((l) => /Invalid command|unknown command/.test(l));
    for (const sub of VBOX_SUBCOMMANDS) expect(unknown(withVm, `VBoxManage ${sub}`), sub).toBe(false);
    const kvm = load('builder-libvirt');
    for (const sub of VIRSH_COMMANDS) expect(unknown(kvm, `virsh ${sub}`), sub).toBe(false);
    const pve = load('builder-proxmox');
    for (const sub of QM_COMMANDS) expect(unknown(pve, `qm ${sub}`), sub).toBe(false);
    // And the check can fail: a made-up subcommand is unknown.
    expect(unknown(withVm, 'VBoxManage frobvm')).toBe(true);
  });
});
