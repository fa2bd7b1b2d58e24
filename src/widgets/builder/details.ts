/**
 * The builder's settings panel as data: one VM of the lab, read the way VirtualBox Manager's
 * details pane (or `qm config`) shows it, plus what the network and sizing engines make of the
 * same definition. Pure and plain, so the panel is a loop over sections and a unit test can read it.
 */
import type { Bus, NicConfig } from '../../sim/machine/types';
import { osType } from '../../sim/machine/ostypes';
import { agentRunning, guestAddresses, networkIdOf, networkTopology, sizingState } from '../../sim/machine/views';
import { canConnect } from '../../sim/network/reachability';
import { describeVerdict } from '../../sim/network/explain';
import { summarize } from '../../sim/sizing/summary';
import { explainProblem } from '../../sim/sizing/explain';
import type { LabState, PowerState, Vm } from '../../sim/snapshots/model/types';

export interface Row {
  label: string;
  value: string;
}

export interface DeviceRow {
  /** Where it sits: "IDE Primary Device 0", "SATA Port 0", "scsi0", "vda". */
  slot: string;
  kind: 'Hard disk' | 'Optical drive';
  /** The medium's file or volume name; "Empty" for a drive with no disc. */
  medium: string;
  /** Its full location, for a tooltip-free text alternative. */
  location: string | null;
  size: string | null;
}

export interface ControllerView {
  name: string;
  detail: string;
  devices: DeviceRow[];
}

export interface NicView {
  /** "Adapter 1" (VirtualBox), "net0" (Proxmox), "Interface 1" (libvirt). */
  label: string;
  attachment: string;
  model: string;
  mac: string;
  cable: boolean;
  forwards: string[];
}

export interface AddressView {
  nic: string;
  address: string;
  source: string;
}

export interface MachineDetails {
  name: string;
  power: PowerState;
  powerLabel: string;
  /** What the guest is doing: booted from disk, in the installer, no bootable medium. */
  guest: string | null;
  general: Row[];
  system: Row[];
  display: Row[];
  controllers: ControllerView[];
  nics: NicView[];
  addresses: AddressView[];
  /** The network engine's answer for the host opening SSH and HTTP on this VM (same definition, no copy). */
  reach: Array<{ port: number; service: string; ok: boolean; text: string }>;
  sizing: { host: Row[]; verdict: string; fits: boolean };
}

const POWER: Record<PowerState, string> = { running: 'Running', paused: 'Paused', saved: 'Saved', poweroff: 'Powered off' };
const BOOT_LABEL: Record<string, string> = { floppy: 'Floppy', dvd: 'Optical', disk: 'Hard disk', net: 'Network' };
const BUS_LABEL: Record<Bus, string> = { ide: 'IDE', sata: 'SATA', scsi: 'SCSI', sas: 'SAS', floppy: 'Floppy', usb: 'USB', pcie: 'NVMe', virtio: 'VirtIO' };

/** "2048 MB" below 10 GB, "32 GB" from there: the way VirtualBox Manager prints sizes. */
export function sizeText(mb: number): string {
  if (mb >= 10 * 1024 || (mb >= 1024 && mb % 1024 === 0)) return `${Number((mb / 1024).toFixed(2))} GB`;
  return `${mb} MB`;
}

const baseName = (location: string): string => location.split(/[/:]/).pop() ?? location;

function slotName(lab: LabState, bus: Bus, controller: string, port: number, device: number, order: number): string {
  if (lab.platform === 'proxmox') return bus === 'ide' ? `ide${port * 2 + device}` : `${controller}${port}`;
  if (lab.platform === 'libvirt') return `${bus === 'virtio' ? 'vd' : 'sd'}${String.fromCharCode(97 + order)}`;
  if (bus === 'ide') return `IDE ${port === 0 ? 'Primary' : 'Secondary'} Device ${device}`;
  return `${BUS_LABEL[bus]} Port ${port}`;
}

function attachmentText(lab: LabState, n: NicConfig): string {
  const net = n.network ?? '';
  switch (n.attachment) {
    case 'nat':
      return 'NAT';
    case 'natnetwork':
      return lab.platform === 'virtualbox' ? `NAT network "${net}"` : `Virtual network "${net}" (NAT)`;
    case 'bridged':
      return lab.platform === 'proxmox' ? `Bridge ${net}` : `Bridged adapter (${net})`;
    case 'hostonly':
      return `Host-only adapter (${net})`;
    case 'intnet':
      return `Internal network "${net}"`;
    case 'generic':
      return 'Generic driver';
    case 'null':
      return 'Not attached';
    case 'none':
      return 'Disabled';
  }
}

function nicLabel(lab: LabState, slot: number): string {
  return lab.platform === 'virtualbox' ? `Adapter ${slot}` : lab.platform === 'proxmox' ? `net${slot - 1}` : `Interface ${slot}`;
}

function guestLine(vm: Vm): string | null {
  if (vm.power !== 'running' || vm.runtime === null) return null;
  const panic = vm.runtime.panic;
  if (!panic) return 'The guest has booted its installed system from disk.';
  if (panic.code === 'INSTALLER') return `The guest is running the installer from ${baseName(String(panic.params['iso'] ?? 'the DVD'))}.`;
  if (panic.code === 'NO_BOOTABLE_MEDIUM') return 'The screen says "No bootable medium found": nothing in the boot order has a system or an installer.';
  return 'The guest cannot boot: its system is damaged.';
}

/** Everything the panel shows for `vmName`; null when the lab has no such VM. */
export function machineDetails(lab: LabState, vmName: string): MachineDetails | null {
  if (!Object.hasOwn(lab.vms, vmName)) return null;
  const vm = lab.vms[vmName]!;
  const hw = vm.hw;
  const os = osType(hw.ostype);
  const sockets = hw.sockets > 0 && vm.settings.cpus % hw.sockets === 0 ? hw.sockets : 1;
  const boot = hw.boot.filter((b) => b !== 'none').map((b) => BOOT_LABEL[b] ?? b);

  const general: Row[] = [
    { label: 'Name', value: vm.name },
    ...(lab.platform === 'proxmox' ? [{ label: 'VMID', value: String(vm.vmid) }] : []),
    { label: 'Operating system', value: os ? `${os.description} (${os.id})` : hw.ostype },
  ];
  const system: Row[] = [
    { label: 'Base memory', value: `${vm.settings.memoryMb} MB${hw.maxMemoryMb !== null ? ` (maximum ${hw.maxMemoryMb} MB)` : ''}` },
    { label: 'Processors', value: `${vm.settings.cpus} vCPU${vm.settings.cpus === 1 ? '' : 's'} = ${sockets} socket${sockets === 1 ? '' : 's'} × ${vm.settings.cpus / sockets} core${vm.settings.cpus / sockets === 1 ? '' : 's'}${hw.maxCpus !== null ? ` (maximum ${hw.maxCpus})` : ''}` },
    { label: 'Firmware', value: hw.firmware === 'efi' ? 'EFI' : 'BIOS' },
    { label: 'Boot order', value: boot.length > 0 ? boot.join(', ') : 'None' },
    ...(lab.platform === 'virtualbox' ? [{ label: 'I/O APIC', value: hw.ioapic ? 'On' : 'Off' }] : [{ label: 'Guest agent', value: hw.agent ? 'On (channel present)' : 'Off' }]),
  ];
  const display: Row[] = [
    { label: 'Video memory', value: `${hw.vramMb} MB` },
    { label: 'Graphics controller', value: hw.graphics },
  ];

  let order = 0;
  const controllers: ControllerView[] = hw.controllers.map((c) => {
    const devices = hw.attachments
      .filter((a) => a.controller === c.name)
      .sort((a, b) => a.port - b.port || a.device - b.device)
      .map((a): DeviceRow => {
        const medium = a.medium === null ? undefined : lab.media.find((m) => m.uuid === a.medium);
        return {
          slot: slotName(lab, c.bus, c.name, a.port, a.device, order++),
          kind: a.type === 'hdd' ? 'Hard disk' : 'Optical drive',
          medium: medium ? baseName(medium.location) : a.medium === null ? 'Empty' : 'Missing medium',
          location: medium ? medium.location : null,
          size: medium ? sizeText(medium.capacityMb) : null,
        };
      });
    return { name: c.name, detail: `${BUS_LABEL[c.bus]}, ${c.type}, ${c.portCount} port${c.portCount === 1 ? '' : 's'}${c.bootable ? '' : ', not bootable'}`, devices };
  });

  const nics: NicView[] = [...hw.nics]
    .filter((n) => n.attachment !== 'none')
    .sort((a, b) => a.slot - b.slot)
    .map((n) => ({
      label: nicLabel(lab, n.slot),
      attachment: attachmentText(lab, n),
      model: n.model,
      mac: n.mac,
      cable: n.cable,
      forwards: n.forwards.map((f) => `${f.name}: ${f.protocol} ${f.hostIp || '*'}:${f.hostPort} → ${f.guestIp || 'guest'}:${f.guestPort}`),
    }));

  const up = vm.power === 'running' && vm.runtime !== null && vm.runtime.panic === null;
  const addresses: AddressView[] = guestAddresses(lab, vm.name)
    .filter((a) => a.attachment !== 'none')
    .map((a) => ({
      nic: nicLabel(lab, a.slot),
      address: !up ? 'none (the guest is not up)' : (a.address ?? 'none'),
      source: !up ? '' : a.source === 'nat' ? 'VirtualBox NAT' : a.source === 'dhcp' ? 'DHCP lease' : a.source === 'static' ? 'static' : '',
    }));
  if (up && agentRunning(lab, vm)) addresses.push({ nic: 'Guest agent', address: lab.platform === 'virtualbox' ? 'Guest Additions report the addresses' : 'qemu-guest-agent answers', source: '' });

  const topology = networkTopology(lab);
  const reach = vm.hw.nics.length === 0
    ? []
    : [
        { port: 22, service: 'SSH' },
        { port: 80, service: 'HTTP' },
      ].map(({ port, service }) => {
        const v = canConnect(topology, { from: 'host', to: networkIdOf(lab, vm.name), port, protocol: 'tcp' });
        return v.ok ? { port, service, ok: v.value.ok, text: describeVerdict(v.value) } : { port, service, ok: false, text: v.issues.map((i) => i.message).join('; ') };
      });

  const summary = summarize(sizingState(lab));
  const verdict = summary.verdicts.find((v) => v.name === vm.name.slice(0, 64));
  const cpu = summary.resources.find((r) => r.resource === 'VCPU');
  const ram = summary.resources.find((r) => r.resource === 'MEMORY_MB');
  const host: Row[] = [
    { label: 'Host', value: `${summary.host.name}: ${summary.host.physicalCores} cores, ${sizeText(summary.host.ramMb)} RAM` },
    { label: 'vCPUs of all VMs', value: `${summary.overcommit.vcpus} on ${summary.host.physicalCores} cores (${summary.overcommit.vcpuPerCore.toFixed(2)} per core)` },
    { label: 'RAM of all VMs', value: `${sizeText(summary.overcommit.ramMb)} of ${sizeText(summary.host.ramMb)} (${Math.round(summary.overcommit.ramPerPhysical * 100)} %)` },
    ...(cpu && ram ? [{ label: 'Left under the course policy', value: `${cpu.remaining} vCPUs, ${sizeText(Math.max(0, ram.remaining))} RAM${ram.remaining < 0 ? ` (${sizeText(-ram.remaining)} short)` : ''}` }] : []),
  ];
  const fits = verdict?.fits ?? true;
  return {
    name: vm.name,
    power: vm.power,
    powerLabel: POWER[vm.power],
    guest: guestLine(vm),
    general,
    system,
    display,
    controllers,
    nics,
    addresses,
    reach,
    sizing: { host, fits, verdict: verdict ? (verdict.fits ? `${vm.name} fits on this host.` : `${vm.name} does not fit: ${verdict.problems.map(explainProblem).join('; ')}.`) : '' },
  };
}
