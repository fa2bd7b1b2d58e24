/**
 * virsh's domain-building commands (SPEC K15-K18, M6-M19): define/create from domain XML,
 * undefine, dumpxml, dominfo, setmem/setmaxmem/setvcpus with --config/--live/--current,
 * attach-/detach-interface, domifaddr, net-list, net-dhcp-leases; plus `qemu-img create`.
 */
import { XMLParser } from 'fast-xml-parser';
import { closest } from '../../core/suggest';
import type { Action, StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, Vm } from '../model/types';
import type { BootDevice, Hardware, NicConfig } from '../../machine/types';
import { agentRunning } from '../../machine/guest';
import { networkLink } from '../../machine/link';
import { explainRefusal } from '../explain';
import { hint, perform, printed, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';
import { nic as makeNic, macFor } from '../../machine/defaults';

export const VIRSH_MACHINE_COMMANDS = ['define', 'create', 'undefine', 'dumpxml', 'domifaddr', 'net-list', 'net-dhcp-leases', 'attach-interface', 'detach-interface'];

const fail = (r: Refusal): string[] => {
  switch (r.code) {
    case 'VM_NAME_TAKEN':
      return [`error: operation failed: domain '${String(r.params['name'])}' already exists with uuid ${String(r.params['uuid'] ?? '')}`.replace(' with uuid ', ' ')];
    case 'VM_LOCKED':
      return [`error: Failed to undefine domain '${String(r.params['vm'])}'`, `error: Requested operation is not valid: cannot undefine a running domain here`, hint(explainRefusal(r))];
    case 'MAXMEM_LIVE':
      return ['error: Requested operation is not valid: cannot resize the maximum memory on an active domain'];
    case 'ABOVE_MAXIMUM':
      return r.params['field'] === 'cpus'
        ? [`error: invalid argument: requested vcpus is greater than max allowable vcpus for the live domain: ${String(r.params['value'])} > ${String(r.params['max'])}`]
        : ['error: invalid argument: cannot set memory higher than max memory'];
    case 'NOT_RUNNING':
      return ['error: Requested operation is not valid: domain is not running'];
    case 'NETWORK_NOT_FOUND':
      return [`error: Network not found: no network with matching name '${String(r.params['network'])}'`];
    default:
      return [`error: ${explainRefusal(r)}`];
  }
};

/** `--config`, `--live`, `--current` (virsh's default: live if running, else config). */
function scopeOf(flags: Set<string>, vm: Vm): 'config' | 'live' | 'both' | { error: string } {
  const config = flags.has('config');
  const live = flags.has('live');
  if (flags.has('current') && (config || live)) return { error: 'error: Options --current and --live are mutually exclusive' };
  if (config && live) return 'both';
  if (live) return 'live';
  if (config) return 'config';
  return vm.power === 'running' || vm.power === 'paused' ? 'live' : 'config';
}

function parseKib(text: string): number | null {
  const m = /^(\d+)\s*(k|kib|m|mib|g|gib|b)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'k').toLowerCase()[0]!;
  return unit === 'b' ? Math.ceil(Number(m[1]) / 1024) : Number(m[1]) * (unit === 'g' ? 1024 * 1024 : unit === 'm' ? 1024 : 1);
}

/** `virsh setmem|setmaxmem|setvcpus` with libvirt's scopes (SPEC M9). */
export function virshSetSize(lab: LabState, vm: Vm, cmd: string, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, []);
  if ('error' in opts) return printed(lab, [`error: ${opts.error}`], 1);
  const scope = scopeOf(opts.flags, vm);
  if (typeof scope === 'object') return printed(lab, [scope.error], 1);
  const value = opts.positional[1] ?? '';
  let action: Action;
  if (cmd === 'setvcpus') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) return printed(lab, ['error: Invalid number of virtual CPUs'], 1);
    if (opts.flags.has('maximum')) {
      if (scope !== 'config') return printed(lab, ['error: Requested operation is not valid: cannot change the maximum vcpu count of a live domain (use --config)'], 1);
      action = { type: 'modifyVm', vm: vm.name, maxCpus: n };
    } else action = { type: 'modifyVm', vm: vm.name, cpus: n, scope };
  } else {
    const kib = parseKib(value);
    if (kib === null) return printed(lab, [`error: Invalid value of '${value}' for memory size`], 1);
    const mb = Math.floor(kib / 1024);
    action = cmd === 'setmaxmem' ? { type: 'modifyVm', vm: vm.name, maxMemoryMb: mb, scope } : { type: 'modifyVm', vm: vm.name, memoryMb: mb, scope };
  }
  return perform(lab, action, ctx, { ok: () => [], refused: fail });
}

export function dominfo(lab: LabState, vm: Vm): Handled {
  const running = vm.power === 'running' || vm.power === 'paused';
  const ids = Object.values(lab.vms).filter((v) => v.power === 'running' || v.power === 'paused');
  return printed(lab, [
    `Id:             ${running ? ids.indexOf(vm) + 1 : '-'}`,
    `Name:           ${vm.name}`,
    `UUID:           ${vm.uuid}`,
    `OS Type:        hvm`,
    `State:          ${vm.power === 'running' ? 'running' : vm.power === 'paused' ? 'paused' : 'shut off'}`,
    `CPU(s):         ${vm.runtime?.booted.cpus ?? vm.settings.cpus}`,
    `Max memory:     ${(vm.hw.maxMemoryMb ?? vm.settings.memoryMb) * 1024} KiB`,
    `Used memory:    ${(vm.runtime?.booted.memoryMb ?? vm.settings.memoryMb) * 1024} KiB`,
    `Persistent:     yes`,
    `Autostart:      disable`,
    `Managed save:   no`,
    `Security model: apparmor`,
  ]);
}

const BOOT_DEV: Record<BootDevice, string> = { disk: 'hd', dvd: 'cdrom', net: 'network', floppy: 'fd', none: '' };

/** `virsh dumpxml` (SPEC K16): the domain XML, escaped, from the one machine definition. */
export function dumpxml(lab: LabState, vm: Vm): Handled {
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
  const max = vm.hw.maxMemoryMb ?? vm.settings.memoryMb;
  const lines = [
    `<domain type='kvm'${vm.power === 'running' ? ` id='1'` : ''}>`,
    `  <name>${esc(vm.name)}</name>`,
    `  <uuid>${vm.uuid}</uuid>`,
    ...(vm.hw.description ? [`  <description>${esc(vm.hw.description)}</description>`] : []),
    `  <memory unit='KiB'>${max * 1024}</memory>`,
    `  <currentMemory unit='KiB'>${vm.settings.memoryMb * 1024}</currentMemory>`,
    `  <vcpu placement='static'${vm.hw.maxCpus !== null && vm.hw.maxCpus !== vm.settings.cpus ? ` current='${vm.settings.cpus}'` : ''}>${vm.hw.maxCpus ?? vm.settings.cpus}</vcpu>`,
    `  <os>`,
    `    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>`,
    ...(vm.hw.firmware === 'efi' ? [`    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>`] : []),
    ...vm.hw.boot.filter((d) => BOOT_DEV[d]).map((d) => `    <boot dev='${BOOT_DEV[d]}'/>`),
    `  </os>`,
    `  <devices>`,
    `    <emulator>/usr/bin/qemu-system-x86_64</emulator>`,
  ];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  vm.hw.attachments.forEach((a, i) => {
    const m = lab.media.find((x) => x.uuid === a.medium);
    const cd = a.type === 'dvddrive';
    lines.push(
      `    <disk type='file' device='${cd ? 'cdrom' : 'disk'}'>`,
      `      <driver name='qemu' type='${cd ? 'raw' : (m?.format ?? 'qcow2').toLowerCase()}'/>`,
      ...(m ? [`      <source file='${esc(m.location)}'/>`] : []),
      `      <target dev='${cd ? 'sd' : 'vd'}${letters[i % 26]}' bus='${cd ? 'sata' : 'virtio'}'/>`,
      ...(cd ? ['      <readonly/>'] : []),
      `    </disk>`,
    );
  });
  for (const n of vm.hw.nics) {
    const bridge = n.attachment === 'bridged';
    lines.push(
      `    <interface type='${bridge ? 'bridge' : 'network'}'>`,
      `      <mac address='${n.mac.toLowerCase()}'/>`,
      `      <source ${bridge ? `bridge='${esc(n.network ?? 'br0')}'` : `network='${esc(n.network ?? 'default')}'`}/>`,
      `      <model type='${esc(n.model)}'/>`,
      ...(n.cable ? [] : [`      <link state='down'/>`]),
      `    </interface>`,
    );
  }
  if (vm.hw.agent) lines.push(`    <channel type='unix'>`, `      <target type='virtio' name='org.qemu.guest_agent.0'/>`, `    </channel>`);
  lines.push(`    <graphics type='vnc' port='-1' autoport='yes'/>`, `  </devices>`, `</domain>`);
  return printed(lab, lines);
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Reads the parts of a domain XML the simulator models (SPEC K15); the rest is ignored, as libvirt fills defaults. */
export function parseDomainXml(text: string): { name: string; memoryMb: number; maxMemoryMb: number | null; cpus: number; maxCpus: number | null; hw: Partial<Hardware>; disks: Array<{ file: string; cdrom: boolean }> } | { error: string } {
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, processEntities: true }).parse(text) as Record<string, unknown>;
  } catch (e) {
    return { error: `XML error: ${e instanceof Error ? e.message.split('\n')[0] : 'not well-formed'}` };
  }
  const dom = doc['domain'] as Record<string, unknown> | undefined;
  if (!dom || typeof dom !== 'object') return { error: 'XML error: expected a <domain> root element' };
  const text0 = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Record<string, unknown>)['#text']) : '');
  const name = text0(dom['name']).trim();
  if (!name) return { error: 'XML error: missing <name> in the domain' };
  const memKib = (v: unknown): number | null => {
    if (v === undefined) return null;
    const unit = (v && typeof v === 'object' ? String((v as Record<string, unknown>)['@unit'] ?? 'KiB') : 'KiB').toLowerCase();
    const n = Number(text0(v));
    if (!Number.isFinite(n) || n <= 0) return NaN;
    const f = unit.startsWith('g') ? 1024 * 1024 : unit.startsWith('m') ? 1024 : unit === 'b' || unit === 'bytes' ? 1 / 1024 : 1;
    return n * f;
  };
  const max = memKib(dom['memory']);
  const cur = memKib(dom['currentMemory']);
  if (max === null) return { error: "XML error: missing <memory> (for example <memory unit='MiB'>2048</memory>)" };
  if (Number.isNaN(max) || (cur !== null && Number.isNaN(cur))) return { error: 'XML error: <memory> must be a positive number' };
  const vcpu = dom['vcpu'];
  const maxCpus = Number(text0(vcpu) || '1');
  const curCpus = vcpu && typeof vcpu === 'object' && '@current' in vcpu ? Number((vcpu as Record<string, unknown>)['@current']) : maxCpus;
  if (!Number.isInteger(maxCpus) || maxCpus < 1 || !Number.isInteger(curCpus) || curCpus < 1) return { error: 'XML error: <vcpu> must be a whole number of at least 1' };
  const os = (dom['os'] ?? {}) as Record<string, unknown>;
  const boot = asArray(os['boot'] as unknown).map((b) => String((b as Record<string, unknown>)?.['@dev'] ?? ''));
  const devMap: Record<string, BootDevice> = { hd: 'disk', cdrom: 'dvd', network: 'net', fd: 'floppy' };
  const devices = (dom['devices'] ?? {}) as Record<string, unknown>;
  const disks = asArray(devices['disk'] as unknown).map((d) => {
    const o = d as Record<string, unknown>;
    const src = (o['source'] ?? {}) as Record<string, unknown>;
    return { file: String(src['@file'] ?? ''), cdrom: o['@device'] === 'cdrom' };
  });
  const nics = asArray(devices['interface'] as unknown).map((i, k): Partial<NicConfig> & { slot: number } => {
    const o = i as Record<string, unknown>;
    const src = (o['source'] ?? {}) as Record<string, unknown>;
    const model = (o['model'] ?? {}) as Record<string, unknown>;
    const bridge = o['@type'] === 'bridge';
    return { slot: k + 1, attachment: bridge ? 'bridged' : 'natnetwork', network: String((bridge ? src['@bridge'] : src['@network']) ?? (bridge ? 'br0' : 'default')), model: String(model['@type'] ?? 'virtio') };
  });
  const agent = asArray(devices['channel'] as unknown).some((c) => String(((c as Record<string, unknown>)['target'] as Record<string, unknown> | undefined)?.['@name'] ?? '') === 'org.qemu.guest_agent.0');
  const loader = os['loader'] !== undefined || (os as Record<string, unknown>)['@firmware'] === 'efi';
  const bootDevs = boot.map((b) => devMap[b]).filter((b): b is BootDevice => b !== undefined);
  return {
    name,
    memoryMb: Math.floor((cur ?? max) / 1024),
    maxMemoryMb: cur !== null && cur !== max ? Math.floor(max / 1024) : null,
    cpus: curCpus,
    maxCpus: curCpus !== maxCpus ? maxCpus : null,
    hw: {
      firmware: loader ? 'efi' : 'bios',
      boot: [...bootDevs, 'none', 'none', 'none', 'none'].slice(0, 4) as BootDevice[],
      agent,
      nics: nics.map((n) => ({ ...makeNic(n.slot, n.attachment ?? 'natnetwork', n.network ?? null, n.model ?? 'virtio', '') })),
    },
    disks,
  };
}

/** `virsh define FILE` / `virsh create FILE` (create: defined and started at once, SPEC K15). */
export function defineDomain(lab: LabState, cmd: 'define' | 'create', args: string[], ctx: StepContext): Handled {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) return printed(lab, [`error: command '${cmd}' requires <file> option`], 1);
  const path = file.startsWith('/') ? file : `/root/${file}`;
  const hostFile = lab.host.files.find((f) => f.path === path || f.path === file);
  if (!hostFile) {
    const near = closest(file, lab.host.files.map((f) => f.path.split('/').pop()!));
    return printed(lab, [`error: Failed to read file '${file}' to ${cmd} domain`, `error: Failed to open file '${file}': No such file or directory`, ...(near ? [hint(`did you mean "${near}"? (ls shows the files here)`)] : [])], 1);
  }
  const parsed = parseDomainXml(hostFile.content);
  if ('error' in parsed) return printed(lab, [`error: Failed to ${cmd} domain from ${file}`, `error: ${parsed.error}`], 1);
  const existing = Object.hasOwn(lab.vms, parsed.name) ? lab.vms[parsed.name]! : null;
  if (existing) return refusedWith(lab, { code: 'VM_NAME_TAKEN', params: { vm: parsed.name, name: parsed.name } }, [`error: Failed to ${cmd} domain from ${file}`, `error: operation failed: domain '${parsed.name}' already exists with uuid ${existing.uuid}`], 1);
  const hw: Partial<Hardware> = { ...parsed.hw, maxMemoryMb: parsed.maxMemoryMb, maxCpus: parsed.maxCpus, controllers: [{ name: 'virtio', bus: 'virtio', type: 'VirtIO', portCount: 16, bootable: true }, { name: 'sata', bus: 'sata', type: 'IntelAhci', portCount: 6, bootable: true }], attachments: [] };
  const actions: Action[] = [{ type: 'createVm', name: parsed.name, memoryMb: parsed.memoryMb, cpus: parsed.maxCpus === null ? parsed.cpus : parsed.cpus, ostype: 'Linux_64', hw }];
  let disk = 0;
  let cd = 0;
  for (const d of parsed.disks) {
    if (d.cdrom) actions.push({ type: 'storageAttach', vm: parsed.name, controller: 'sata', port: cd++, device: 0, deviceType: 'dvddrive', medium: d.file || 'emptydrive' });
    else actions.push({ type: 'storageAttach', vm: parsed.name, controller: 'virtio', port: disk++, device: 0, deviceType: 'hdd', medium: d.file });
  }
  let state = lab;
  const events = [];
  for (const a of actions) {
    const r = perform(state, a, ctx, { ok: () => [], refused: fail });
    if (r.refused) return { ...r, state: lab, output: [`error: Failed to ${cmd} domain from ${file}`, ...(r.refused.code === 'MEDIUM_NOT_FOUND' ? [`error: Cannot access storage file '${String(r.refused.params['file'])}': No such file or directory`] : r.output)] };
    state = r.state;
    events.push(...r.events);
  }
  // MAC addresses: libvirt generates 52:54:00:xx:xx:xx for interfaces without one.
  const vm = state.vms[parsed.name]!;
  state = { ...state, vms: { ...state.vms, [vm.name]: { ...vm, hw: { ...vm.hw, nics: vm.hw.nics.map((n) => ({ ...n, mac: n.mac || macFor('libvirt', vm.uuid, n.slot) })) } } } };
  if (cmd === 'create') {
    const started = perform(state, { type: 'power', vm: parsed.name, op: 'start' }, ctx, { ok: () => [], refused: fail });
    if (started.refused) return { ...started, state: lab };
    return { ...started, events: [...events, ...started.events], output: [`Domain '${parsed.name}' created from ${file}`] };
  }
  return { state, output: [`Domain '${parsed.name}' defined from ${file}`], events, refused: null, exitCode: 0 };
}

export function undefineDomain(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const all = args.includes('--remove-all-storage');
  if (vm.power === 'running' || vm.power === 'paused') {
    // A running persistent domain becomes transient; the simulator keeps it simple and refuses (SPEC M7).
    return refusedWith(lab, { code: 'VM_LOCKED', params: { vm: vm.name, power: vm.power, op: 'unregister' } }, fail({ code: 'VM_LOCKED', params: { vm: vm.name, power: vm.power } }), 1);
  }
  const volumes = all ? vm.disks.map((d) => d.volume) : [];
  return perform(lab, { type: 'unregisterVm', vm: vm.name, deleteMedia: all }, ctx, {
    ok: () => [...volumes.map((v) => `Volume '${v.split('/').pop()}'(${v}) removed.`), `Domain '${vm.name}' has been undefined`],
    refused: fail,
  });
}

/** `virsh domifaddr DOMAIN [--source lease|agent|arp]` (SPEC M19). */
export function domifaddr(lab: LabState, vm: Vm, args: string[]): Handled {
  const opts = parseOptions(args, ['source', 'interface']);
  if ('error' in opts) return printed(lab, [`error: ${opts.error}`], 1);
  const source = opts.values.get('source') ?? 'lease';
  if (!['lease', 'agent', 'arp'].includes(source)) return printed(lab, [`error: Unknown data source '${source}'`], 1);
  if (vm.power !== 'running') return printed(lab, ['error: Failed to query for interfaces addresses', 'error: Requested operation is not valid: domain is not running'], 1);
  if (source === 'agent' && !agentRunning(lab, vm)) {
    return printed(lab, ['error: Failed to query for interfaces addresses', `error: argument unsupported: QEMU guest agent is not configured`, hint(explainRefusal({ code: 'AGENT_NOT_RUNNING', params: { vm: vm.name, platform: 'libvirt' } }))], 1);
  }
  const header = [' Name       MAC address          Protocol     Address', '-------------------------------------------------------------------------------'];
  // A guest that found nothing to boot asked for no lease and answers no ARP.
  const silent = vm.runtime?.panic?.code === 'NO_BOOTABLE_MEDIUM' || vm.runtime?.panic?.code === 'NO_INIT';
  const addrs = silent ? [] : networkLink().guestAddresses(lab, vm.name).filter((a) => a.address !== null && (source !== 'lease' || (a.attachment === 'natnetwork' && a.source === 'dhcp')));
  const rows = addrs.map((a, i) => ` ${(source === 'agent' ? `enp${i + 1}s0` : `vnet${i}`).padEnd(10)} ${a.mac.toLowerCase().padEnd(20)} ipv4         ${a.address}/24`);
  if (source === 'agent') rows.unshift(` lo         00:00:00:00:00:00    ipv4         127.0.0.1/8`);
  return printed(lab, [...header, ...rows]);
}

export function netList(lab: LabState, args: string[]): Handled {
  const all = args.includes('--all');
  return printed(lab, [' Name      State    Autostart   Persistent', '--------------------------------------------', ...lab.host.networks.filter((n) => all || n.active).map((n) => ` ${n.name.padEnd(9)} ${n.active ? 'active  ' : 'inactive'} yes         yes`)]);
}

/** `virsh net-dhcp-leases NETWORK`: the leases of running guests on a libvirt NAT network. */
export function netDhcpLeases(lab: LabState, args: string[]): Handled {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) return printed(lab, [`error: command 'net-dhcp-leases' requires <network> option`], 1);
  const net = lab.host.networks.find((n) => n.name === name);
  if (!net) return printed(lab, [`error: failed to get network '${name}'`, `error: Network not found: no network with matching name '${name}'`], 1);
  const lines = [' Expiry Time           MAC address         Protocol   IP address          Hostname   Client ID or DUID', '-----------------------------------------------------------------------------------------------------------'];
  for (const vm of Object.values(lab.vms)) {
    // The installer asks for a lease too; a VM with nothing to boot does not.
    if (vm.power !== 'running' || vm.runtime?.panic?.code === 'NO_BOOTABLE_MEDIUM' || vm.runtime?.panic?.code === 'NO_INIT') continue;
    for (const a of networkLink().guestAddresses(lab, vm.name)) {
      if (a.attachment !== 'natnetwork' || a.network !== name || a.address === null) continue;
      lines.push(` 2026-12-05 13:00:00   ${a.mac.toLowerCase().padEnd(19)} ipv4       ${`${a.address}/24`.padEnd(19)} ${vm.name.padEnd(10)} -`);
    }
  }
  return printed(lab, lines);
}

/** `virsh attach-interface DOMAIN network|bridge SOURCE [--model M] [--mac MAC] [--config|--live]`. */
export function attachInterface(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['type', 'source', 'model', 'mac', 'target']);
  if ('error' in opts) return printed(lab, [`error: ${opts.error}`], 1);
  const type = opts.values.get('type') ?? opts.positional[1];
  const source = opts.values.get('source') ?? opts.positional[2];
  if (type !== 'network' && type !== 'bridge') return printed(lab, [`error: No support for ${type ?? '(none)'} in command 'attach-interface'`, hint('virsh attach-interface DOMAIN network default --model virtio --config')], 1);
  if (!source) return printed(lab, [`error: command 'attach-interface' requires <source> option`], 1);
  const slot = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => !vm.hw.nics.some((n) => n.slot === s));
  if (slot === undefined) return printed(lab, ['error: Failed to attach interface', 'error: this domain already has 8 interfaces'], 1);
  if (type === 'network' && !lab.host.networks.some((n) => n.name === source)) return printed(lab, [`error: Failed to attach interface`, `error: Network not found: no network with matching name '${source}'`], 1);
  const live = scopeOf(opts.flags, vm);
  if (typeof live === 'object') return printed(lab, [live.error], 1);
  return perform(
    lab,
    { type: 'setNic', vm: vm.name, slot, attachment: type === 'bridge' ? 'bridged' : 'natnetwork', network: source, model: opts.values.get('model') ?? 'rtl8139', ...(opts.values.get('mac') ? { mac: opts.values.get('mac')! } : {}), live: true },
    ctx,
    { ok: () => ['Interface attached successfully'], refused: fail },
  );
}

export function detachInterface(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['type', 'mac']);
  if ('error' in opts) return printed(lab, [`error: ${opts.error}`], 1);
  const type = opts.values.get('type') ?? opts.positional[1];
  const mac = (opts.values.get('mac') ?? opts.positional[2])?.toLowerCase();
  const kind = type === 'bridge' ? 'bridged' : type === 'network' ? 'natnetwork' : null;
  if (kind === null) return printed(lab, [`error: No support for ${type ?? '(none)'} in command 'detach-interface'`], 1);
  const matches = vm.hw.nics.filter((n) => n.attachment === kind && (mac === undefined || n.mac.toLowerCase() === mac));
  if (matches.length === 0) return printed(lab, ['error: Failed to detach interface', `error: operation failed: no interface found matching ${mac ? `mac ${mac}` : `type ${type}`}`], 1);
  if (matches.length > 1) return printed(lab, ['error: Failed to detach interface', 'error: Domain has multiple interfaces. Please specify which one to detach using --mac'], 1);
  return perform(lab, { type: 'setNic', vm: vm.name, slot: matches[0]!.slot, attachment: 'none', live: true }, ctx, { ok: () => ['Interface detached successfully'], refused: fail });
}

/** `qemu-img create [-f FORMAT] FILE SIZE` (the disk a domain XML points at). */
export function qemuImg(lab: LabState, args: string[], ctx: StepContext): Handled {
  if (args[0] !== 'create') return printed(lab, [`qemu-img: Command not supported here: ${args[0] ?? ''}`, hint('qemu-img create -f qcow2 /var/lib/libvirt/images/NAME.qcow2 20G')], 1);
  const opts = parseOptions(args.slice(1), ['f', 'o']);
  if ('error' in opts) return printed(lab, [`qemu-img: ${opts.error}`], 1);
  const [file, sizeText] = opts.positional;
  if (!file || !sizeText) return printed(lab, ['qemu-img: Expecting image file name and size', 'usage: qemu-img create [-f fmt] filename [size]'], 1);
  const m = /^(\d+)([KMGT]?)$/i.exec(sizeText);
  if (!m) return printed(lab, [`qemu-img: Invalid image size specified. You may use k, M, G, T, P or E suffixes for`, 'qemu-img: kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.'], 1);
  const unit = (m[2] ?? '').toUpperCase();
  const mb = Math.ceil(Number(m[1]) * (unit === 'T' ? 1024 * 1024 : unit === 'G' ? 1024 : unit === 'M' ? 1 : 1 / 1024 / (unit === 'K' ? 1 : 1024)));
  const format = opts.values.get('f') ?? 'raw';
  const path = file.startsWith('/') ? file : `/root/${file}`;
  return perform(lab, { type: 'createMedium', location: path, sizeMb: Math.max(1, mb), format }, ctx, {
    ok: () => [`Formatting '${path}', fmt=${format} size=${mb * 1048576}`],
    refused: (r) => [`qemu-img: ${path}: ${r.code === 'MEDIUM_EXISTS' ? 'File exists' : explainRefusal(r)}`],
  });
}
