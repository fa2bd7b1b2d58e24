import { describe, expect, it } from 'vitest';
import { loadPreset, runLines } from './presets';
import type { LabState } from '../../../../src/sim/snapshots';
import { machineDetails } from '../../../../src/widgets/builder/details';
import { makeLab } from '../../sim/snapshots/helpers';

const load = loadPreset;
const run = (lab: LabState, ...lines: string[]): LabState => runLines(lab, lines, 1);
const value = (rows: Array<{ label: string; value: string }>, label: string): string | undefined => rows.find((r) => r.label === label)?.value;

describe('the settings panel reads the one machine definition', () => {
  it('follows the VBoxManage scripting exercise step by step', () => {
    let lab = run(load('builder-virtualbox'), 'VBoxManage createmedium disk --filename "/root/VirtualBox VMs/web01/web01.vdi" --size 20480', 'VBoxManage createvm --name web01 --ostype Debian_64 --register');
    let d = machineDetails(lab, 'web01')!;
    // A fresh VirtualBox VM: 128 MB, one CPU, floppy-DVD-disk, NAT on adapter 1, no controllers.
    expect(value(d.system, 'Base memory')).toBe('128 MB');
    expect(value(d.system, 'Boot order')).toBe('Floppy, Optical, Hard disk');
    expect(value(d.general, 'Operating system')).toBe('Debian (64-bit) (Debian_64)');
    expect(d.controllers).toEqual([]);
    expect(d.nics.map((n) => [n.label, n.attachment])).toEqual([['Adapter 1', 'NAT']]);

    lab = run(lab, 'VBoxManage modifyvm web01 --memory 2048 --cpus 2 --boot1 dvd --boot2 disk --boot3 none --boot4 none');
    d = machineDetails(lab, 'web01')!;
    expect(value(d.system, 'Base memory')).toBe('2048 MB');
    expect(value(d.system, 'Processors')).toBe('2 vCPUs = 1 socket × 2 cores');
    expect(value(d.system, 'Boot order')).toBe('Optical, Hard disk');

    lab = run(
      lab,
      'VBoxManage storagectl web01 --name IDE --add ide',
      'VBoxManage storagectl web01 --name SATA --add sata --controller IntelAhci',
      'VBoxManage storageattach web01 --storagectl SATA --port 0 --device 0 --type hdd --medium "/root/VirtualBox VMs/web01/web01.vdi"',
      'VBoxManage storageattach web01 --storagectl IDE --port 0 --device 0 --type dvddrive --medium /root/iso/debian-12.8.0-amd64-netinst.iso',
    );
    d = machineDetails(lab, 'web01')!;
    expect(d.controllers.map((c) => [c.name, c.detail, c.devices.map((x) => `${x.slot}: ${x.kind} ${x.medium}${x.size ? ` ${x.size}` : ''}`)])).toEqual([
      ['IDE', 'IDE, PIIX4, 2 ports', ['IDE Primary Device 0: Optical drive debian-12.8.0-amd64-netinst.iso 650 MB']],
      ['SATA', 'SATA, IntelAhci, 30 ports', ['SATA Port 0: Hard disk web01.vdi 20 GB']],
    ]);
    expect(d.powerLabel).toBe('Powered off');
    expect(d.addresses.map((a) => a.address)).toEqual(['none (the guest is not up)']);

    lab = run(lab, 'VBoxManage startvm web01 --type headless');
    d = machineDetails(lab, 'web01')!;
    expect(d.powerLabel).toBe('Running');
    expect(d.guest).toBe('The guest is running the installer from debian-12.8.0-amd64-netinst.iso.');
  });

  it('shows what the sizing engine makes of the same VM', () => {
    const lab = run(load('builder-virtualbox'), 'VBoxManage createvm --name big --register', 'VBoxManage modifyvm big --memory 40000 --cpus 4');
    const d = machineDetails(lab, 'big')!;
    expect(value(d.sizing.host, 'vCPUs of all VMs')).toBe('4 on 8 cores (0.50 per core)');
    expect(d.sizing.fits).toBe(false);
    expect(d.sizing.verdict).toBe('big does not fit: it asks for 39.06 GB, more than this host can give any single VM (32 GB).');
    const small = machineDetails(run(lab, 'VBoxManage modifyvm big --memory 2048'), 'big')!;
    expect(small.sizing.fits).toBe(true);
  });

  it('shows what the network engine makes of the same VM: the host reaches it only through a forward', () => {
    const lab = makeLab({ platform: 'virtualbox', vms: [{ name: 'web', power: 'running', packages: { nginx: '1.24.0-2', 'openssh-server': '1:9.2p1-2+deb12u3' } }] });
    const before = machineDetails(lab, 'web')!;
    expect(before.reach.map((r) => [r.port, r.ok])).toEqual([[22, false], [80, false]]);
    const forwarded = machineDetails(run(lab, 'VBoxManage controlvm web natpf1 "http,tcp,,8080,,80"'), 'web')!;
    expect(forwarded.reach.map((r) => [r.port, r.ok])).toEqual([[22, false], [80, true]]);
    const bridged = run(lab, 'VBoxManage controlvm web poweroff', 'VBoxManage modifyvm web --nic1 bridged --bridgeadapter1 enp3s0', 'VBoxManage startvm web --type headless');
    expect(machineDetails(bridged, 'web')!.reach.every((r) => r.ok)).toBe(true);
  });

  it('Proxmox: VMID, drives by Proxmox name, net0 on the bridge; libvirt: vda/sda and maxima', () => {
    const pve = run(load('builder-proxmox'), 'qm create 100 --name web01 --memory 2048 --sockets 2 --cores 2 --scsi0 local-lvm:32 --ide2 local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom --net0 virtio,bridge=vmbr0');
    const p = machineDetails(pve, 'web01')!;
    expect(value(p.general, 'VMID')).toBe('100');
    expect(value(p.system, 'Processors')).toBe('4 vCPUs = 2 sockets × 2 cores');
    expect(p.controllers.flatMap((c) => c.devices.map((x) => `${x.slot} ${x.medium}`))).toEqual(['scsi0 vm-100-disk-0', 'ide2 debian-12.8.0-amd64-netinst.iso']);
    expect(p.nics.map((n) => `${n.label} ${n.attachment} ${n.model}`)).toEqual(['net0 Bridge vmbr0 virtio']);
    const kvm = run(load('builder-libvirt'), 'qemu-img create -f qcow2 /var/lib/libvirt/images/web01.qcow2 20G', 'virsh define /root/web.xml');
    const k = machineDetails(kvm, 'web01')!;
    expect(value(k.system, 'Base memory')).toBe('2048 MB (maximum 4096 MB)');
    expect(value(k.system, 'Processors')).toBe('2 vCPUs = 1 socket × 2 cores (maximum 4)');
    expect(k.controllers.flatMap((c) => c.devices.map((x) => `${x.slot} ${x.medium}`))).toEqual(['vda web01.qcow2', 'sdb debian-12.8.0-amd64-netinst.iso']);
  });

  it('no such VM: null, and a name like "constructor" is not found by accident', () => {
    expect(machineDetails(load('builder-virtualbox'), 'constructor')).toBeNull();
  });
});
