/**
 * `qm create|set|config|destroy|guest cmd` (SPEC K19-K21, M6-M19) with Proxmox VE's option
 * syntax: disks as `STORAGE:SIZE_GB`, drives as `ide2`, `scsi0`…, NICs as `net0: virtio,bridge=vmbr0`,
 * `boot: order=scsi0;ide2;net0`, and `qm config` printed as the VM's config file.
 */
import type { Action, StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, Vm } from '../model/types';
import { getSnapshot } from '../model/snapshot-store';
import type { BootDevice, Bus, NicConfig } from '../../machine/types';
import { PROXMOX_OSTYPES } from '../../machine/ostypes';
import { agentRunning } from '../../machine/guest';
import { networkLink } from '../../machine/link';
import { MAX_PORTS, macFor } from '../../machine/defaults';
import { explainRefusal } from '../explain';
import { apply } from '../apply';
import { hint, printed, refusedWith, type Handled } from './session';

const DRIVE = /^(ide|sata|scsi|virtio)(\d+)$/;
const MAX_INDEX: Record<string, number> = { ide: 3, sata: 5, scsi: 30, virtio: 15 };

export const QM_OPTIONS = ['name', 'memory', 'cores', 'sockets', 'ostype', 'boot', 'agent', 'bios', 'scsihw', 'description', 'balloon', 'onboot', 'cpu', 'vga', 'delete', 'purge'];

const badParam = (name: string, message: string): string[] => ['400 Parameter verification failed.', `${name}: ${message}`];

function runAll(lab: LabState, actions: Action[], ctx: StepContext, fail: (r: Refusal) => string[]): Handled {
  let state = lab;
  const events = [];
  for (const a of actions) {
    const r = apply(state, a, ctx);
    if (r.refused) return refusedWith(lab, r.refused, fail(r.refused), 255);
    state = r.state;
    events.push(...r.events);
  }
  return { state, output: [], events, refused: null, exitCode: 0 };
}

/** Splits `qm create|set` words into `--key value` pairs (Proxmox options all take a value). */
function pairs(words: string[]): { values: Map<string, string>; positional: string[] } | { error: string } {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const key = eq < 0 ? w.slice(2) : w.slice(2, eq);
    const value = eq >= 0 ? w.slice(eq + 1) : words[i + 1] !== undefined && !words[i + 1]!.startsWith('--') ? words[++i]! : '1';
    if (values.has(key)) return { error: `duplicate option --${key}` };
    values.set(key, value);
  }
  return { values, positional };
}

/** `virtio,bridge=vmbr0,firewall=1` or `e1000=BC:24:11:…,bridge=vmbr0`. */
function parseNet(text: string): { model: string; mac: string | null; bridge: string; link: boolean } | { error: string } {
  const parts = text.split(',');
  const [first, ...rest] = parts;
  const [model, mac] = (first ?? '').split('=');
  if (!model || !['virtio', 'e1000', 'e1000e', 'rtl8139', 'vmxnet3'].includes(model)) return { error: `invalid format - format error\nnet: model '${model ?? ''}' is not one of virtio, e1000, e1000e, rtl8139, vmxnet3` };
  const kv = new Map(rest.map((p) => p.split('=') as [string, string]));
  const bridge = kv.get('bridge');
  if (!bridge) return { error: 'invalid format - missing bridge= (for example virtio,bridge=vmbr0)' };
  return { model, mac: mac ?? null, bridge, link: kv.get('link_down') !== '1' };
}

/** Every option of `qm create` / `qm set`, as engine actions (one change, all or nothing). */
function optionActions(lab: LabState, vm: { name: string; vmid: number; uuid: string; hw?: Vm['hw'] }, values: Map<string, string>): Action[] | string[] {
  const actions: Action[] = [];
  const mod: Extract<Action, { type: 'modifyVm' }> = { type: 'modifyVm', vm: vm.name };
  const ints: Array<[string, 'memoryMb' | 'cpus' | 'sockets']> = [['memory', 'memoryMb'], ['cores', 'cpus'], ['sockets', 'sockets']];
  for (const [opt, field] of ints) {
    const v = values.get(opt);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) return badParam(opt, `type check ('integer') failed - got '${v}'`);
    mod[field] = Number(v);
  }
  if (mod.cpus !== undefined || mod.sockets !== undefined) {
    // qm's cores are per socket: vCPUs = sockets × cores.
    const sockets = mod.sockets ?? vm.hw?.sockets ?? 1;
    const coresPer = mod.cpus ?? Math.max(1, Math.round(((lab.vms[vm.name]?.settings.cpus ?? 1) / (vm.hw?.sockets ?? 1))));
    mod.cpus = sockets * coresPer;
    mod.sockets = sockets;
  }
  const ostype = values.get('ostype');
  if (ostype !== undefined) {
    if (!(PROXMOX_OSTYPES as readonly string[]).includes(ostype)) return badParam('ostype', `value '${ostype}' does not have a value in the enumeration '${PROXMOX_OSTYPES.join(', ')}'`);
    mod.ostype = ostype;
  }
  const agent = values.get('agent');
  if (agent !== undefined) mod.agent = ['1', 'true', 'yes', 'on', 'enabled=1'].includes(agent.split(',')[0]!.toLowerCase());
  const bios = values.get('bios');
  if (bios !== undefined) {
    if (bios !== 'seabios' && bios !== 'ovmf') return badParam('bios', `value '${bios}' does not have a value in the enumeration 'seabios, ovmf'`);
    mod.firmware = bios === 'ovmf' ? 'efi' : 'bios';
  }
  if (values.has('name')) mod.name = values.get('name')!;
  if (values.has('description')) mod.description = values.get('description')!;
  const boot = values.get('boot');
  let bootOrder: string[] | null = null;
  if (boot !== undefined) {
    const m = /^order=(.+)$/.exec(boot);
    if (!m) return badParam('boot', `invalid format - format error\nboot.legacy: value does not match the regex pattern (use order=scsi0;ide2;net0)`);
    bootOrder = m[1]!.split(';');
    for (const d of bootOrder) if (!DRIVE.test(d) && !/^net\d$/.test(d)) return badParam('boot', `invalid format - format error\nboot.order: invalid boot device '${d}'`);
  }
  const hwKeys = Object.keys(mod).filter((k) => k !== 'type' && k !== 'vm');
  if (hwKeys.length > 0) actions.push(mod);

  const buses = new Set((vm.hw?.controllers ?? []).map((c) => c.name));
  for (const [key, value] of values) {
    const drive = DRIVE.exec(key);
    if (drive) {
      const bus = drive[1]! as Bus;
      const index = Number(drive[2]);
      if (index > MAX_INDEX[bus]!) return badParam(key, `property is not defined in schema and the schema does not allow additional properties`);
      if (!buses.has(bus)) {
        actions.push({ type: 'storageCtl', vm: vm.name, name: bus, bus, ...(bus === 'scsi' ? { controller: 'LsiLogic' } : {}), portCount: bus === 'ide' ? 2 : Math.min(MAX_INDEX[bus]! + 1, MAX_PORTS[bus] ?? 1) });
        buses.add(bus);
      }
      const port = bus === 'ide' ? Math.floor(index / 2) : index;
      const device = bus === 'ide' ? index % 2 : 0;
      const [source, ...opts] = value.split(',');
      const cdrom = opts.includes('media=cdrom');
      if (source === 'none') {
        actions.push({ type: 'storageAttach', vm: vm.name, controller: bus, port, device, deviceType: 'dvddrive', medium: 'emptydrive' });
        continue;
      }
      if (cdrom) {
        actions.push({ type: 'storageAttach', vm: vm.name, controller: bus, port, device, deviceType: 'dvddrive', medium: source ?? '' });
        continue;
      }
      const alloc = /^([a-z][a-z0-9._-]*):(\d+)$/i.exec(source ?? '');
      if (alloc) {
        // STORAGE:SIZE allocates a new volume of SIZE GiB, named vm-<vmid>-disk-<n>.
        const taken = lab.media.filter((m) => m.location.startsWith(`${alloc[1]}:vm-${vm.vmid}-disk-`)).length + actions.filter((a) => a.type === 'createMedium').length;
        const location = `${alloc[1]}:vm-${vm.vmid}-disk-${taken}`;
        actions.push({ type: 'createMedium', location, sizeMb: Number(alloc[2]) * 1024, format: 'raw' });
        actions.push({ type: 'storageAttach', vm: vm.name, controller: bus, port, device, deviceType: 'hdd', medium: location });
        continue;
      }
      actions.push({ type: 'storageAttach', vm: vm.name, controller: bus, port, device, deviceType: 'hdd', medium: source ?? '' });
      continue;
    }
    const net = /^net(\d)$/.exec(key);
    if (net) {
      const parsed = parseNet(value);
      if ('error' in parsed) return badParam(key, parsed.error);
      const slot = Number(net[1]) + 1;
      actions.push({ type: 'setNic', vm: vm.name, slot, attachment: 'bridged', network: parsed.bridge, model: parsed.model, cable: parsed.link, live: true, ...(parsed.mac ? { mac: parsed.mac.toUpperCase() } : { mac: macFor('proxmox', `${vm.uuid}`, slot) }) });
      continue;
    }
    if (!QM_OPTIONS.includes(key)) return badParam(key, 'property is not defined in schema and the schema does not allow additional properties');
  }
  if (bootOrder !== null) {
    const devices: BootDevice[] = bootOrder.map((d) => (d.startsWith('net') ? 'net' : values.get(d)?.includes('media=cdrom') || vm.hw?.attachments.some((a) => a.type === 'dvddrive' && driveName(a.controller, a.port, a.device) === d) ? 'dvd' : 'disk'));
    actions.push({ type: 'modifyVm', vm: vm.name, boot: [...devices, 'none', 'none', 'none', 'none'].slice(0, 4).map((device, i) => ({ slot: i + 1, device: device as BootDevice })) });
  }
  return actions;
}

export function driveName(controller: string, port: number, device: number): string {
  return controller === 'ide' ? `ide${port * 2 + device}` : `${controller}${port}`;
}

export function qmCreate(lab: LabState, words: string[], ctx: StepContext, fail: (r: Refusal) => string[]): Handled {
  const parsed = pairs(words);
  if ('error' in parsed) return printed(lab, badParam('options', parsed.error), 255);
  const idText = parsed.positional[0];
  if (idText === undefined || !/^\d+$/.test(idText)) return printed(lab, ['400 not enough arguments', 'qm create <vmid> [OPTIONS]'], 255);
  const vmid = Number(idText);
  if (vmid < 100) return printed(lab, badParam('vmid', `value must have a minimum value of 100`), 255);
  const clash = Object.values(lab.vms).find((v) => v.vmid === vmid);
  if (clash) return refusedWith(lab, { code: 'VMID_TAKEN', params: { vm: clash.name, vmid } }, [`unable to create VM ${vmid} - VM ${vmid} already exists on node '${lab.host.name}'`], 255);
  const name = parsed.values.get('name') ?? `VM ${vmid}`;
  const created = apply(lab, { type: 'createVm', name, vmid, ostype: parsed.values.get('ostype') ?? 'other' }, ctx);
  if (created.refused) return refusedWith(lab, created.refused, fail(created.refused), 255);
  const vm = created.state.vms[name]!;
  const rest = new Map(parsed.values);
  rest.delete('name');
  const actions = optionActions(created.state, vm, rest);
  if (!Array.isArray(actions) || actions.some((a) => typeof a === 'string')) return printed(lab, actions as string[], 255);
  const done = runAll(created.state, actions as Action[], ctx, fail);
  if (done.refused) return { ...done, state: lab };
  return { ...done, events: [...created.events, ...done.events] };
}

export function qmSet(lab: LabState, vm: Vm, words: string[], ctx: StepContext, fail: (r: Refusal) => string[]): Handled {
  const parsed = pairs(words);
  if ('error' in parsed) return printed(lab, badParam('options', parsed.error), 255);
  const del = parsed.values.get('delete');
  const values = new Map(parsed.values);
  values.delete('delete');
  const actions = optionActions(lab, vm, values);
  if (!Array.isArray(actions) || actions.some((a) => typeof a === 'string')) return printed(lab, actions as string[], 255);
  const list = [...(actions as Action[])];
  for (const key of (del ?? '').split(',').filter(Boolean)) {
    const net = /^net(\d)$/.exec(key);
    const drive = DRIVE.exec(key);
    if (net) list.push({ type: 'setNic', vm: vm.name, slot: Number(net[1]) + 1, attachment: 'none', live: true });
    else if (drive) {
      const bus = drive[1]!;
      const index = Number(drive[2]);
      list.push({ type: 'storageAttach', vm: vm.name, controller: bus, port: bus === 'ide' ? Math.floor(index / 2) : index, device: bus === 'ide' ? index % 2 : 0, medium: 'none' });
    } else return printed(lab, badParam('delete', `unable to delete '${key}' (not a drive or NIC here)`), 255);
  }
  if (list.length === 0) return printed(lab, ['400 not enough arguments', 'qm set <vmid> [OPTIONS]'], 255);
  return runAll(lab, list, ctx, fail);
}

function gibOf(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024}G` : `${mb}M`;
}

/** `qm config VMID`: the config file's keys in alphabetical order, as Proxmox prints them. */
export function qmConfig(lab: LabState, vm: Vm): Handled {
  const hw = vm.hw;
  const entries: Array<[string, string]> = [];
  const sockets = hw.sockets > 0 && vm.settings.cpus % hw.sockets === 0 ? hw.sockets : 1;
  entries.push(['cores', String(vm.settings.cpus / sockets)], ['memory', String(vm.settings.memoryMb)], ['name', vm.name], ['ostype', hw.ostype]);
  if (sockets !== 1) entries.push(['sockets', String(sockets)]);
  if (hw.agent) entries.push(['agent', '1']);
  if (hw.firmware === 'efi') entries.push(['bios', 'ovmf']);
  if (hw.description) entries.push(['description', hw.description]);
  if (vm.current) entries.push(['parent', getSnapshot(vm, vm.current)!.name]);
  if (vm.template) entries.push(['template', '1']);
  const names: string[] = [];
  for (const a of hw.attachments) {
    const key = driveName(a.controller, a.port, a.device);
    names.push(key);
    const m = lab.media.find((x) => x.uuid === a.medium);
    if (a.type === 'dvddrive') entries.push([key, `${m ? m.location : 'none'},media=cdrom`]);
    else entries.push([key, `${m?.location ?? a.medium},size=${gibOf(m?.capacityMb ?? 0)}`]);
  }
  if (hw.controllers.some((c) => c.name === 'scsi')) entries.push(['scsihw', hw.controllers.find((c) => c.name === 'scsi')!.type === 'LsiLogic' ? 'lsi' : 'virtio-scsi-single']);
  for (const n of hw.nics) entries.push([`net${n.slot - 1}`, `${n.model}=${n.mac.toUpperCase()},bridge=${n.network ?? 'vmbr0'}${n.cable ? '' : ',link_down=1'}`]);
  const order = hw.boot
    .filter((d) => d !== 'none' && d !== 'floppy')
    .flatMap((d) => (d === 'net' ? hw.nics.slice(0, 1).map((n) => `net${n.slot - 1}`) : hw.attachments.filter((a) => (d === 'dvd') === (a.type === 'dvddrive')).map((a) => driveName(a.controller, a.port, a.device))));
  if (order.length > 0) entries.push(['boot', `order=${[...new Set(order)].join(';')}`]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return printed(lab, entries.map(([k, v]) => `${k}: ${v}`));
}

export function qmDestroy(lab: LabState, vm: Vm, words: string[], ctx: StepContext): Handled {
  if (vm.power === 'running' || vm.power === 'paused') {
    return refusedWith(lab, { code: 'VM_LOCKED', params: { vm: vm.name, power: vm.power, op: 'unregister' } }, [`VM ${vm.vmid} is running - destroy failed`], 255);
  }
  const r = apply(lab, { type: 'unregisterVm', vm: vm.name, deleteMedia: true }, ctx);
  if (r.refused) return refusedWith(lab, r.refused, [explainRefusal(r.refused)], 255);
  void words;
  return { state: r.state, output: vm.disks.map((d) => `  Logical volume "${d.volume.split(':').pop()}" successfully removed.`), events: r.events, refused: null, exitCode: 0 };
}

/** `qm guest cmd VMID network-get-interfaces` (SPEC M19): the agent's JSON, or Proxmox's error. */
export function qmGuest(lab: LabState, vm: Vm, words: string[]): Handled {
  if (words[0] !== 'cmd' || !words[1]) return printed(lab, ['400 not enough arguments', 'qm guest cmd <vmid> <command>'], 255);
  const command = words[1];
  const known = ['network-get-interfaces', 'ping', 'info', 'get-osinfo', 'get-host-name'];
  if (!known.includes(command)) return printed(lab, badParam('command', `value '${command}' does not have a value in the enumeration '${known.join(', ')}'`), 255);
  if (vm.power !== 'running') return printed(lab, [`VM ${vm.vmid} is not running`], 255);
  if (!vm.hw.agent) return printed(lab, [`No QEMU guest agent configured`, hint(`enable it with: qm set ${vm.vmid} --agent 1 (then restart the VM)`)], 255);
  if (!agentRunning(lab, vm)) return printed(lab, ['QEMU guest agent is not running', hint(explainRefusal({ code: 'AGENT_NOT_RUNNING', params: { vm: vm.name } }))], 255);
  if (command === 'ping') return printed(lab, []);
  if (command === 'get-host-name') return printed(lab, ['{', `   "host-name" : "${vm.name}"`, '}']);
  if (command !== 'network-get-interfaces') return printed(lab, ['{', '   "id" : "debian",', '   "name" : "Debian GNU/Linux",', '   "version-id" : "12"', '}']);
  const ifaces: Array<{ name: string; mac: string; ip: string; prefix: number }> = [{ name: 'lo', mac: '00:00:00:00:00:00', ip: '127.0.0.1', prefix: 8 }];
  networkLink().guestAddresses(lab, vm.name).forEach((a: { mac: string; address: string | null }, i: number) => {
    if (a.address) ifaces.push({ name: `ens${18 + i}`, mac: a.mac.toLowerCase(), ip: a.address, prefix: 24 });
  });
  const lines = ['['];
  ifaces.forEach((f, i) => {
    lines.push(
      '   {',
      `      "hardware-address" : "${f.mac}",`,
      '      "ip-addresses" : [',
      '         {',
      `            "ip-address" : "${f.ip}",`,
      '            "ip-address-type" : "ipv4",',
      `            "prefix" : ${f.prefix}`,
      '         }',
      '      ],',
      `      "name" : "${f.name}"`,
      `   }${i < ifaces.length - 1 ? ',' : ''}`,
    );
  });
  lines.push(']');
  return printed(lab, lines);
}

export type { NicConfig };
