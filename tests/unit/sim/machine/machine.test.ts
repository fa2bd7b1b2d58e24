import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply, listSnapshots, type LabState } from '../../../../src/sim/snapshots';
import { networkTopology, guestAddresses, sizingState, networkIdOf } from '../../../../src/sim/machine/views';
import { canConnect } from '../../../../src/sim/network/reachability';
import { verdicts } from '../../../../src/sim/sizing/verdicts';
import { makeLab } from '../snapshots/helpers';
import { bare, ISO, NOW, out, script, VBOX_SCRIPT } from './helpers';

const vm = (lab: LabState, name: string) => lab.vms[name]!;

describe('machine model', () => {
  it('M1: one definition: a VM built with VBoxManage is what the network and sizing engines see, and changes show at once', () => {
    const built = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage modifyvm web --nic1 bridged --bridgeadapter1 enp3s0']).state;
    const t = networkTopology(built);
    expect(t.vms.map((v) => [v.id, v.label, v.nics[0]!.mode])).toEqual([['web', 'web', 'bridged']]);
    const sizing = sizingState(built);
    expect(sizing.vms.map((v) => [v.name, v.vcpus, v.ramMb, v.rootDiskGb])).toEqual([['web', 2, 2048, 20]]);
    const more = script(built, ['VBoxManage modifyvm web --memory 4096 --cpus 4']).state;
    expect(sizingState(more).vms[0]).toMatchObject({ vcpus: 4, ramMb: 4096 });
    expect(Object.keys(more)).not.toContain('network');
  });

  it('M2: a new VM has its tool\'s defaults', () => {
    const v = script(bare('virtualbox'), ['VBoxManage createvm --name a --register']).state;
    const a = vm(v, 'a');
    expect([a.settings.memoryMb, a.settings.cpus, a.hw.vramMb, a.hw.firmware, a.hw.boot, a.hw.controllers.length]).toEqual([128, 1, 8, 'bios', ['floppy', 'dvd', 'disk', 'none'], 0]);
    expect(a.hw.nics.map((n) => [n.slot, n.attachment, n.model])).toEqual([[1, 'nat', '82540EM']]);
    const p = script(bare('proxmox'), ['qm create 120']).state;
    const q = Object.values(p.vms)[0]!;
    expect([q.vmid, q.settings.memoryMb, q.settings.cpus, q.hw.sockets, q.hw.nics.length, q.disks.length]).toEqual([120, 512, 1, 1, 0, 0]);
    expect(out(p, 'qm config 120').text).toBe(['cores: 1', 'memory: 512', 'name: VM 120', 'ostype: other'].join('\n'));
  });

  it('M3: OS types are VirtualBox\'s ids; Proxmox refuses an ostype outside its list', () => {
    const lab = bare('virtualbox');
    expect(out(lab, 'VBoxManage list ostypes').text).toContain('ID:          Debian_64\nDescription: Debian (64-bit)');
    const bad = out(lab, 'VBoxManage createvm --name x --ostype Debain_64 --register');
    expect([bad.code, bad.text]).toEqual([1, "VBoxManage: error: Guest OS type 'Debain_64' is invalid\nhint: did you mean \"Debian_64\"? see VBoxManage list ostypes"]);
    const pve = out(bare('proxmox'), 'qm create 100 --ostype linux');
    expect(pve.code).toBe(255);
    expect(pve.text).toContain("ostype: value 'linux' does not have a value in the enumeration");
  });

  it('M4: a scenario VM gets the usual hardware, and may set its NICs, forwards and agent', () => {
    const lab = makeLab({ platform: 'virtualbox', vms: [{ name: 'web', nics: [{ attachment: 'nat', forwards: [{ name: 'http', hostPort: 8080, guestPort: 80 }] }, { attachment: 'hostonly' }] }] });
    const w = vm(lab, 'web');
    expect(w.hw.controllers.map((c) => c.name)).toEqual(['IDE', 'SATA']);
    expect(w.hw.attachments.map((a) => [a.controller, a.type])).toEqual([['SATA', 'hdd'], ['IDE', 'dvddrive']]);
    expect(w.hw.nics.map((n) => [n.slot, n.attachment, n.network, n.forwards.length])).toEqual([[1, 'nat', null, 1], [2, 'hostonly', 'vboxnet0', 0]]);
    const pve = vm(makeLab({ platform: 'proxmox', vms: [{ name: 'db', agent: true }] }), 'db');
    expect([pve.hw.controllers[0]!.name, pve.hw.nics[0]!.network, pve.hw.agent]).toEqual(['scsi', 'vmbr0', true]);
  });

  it('M5: snapshots keep the hardware and a restore brings it back; unchanged hardware is filed once', () => {
    let lab = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage snapshot web take base', 'VBoxManage snapshot web take again']).state;
    expect(Object.keys(lab.hardware)).toHaveLength(1);
    lab = script(lab, ['VBoxManage modifyvm web --memory 4096 --nic1 hostonly --hostonlyadapter1 vboxnet0 --vram 64']).state;
    expect(vm(lab, 'web').hw.nics[0]!.attachment).toBe('hostonly');
    lab = script(lab, ['VBoxManage snapshot web restore base']).state;
    expect([vm(lab, 'web').settings.memoryMb, vm(lab, 'web').hw.nics[0]!.attachment, vm(lab, 'web').hw.vramMb]).toEqual([2048, 'nat', 8]);
    expect(listSnapshots(vm(lab, 'web'))).toHaveLength(2);
  });

  it('M6: names are unique, at most 64 characters, no slashes; VMIDs are unique and at least 100', () => {
    const lab = script(bare('virtualbox'), ['VBoxManage createvm --name web --register']).state;
    expect(out(lab, 'VBoxManage createvm --name web --register').text).toBe("VBoxManage: error: Machine settings file '/root/VirtualBox VMs/web/web.vbox' already exists");
    expect(out(lab, `VBoxManage createvm --name ${'x'.repeat(65)} --register`).refused).toBe('VM_NAME_INVALID');
    expect(out(lab, 'VBoxManage createvm --name a/b --register').refused).toBe('VM_NAME_INVALID');
    const pve = script(bare('proxmox'), ['qm create 100 --name a']).state;
    expect(out(pve, 'qm create 100 --name b').text).toBe("unable to create VM 100 - VM 100 already exists on node 'pve'");
    expect(out(pve, 'qm create 99').text).toContain('vmid: value must have a minimum value of 100');
  });

  it('M7: a running VM cannot be removed; --delete removes its own disk images; without it VirtualBox keeps the settings file', () => {
    let lab = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage startvm web --type headless']).state;
    expect(out(lab, 'VBoxManage unregistervm web --delete').refused).toBe('VM_LOCKED');
    lab = script(lab, ['VBoxManage controlvm web poweroff', 'VBoxManage unregistervm web']).state;
    expect([Object.keys(lab.vms), lab.unregistered.map((v) => v.name), lab.media.some((m) => m.location === '/root/web.vdi')]).toEqual([[], ['web'], true]);
    lab = script(lab, ["VBoxManage registervm '/root/VirtualBox VMs/web/web.vbox'", 'VBoxManage unregistervm web --delete']).state;
    expect([Object.keys(lab.vms), lab.unregistered.length, lab.media.some((m) => m.location === '/root/web.vdi')]).toEqual([[], 0, false]);
    const pve = script(bare('proxmox'), ['qm create 100 --name a --scsi0 local-zfs:8', 'qm start 100']).state;
    expect(out(pve, 'qm destroy 100').text).toBe('VM 100 is running - destroy failed');
  });

  it('M8: VirtualBox changes settings only when powered off; Proxmox and virsh --config at any time, for the next boot', () => {
    const lab = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage startvm web --type headless']).state;
    const locked = out(lab, 'VBoxManage modifyvm web --vram 32');
    expect([locked.code, locked.refused, locked.text.split('\n')[0]]).toEqual([1, 'SETTINGS_LOCKED', "VBoxManage: error: The machine 'web' is already locked for a session (or being unlocked)"]);
    expect(out(lab, 'VBoxManage storagectl web --name SCSI --add scsi').refused).toBe('SETTINGS_LOCKED');
    const pve = script(makeLab({ platform: 'proxmox', vms: [{ name: 'db', power: 'running', memoryMb: 1024 }] }), ['qm set 100 --memory 4096']).state;
    expect([vm(pve, 'db').settings.memoryMb, vm(pve, 'db').runtime!.booted.memoryMb]).toEqual([4096, 1024]);
  });

  it('M9: virsh --config, --live and --current; live changes stay within the maxima; maxmem never changes live', () => {
    const lab = makeLab({ platform: 'libvirt', vms: [{ name: 'web', power: 'running', memoryMb: 2048, cpus: 2 }] });
    expect(out(lab, 'virsh setmaxmem web 4G').text).toBe('error: Requested operation is not valid: cannot resize the maximum memory on an active domain');
    let s = script(lab, ['virsh setmaxmem web 4G --config', 'virsh setmem web 3G --config']).state;
    expect([vm(s, 'web').hw.maxMemoryMb, vm(s, 'web').settings.memoryMb, vm(s, 'web').runtime!.booted.memoryMb]).toEqual([4096, 3072, 2048]);
    expect(out(lab, 'virsh setmem web 3G --live').text).toBe('error: invalid argument: cannot set memory higher than max memory');
    s = script(lab, ['virsh setmem web 1G']).state;
    expect([vm(s, 'web').runtime!.booted.memoryMb, vm(s, 'web').settings.memoryMb]).toEqual([1024, 2048]);
    expect(out(lab, 'virsh setvcpus web 4 --live').text).toBe('error: invalid argument: requested vcpus is greater than max allowable vcpus for the live domain: 4 > 2');
    const maxed = script(lab, ['virsh setmaxmem web 1G --config']).state;
    expect(vm(maxed, 'web').settings.memoryMb).toBe(1024);
    expect(out(lab, 'virsh dominfo web').text).toContain('Max memory:     2097152 KiB');
  });

  it('M10: NICs 1-8 with VirtualBox attachments; the network must exist on the host', () => {
    const lab = script(bare('virtualbox'), ['VBoxManage createvm --name web --register']).state;
    expect(out(lab, 'VBoxManage modifyvm web --nic2 hostonly --hostonlyadapter2 vboxnet9').refused).toBe('NETWORK_NOT_FOUND');
    expect(out(lab, 'VBoxManage modifyvm web --nic2 bridged').text).toContain('--bridgeadapter2 is required');
    expect(out(lab, 'VBoxManage modifyvm web --nic9 nat').text).toContain('Unknown option: --nic9');
    const s = script(lab, ['VBoxManage modifyvm web --nic2 hostonly --hostonlyadapter2 vboxnet0 --nic3 intnet --intnet3 backend --cableconnected3 off']).state;
    expect(vm(s, 'web').hw.nics.map((n) => [n.slot, n.attachment, n.network, n.cable])).toEqual([[1, 'nat', null, true], [2, 'hostonly', 'vboxnet0', true], [3, 'intnet', 'backend', false]]);
    const kvm = script(makeLab({ platform: 'libvirt', vms: [{ name: 'db', power: 'running' }] }), ['virsh attach-interface db bridge br0 --model virtio --live']).state;
    expect(vm(kvm, 'db').hw.nics.map((n) => [n.attachment, n.network])).toEqual([['natnetwork', 'default'], ['bridged', 'br0']]);
  });

  it('M11: NAT forwards have unique names; a host port forwarded twice is a warning', () => {
    let lab = script(bare('virtualbox'), ['VBoxManage createvm --name a --register', 'VBoxManage createvm --name b --register', 'VBoxManage modifyvm a --natpf1 "web,tcp,,8080,,80"']).state;
    expect(out(lab, 'VBoxManage modifyvm a --natpf1 "web,tcp,,8081,,80"').refused).toBe('FORWARD_EXISTS');
    const shared = apply(lab, { type: 'portForward', vm: 'b', slot: 1, op: 'add', rule: { name: 'w', protocol: 'tcp', hostIp: '', hostPort: 8080, guestIp: '', guestPort: 80 } }, { now: NOW });
    expect(shared.events.map((e) => e.code)).toEqual(['FORWARD_CHANGED', 'FORWARD_PORT_SHARED']);
    lab = script(lab, ['VBoxManage modifyvm a --natpf1 delete web']).state;
    expect(vm(lab, 'a').hw.nics[0]!.forwards).toEqual([]);
    expect(out(lab, 'VBoxManage modifyvm a --natpf1 "x,icmp,,1,,1"').text).toContain("Invalid NAT rule protocol 'icmp'");
  });

  it('M12: createmedium takes MB, a format and a variant; a relative name goes to the working directory; no overwrite', () => {
    const lab = script(bare('virtualbox'), ['VBoxManage createmedium disk --filename data --size 1024 --variant Fixed --format VMDK']).state;
    expect(lab.media.find((m) => m.location === '/root/data.vmdk')).toMatchObject({ capacityMb: 1024, variant: 'Fixed', format: 'VMDK', kind: 'hdd' });
    expect(out(lab, 'VBoxManage createmedium disk --filename /root/data.vmdk --size 10').refused).toBe('MEDIUM_EXISTS');
    expect(out(lab, 'VBoxManage createmedium disk --filename x.vdi --size 20G').text).toContain('the size is in megabytes');
    const old = script(lab, ['VBoxManage createhd --filename /root/old.vdi --size 20000']).state;
    expect(old.media.find((m) => m.location === '/root/old.vdi')).toMatchObject({ capacityMb: 20000, format: 'VDI' });
    const kvm = script(bare('libvirt'), ['qemu-img create -f qcow2 /var/lib/libvirt/images/a.qcow2 20G']).state;
    expect(kvm.media.at(-1)).toMatchObject({ location: '/var/lib/libvirt/images/a.qcow2', capacityMb: 20480, format: 'qcow2' });
  });

  it('M13: controllers have unique names, a chip that fits their bus, and the bus\'s port range', () => {
    const lab = script(bare('virtualbox'), ['VBoxManage createvm --name web --register', 'VBoxManage storagectl web --name SATA --add sata']).state;
    expect(vm(lab, 'web').hw.controllers).toEqual([{ name: 'SATA', bus: 'sata', type: 'IntelAhci', portCount: 30, bootable: true }]);
    expect(out(lab, 'VBoxManage storagectl web --name SATA --add sata').text).toBe("VBoxManage: error: Storage controller named 'SATA' already exists");
    expect(out(lab, 'VBoxManage storagectl web --name IDE --add ide --controller IntelAhci').refused).toBe('CONTROLLER_TYPE');
    expect(out(lab, 'VBoxManage storagectl web --name SATA --portcount 31').refused).toBe('INVALID_SETTING');
  });

  it('M14: a disk needs a controller, ports are in range, an ISO goes in a DVD drive, one VM per disk, hot-plug only for discs', () => {
    let lab = script(bare('virtualbox'), ['VBoxManage createmedium disk --filename /root/a.vdi --size 100', 'VBoxManage createvm --name web --register', 'VBoxManage createvm --name db --register']).state;
    expect(out(lab, 'VBoxManage storageattach web --storagectl SATA --port 0 --device 0 --type hdd --medium /root/a.vdi').text.split('\n')[0]).toBe("VBoxManage: error: Could not find a controller named 'SATA'");
    lab = script(lab, ['VBoxManage storagectl web --name IDE --add ide', 'VBoxManage storagectl db --name IDE --add ide', 'VBoxManage storageattach web --storagectl IDE --port 0 --device 1 --type hdd --medium /root/a.vdi']).state;
    expect(out(lab, 'VBoxManage storageattach web --storagectl IDE --port 2 --device 0 --type hdd --medium /root/a.vdi').refused).toBe('INVALID_SETTING');
    expect(out(lab, 'VBoxManage storageattach db --storagectl IDE --port 0 --device 0 --type hdd --medium /root/a.vdi').refused).toBe('DISK_IN_USE');
    expect(out(lab, `VBoxManage storageattach db --storagectl IDE --port 0 --device 0 --type hdd --medium ${ISO}`).refused).toBe('MEDIUM_WRONG_TYPE');
    lab = script(lab, [`VBoxManage storageattach web --storagectl IDE --port 1 --device 0 --medium ${ISO}`, 'VBoxManage startvm web --type headless']).state;
    expect(lab.media.filter((m) => m.kind === 'dvd').map((m) => m.location)).toEqual([ISO]);
    expect(out(lab, 'VBoxManage storageattach web --storagectl IDE --port 0 --device 1 --medium none').refused).toBe('HOTPLUG_UNSUPPORTED');
    const swapped = script(lab, ['VBoxManage storageattach web --storagectl IDE --port 1 --device 0 --medium emptydrive']).state;
    expect(vm(swapped, 'web').hw.attachments.find((a) => a.type === 'dvddrive')!.medium).toBeNull();
  });

  it('M15: the boot order decides: installer from the DVD, a system disk, or no bootable medium', () => {
    const ready = script(bare('virtualbox'), VBOX_SCRIPT).state;
    const installer = out(ready, 'VBoxManage startvm web --type headless');
    expect(vm(installer.state, 'web').runtime!.panic!.code).toBe('INSTALLER');
    const nothing = script(ready, ['VBoxManage modifyvm web --boot1 net --boot2 floppy', 'VBoxManage startvm web']).state;
    expect([vm(nothing, 'web').power, vm(nothing, 'web').runtime!.panic!.code]).toEqual(['running', 'NO_BOOTABLE_MEDIUM']);
    expect(out(nothing, 'ssh web').code).toBe(255);
  });

  it('M16: the installer puts a system on the first disk, ejects its disc and restarts into it; a disc put back boots the installer again', () => {
    let lab = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage startvm web --type headless', 'sim install-os web']).state;
    expect(vm(lab, 'web').runtime!.panic).toBeNull();
    expect(vm(lab, 'web').hw.attachments.find((a) => a.type === 'dvddrive')!.medium).toBeNull();
    lab = script(lab, ['ssh web', 'cat /etc/hostname', 'VBoxManage controlvm web poweroff', `VBoxManage storageattach web --storagectl IDE --port 1 --device 0 --medium ${ISO}`, 'VBoxManage startvm web --type headless']).state;
    expect(vm(lab, 'web').runtime!.panic!.code).toBe('INSTALLER');
    expect(out(lab, 'ssh web').text).toContain('installer');
    lab = script(lab, ['VBoxManage controlvm web poweroff', 'VBoxManage modifyvm web --boot1 disk --boot2 dvd', 'VBoxManage startvm web --type headless', 'ssh web']).state;
    expect(vm(lab, 'web').runtime!.panic).toBeNull();
    expect(out(lab, 'sim install-os web').refused).toBe('NOT_INSTALLING');
  });

  it('M17: the network view maps attachments; a NAT forward lets the host in, a running guest\'s services listen', () => {
    const lab = makeLab({
      platform: 'virtualbox',
      vms: [{ name: 'Web.Server', power: 'running', packages: { nginx: '1.24.0-2', 'openssh-server': '1:9.2p1-2+deb12u3' }, nics: [{ attachment: 'nat', forwards: [{ name: 'http', hostPort: 8080, guestPort: 80 }] }] }],
    });
    const t = networkTopology(lab);
    const id = networkIdOf(lab, 'Web.Server');
    expect(id).toBe('web.server');
    expect(t.vms[0]!.services.map((s) => s.port).sort()).toEqual([22, 80]);
    const v = canConnect(t, { from: 'host', to: id, port: 80, address: '127.0.0.1' });
    expect(v.ok && v.value.ok).toBe(true);
    const off = networkTopology(script(lab, ['VBoxManage controlvm Web.Server poweroff']).state);
    expect(off.vms[0]!.services).toEqual([]);
    const kvm = networkTopology(makeLab({ platform: 'libvirt', vms: [{ name: 'db' }] }));
    expect([kvm.vms[0]!.nics[0]!.mode, kvm.hosts[0]!.hostOnlyNetworks[0]!.hostAddress]).toEqual(['host-only', '192.168.122.1']);
  });

  it('M18: the sizing view puts every VM on the lab\'s host with sockets x cores, memory and disk', () => {
    const lab = script(bare('proxmox'), ['qm create 100 --name a --memory 8192 --sockets 2 --cores 4 --scsi0 local-zfs:64']).state;
    const s = sizingState(lab);
    expect([s.host.name, s.host.coresPerSocket, s.host.ramMb]).toEqual(['pve', 8, 32768]);
    expect(s.vms.map((v) => [v.name, v.vcpus, v.sockets, v.ramMb, v.rootDiskGb])).toEqual([['a', 8, 2, 8192, 64]]);
    expect(verdicts(s).map((v) => v.fits)).toEqual([true]);
  });

  it('M19: addresses through the guest agents: guest properties, domifaddr sources, qm guest cmd', () => {
    const vb = makeLab({ platform: 'virtualbox', vms: [{ name: 'web', power: 'running', nics: [{ attachment: 'nat' }] }] });
    expect(out(vb, 'VBoxManage guestproperty get web /VirtualBox/GuestInfo/Net/0/V4/IP').text.split('\n')[0]).toBe('No value set!');
    const withGa = script(vb, ['apt install -y virtualbox-guest-utils', 'reboot']).state;
    expect(out(withGa, 'VBoxManage guestproperty get web /VirtualBox/GuestInfo/Net/0/V4/IP').text).toBe('Value: 10.0.2.15');
    const kvm = makeLab({ platform: 'libvirt', vms: [{ name: 'a', power: 'running' }, { name: 'b', power: 'running', nics: [{ attachment: 'bridged' }] }] });
    expect(out(kvm, 'virsh domifaddr a').text).toContain('192.168.122.101/24');
    expect(out(kvm, 'virsh domifaddr b').text.split('\n')).toHaveLength(2);
    expect(out(kvm, 'virsh domifaddr b --source agent').text).toContain('QEMU guest agent is not configured');
    expect(out(kvm, 'virsh net-dhcp-leases default').text).toContain('192.168.122.101/24');
    const pve = makeLab({ platform: 'proxmox', vms: [{ name: 'db', power: 'running', agent: true, packages: { 'qemu-guest-agent': '1:7.2+dfsg-7+deb12u7' } }] });
    expect(out(pve, 'qm guest cmd 100 network-get-interfaces').text).toContain('"ip-address" : "192.168.1.100"');
    const noAgent = makeLab({ platform: 'proxmox', vms: [{ name: 'db', power: 'running' }] });
    expect(out(noAgent, 'qm guest cmd 100 network-get-interfaces').text.split('\n')[0]).toBe('No QEMU guest agent configured');
    expect(guestAddresses(pve, 'db')[0]!.address).toBe('192.168.1.100');
  });

  it('M20: ssh by address reaches bridged guests; a NAT guest only through a forward on localhost; logins are recorded', () => {
    const lab = makeLab({ platform: 'virtualbox', vms: [{ name: 'web', power: 'running', nics: [{ attachment: 'nat' }] }, { name: 'files', power: 'running', nics: [{ attachment: 'bridged' }] }] });
    expect(out(lab, 'ssh root@10.0.2.15').text).toContain('Connection timed out');
    const s = script(lab, ['ssh root@192.168.1.100', 'VBoxManage controlvm web natpf1 "ssh,tcp,,2222,,22"', 'ssh -p 2222 root@localhost']).state;
    expect(s.console.logins!.map((l) => [l.vm, l.by])).toEqual([['files', 'address'], ['web', 'forward']]);
    expect(out(lab, 'ssh -p 2200 root@localhost').text).toContain('Connection refused');
  });
});

describe('output formats', () => {
  it('O1: showvminfo --machinereadable uses VirtualBox\'s keys; the plain form lists controllers and NICs', () => {
    const lab = script(bare('virtualbox'), [...VBOX_SCRIPT, 'VBoxManage modifyvm web --natpf1 "http,tcp,,8080,,80"']).state;
    const mr = out(lab, 'VBoxManage showvminfo web --machinereadable').text.split('\n');
    for (const line of ['name="web"', 'ostype="Debian (64-bit)"', 'memory=2048', 'cpus=2', 'boot1="dvd"', 'boot2="disk"', 'VMState="poweroff"', 'storagecontrollername0="IDE"', 'storagecontrollertype1="IntelAhci"', '"SATA-0-0"="/root/web.vdi"', `"IDE-1-0"="${ISO}"`, 'nic1="nat"', 'nic2="none"', 'Forwarding(0)="http,tcp,,8080,,80"']) {
      expect(mr).toContain(line);
    }
    const plain = out(lab, 'VBoxManage showvminfo web').text;
    expect(plain).toContain("#1: 'SATA', Type: IntelAhci");
    expect(plain).toMatch(/NIC 1: +MAC: 080027[0-9A-F]{6}, Attachment: NAT/);
  });

  it('O2: dominfo and dumpxml; define reads a domain XML back into the same hardware', () => {
    const xml = `<domain type='kvm'><name>web</name><memory unit='MiB'>4096</memory><currentMemory unit='MiB'>2048</currentMemory><vcpu placement='static' current='2'>4</vcpu><os><type arch='x86_64'>hvm</type><boot dev='cdrom'/><boot dev='hd'/></os><devices><disk type='file' device='disk'><source file='/var/lib/libvirt/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk><disk type='file' device='cdrom'><source file='/var/lib/libvirt/images/debian-12.8.0-amd64-netinst.iso'/><target dev='sda' bus='sata'/></disk><interface type='network'><source network='default'/><model type='virtio'/></interface><channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel></devices></domain>`;
    const lab = makeLab({ platform: 'libvirt', vms: [], host: { files: [{ path: '/root/web.xml', content: xml }] } });
    expect(out(lab, 'virsh define web.xml').text).toContain("error: Cannot access storage file '/var/lib/libvirt/images/web.qcow2'");
    const s = script(lab, ['qemu-img create -f qcow2 /var/lib/libvirt/images/web.qcow2 20G', 'virsh define web.xml']).state;
    const w = vm(s, 'web');
    expect([w.settings.memoryMb, w.hw.maxMemoryMb, w.settings.cpus, w.hw.maxCpus, w.hw.boot.slice(0, 2), w.hw.agent]).toEqual([2048, 4096, 2, 4, ['dvd', 'disk'], true]);
    const dumped = out(s, 'virsh dumpxml web').text;
    expect(dumped).toContain("<memory unit='KiB'>4194304</memory>");
    expect(dumped).toContain("<vcpu placement='static' current='2'>4</vcpu>");
    const again = makeLab({ platform: 'libvirt', vms: [], host: { files: [{ path: '/root/copy.xml', content: dumped.replace('<name>web</name>', '<name>copy</name>') }] } });
    const copy = vm(script(script(again, ['qemu-img create -f qcow2 /var/lib/libvirt/images/web.qcow2 20G']).state, ['virsh define copy.xml']).state, 'copy');
    expect([copy.settings.memoryMb, copy.hw.maxMemoryMb, copy.hw.maxCpus, copy.hw.boot, copy.hw.nics[0]!.mac]).toEqual([2048, 4096, 4, w.hw.boot, w.hw.nics[0]!.mac]);
    expect(out(s, 'virsh dominfo web').text).toContain('Used memory:    2097152 KiB');
    expect(out(lab, 'virsh define missing.xml').code).toBe(1);
    const broken = makeLab({ platform: 'libvirt', vms: [], host: { files: [{ path: '/root/bad.xml', content: '<domain><name>x</name>' }] } });
    expect(out(broken, 'virsh define bad.xml').text).toContain('XML error');
  });

  it('O3: qm config prints the config file in alphabetical order, cores per socket', () => {
    const lab = script(bare('proxmox'), ["qm create 100 --name web --memory 2048 --sockets 2 --cores 2 --ostype l26 --scsi0 local-zfs:32 --ide2 local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom --net0 virtio,bridge=vmbr0 --boot 'order=scsi0;ide2;net0' --agent 1"]).state;
    const lines = out(lab, 'qm config 100').text.split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual([...lines.map((l) => l.split(':')[0])].sort());
    expect(lines).toEqual(expect.arrayContaining(['agent: 1', 'boot: order=scsi0;ide2;net0', 'cores: 2', 'sockets: 2', 'memory: 2048', 'ostype: l26', 'scsi0: local-zfs:vm-100-disk-0,size=32G', 'ide2: local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom']));
    expect(lines.find((l) => l.startsWith('net0'))).toMatch(/^net0: virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$/);
    expect(vm(lab, 'web').settings.cpus).toBe(4);
  });

  it('O4: unknown commands and options get the closest valid one; nothing throws; output is text', () => {
    const lab = bare('virtualbox');
    expect(out(lab, 'VBoxManage creatvm --name x').text).toContain('did you mean "VBoxManage createvm"');
    const made = script(lab, ['VBoxManage createvm --name x --register']).state;
    expect(out(made, 'VBoxManage modifyvm x --memroy 512').text).toContain('did you mean "--memory"');
    expect(out(made, 'VBoxManage list ostype').text).toContain('did you mean "VBoxManage list ostypes"');
    expect(out(bare('libvirt'), 'virsh definee x.xml').text).toContain('did you mean "virsh define"');
    expect(out(bare('proxmox'), 'qm creat 100').text).toContain('did you mean "qm create"');
    const html = out(made, 'VBoxManage createvm --name "<img src=x onerror=alert(1)>" --register');
    expect(html.text).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('SPEC coverage', () => {
  it('every rule in src/sim/machine/SPEC.md has a test whose title starts with its id', () => {
    const spec = readFileSync('src/sim/machine/SPEC.md', 'utf8');
    const ids = [...spec.matchAll(/^- \*\*([MO]\d+)\*\*/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(20);
    const tests = readdirSync('tests/unit/sim/machine').filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(`tests/unit/sim/machine/${f}`, 'utf8')).join('\n');
    const missing = ids.filter((id) => !new RegExp(`it\\(['"\`]${id}:`).test(tests));
    expect(missing).toEqual([]);
  });
});
