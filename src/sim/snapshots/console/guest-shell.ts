import { blockContent, blockSize } from '../disk/blocks';
import { formatBytes } from '../explain';
import { isDirectory, isFile, listDirectory, resolvePath } from '../guest/fs';
import type { StepContext } from '../model/actions';
import type { LabState, Vm } from '../model/types';
import { apt, dpkg } from './guest-apt';
import { curl, nginxCommand, serviceFailureExit, systemctl } from './guest-systemctl';
import { hint, perform, printed, type Handled } from './session';
import type { ParsedCommand } from './tokenize';
import { parseSize } from '../scenario/units';
import { diskIndexOf } from '../disk/layout';
import { guestDevice } from '../model/naming';

/** Commands typed into the guest's shell (root on a Debian 12 VM), SPEC K5. */

export const GUEST_COMMANDS = [
  'apt',
  'apt-get',
  'dpkg',
  'systemctl',
  'service',
  'nginx',
  'curl',
  'cat',
  'ls',
  'echo',
  'sed',
  'rm',
  'touch',
  'fallocate',
  'df',
  'free',
  'nproc',
  'hostname',
  'uname',
  'reboot',
  'poweroff',
  'shutdown',
];

export function guestCommand(lab: LabState, vm: Vm, cmd: ParsedCommand, ctx: StepContext): Handled {
  const [name, ...args] = cmd.words;
  switch (name) {
    case 'apt':
    case 'apt-get': {
      const h = apt(lab, vm, args, ctx);
      return h.events.some((e) => e.code === 'SERVICE_FAILED') ? { ...h, exitCode: 100 } : h;
    }
    case 'dpkg':
      return dpkg(lab, vm, args);
    case 'systemctl':
      return serviceFailureExit(systemctl(lab, vm, args, ctx));
    case 'service':
      return serviceFailureExit(systemctl(lab, vm, [args[1] ?? '', args[0] ?? ''], ctx));
    case 'nginx':
      return nginxCommand(lab, vm, args);
    case 'curl':
      return curl(lab, vm, args);
    case 'cat':
      return cat(lab, vm, args);
    case 'ls':
      return ls(lab, vm, args);
    case 'echo':
      return echo(lab, vm, args, cmd.redirect, ctx);
    case 'sed':
      return sed(lab, vm, args, ctx);
    case 'rm':
      return rm(lab, vm, args, ctx);
    case 'touch': {
      const path = args.find((a) => !a.startsWith('-'));
      if (!path) return printed(lab, ['touch: missing file operand'], 1);
      if (isFile(vm.disk.files, resolvePath(path))) return printed(lab, []);
      return perform(lab, { type: 'guest', vm: vm.name, guest: { op: 'write', path, content: '' } }, ctx, { ok: () => [], refused: () => [`touch: cannot touch '${path}': Is a directory`] });
    }
    case 'fallocate':
      return fallocate(lab, vm, args, ctx);
    case 'df': {
      // One line per disk: what the guest sees on it, whatever the host keeps in layers.
      const used = vm.disks.map(() => 0);
      for (const [path, id] of Object.entries(vm.disk.files)) used[diskIndexOf(vm.disks, path)]! += blockSize(lab.store, id);
      const h = (b: number): string => formatBytes(b).replace(/ (\w)B$/, '$1').replace(' bytes', 'B');
      return printed(lab, [
        'Filesystem      Size  Used Avail Use% Mounted on',
        ...vm.disks.map((d, i) => {
          const u = used[i]!;
          const size = d.capacity;
          return `${`${guestDevice(lab.platform, i)}1`.padEnd(15)} ${h(size).padStart(4)} ${h(u).padStart(5)} ${h(Math.max(0, size - u)).padStart(5)} ${String(size === 0 ? 100 : Math.min(100, Math.ceil((u / size) * 100))).padStart(3)}% ${d.mount}`;
        }),
      ]);
    }
    case 'free': {
      const total = vm.runtime!.booted.memoryMb;
      const used = Math.min(total, 180 + 60 * Object.values(vm.runtime!.services).filter((s) => s.status === 'active').length);
      return printed(lab, [
        '               total        used        free      shared  buff/cache   available',
        `Mem:    ${String(total).padStart(12)} ${String(used).padStart(11)} ${String(total - used).padStart(11)} ${'1'.padStart(11)} ${'0'.padStart(11)} ${String(total - used).padStart(11)}`,
        `Swap:   ${'0'.padStart(12)} ${'0'.padStart(11)} ${'0'.padStart(11)}`,
      ]);
    }
    case 'nproc':
      return printed(lab, [String(vm.runtime!.booted.cpus)]);
    case 'hostname': {
      const id = vm.disk.files['/etc/hostname'];
      return printed(lab, [id ? blockContent(lab.store, id).trim() : '(none)']);
    }
    case 'uname':
      return printed(lab, [args.includes('-a') ? `Linux ${vm.name} 6.1.0-21-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 x86_64 GNU/Linux` : args.includes('-r') ? '6.1.0-21-amd64' : 'Linux']);
    case 'reboot':
      return perform(lab, { type: 'power', vm: vm.name, op: 'reboot' }, ctx, { ok: () => [`Connection to ${vm.name} closed by remote host.`], refused: () => [] });
    case 'poweroff':
      return perform(lab, { type: 'power', vm: vm.name, op: 'shutdown' }, ctx, { ok: () => [`Connection to ${vm.name} closed by remote host.`], refused: () => [] });
    default: {
      const op = args.includes('-r') ? 'reboot' : 'shutdown';
      return perform(lab, { type: 'power', vm: vm.name, op }, ctx, { ok: () => [`Connection to ${vm.name} closed by remote host.`], refused: () => [] });
    }
  }
}

function cat(lab: LabState, vm: Vm, args: string[]): Handled {
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) return printed(lab, [hint('cat needs a file name, e.g. cat /etc/nginx/nginx.conf')], 1);
  const lines: string[] = [];
  let exit = 0;
  for (const p of paths) {
    const abs = resolvePath(p);
    const id = vm.disk.files[abs];
    if (id !== undefined) lines.push(...blockContent(lab.store, id).replace(/\n$/, '').split('\n'));
    else {
      lines.push(isDirectory(vm.disk.files, abs) ? `cat: ${p}: Is a directory` : `cat: ${p}: No such file or directory`);
      exit = 1;
    }
  }
  return printed(lab, lines, exit);
}

function ls(lab: LabState, vm: Vm, args: string[]): Handled {
  const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  const targets = paths.length === 0 ? ['/root'] : paths;
  const lines: string[] = [];
  let exit = 0;
  for (const t of targets) {
    const abs = resolvePath(t);
    if (isFile(vm.disk.files, abs)) {
      lines.push(long ? longLine(lab, vm, abs, t) : t);
    } else if (isDirectory(vm.disk.files, abs)) {
      if (targets.length > 1) lines.push(`${t}:`);
      const entries = listDirectory(vm.disk.files, abs);
      if (long) lines.push(...entries.map((e) => (e.directory ? `drwxr-xr-x 2 root root ${'4096'.padStart(10)} ${e.name}` : longLine(lab, vm, `${abs === '/' ? '' : abs}/${e.name}`, e.name))));
      else if (entries.length > 0) lines.push(entries.map((e) => e.name).join('  '));
    } else if (abs === '/root') {
      continue;
    } else {
      lines.push(`ls: cannot access '${t}': No such file or directory`);
      exit = 2;
    }
  }
  return printed(lab, lines, exit);
}

function longLine(lab: LabState, vm: Vm, abs: string, shown: string): string {
  const id = vm.disk.files[abs]!;
  const exec = blockContent(lab.store, id).startsWith('\u007fELF');
  return `${exec ? '-rwxr-xr-x' : '-rw-r--r--'} 1 root root ${String(blockSize(lab.store, id)).padStart(10)} ${shown}`;
}

function echo(lab: LabState, vm: Vm, args: string[], redirect: ParsedCommand['redirect'], ctx: StepContext): Handled {
  const noNewline = args[0] === '-n';
  const text = (noNewline ? args.slice(1) : args).join(' ');
  if (!redirect) return printed(lab, [text]);
  const content = noNewline ? text : `${text}\n`;
  return perform(
    lab,
    { type: 'guest', vm: vm.name, guest: { op: 'write', path: redirect.path, content, append: redirect.append } },
    ctx,
    { ok: () => [], refused: () => [`bash: ${redirect.path}: Is a directory`] },
  );
}

/** `sed [-i] 's/find/replace/[g]' FILE`; without -i the result is printed, not written. */
function sed(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const inPlace = args.some((a) => a === '-i' || a.startsWith('-i'));
  const rest = args.filter((a) => !a.startsWith('-'));
  const [script, file] = rest;
  const parsed = script ? parseSubstitution(script) : null;
  if (!parsed) return printed(lab, [`sed: -e expression #1, char ${script?.length ?? 0}: unknown command: \`${script?.[0] ?? ''}'`, hint("sed -i 's/old text/new text/' /etc/nginx/nginx.conf")], 1);
  if (!file) return printed(lab, [hint('sed needs a file name')], 1);
  const abs = resolvePath(file);
  if (!isFile(vm.disk.files, abs)) return printed(lab, [`sed: can't read ${file}: No such file or directory`], 2);
  if (!inPlace) {
    const re = new RegExp(parsed.search, parsed.all ? 'g' : '');
    return printed(lab, blockContent(lab.store, vm.disk.files[abs]!).replace(/\n$/, '').split('\n').map((l) => l.replace(re, parsed.replacement)));
  }
  return perform(lab, { type: 'guest', vm: vm.name, guest: { op: 'replace', path: abs, search: parsed.search, replacement: parsed.replacement, all: parsed.all } }, ctx, {
    ok: () => [],
    refused: () => [`sed: couldn't edit ${file}: not a regular file`],
  });
}

function parseSubstitution(script: string): { search: string; replacement: string; all: boolean } | null {
  if (script[0] !== 's' || script.length < 4) return null;
  const delim = script[1]!;
  const parts: string[] = [];
  let cur = '';
  for (let i = 2; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (c === delim) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  if (parts.length !== 3) return null;
  try {
    new RegExp(parts[0]!);
  } catch {
    return null;
  }
  return { search: parts[0]!, replacement: parts[1]!.replace(/\\n/g, '\n'), all: parts[2]!.includes('g') };
}

function rm(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const shortFlags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const recursive = /[rR]/.test(shortFlags) || args.includes('--recursive');
  const force = shortFlags.includes('f') || args.includes('--force');
  const noPreserveRoot = args.includes('--no-preserve-root');
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) return printed(lab, ['rm: missing operand'], 1);
  let state = lab;
  const output: string[] = [];
  const events: Handled['events'] = [];
  let refused: Handled['refused'] = null;
  let exit = 0;
  for (const path of paths) {
    const h = perform(state, { type: 'guest', vm: vm.name, guest: { op: 'remove', path, recursive, force, noPreserveRoot } }, ctx, {
      ok: () => [],
      refused: (r) =>
        r.code === 'PRESERVE_ROOT'
          ? ["rm: it is dangerous to operate recursively on '/'", 'rm: use --no-preserve-root to override this failsafe']
          : r.code === 'IS_A_DIRECTORY'
            ? [`rm: cannot remove '${path}': Is a directory`]
            : [`rm: cannot remove '${path}': No such file or directory`],
    });
    state = h.state;
    output.push(...h.output);
    events.push(...h.events);
    if (h.exitCode !== 0) exit = 1;
    refused ??= h.refused;
  }
  return { state, output, events, refused, exitCode: exit };
}

function fallocate(lab: LabState, vm: Vm, args: string[], ctx: StepContext): Handled {
  const i = args.indexOf('-l');
  const sizeText = i === -1 ? undefined : args[i + 1];
  const path = args.filter((a, j) => !a.startsWith('-') && j !== i + 1)[0];
  if (!sizeText || !path || !/^\d+(\.\d+)?\s*[KMGT]?B?$/i.test(sizeText)) {
    return printed(lab, ['fallocate: no length argument specified', hint('fallocate -l 500M /var/lib/app/data.bin')], 1);
  }
  const size = parseSize(sizeText);
  return perform(lab, { type: 'guest', vm: vm.name, guest: { op: 'write', path, content: `(${formatBytes(size)} of data)`, size } }, ctx, {
    ok: () => [],
    refused: () => [`fallocate: cannot open ${path}: Is a directory`],
  });
}
