import { createRng } from '../../src/sim/core/rng';
import { runCommand } from '../../src/sim/snapshots/console/run';
import type { LabState } from '../../src/sim/snapshots/model/types';
import { createLab } from '../../src/sim/snapshots/scenario/create';
import { snapshotScenarioSchema } from '../../src/sim/snapshots/scenario/schema';
import { networkTopology, sizingState } from '../../src/sim/machine/views';
import { measure, section } from './harness';

/**
 * The VM builder's console (issue "VM builder"): 10,000 commands parsed and applied, target
 * ≤ 100 ms. A realistic mix per tool: create VMs and disks, change memory, CPUs, boot order and
 * NICs, add controllers and attach media, start and stop, show a VM's settings, list VMs.
 */
const NOW = Date.UTC(2025, 0, 15, 12);

function bare(platform: LabState['platform']): LabState {
  const lab = createLab(snapshotScenarioSchema.parse({ id: 'bench', title: 'Bench', platform, vms: [] }), { now: NOW });
  if (!lab.ok) throw new Error('bench scenario does not load');
  return lab.value;
}

function vboxLine(rng: ReturnType<typeof createRng>, i: number): string {
  const vm = `vm${rng.int(0, 19)}`;
  switch (rng.int(0, 9)) {
    case 0:
      return `VBoxManage createvm --name vm${i % 20} --ostype Debian_64 --register`;
    case 1:
      return `VBoxManage createmedium disk --filename /root/d${i}.vdi --size ${rng.int(1, 64) * 1024}`;
    case 2:
      return `VBoxManage modifyvm ${vm} --memory ${rng.int(1, 16) * 256} --cpus ${rng.int(1, 8)} --boot1 ${rng.pick(['dvd', 'disk', 'net'])}`;
    case 3:
      return `VBoxManage modifyvm ${vm} --nic${rng.int(1, 4)} ${rng.pick(['nat', 'hostonly --hostonlyadapter2 vboxnet0', 'intnet'])}`;
    case 4:
      return `VBoxManage storagectl ${vm} --name SATA --add sata --controller IntelAhci`;
    case 5:
      return `VBoxManage storageattach ${vm} --storagectl SATA --port ${rng.int(0, 3)} --device 0 --type hdd --medium /root/d${rng.int(0, i)}.vdi`;
    case 6:
      return `VBoxManage startvm ${vm} --type headless`;
    case 7:
      return `VBoxManage controlvm ${vm} poweroff`;
    case 8:
      return `VBoxManage showvminfo ${vm} --machinereadable`;
    default:
      return 'VBoxManage list vms';
  }
}

function qmLine(rng: ReturnType<typeof createRng>, i: number): string {
  const id = 100 + rng.int(0, 19);
  switch (rng.int(0, 7)) {
    case 0:
      return `qm create ${100 + (i % 20)} --name vm${i % 20} --memory 2048 --cores 2 --scsi0 local-zfs:16 --net0 virtio,bridge=vmbr0`;
    case 1:
      return `qm set ${id} --memory ${rng.int(1, 16) * 512} --cores ${rng.int(1, 4)}`;
    case 2:
      return `qm set ${id} --net${rng.int(1, 3)} e1000,bridge=vmbr0`;
    case 3:
      return `qm start ${id}`;
    case 4:
      return `qm stop ${id}`;
    case 5:
      return `qm config ${id}`;
    case 6:
      return `qm status ${id}`;
    default:
      return 'qm list';
  }
}

function run(platform: 'virtualbox' | 'proxmox', n: number): { lab: LabState; ok: number } {
  const rng = createRng(`builder-bench/${platform}`);
  let lab = bare(platform);
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const r = runCommand(lab, platform === 'virtualbox' ? vboxLine(rng, i) : qmLine(rng, i), { now: NOW + i * 1000 });
    lab = r.state;
    if (r.exitCode === 0) ok++;
  }
  return { lab, ok };
}

section('VM builder console');
for (const platform of ['virtualbox', 'proxmox'] as const) {
  let stats = { lab: bare(platform), ok: 0 };
  measure(`${platform}: 10,000 commands parsed and applied`, () => (stats = run(platform, 10_000)), { targetMs: 100, rounds: 7 });
  console.log(`    ${stats.ok} of 10,000 succeeded; ${Object.keys(stats.lab.vms).length} VMs, ${stats.lab.media.length} media at the end`);
  measure(`${platform}: derived views (network topology + sizing state) of the final lab`, () => {
    networkTopology(stats.lab);
    sizingState(stats.lab);
  }, { rounds: 9 });
}
