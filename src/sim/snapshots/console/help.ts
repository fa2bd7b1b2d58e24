import { ownValue } from '../../core/own';
import type { LabState } from '../model/types';

/** `help`: the commands this lab understands, for its platform, with the VM names filled in. */
export function helpLines(lab: LabState, topic?: string): string[] {
  const vm = ownValue(lab.vms, lab.console.vm) ?? Object.values(lab.vms)[0];
  const name = vm?.name ?? 'VM';
  const id = vm?.vmid ?? 100;
  const host: Record<LabState['platform'], string[]> = {
    virtualbox: [
      'VirtualBox (host):',
      `  VBoxManage snapshot ${name} take NAME [--description=TEXT] [--live] [--uniquename Number|Timestamp]`,
      `  VBoxManage snapshot ${name} list [--details]`,
      `  VBoxManage snapshot ${name} restore NAME | restorecurrent`,
      `  VBoxManage snapshot ${name} delete NAME`,
      `  VBoxManage snapshot ${name} edit NAME|--current --name=NEW [--description=TEXT]`,
      `  VBoxManage startvm ${name} [--type headless]`,
      `  VBoxManage controlvm ${name} pause|resume|savestate|poweroff|acpipowerbutton|reset`,
      `  VBoxManage discardstate ${name}`,
      `  VBoxManage modifyvm ${name} --memory MB --cpus N      (VM must be powered off)`,
      `  VBoxManage clonevm ${name} --name NEW [--snapshot NAME --options link] --register`,
      `  VBoxManage storageattach ${name} --storagectl SATA --port N --device 0 --type hdd --medium FILE --mtype TYPE`,
      '  VBoxManage modifymedium disk FILE --type normal|writethrough|immutable|shareable|multiattach',
      '  VBoxManage list vms|runningvms|hdds|dvds|ostypes|hostonlyifs|natnetworks, VBoxManage showvminfo VM [--machinereadable]',
      'Building VMs:',
      '  VBoxManage createvm --name NAME --ostype Debian_64 --register',
      '  VBoxManage createmedium disk --filename FILE.vdi --size MB [--variant Fixed]',
      '  VBoxManage modifyvm NAME --memory MB --cpus N --vram MB --boot1 dvd --boot2 disk --ioapic on',
      '  VBoxManage modifyvm NAME --nic1 nat --natpf1 "web,tcp,,8080,,80" | --nic2 hostonly --hostonlyadapter2 vboxnet0',
      '  VBoxManage storagectl NAME --name SATA --add sata --controller IntelAhci [--portcount 2] [--bootable on]',
      '  VBoxManage storageattach NAME --storagectl SATA --port 0 --device 0 --type hdd|dvddrive --medium FILE|none|emptydrive',
      '  VBoxManage guestproperty get NAME /VirtualBox/GuestInfo/Net/0/V4/IP | enumerate NAME',
      '  VBoxManage unregistervm NAME [--delete], VBoxManage registervm FILE.vbox',
    ],
    libvirt: [
      'libvirt/KVM (host):',
      `  virsh snapshot-create-as ${name} NAME [DESCRIPTION] [--disk-only] [--halt]`,
      '      [--diskspec vda,snapshot=external,file=PATH] [--memspec FILE]     (--disk-only: external)',
      `  virsh snapshot-list ${name} [--tree] [--parent] [--internal|--external]`,
      `  virsh snapshot-revert ${name} NAME|--current [--running|--paused]`,
      `  virsh snapshot-delete ${name} NAME|--current [--children|--children-only]`,
      `  virsh snapshot-current ${name} [--name] [NAME]`,
      `  virsh snapshot-info ${name} NAME|--current, virsh snapshot-parent ${name} NAME, virsh snapshot-dumpxml ${name} NAME`,
      `  virsh domblklist ${name}, virsh domblkinfo ${name} vda     (the image the domain writes to)`,
      `  virsh start|shutdown|destroy|suspend|resume|reboot|reset ${name}`,
      `  virsh setmaxmem ${name} 2G --config, virsh setvcpus ${name} 2 --config`,
      '  virsh list --all, virsh dominfo VM, virsh dumpxml VM',
      'Building VMs:',
      '  qemu-img create -f qcow2 /var/lib/libvirt/images/NAME.qcow2 20G',
      '  virsh define FILE.xml | virsh create FILE.xml, virsh undefine VM [--remove-all-storage]',
      '  virsh setmem|setmaxmem VM SIZE [--config|--live|--current], virsh setvcpus VM N [--maximum] [--config|--live]',
      '  virsh attach-interface VM network default --model virtio --config, virsh detach-interface VM network --mac MAC',
      '  virsh domifaddr VM [--source lease|agent|arp], virsh net-list, virsh net-dhcp-leases default',
      `  virt-clone --original ${name} --name NEW --auto-clone     (VM shut off or paused)`,
    ],
    proxmox: [
      'Proxmox VE (host):',
      `  qm snapshot ${id} NAME [--description TEXT] [--vmstate 1]`,
      `  qm listsnapshot ${id}`,
      `  qm rollback ${id} NAME [--start 1]`,
      `  qm delsnapshot ${id} NAME`,
      `  qm start|stop|shutdown|suspend|resume|reboot|reset|status ${id}`,
      `  qm set ${id} --memory MB --cores N, qm config ${id}`,
      `  qm clone ${id} NEWID --name NEW [--full 1] [--snapname NAME], qm template ${id}`,
      '  qm list',
      'Building VMs:',
      '  qm create VMID --name NAME --memory MB --cores N [--sockets N] --ostype l26 --scsi0 local-lvm:32',
      "      --ide2 local:iso/FILE.iso,media=cdrom --net0 virtio,bridge=vmbr0 --boot 'order=scsi0;ide2' [--agent 1]",
      `  qm set ${id} OPTION VALUE [--delete net1], qm destroy ${id}`,
      `  qm guest cmd ${id} network-get-interfaces     (needs --agent 1 and qemu-guest-agent in the guest)`,
    ],
  };
  const guest = [
    `Guest (${name}, when it runs):`,
    '  apt update | install PKG | remove PKG | purge PKG | upgrade | list --installed',
    '  systemctl status|start|stop|restart|reload|enable|disable nginx',
    '  nginx -t, curl http://localhost/',
    '  cat FILE, ls [-l] DIR, echo TEXT > FILE, sed -i \'s/OLD/NEW/\' FILE',
    '  rm [-rf] PATH, touch FILE, fallocate -l 500M FILE',
    '  df -h (one line per disk), free -m, nproc, hostname, reboot, poweroff',
    '  ssh VM            switch the guest shell to another VM',
  ];
  const sim = [
    'Simulator:',
    `  sim disk-failure ${name}   the storage under the base disk fails (snapshots are not backups)`,
    `  sim install-os ${name}     the installer booted from the DVD runs to the end`,
    '  help [host|guest]',
  ];
  if (topic === 'host') return host[lab.platform];
  if (topic === 'guest') return guest;
  return [...host[lab.platform], '', ...guest, '', ...sim];
}
