import { ownValue } from '../../core/own';
import type { LabState } from '../model/types';

/** `help`: the commands this lab understands, for its platform, with the VM names filled in. */
export function helpLines(lab: LabState, topic?: string): string[] {
  const vm = ownValue(lab.vms, lab.console.vm) ?? Object.values(lab.vms)[0]!;
  const name = vm.name;
  const id = vm.vmid;
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
      '  VBoxManage list vms|runningvms|hdds, VBoxManage showvminfo VM, VBoxManage showmediuminfo FILE',
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
      '  virsh list --all, virsh dominfo VM',
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
  const sim = ['Simulator:', `  sim disk-failure ${name}   the storage under the base disk fails (snapshots are not backups)`, '  help [host|guest]'];
  if (topic === 'host') return host[lab.platform];
  if (topic === 'guest') return guest;
  return [...host[lab.platform], '', ...guest, '', ...sim];
}
