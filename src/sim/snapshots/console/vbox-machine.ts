/**
 * VBoxManage's machine-building commands (SPEC K10-K14, M6-M19): createvm, registervm,
 * unregistervm, modifyvm, createmedium, storagectl, storageattach, showvminfo, list, guestproperty
 * and controlvm natpf/setlinkstate, with VirtualBox's option names, units and messages.
 */
import { closest } from '../../core/suggest';
import type { Action, StepContext } from '../model/actions';
import type { Refusal } from '../model/reasons';
import type { LabState, Vm } from '../model/types';
import { getSnapshot } from '../model/snapshot-store';
import { vboxMediumPath } from '../model/naming';
import { apply } from '../apply';
import { vboxSettingsFile, type ModifyVmAction, type SetNicAction } from '../../machine/actions';
import { OS_TYPES, osType } from '../../machine/ostypes';
import { BOOT_DEVICES, BUSES, NIC_ATTACHMENTS, type BootDevice, type Bus, type Forward, type NicAttachment } from '../../machine/types';
import { agentRunning } from '../../machine/guest';
import { networkLink } from '../../machine/link';
import { explainRefusal } from '../explain';
import { hint, perform, printed, PROGRESS, refusedWith, type Handled } from './session';
import { parseOptions } from './tokenize';

const err = (text: string): string => `VBoxManage: error: ${text}`;
const usage = (text: string): string => `Usage: VBoxManage ${text}`;

export const CREATEVM_USAGE = 'createvm --name=name [--basefolder=basefolder] [--ostype=ostype] [--register] [--uuid=uuid]';
export const CREATEMEDIUM_USAGE = 'createmedium [disk|dvd|floppy] --filename=filename [--size=megabytes | --sizebyte=bytes] [--format=VDI | VMDK | VHD] [--variant Standard,Fixed,...]';
export const STORAGECTL_USAGE = 'storagectl <uuid|vmname> --name=controller-name [--add=floppy | ide | pcie | sas | sata | scsi | usb | virtio] [--controller=BusLogic | I82078 | ICH6 | IntelAhci | LSILogic | LSILogicSAS | NVMe | PIIX3 | PIIX4 | USB | VirtIO] [--portcount=count] [--bootable=on | off] [--remove]';
export const STORAGEATTACH_USAGE = 'storageattach <uuid|vmname> --storagectl=name [--port=number] [--device=number] [--type=dvddrive | fdd | hdd] [--medium=none | emptydrive | filename | uuid] [--mtype=type]';

/** Every modifyvm option this simulator knows; any other is refused with the closest one. */
export const MODIFYVM_OPTIONS = [
  'name', 'ostype', 'memory', 'cpus', 'vram', 'firmware', 'ioapic', 'graphicscontroller', 'description',
  ...[1, 2, 3, 4].map((n) => `boot${n}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`nic${n}`, `nictype${n}`, `cableconnected${n}`, `natpf${n}`, `nat-localhostreachable${n}`, `bridgeadapter${n}`, `hostonlyadapter${n}`, `intnet${n}`, `nat-network${n}`, `macaddress${n}`]),
];

function onOff(value: string): boolean | null {
  const v = value.toLowerCase();
  return v === 'on' ? true : v === 'off' ? false : null;
}

/** Runs several actions as one command: all or nothing (VBoxManage saves settings once at the end). */
function performAll(lab: LabState, actions: Action[], ctx: StepContext, ok: () => string[], fail: (r: Refusal) => string[]): Handled {
  let state = lab;
  const events = [];
  for (const a of actions) {
    const r = apply(state, a, ctx);
    if (r.refused) return refusedWith(lab, r.refused, fail(r.refused), 1);
    state = r.state;
    events.push(...r.events);
  }
  return { state, output: ok(), events, refused: null, exitCode: 0 };
}

/** Refusals in VirtualBox's words where it has them, otherwise the engine's explanation. */
export function machineRefusalLines(r: Refusal): string[] {
  const p = r.params;
  switch (r.code) {
    case 'VM_NAME_TAKEN':
      return [err(`Machine settings file '${vboxSettingsFile(String(p['name']))}' already exists`)];
    case 'CONTROLLER_NOT_FOUND':
      return [err(`Could not find a controller named '${String(p['controller'])}'`), ...(Array.isArray(p['known']) && p['known'].length ? [hint(`controllers: ${p['known'].join(', ')}`)] : [hint('add one: VBoxManage storagectl VM --name SATA --add sata')])];
    case 'CONTROLLER_EXISTS':
      return [err(`Storage controller named '${String(p['controller'])}' already exists`)];
    case 'MEDIUM_NOT_FOUND':
      return [err(`Could not find file for the medium '${String(p['file'])}' (VERR_FILE_NOT_FOUND)`), hint(explainRefusal(r))];
    case 'MEDIUM_EXISTS':
      return [err(`Failed to create medium`), err(`Could not create the medium storage unit '${String(p['file'])}'.`), err(`VD: The given disk image already exists (VERR_ALREADY_EXISTS)`)];
    case 'SETTINGS_LOCKED':
      return [err(`The machine '${String(p['vm'])}' is already locked for a session (or being unlocked)`), hint(explainRefusal(r))];
    case 'VM_LOCKED':
      return [err(`Cannot unregister the machine '${String(p['vm'])}' while it is locked`), hint(explainRefusal(r))];
    case 'SETTINGS_FILE_NOT_FOUND':
      return [err(`Could not find file '${String(p['file'])}' (VERR_FILE_NOT_FOUND)`), hint(explainRefusal(r))];
    default:
      return [err(explainRefusal(r))];
  }
}

export function createvm(lab: LabState, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['name', 'ostype', 'basefolder', 'uuid', 'groups', 'default', 'platform-architecture']);
  if ('error' in opts) return printed(lab, [err(opts.error), usage(CREATEVM_USAGE)], 2);
  const name = opts.values.get('name');
  if (name === undefined) return printed(lab, [err('Parameter --name is required'), usage(CREATEVM_USAGE)], 2);
  const ostype = opts.values.get('ostype');
  if (ostype !== undefined && !osType(ostype)) {
    const near = closest(ostype, OS_TYPES.map((t) => t.id));
    return printed(lab, [err(`Guest OS type '${ostype}' is invalid`), hint(`${near ? `did you mean "${near}"? ` : ''}see VBoxManage list ostypes`)], 1);
  }
  const register = opts.flags.has('register');
  const extra = [...opts.flags].filter((f) => f !== 'register');
  if (extra.length > 0 || opts.positional.length > 0) return printed(lab, [err(`Invalid parameter '${extra[0] ?? opts.positional[0]}'`), usage(CREATEVM_USAGE)], 2);
  return perform(lab, { type: 'createVm', name, register, ...(ostype ? { ostype } : {}) }, ctx, {
    ok: (_e, next) => {
      const vm = Object.hasOwn(next.vms, name) ? next.vms[name]! : next.unregistered.find((v) => v.name === name)!;
      return [`Virtual machine '${name}' is created${register ? ' and registered' : ''}.`, `UUID: ${vm.uuid}`, `Settings file: '${vboxSettingsFile(name)}'`];
    },
    refused: machineRefusalLines,
  });
}

export function registervm(lab: LabState, args: string[], ctx: StepContext): Handled {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) return printed(lab, [err('Not enough parameters'), usage('registervm <filename>')], 2);
  return perform(lab, { type: 'registerVm', file }, ctx, { ok: () => [], refused: machineRefusalLines });
}

export function unregistervm(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const del = args.includes('--delete') || args.includes('--delete-all');
  return perform(lab, { type: 'unregisterVm', vm: vm.name, deleteMedia: del }, ctx, { ok: () => (del ? [PROGRESS] : []), refused: machineRefusalLines });
}

/** `VBoxManage modifyvm`: every option becomes part of one all-or-nothing change. */
export function modifyvmFull(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const valued = MODIFYVM_OPTIONS;
  // `--natpf<N> delete NAME` takes two words.
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (/^--natpf[1-8]$/.test(args[i]!) && args[i + 1] === 'delete' && args[i + 2] !== undefined) {
      words.push(args[i]!, `delete ${args[i + 2]!}`);
      i += 2;
    } else words.push(args[i]!);
  }
  const opts = parseOptions(words, valued);
  if ('error' in opts) return printed(lab, [err(opts.error)], 2);
  const unknown = [...opts.flags, ...[...opts.values.keys()].filter((k) => !valued.includes(k))];
  if (unknown.length > 0 || opts.positional.length > 0) {
    const bad = unknown[0] ?? opts.positional[0]!;
    const near = closest(bad, valued);
    return printed(lab, [err(`Unknown option: --${bad}`), hint(near ? `did you mean "--${near}"?` : 'see "help modifyvm"')], 2);
  }
  const change: ModifyVmAction = { type: 'modifyVm', vm: vm.name };
  const nics = new Map<number, SetNicAction>();
  const nicOf = (n: number): SetNicAction => {
    if (!nics.has(n)) nics.set(n, { type: 'setNic', vm: vm.name, slot: n });
    return nics.get(n)!;
  };
  const actions: Action[] = [];
  const bad = (text: string): Handled => printed(lab, [err(text)], 1);
  for (const [key, value] of opts.values) {
    const num = Number(value);
    const slot = Number(/(\d)$/.exec(key)?.[1] ?? '0');
    const stem = key.replace(/\d$/, '');
    switch (stem) {
      case 'memory':
        change.memoryMb = num;
        break;
      case 'cpus':
        change.cpus = num;
        break;
      case 'vram':
        change.vramMb = num;
        break;
      case 'name':
        change.name = value;
        break;
      case 'description':
        change.description = value;
        break;
      case 'ostype':
        if (!osType(value)) return bad(`Guest OS type '${value}' is invalid`);
        change.ostype = value;
        break;
      case 'firmware':
        if (!['bios', 'efi', 'efi32', 'efi64'].includes(value.toLowerCase())) return bad(`Invalid --firmware argument '${value}'`);
        change.firmware = value.toLowerCase() === 'bios' ? 'bios' : 'efi';
        break;
      case 'ioapic': {
        const b = onOff(value);
        if (b === null) return bad(`Invalid --ioapic argument '${value}' (use on or off)`);
        change.ioapic = b;
        break;
      }
      case 'graphicscontroller':
        if (!['none', 'vboxvga', 'vmsvga', 'vboxsvga'].includes(value.toLowerCase())) return bad(`Invalid --graphicscontroller argument '${value}'`);
        change.graphics = value.toLowerCase();
        break;
      case 'boot': {
        const device = value.toLowerCase() as BootDevice;
        if (!BOOT_DEVICES.includes(device)) return bad(`Invalid boot device '${value}' (use none, floppy, dvd, disk or net)`);
        (change.boot ??= []).push({ slot, device });
        break;
      }
      case 'nic': {
        const mode = value.toLowerCase() as NicAttachment;
        if (!NIC_ATTACHMENTS.includes(mode)) {
          const near = closest(value, [...NIC_ATTACHMENTS]);
          return bad(`Invalid type '${value}' specfied for NIC ${slot}${near ? ` (did you mean "${near}"?)` : ''}`);
        }
        nicOf(slot).attachment = mode;
        break;
      }
      case 'nictype':
        if (!['Am79C970A', 'Am79C973', '82540EM', '82543GC', '82545EM', 'virtio'].includes(value)) return bad(`Invalid NIC type '${value}' specified for NIC ${slot}`);
        nicOf(slot).model = value;
        break;
      case 'cableconnected': {
        const b = onOff(value);
        if (b === null) return bad(`Invalid --cableconnected${slot} argument '${value}'`);
        nicOf(slot).cable = b;
        break;
      }
      case 'nat-localhostreachable': {
        const b = onOff(value);
        if (b === null) return bad(`Invalid --nat-localhostreachable${slot} argument '${value}'`);
        nicOf(slot).localhostReachable = b;
        break;
      }
      case 'bridgeadapter':
      case 'hostonlyadapter':
      case 'intnet':
      case 'nat-network':
        nicOf(slot).network = value;
        break;
      case 'macaddress':
        if (!/^[0-9a-f]{12}$/i.test(value) && value !== 'auto') return bad(`Invalid MAC address '${value}' (12 hex digits, or auto)`);
        if (value !== 'auto') nicOf(slot).mac = value.toUpperCase();
        break;
      case 'natpf': {
        const pf = parseNatpf(value);
        if ('error' in pf) return bad(pf.error);
        actions.push(pf.delete !== undefined ? { type: 'portForward', vm: vm.name, slot, op: 'delete', name: pf.delete } : { type: 'portForward', vm: vm.name, slot, op: 'add', rule: pf.rule });
        break;
      }
    }
  }
  // The network name options need the matching attachment (e.g. --bridgeadapter1 with --nic1 bridged).
  for (const [slot, a] of nics) {
    const key = (['bridgeadapter', 'hostonlyadapter', 'intnet', 'nat-network'] as const).find((k) => opts.values.has(`${k}${slot}`));
    if (key && a.attachment === undefined) a.attachment = ({ bridgeadapter: 'bridged', hostonlyadapter: 'hostonly', intnet: 'intnet', 'nat-network': 'natnetwork' } as const)[key];
    if (a.attachment === 'intnet' && a.network === undefined) a.network = 'intnet';
    if (a.attachment === 'hostonly' && a.network === undefined) return bad(`--hostonlyadapter${slot} is required with --nic${slot} hostonly (VBoxManage list hostonlyifs shows the interfaces)`);
    if (a.attachment === 'bridged' && a.network === undefined) return bad(`--bridgeadapter${slot} is required with --nic${slot} bridged (the host's interfaces: ${lab.host.interfaces.join(', ')})`);
  }
  const hwKeys = Object.keys(change).filter((k) => k !== 'type' && k !== 'vm');
  const list: Action[] = [...(hwKeys.length > 0 ? [change] : []), ...nics.values(), ...actions];
  if (list.length === 0) return printed(lab, [err('Not enough parameters'), usage('modifyvm <uuid|vmname> [--memory=MB] [--cpus=N] [--boot1=disk] [--nic1=nat] …')], 2);
  return performAll(lab, list, ctx, () => [], machineRefusalLines);
}

/** `name,proto,hostip,hostport,guestip,guestport` or `delete name` (the value after --natpfN). */
export function parseNatpf(value: string): { rule: Forward; delete?: undefined } | { delete: string } | { error: string } {
  const trimmed = value.trim();
  if (trimmed.startsWith('delete')) {
    const name = trimmed.slice('delete'.length).trim();
    return name ? { delete: name } : { error: 'Missing rule name after "delete"' };
  }
  const parts = trimmed.split(',');
  if (parts.length !== 6) return { error: `Invalid NAT rule '${value}': expected name,tcp|udp,hostip,hostport,guestip,guestport` };
  const [name, proto, hostIp, hostPort, guestIp, guestPort] = parts.map((p) => p.trim()) as [string, string, string, string, string, string];
  if (proto !== 'tcp' && proto !== 'udp') return { error: `Invalid NAT rule protocol '${proto}' (tcp or udp)` };
  const hp = Number(hostPort);
  const gp = Number(guestPort);
  if (!Number.isInteger(hp) || hp < 1 || hp > 65535 || !Number.isInteger(gp) || gp < 1 || gp > 65535) return { error: `Invalid port in NAT rule '${value}' (1-65535)` };
  return { rule: { name: name || `${proto}_${hp}_${gp}`, protocol: proto, hostIp, hostPort: hp, guestIp, guestPort: gp } };
}

export function createmedium(lab: LabState, args: string[], ctx: StepContext): Handled {
  const words = ['disk', 'dvd', 'floppy'].includes(args[0] ?? '') ? args.slice(1) : args;
  const kind = ['dvd', 'floppy'].includes(args[0] ?? '') ? args[0] : 'disk';
  const opts = parseOptions(words, ['filename', 'size', 'sizebyte', 'format', 'variant', 'diffparent']);
  if ('error' in opts) return printed(lab, [err(opts.error), usage(CREATEMEDIUM_USAGE)], 2);
  if (kind !== 'disk') return printed(lab, [err(`Creating ${kind} images is not modelled here`), hint('create a hard disk: VBoxManage createmedium disk --filename FILE --size MB')], 1);
  const filename = opts.values.get('filename');
  if (!filename) return printed(lab, [err('Parameters --filename is required'), usage(CREATEMEDIUM_USAGE)], 2);
  const sizeText = opts.values.get('size') ?? (opts.values.has('sizebyte') ? String(Math.ceil(Number(opts.values.get('sizebyte')) / 1048576)) : undefined);
  if (sizeText === undefined) return printed(lab, [err('Parameter --size is required'), usage(CREATEMEDIUM_USAGE)], 2);
  const size = Number(sizeText);
  if (!Number.isInteger(size) || size < 1) return printed(lab, [err(`Invalid size '${sizeText}': the size is in megabytes (MB), e.g. --size 20480 for 20 GB`)], 2);
  const format = (opts.values.get('format') ?? 'VDI').toUpperCase();
  if (!['VDI', 'VMDK', 'VHD'].includes(format)) return printed(lab, [err(`Invalid format '${format}' (VDI, VMDK or VHD)`)], 2);
  const variantText = (opts.values.get('variant') ?? 'Standard').toLowerCase();
  const variant = variantText.split(',').includes('fixed') ? 'Fixed' : 'Standard';
  const ext = `.${format.toLowerCase()}`;
  const withExt = /\.[a-z]{3,4}$/i.test(filename) ? filename : `${filename}${ext}`;
  const location = withExt.startsWith('/') ? withExt : `/root/${withExt}`;
  return perform(lab, { type: 'createMedium', location, sizeMb: size, format, variant }, ctx, {
    ok: (events) => [PROGRESS, `Medium created. UUID: ${String(events[0]?.params['uuid'] ?? '')}`],
    refused: machineRefusalLines,
  });
}

export function storagectl(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['name', 'add', 'controller', 'portcount', 'bootable', 'hostiocache']);
  if ('error' in opts) return printed(lab, [err(opts.error), usage(STORAGECTL_USAGE)], 2);
  const name = opts.values.get('name');
  if (!name) return printed(lab, [err('Storage controller name not specified'), usage(STORAGECTL_USAGE)], 2);
  const add = opts.values.get('add')?.toLowerCase();
  if (add !== undefined && !BUSES.includes(add as Bus)) {
    const near = closest(add, [...BUSES]);
    return printed(lab, [err(`Invalid --add argument '${add}'`), ...(near ? [hint(`did you mean "${near}"?`)] : [])], 1);
  }
  const ctlText = opts.values.get('controller');
  const controller = ctlText === undefined ? undefined : canonicalController(ctlText);
  if (ctlText !== undefined && controller === undefined) return printed(lab, [err(`Invalid --controller argument '${ctlText}'`)], 1);
  const portText = opts.values.get('portcount');
  const bootText = opts.values.get('bootable');
  const bootable = bootText === undefined ? undefined : onOff(bootText);
  if (bootable === null) return printed(lab, [err(`Invalid --bootable argument '${bootText}' (on or off)`)], 1);
  return perform(
    lab,
    {
      type: 'storageCtl',
      vm: vm.name,
      name,
      ...(add ? { bus: add as Bus } : {}),
      ...(controller ? { controller } : {}),
      ...(portText !== undefined ? { portCount: Number(portText) } : {}),
      ...(bootable !== undefined ? { bootable } : {}),
      ...(opts.flags.has('remove') ? { remove: true } : {}),
    },
    ctx,
    { ok: () => [], refused: machineRefusalLines },
  );
}

const CONTROLLER_NAMES = ['PIIX3', 'PIIX4', 'ICH6', 'IntelAhci', 'LsiLogic', 'BusLogic', 'LsiLogicSas', 'I82078', 'USB', 'NVMe', 'VirtIO'];
function canonicalController(text: string): string | undefined {
  return CONTROLLER_NAMES.find((c) => c.toLowerCase() === text.toLowerCase());
}

/** `storageattach`: attach, replace or remove a device (the `--mtype`-only form stays in vbox-media.ts). */
export function storageattachMachine(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const opts = parseOptions(args, ['storagectl', 'port', 'device', 'type', 'medium', 'mtype', 'comment', 'hotpluggable', 'nonrotational', 'discard']);
  if ('error' in opts) return printed(lab, [err(opts.error), usage(STORAGEATTACH_USAGE)], 2);
  const ctl = opts.values.get('storagectl');
  if (ctl === undefined) return printed(lab, [err('Storage controller name not specified'), usage(STORAGEATTACH_USAGE)], 2);
  const port = Number(opts.values.get('port') ?? '0');
  const device = Number(opts.values.get('device') ?? '0');
  const medium = opts.values.get('medium');
  if (medium === undefined) return printed(lab, [err('Missing --medium argument'), usage(STORAGEATTACH_USAGE)], 2);
  const typeText = opts.values.get('type')?.toLowerCase();
  if (typeText !== undefined && typeText !== 'hdd' && typeText !== 'dvddrive') {
    return printed(lab, [err(`Invalid --type argument '${typeText}'`), hint('use --type hdd for a disk image, --type dvddrive for an ISO')], 2);
  }
  const lower = medium.toLowerCase();
  return perform(
    lab,
    {
      type: 'storageAttach',
      vm: vm.name,
      controller: ctl,
      port,
      device,
      ...(typeText ? { deviceType: typeText as 'hdd' | 'dvddrive' } : {}),
      medium: lower === 'none' || lower === 'emptydrive' ? lower : medium.startsWith('/') || medium.includes(':') ? medium : resolveMedium(lab, medium),
    },
    ctx,
    { ok: () => [], refused: machineRefusalLines },
  );
}

/** A bare file name is looked for in the registry, then in the working directory (/root). */
function resolveMedium(lab: LabState, name: string): string {
  const hit = lab.media.find((m) => m.uuid === name || m.location === name || m.location.endsWith(`/${name}`));
  if (hit) return hit.location;
  const file = lab.host.files.find((f) => f.path.endsWith(`/${name}`));
  return file ? file.path : `/root/${name}`;
}

const STATE_WORD: Record<Vm['power'], string> = { running: 'running', paused: 'paused', saved: 'saved', poweroff: 'powered off' };
const MR_STATE: Record<Vm['power'], string> = { running: 'running', paused: 'paused', saved: 'saved', poweroff: 'poweroff' };
const NIC_WORD: Record<NicAttachment, string> = { none: 'none', null: 'null', nat: 'nat', natnetwork: 'natnetwork', bridged: 'bridged', intnet: 'intnet', hostonly: 'hostonly', generic: 'generic' };

function mediumLocation(lab: LabState, vm: Vm, uuid: string | null): string {
  if (uuid === null) return 'emptydrive';
  const m = lab.media.find((x) => x.uuid === uuid);
  return m ? vboxMediumPath(vm.name, m.location) : uuid;
}

/** `showvminfo` (SPEC K11): the details pane's facts; `--machinereadable` as key="value" lines. */
export function showvminfo(lab: LabState, vm: Vm, args: string[]): Handled {
  const machine = args.includes('--machinereadable');
  const hw = vm.hw;
  const ost = osType(hw.ostype);
  if (machine) {
    const lines = [
      `name="${vm.name}"`,
      `groups="/"`,
      `ostype="${ost?.description ?? hw.ostype}"`,
      `UUID="${vm.uuid}"`,
      `CfgFile="${vboxSettingsFile(vm.name)}"`,
      `SnapFldr="/root/VirtualBox VMs/${vm.name}/Snapshots"`,
      `memory=${vm.settings.memoryMb}`,
      `vram=${hw.vramMb}`,
      `cpus=${vm.settings.cpus}`,
      `firmware="${hw.firmware === 'efi' ? 'EFI' : 'BIOS'}"`,
      `ioapic="${hw.ioapic ? 'on' : 'off'}"`,
      `graphicscontroller="${hw.graphics}"`,
      ...hw.boot.map((d, i) => `boot${i + 1}="${d}"`),
      `VMState="${MR_STATE[vm.power]}"`,
    ];
    hw.controllers.forEach((c, i) => {
      lines.push(
        `storagecontrollername${i}="${c.name}"`,
        `storagecontrollertype${i}="${c.type}"`,
        `storagecontrollerportcount${i}="${c.portCount}"`,
        `storagecontrollerbootable${i}="${c.bootable ? 'on' : 'off'}"`,
      );
      for (const a of hw.attachments.filter((x) => x.controller === c.name).sort((x, y) => x.port - y.port || x.device - y.device)) {
        lines.push(`"${c.name}-${a.port}-${a.device}"="${mediumLocation(lab, vm, a.medium)}"`);
        if (a.medium !== null) lines.push(`"${c.name}-ImageUUID-${a.port}-${a.device}"="${a.medium}"`);
      }
    });
    for (let slot = 1; slot <= 8; slot++) {
      const n = hw.nics.find((x) => x.slot === slot);
      if (!n) {
        lines.push(`nic${slot}="none"`);
        continue;
      }
      if (n.attachment === 'nat') lines.push(`natnet${slot}="nat"`);
      lines.push(`macaddress${slot}="${n.mac.replace(/:/g, '')}"`, `cableconnected${slot}="${n.cable ? 'on' : 'off'}"`, `nic${slot}="${NIC_WORD[n.attachment]}"`);
      if (n.attachment === 'bridged') lines.push(`bridgeadapter${slot}="${n.network ?? ''}"`);
      if (n.attachment === 'hostonly') lines.push(`hostonlyadapter${slot}="${n.network ?? ''}"`);
      if (n.attachment === 'intnet') lines.push(`intnet${slot}="${n.network ?? 'intnet'}"`);
      if (n.attachment === 'natnetwork') lines.push(`nat-network${slot}="${n.network ?? ''}"`);
      lines.push(`nictype${slot}="${n.model}"`);
      n.forwards.forEach((f, i) => lines.push(`Forwarding(${i})="${f.name},${f.protocol},${f.hostIp},${f.hostPort},${f.guestIp},${f.guestPort}"`));
    }
    const current = vm.current ? getSnapshot(vm, vm.current) : undefined;
    if (current) lines.push(`CurrentSnapshotName="${current.name}"`, `CurrentSnapshotUUID="${current.uuid}"`);
    return printed(lab, lines);
  }
  const lines = [
    `Name:                        ${vm.name}`,
    `Guest OS:                    ${ost?.description ?? hw.ostype}`,
    `UUID:                        ${vm.uuid}`,
    `Config file:                 ${vboxSettingsFile(vm.name)}`,
    `Memory size:                 ${vm.settings.memoryMb}MB`,
    `VRAM size:                   ${hw.vramMb}MB`,
    `Number of CPUs:              ${vm.settings.cpus}`,
    `Firmware:                    ${hw.firmware === 'efi' ? 'EFI' : 'BIOS'}`,
    `IOAPIC:                      ${hw.ioapic ? 'enabled' : 'disabled'}`,
    `Graphics Controller:         ${hw.graphics.toUpperCase()}`,
    ...hw.boot.map((d, i) => `${`Boot Device ${i + 1}:`.padEnd(29)}${d === 'dvd' ? 'DVD' : d === 'disk' ? 'HardDisk' : d === 'net' ? 'Network' : d === 'floppy' ? 'Floppy' : 'Not Assigned'}`),
    `State:                       ${STATE_WORD[vm.power]}`,
    'Storage Controllers:',
  ];
  if (hw.controllers.length === 0) lines.push('  <none>');
  hw.controllers.forEach((c, i) => {
    lines.push(`#${i}: '${c.name}', Type: ${c.type}, Instance: 0, Ports: ${c.portCount} (max ${c.portCount}), Bootable`.replace(', Bootable', c.bootable ? ', Bootable' : ''));
    for (const a of hw.attachments.filter((x) => x.controller === c.name).sort((x, y) => x.port - y.port || x.device - y.device)) {
      const where = `  Port ${a.port}, Unit ${a.device}:`.padEnd(19);
      lines.push(a.medium === null ? `${where}Empty` : `${where}UUID: ${a.medium}`, ...(a.medium === null ? [] : [`${' '.repeat(19)}Location: "${mediumLocation(lab, vm, a.medium)}"`]));
    }
  });
  for (let slot = 1; slot <= 8; slot++) {
    const n = hw.nics.find((x) => x.slot === slot);
    if (!n) {
      lines.push(`${`NIC ${slot}:`.padEnd(29)}disabled`);
      continue;
    }
    const att = n.attachment === 'nat' ? 'NAT' : n.attachment === 'bridged' ? `Bridged Interface '${n.network ?? ''}'` : n.attachment === 'hostonly' ? `Host-only Interface '${n.network ?? ''}'` : n.attachment === 'intnet' ? `Internal Network '${n.network ?? 'intnet'}'` : n.attachment === 'natnetwork' ? `NAT Network '${n.network ?? ''}'` : n.attachment === 'generic' ? 'Generic' : 'none';
    lines.push(`${`NIC ${slot}:`.padEnd(29)}MAC: ${n.mac.replace(/:/g, '')}, Attachment: ${att}, Cable connected: ${n.cable ? 'on' : 'off'}, Type: ${n.model}`);
    n.forwards.forEach((f, i) => lines.push(`${`NIC ${slot} Rule(${i}):`.padEnd(29)}name = ${f.name}, protocol = ${f.protocol}, host ip = ${f.hostIp}, host port = ${f.hostPort}, guest ip = ${f.guestIp}, guest port = ${f.guestPort}`));
  }
  if (vm.linkedFrom) lines.push(`Linked clone of:             ${vm.linkedFrom.vm}`);
  if (vm.disk.lost) lines.push('Disk:                        inaccessible (base image lost)');
  return printed(lab, lines);
}

/** `list ostypes | hostonlyifs | natnetworks | dvds` (the other lists stay in vboxmanage.ts). */
export function listMore(lab: LabState, what: string): Handled | null {
  if (what === 'ostypes') {
    return printed(lab, OS_TYPES.flatMap((t) => [`ID:          ${t.id}`, `Description: ${t.description}`, `Family ID:   ${t.familyId}`, `Family Desc: ${t.familyDescription}`, `64 bit:      ${t.is64Bit}`, '']));
  }
  if (what === 'hostonlyifs') {
    return printed(
      lab,
      lab.host.hostOnly.flatMap((h) => [
        `Name:            ${h.name}`,
        `DHCP:            ${h.dhcp ? 'Enabled' : 'Disabled'}`,
        `IPAddress:       ${h.hostAddress}`,
        `NetworkMask:     ${maskOf(h.cidr)}`,
        `Status:          Up`,
        `VBoxNetworkName: HostInterfaceNetworking-${h.name}`,
        '',
      ]),
    );
  }
  if (what === 'natnetworks') {
    return printed(
      lab,
      lab.host.networks.flatMap((n) => [`NetworkName:    ${n.name}`, `IP:             ${n.cidr.split('/')[0]!.replace(/\d+$/, '1')}`, `Network:        ${n.cidr}`, `IPv6 Enabled:   No`, `DHCP Enabled:   Yes`, `Enabled:        ${n.active ? 'Yes' : 'No'}`, '']),
    );
  }
  if (what === 'dvds') {
    return printed(lab, lab.media.filter((m) => m.kind === 'dvd').flatMap((m) => [`UUID:           ${m.uuid}`, `State:          created`, `Type:           readonly`, `Location:       ${m.location}`, `Storage format: RAW`, '']));
  }
  return null;
}

function maskOf(cidr: string): string {
  const bits = Number(cidr.split('/')[1] ?? 24);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');
}

/**
 * `guestproperty get|enumerate` (SPEC M19): the Guest Additions' service in the running guest
 * publishes its OS and network facts; without it VirtualBox has "No value set!".
 */
export function guestproperty(lab: LabState, vm: Vm, args: string[]): Handled {
  const sub = args[0];
  const props = agentRunning(lab, vm) ? guestProperties(lab, vm) : [];
  if (sub === 'get') {
    const key = args[1];
    if (!key) return printed(lab, [err('Not enough parameters'), usage('guestproperty get <uuid|vmname> <property> [--verbose]')], 2);
    const hit = props.find(([k]) => k === key);
    return hit
      ? printed(lab, [`Value: ${hit[1]}`])
      : printed(lab, ['No value set!', ...(props.length === 0 ? [hint(agentHint(vm))] : [])], 1);
  }
  if (sub === 'enumerate') {
    if (props.length === 0) return printed(lab, [hint(agentHint(vm))]);
    const pattern = args[1] && !args[1].startsWith('-') ? args[1] : null;
    const re = pattern ? new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`) : null;
    return printed(lab, props.filter(([k]) => !re || re.test(k)).map(([k, v]) => `${k.padEnd(40)} = '${v}'`));
  }
  return printed(lab, [err(`Invalid parameter '${sub ?? ''}'`), usage('guestproperty get|enumerate|set|delete|wait <uuid|vmname> …')], 2);
}

function agentHint(vm: Vm): string {
  if (vm.power !== 'running') return `${vm.name} is not running: guest properties come from the running guest`;
  if (vm.runtime?.panic) return `${vm.name} has not booted an installed system, so nothing in it reports properties`;
  return `the Guest Additions service is not running in ${vm.name} (install virtualbox-guest-utils in the guest)`;
}

function guestProperties(lab: LabState, vm: Vm): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['/VirtualBox/GuestInfo/OS/Product', 'Linux'],
    ['/VirtualBox/GuestInfo/OS/Release', '6.1.0-21-amd64'],
    ['/VirtualBox/GuestAdd/Version', '7.0.20'],
  ];
  const addrs = networkLink().guestAddresses(lab, vm.name).filter((a) => a.address !== null);
  out.push(['/VirtualBox/GuestInfo/Net/Count', String(addrs.length)]);
  addrs.forEach((a, i) => {
    out.push([`/VirtualBox/GuestInfo/Net/${i}/V4/IP`, a.address!], [`/VirtualBox/GuestInfo/Net/${i}/MAC`, a.mac.replace(/:/g, '').toUpperCase()], [`/VirtualBox/GuestInfo/Net/${i}/Status`, 'Up']);
  });
  return out;
}

/** `controlvm VM natpf<N> …` and `setlinkstate<N> on|off`: the NIC settings a running VM accepts. */
export function controlvmNic(lab: LabState, vm: Vm, sub: string, args: string[], ctx: StepContext): Handled | null {
  const m = /^(natpf|setlinkstate)([1-8])$/.exec(sub);
  if (!m) return null;
  const slot = Number(m[2]);
  if (vm.power !== 'running' && vm.power !== 'paused') return printed(lab, [err(`Machine '${vm.name}' is not currently running.`)], 1);
  if (m[1] === 'setlinkstate') {
    const b = onOff(args[0] ?? '');
    if (b === null) return printed(lab, [err(`Invalid link state '${args[0] ?? ''}' (on or off)`)], 2);
    return perform(lab, { type: 'setNic', vm: vm.name, slot, cable: b, live: true }, ctx, { ok: () => [], refused: machineRefusalLines });
  }
  const value = args.join(' ');
  const pf = parseNatpf(value);
  if ('error' in pf) return printed(lab, [err(pf.error)], 2);
  const action: Action = pf.delete !== undefined ? { type: 'portForward', vm: vm.name, slot, op: 'delete', name: pf.delete, live: true } : { type: 'portForward', vm: vm.name, slot, op: 'add', rule: pf.rule, live: true };
  return perform(lab, action, ctx, { ok: () => [], refused: machineRefusalLines });
}
